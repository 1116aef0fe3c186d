"""The nightly cleanup drops expired sessions, long-dead API tokens and expired e-mail confirmation
codes, and nothing that can still be used; a second run drops nothing more."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from twinhub.accounts.models import ApiToken
from twinhub.accounts.tasks import expired_credentials_clear

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher")]


def test_what_expired_goes_and_what_works_stays(people):
    now = timezone.now()
    for expiry in (now - timedelta(days=1), now + timedelta(days=1)):
        store = SessionStore()
        store["x"] = 1
        store.create()
        Session.objects.filter(session_key=store.session_key).update(expire_date=expiry)
    live_session = Session.objects.get(expire_date__gt=now).pk
    dead, _raw = ApiToken.issue(user=people.teacher, name="old", scopes=[], expires_at=now - timedelta(days=40))
    recently_expired, _raw = ApiToken.issue(user=people.teacher, name="recent", scopes=[],
                                            expires_at=now - timedelta(days=2))
    working, _raw = ApiToken.issue(user=people.teacher, name="working", scopes=[])
    address = EmailAddress.objects.create(user=people.teacher, email="second@okul.example")
    EmailConfirmation.objects.create(email_address=address, key="old-key", sent=now - timedelta(days=30))
    EmailConfirmation.objects.create(email_address=address, key="new-key", sent=now)

    outcome = expired_credentials_clear()
    assert outcome == {"sessions": 1, "confirmations": 1, "tokens": 1}
    assert list(Session.objects.values_list("pk", flat=True)) == [live_session]
    assert set(ApiToken.objects.values_list("pk", flat=True)) == {recently_expired.pk, working.pk}
    assert list(EmailConfirmation.objects.values_list("key", flat=True)) == ["new-key"]
    assert dead.pk not in ApiToken.objects.values_list("pk", flat=True)

    assert expired_credentials_clear() == {"sessions": 0, "confirmations": 0, "tokens": 0}
