"""Read replicas (decision 18): the pages that only read and may show data a moment old — partner
search, directories, dashboards — read from `DATABASE_REPLICA_URL`; everything else stays on the
primary.

- A page or API endpoint opts in with `@reads_from_replica` (GET and HEAD only). Its reads go to the
  replica through `ReplicaRouter`; its writes (a session, an audit row) still go to the primary.
- Read-your-own-write: a browser that sent a POST/PUT/PATCH/DELETE in the last
  REPLICA_PIN_SECONDS reads everything from the primary (`PinToPrimaryMiddleware` sets a short
  cookie), so a teacher who just changed their profile finds it changed in the search at once.
- Inside a transaction every read stays on the primary: it is part of a decision.
- Without DATABASE_REPLICA_URL there is no replica alias and every read goes to the primary.
"""

import functools
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PIN_COOKIE = "twinhub_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

_lag_allowed: ContextVar[bool] = ContextVar("replica_lag_allowed", default=False)
_pinned: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reads_from_replica(view):
    """Mark a read-only page or API endpoint whose reads may come from the replica."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        token = _lag_allowed.set(True)
        try:
            return view(request, *args, **kwargs)
        finally:
            _lag_allowed.reset(token)

    return wrapper


def read_alias() -> str:
    """Where a read made now goes: the replica only for a marked page, not pinned, outside a transaction."""
    if (_lag_allowed.get() and not _pinned.get() and replica_configured()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block):
        return REPLICA
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: reads as `read_alias()` says, writes and migrations on the primary."""

    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # a streaming replica is read-only; it receives the primary's schema


class PinToPrimaryMiddleware:
    """A browser that wrote reads from the primary for REPLICA_PIN_SECONDS (longer than the lag)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wrote = request.method not in SAFE_METHODS
        token = _pinned.set(wrote or PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        if wrote:
            response.set_cookie(PIN_COOKIE, "1", max_age=settings.REPLICA_PIN_SECONDS, httponly=True,
                                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
        return response
