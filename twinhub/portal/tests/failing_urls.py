"""The site's URLs plus one page that fails, to see the 500 page (not a test module)."""

from django.urls import path

from twinhub.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def _fails(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fails/", _fails), *urlpatterns]
