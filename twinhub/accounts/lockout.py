"""Log-in lock-out (issue 12 finding 2, decision 19), with django-axes counting failures in the cache.

- Failures are counted per address *and* client (`AXES_LOCKOUT_PARAMETERS`): whoever guesses
  passwords for someone else's address from their own connection locks only themselves out; the
  owner, from theirs, still logs in.
- The delay grows: 5 minutes after the first lock-out of an address from a client, then 10, 20…
  up to 2 hours (`cool_off`).
- The owner of the address gets one e-mail per lock-out with a one-time link that lifts it
  (`unlock_link`, `unlock`): a school sharing one connection is never stuck.
"""

import secrets
from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from twinhub.accounts.models import User
from twinhub.core.notifications import send_templated_email
from twinhub.core.ratelimits import client_ip, rate_limited_response

BASE_MINUTES = 5
MAX_MINUTES = 120
UNLOCK_SALT = "twinhub.accounts.unlock"
UNLOCK_MAX_AGE = 24 * 3600


def username_of(request: HttpRequest | None, credentials: dict | None = None) -> str:
    """The address a log-in is tried for (allauth posts it as `login`), as one spelling."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login", "")
    return (value or "").strip().lower()


def _lockouts_key(username: str, ip: str) -> str:
    return "lockouts:" + salted_hmac("twinhub.lockouts", f"{username}|{ip}").hexdigest()


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """5 minutes, doubled with each earlier lock-out of this address from this client (a day's memory)."""
    if request is None:
        return timedelta(minutes=BASE_MINUTES)
    earlier = cache.get(_lockouts_key(username_of(request), client_ip(request)), 0)
    return timedelta(minutes=min(BASE_MINUTES * 2 ** earlier, MAX_MINUTES))


def unlock_link(*, username: str, ip: str) -> str:
    nonce = secrets.token_urlsafe(16)
    cache.set(f"unlock:{nonce}", 1, UNLOCK_MAX_AGE)
    token = signing.dumps({"u": username, "ip": ip, "n": nonce}, salt=UNLOCK_SALT)
    return settings.SITE_URL + reverse("account_unlock", args=[token])


def unlock(token: str) -> bool:
    """Lift the lock-out the link names, once. False for a used, expired or forged link."""
    try:
        data = signing.loads(token, salt=UNLOCK_SALT, max_age=UNLOCK_MAX_AGE)
    except signing.BadSignature:
        return False
    if not cache.delete(f"unlock:{data['n']}"):
        return False
    AxesProxyHandler.reset_attempts(username=data["u"], ip_address=data["ip"])
    cache.delete(_lockouts_key(data["u"], data["ip"]))
    return True


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """axes's `user_locked_out`: count the lock-out once, and tell the owner once, with the link."""
    username = (username or "").strip().lower()
    ip = ip_address or (client_ip(request) if request is not None else "")
    minutes = int(cool_off(request).total_seconds() // 60)
    if not cache.add(f"locked:{_lockouts_key(username, ip)}", minutes, minutes * 60):
        return  # this lock-out was counted and told already (axes signals each refused attempt)
    key = _lockouts_key(username, ip)
    cache.set(key, cache.get(key, 0) + 1, 24 * 3600)
    owner = User.objects.filter(email__iexact=username, is_active=True).first()
    if owner is None:
        return
    send_templated_email(user=owner, template="accounts/email/locked_out",
                         context={"minutes": minutes, "unlock_url": unlock_link(username=username, ip=ip)})


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    minutes = cache.get(f"locked:{_lockouts_key(username_of(request, credentials), client_ip(request))}")
    seconds = minutes * 60 if minutes else int(cool_off(request).total_seconds())
    message = _("Too many failed log-ins for this address from your connection. Try again in %(minutes)d "
                "minutes, or use the link we e-mailed to the address to unlock it now.") % {"minutes": seconds // 60}
    return rate_limited_response(request, seconds, message)
