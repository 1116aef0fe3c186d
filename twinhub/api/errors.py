"""Every API error is JSON `{"code": "...", "message": "..."}`, the message in the request's
language. Domain refusals keep their own code and status."""

from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.db import DataError
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from twinhub.core.codes import Code
from twinhub.core.errors import ApplicationError
from twinhub.core.ratelimits import RateLimited, rate_limited_response


def _status_error(status: int) -> tuple[str, str]:
    """A stable code and a translated message for a bare HTTP status (e.g. a failed CSRF check)."""
    known = {
        400: (Code.BAD_REQUEST, _("The request could not be understood.")),
        401: (Code.UNAUTHORIZED, _("Log in, or send a valid API token as “Authorization: Bearer …”.")),
        403: (Code.FORBIDDEN, _("You are not allowed to do this. A browser session must send its CSRF token.")),
        404: (Code.NOT_FOUND, _("Not found.")),
        405: (Code.METHOD_NOT_ALLOWED, _("This method is not allowed here.")),
        413: (Code.TOO_LARGE, _("The request is too large.")),
        409: (Code.CONFLICT, _("The request conflicts with the current state.")),
        422: (Code.INVALID, _("The request is not valid.")),
    }
    code, message = known.get(status, (Code.ERROR, _("The request failed.")))
    return str(code), message


def unknown_path(request):
    code, message = _status_error(404)
    return JsonResponse({"code": code, "message": message}, status=404)


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
        return api.create_response(request, {"code": str(Code.INVALID), "message": message, "errors": fields}, status=422)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        code, message = _status_error(401)
        return api.create_response(request, {"code": code, "message": message}, status=401)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        code, message = _status_error(404)
        return api.create_response(request, {"code": code, "message": message}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        code, message = _status_error(exc.status_code)
        return api.create_response(request, {"code": code, "message": message}, status=exc.status_code)

    @api.exception_handler(MultiPartParserError)
    @api.exception_handler(BadRequest)
    @api.exception_handler(SuspiciousOperation)
    def malformed_request(request, exc):
        # A multipart body without a boundary, too many fields…: the client's mistake, not ours.
        status = 413 if isinstance(exc, RequestDataTooBig) else 400
        code, message = _status_error(status)
        return api.create_response(request, {"code": code, "message": message}, status=status)

    @api.exception_handler(RateLimited)
    def rate_limited(request, exc: RateLimited):
        return rate_limited_response(request, exc.retry_after)

    @api.exception_handler(DataError)
    def unstorable_value(request, exc):
        # A value the database cannot hold (a NUL character in text on PostgreSQL, a number out of
        # range): the input's fault, found by schemathesis. Forms refuse NUL themselves.
        code, message = _status_error(400)
        return api.create_response(request, {"code": code, "message": message}, status=400)
