"""How the API knows who calls: a personal API token or the browser session. Here, beside the
tokens it reads, so any app's router can name them (`twinspace` adds pupils) without importing
the API's wiring above it.

A token acts within its scopes (issue 12): `read` for GET, `write` for anything that changes, and
`staff` for the caller's coordinator/NSS/CSS roles — without it the caller is, for this request,
a teacher like any other (`staff_scope_withheld`, asked by `staff.selectors.role_scopes_of`)."""

from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from twinhub.accounts.choices import TokenScope
from twinhub.accounts.models import ApiToken
from twinhub.accounts.rules import token_use_refusal
from twinhub.core.errors import ApplicationError
from twinhub.core.ratelimits import hit

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# (user id, scopes) of the token that authenticated the request being served; None for a browser
# session. Reset when each request starts (AccountsConfig.ready), so it never outlives its request.
token_grant: ContextVar[tuple[int, frozenset[str]] | None] = ContextVar("token_grant", default=None)


def staff_scope_withheld(user) -> bool:
    """True when this request acts for `user` through a token without the staff scope."""
    grant = token_grant.get()
    return grant is not None and grant[0] == getattr(user, "pk", None) and TokenScope.STAFF not in grant[1]


class BearerToken(HttpBearer):
    """`Authorization: Bearer th_…` with a personal API token (not revoked, not expired)."""

    def authenticate(self, request, token):
        found = ApiToken.find_active(token)
        if found is None or not found.user.is_active:
            return None
        hit(request, group="api_token", key="user", rate=settings.API_TOKEN_RATE)  # per token
        refusal = token_use_refusal(writes=request.method not in SAFE_METHODS, scopes=found.scopes)
        if refusal:
            raise ApplicationError(refusal)
        token_grant.set((found.user_id, frozenset(found.scopes)))
        # Touch at most once a minute: a busy script should not write on every call.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found
        return found.user


class BrowserSession(SessionAuth):
    """The logged-in browser session (CSRF-checked), so pages can call the API too."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


def forget_token_grant(**kwargs) -> None:
    token_grant.set(None)
