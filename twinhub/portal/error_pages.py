"""The platform's own error pages (403, 404, 500) in the visitor's language and the site layout,
and /favicon.ico, which browsers ask for at the root whatever the page says."""

import logging

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponseServerError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token

from twinhub.core.pages import explains_refusals

logger = logging.getLogger(__name__)


@requires_csrf_token
def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """An expired or missing form token: the same 403 page (CSRF_FAILURE_VIEW)."""
    return forbidden(request)


@requires_csrf_token
def not_found(request, exception=None):
    return render(request, "404.html", {"path": request.path}, status=404)


@requires_csrf_token
def server_error(request):
    """The layout needs the database (the menu): when that is what failed, a plain page says the same."""
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the error page itself must not fail
        logger.exception("the 500 page could not use the layout")
        title = _("Something went wrong")
        text = _("The error has been recorded. Please try again in a few minutes.")
        return HttpResponseServerError(f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{text}</p>")


@explains_refusals
@cache_control(max_age=86400, public=True)
def favicon(request):
    path = finders.find("img/favicon.ico")
    if path is None:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/x-icon")
