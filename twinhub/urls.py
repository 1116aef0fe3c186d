from django.contrib import admin
from django.urls import include, path

from twinhub.api.urls import api

urlpatterns = [
    path("", include("twinhub.accounts.urls")),
    path("", include("twinhub.portal.urls")),
    path("", include("twinhub.schools.urls")),
    path("", include("twinhub.staff.urls")),
    path("", include("twinhub.contacts.urls")),
    path("", include("twinhub.projects.urls")),
    path("", include("twinhub.twinspace.urls")),
    path("", include("twinhub.labels.urls")),
    path("", include("twinhub.legacy.urls")),
    path("", include("twinhub.helpcentre.urls")),
    path("", include("twinhub.groups.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
