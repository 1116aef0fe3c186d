"""TwinHub's URLs and the bare baseline view of bench/cluster.py."""

from django.http import HttpResponse
from django.urls import path

from twinhub.urls import urlpatterns as twinhub_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *twinhub_urlpatterns]
