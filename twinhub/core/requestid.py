"""A request id for every request (decision 16): taken from the load balancer's `X-Request-ID` when it
sends a sane one, made here otherwise; returned in the response, written in every log line of the
request and carried into the tasks it asks for (twinhub/core/tasks.py)."""

import logging
import re
import uuid

from twinhub.core.tasks import request_id_var

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def request_id_from(value: str | None) -> str:
    return value if value and _SANE.fullmatch(value) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.headers.get(HEADER))
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record (empty outside a request or task)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True
