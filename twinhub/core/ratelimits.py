"""Rate limits (issue 11, decision 19): django-ratelimit's counters in the shared cache, one table
of what is limited (`settings.RATE_LIMITS`: URL name -> [(key, rate)]), and one answer when a limit
is reached: 429 with `Retry-After`, a translated page or the API's `{"code": "rate_limited", ...}`.

Keys: `ip` (the client's address), `user` (the logged-in account, the API token, else the address),
`post:<field>` (a posted value, e.g. the address a password reset is asked for). Only POSTs count:
reading a form is free, sending it is not. Log-in failures are django-axes's (accounts/lockout.py)."""

import hashlib
import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from twinhub.core.codes import Code


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"rate limited for {retry_after} s")
        self.retry_after = max(1, int(retry_after))


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind the reverse proxy (BEHIND_PROXY=1) every request comes from the
    proxy, which appends the real client to X-Forwarded-For: its right-most entry (the left ones are
    whatever the client sent, so they are not trusted)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        return forwarded.split(",")[-1].strip() or "unknown"
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def key_value(request: HttpRequest, key: str) -> str | None:
    """The value a limit counts by; None when the request has none (nothing to count)."""
    if key == "ip":
        return "ip:" + client_ip(request)
    if key == "user":
        authorization = request.headers.get("Authorization", "")
        if authorization.lower().startswith("bearer "):
            return "token:" + _digest(authorization[7:].strip())
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}"
        return "ip:" + client_ip(request)
    if key.startswith("post:"):
        value = request.POST.get(key[5:], "").strip().lower()
        return f"{key}:{_digest(value)}" if value else None
    raise ValueError(f"unknown rate-limit key {key!r}")


def hit(request: HttpRequest, *, group: str, key: str, rate: str) -> None:
    """Count this request against `rate` for its `key`; raise RateLimited past the limit."""
    value = key_value(request, key)
    if value is None:
        return
    usage = get_usage(request, group=f"{group}|{key}", key=lambda _group, _request: value, rate=rate,
                      increment=True)
    if usage is not None and usage["should_limit"]:
        raise RateLimited(usage["time_left"])


def retry_message(retry_after: int) -> str:
    minutes = math.ceil(retry_after / 60)
    if retry_after < 120:
        return ngettext("Too many requests. Try again in %(count)d second.",
                        "Too many requests. Try again in %(count)d seconds.", retry_after) % {"count": retry_after}
    return ngettext("Too many requests. Try again in %(count)d minute.",
                    "Too many requests. Try again in %(count)d minutes.", minutes) % {"count": minutes}


def rate_limited_response(request: HttpRequest, retry_after: int, message: str = "") -> HttpResponse:
    message = message or retry_message(retry_after)
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": str(Code.RATE_LIMITED), "message": message, "retry_after": retry_after},
                                status=429)
    else:
        response = render(request, "core/rate_limited.html",
                          {"message": message, "retry_after": retry_after,
                           "next_step": _("Wait, then try again. If you think this is a mistake, write to your "
                                          "National Support Service.")}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def limited_names(match) -> list[str]:
    """The entries of `settings.RATE_LIMITS` a resolved URL falls under: its name, and
    `name?kwarg=value` for each of its URL arguments (one action of a URL that takes several)."""
    name = match.view_name
    candidates = [name, *(f"{name}?{kwarg}={value}" for kwarg, value in match.kwargs.items())]
    return [candidate for candidate in candidates if candidate in settings.RATE_LIMITS]


class RateLimitMiddleware:
    """Applies `settings.RATE_LIMITS` to POSTs, by the URL name the request resolves to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        try:
            for name in limited_names(request.resolver_match):
                for key, rate in settings.RATE_LIMITS[name]:
                    hit(request, group=name, key=key, rate=rate)
        except RateLimited as limited:
            return rate_limited_response(request, limited.retry_after)
        return None
