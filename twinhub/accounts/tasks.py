"""Accounts' periodic work: expired sessions, API tokens and e-mail confirmation codes go (nightly)."""

from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailConfirmation
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from twinhub.accounts.models import ApiToken
from twinhub.core.tasks import crontab, periodic, task

# An expired or revoked token is kept this long (its owner sees why it stopped working), then dropped.
DEAD_TOKEN_KEPT = timedelta(days=30)


@periodic(crontab(hour=3, minute=0))
@task
def expired_credentials_clear() -> dict[str, int]:
    """Drop what can no longer be used. Idempotent: a second run finds nothing more."""
    now = timezone.now()
    sessions = import_module(settings.SESSION_ENGINE).SessionStore
    sessions_before = _count_sessions()
    sessions.clear_expired()
    confirmations = EmailConfirmation.objects.all_expired().count()
    EmailConfirmation.objects.delete_expired_confirmations()
    tokens, _ = ApiToken.objects.filter(Q(expires_at__lt=now - DEAD_TOKEN_KEPT) |
                                        Q(revoked_at__lt=now - DEAD_TOKEN_KEPT)).delete()
    return {"sessions": sessions_before - _count_sessions(), "confirmations": confirmations, "tokens": tokens}


def _count_sessions() -> int:
    from django.contrib.sessions.models import Session

    return Session.objects.count()
