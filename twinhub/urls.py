from django.contrib import admin
from django.urls import include, path

from twinhub.api.urls import api
from twinhub.core import health, metrics
from twinhub.portal import error_pages

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
    path("", include("twinhub.events.urls")),
    path("", include("twinhub.groups.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("favicon.ico", error_pages.favicon, name="favicon"),
    # ops (decision 16): liveness, readiness, Prometheus metrics (/metrics: keep it off the public proxy).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="prometheus-django-metrics"),
]

# ux (issue 13): the platform's own error pages, in the layout and the visitor's language.
handler403 = "twinhub.portal.error_pages.forbidden"
handler404 = "twinhub.portal.error_pages.not_found"
handler500 = "twinhub.portal.error_pages.server_error"
