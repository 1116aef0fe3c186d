"""How the API knows who calls: a personal API token or the browser session. Here, beside the
tokens it reads, so any app's router can name them (`twinspace` adds pupils) without importing
the API's wiring above it."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from twinhub.accounts.models import ApiToken


class BearerToken(HttpBearer):
    """`Authorization: Bearer th_…` with a personal API token."""

    def authenticate(self, request, token):
        found = ApiToken.find_active(token)
        if found is None or not found.user.is_active:
            return None
        # Touch at most once a minute: a busy script should not write on every call.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class BrowserSession(SessionAuth):
    """The logged-in browser session (CSRF-checked), so pages can call the API too."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None
