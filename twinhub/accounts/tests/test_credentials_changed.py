"""A password change or reset, or removing an e-mail address, ends the account's other sessions
and revokes its API tokens, and the owner is told by mail (issue 12, finding 3)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from twinhub.accounts.models import ApiToken
from twinhub.accounts.services import api_token_create
from twinhub.testing import PASSWORD, make_teacher

pytestmark = pytest.mark.django_db


def _logged_in(user) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302
    return client


def _token_works(raw) -> bool:
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def _signed_in(client) -> bool:
    return client.get("/profile/").status_code != 302


def test_a_password_reset_revokes_tokens_and_ends_sessions(django_capture_on_commit_callbacks):
    teacher = make_teacher(email="reset@school.example")
    _token, raw = api_token_create(user=teacher, name="script", scopes=["read", "write"])
    elsewhere = _logged_in(teacher)
    assert _token_works(raw) and _signed_in(elsewhere)

    browser = Client()
    browser.post("/accounts/password/reset/", {"email": teacher.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    form_url = browser.get(link).url  # allauth moves the key into the session, then shows the form
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = browser.post(form_url, {"password1": "a-new-Passw0rd!", "password2": "a-new-Passw0rd!"})
    assert done.status_code == 302

    assert not _token_works(raw)
    assert not _signed_in(elsewhere)
    assert ApiToken.objects.active().filter(user=teacher).count() == 0
    [notice] = [m for m in mail.outbox if m.to == [teacher.email]]
    assert "password" in notice.subject.lower() and "token" in notice.body


def test_a_password_change_keeps_this_session_only(django_capture_on_commit_callbacks):
    teacher = make_teacher(email="change@school.example")
    _token, raw = api_token_create(user=teacher, name="script", scopes=["read", "write"])
    here, elsewhere = _logged_in(teacher), _logged_in(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        response = here.post("/accounts/password/change/", {
            "oldpassword": PASSWORD, "password1": "a-new-Passw0rd!", "password2": "a-new-Passw0rd!"})
    assert response.status_code == 302
    assert _signed_in(here) and not _signed_in(elsewhere) and not _token_works(raw)


def test_removing_an_address_ends_other_sessions_and_revokes_tokens(django_capture_on_commit_callbacks):
    teacher = make_teacher(email="main@school.example")
    EmailAddress.objects.create(user=teacher, email="old@school.example", verified=True, primary=False)
    _token, raw = api_token_create(user=teacher, name="script", scopes=["read", "write"])
    here, elsewhere = _logged_in(teacher), _logged_in(teacher)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = here.post("/accounts/email/", {"action_remove": "", "email": "old@school.example"})
    assert response.status_code == 302
    assert not EmailAddress.objects.filter(email="old@school.example").exists()
    assert _signed_in(here) and not _signed_in(elsewhere) and not _token_works(raw)
    assert any(m.to == ["main@school.example"] for m in mail.outbox)
