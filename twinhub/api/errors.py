"""Every API error is JSON `{"code": "...", "message": "..."}`, the message in the request's
language. Domain refusals keep their own code and status."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from twinhub.core.errors import ApplicationError


def install(api) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        return api.create_response(request, exc.refusal.as_dict(), status=exc.refusal.status)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        fields = []
        for error in exc.errors:
            loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "payload")]
            fields.append({"field": ".".join(loc), "message": error.get("msg", "")})
        message = _("The request is not valid: %(fields)s") % {
            "fields": ", ".join(f["field"] or "?" for f in fields)}
        return api.create_response(request, {"code": "invalid", "message": message, "errors": fields}, status=422)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return api.create_response(
            request, {"code": "unauthorized",
                      "message": _("Log in, or send a valid API token as “Authorization: Bearer …”.")},
            status=401)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"code": "not_found", "message": _("Not found.")}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return api.create_response(request, {"code": "error", "message": str(exc)}, status=exc.status_code)
