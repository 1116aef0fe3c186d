"""Profile, API tokens, email addresses, password reset and the language switcher."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail

from twinhub.accounts.codes import AccountAudit
from twinhub.accounts.models import ApiToken, Profile, User
from twinhub.core.models import AuditEntry
from twinhub.testing import ApiClient, assert_refused, make_teacher

pytestmark = pytest.mark.django_db


# --- Profile -------------------------------------------------------------------------------------
def _profile_data(**extra):
    return {"first_name": "Mehmet", "last_name": "Demir", "language": "tr", "role": "teacher",
            "subjects": ["history"], "languages": ["tr"], "age_ranges": ["11-14"], "bio": "Tarih", **extra}


def test_profile_switch_turns_availability_on_and_off(client):
    teacher = make_teacher(available=False)
    client.force_login(teacher)
    page = client.get("/profile/").content.decode()
    assert 'id="available-help"' in page

    assert client.post("/profile/", _profile_data(available_for_projects="on")).status_code == 302
    assert Profile.objects.get(user=teacher).available_for_projects
    assert AuditEntry.objects.filter(action=AccountAudit.AVAILABILITY_CHANGED).exists()
    client.post("/profile/", _profile_data())
    assert not Profile.objects.get(user=teacher).available_for_projects
    teacher.refresh_from_db()
    assert (teacher.first_name, teacher.language) == ("Mehmet", "tr")


def test_profile_refuses_bad_values_and_changes_nothing(client):
    teacher = make_teacher()
    client.force_login(teacher)
    response = client.post("/profile/", _profile_data(first_name="", subjects=["alchemy"]))
    assert response.status_code == 400
    teacher.refresh_from_db()
    assert teacher.first_name != "" and Profile.objects.get(user=teacher).subjects == []


def test_profile_without_joining_offers_join(client):
    from twinhub.accounts.provisioning import verified_user

    client.force_login(verified_user(email="n@x.example", password="pw"))
    page = client.get("/profile/")
    assert page.status_code == 200 and 'id="join-hint"' in page.content.decode()


# --- API tokens page ---------------------------------------------------------------------------------
def test_token_page_shows_the_raw_token_once_lists_and_revokes(client):
    teacher = make_teacher()
    client.force_login(teacher)

    created = client.post("/settings/tokens/", {"name": "timetable script", "scopes": ["read"], "expires_in_days": "90"})
    assert created.status_code == 200 and created["Cache-Control"] == "no-store"
    raw = re.search(r'<code id="new-token">(th_[^<]+)</code>', created.content.decode()).group(1)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).json()["id"] == teacher.pk

    listing = client.get("/settings/tokens/").content.decode()
    assert "timetable script" in listing and raw not in listing and raw[:8] in listing

    token = ApiToken.objects.get(user=teacher, name="timetable script")
    assert client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    from django.test import Client

    assert_refused(Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}), "unauthorized", 401)


def test_nobody_sees_or_revokes_someone_elses_token(client):
    owner, intruder = make_teacher(), make_teacher()
    token, _raw = ApiToken.issue(user=owner, name="owner's secret script", scopes=["read"])
    client.force_login(intruder)
    assert "owner's secret script" not in client.get("/settings/tokens/").content.decode()

    assert client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_pages_need_login_and_post(client):
    teacher = make_teacher()
    token, _raw = ApiToken.issue(user=teacher, name="x", scopes=["read"])
    assert client.get("/settings/tokens/")["Location"].startswith("/accounts/login/")
    assert client.post(f"/settings/tokens/{token.pk}/revoke/").status_code == 302  # to login
    client.force_login(teacher)
    assert client.get(f"/settings/tokens/{token.pk}/revoke/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


# --- Email addresses -----------------------------------------------------------------------------------
def test_email_page_lives_in_our_layout_and_only_verified_addresses_log_in(client):
    teacher = make_teacher(email="first@okul.example")
    client.force_login(teacher)
    page = client.get("/accounts/email/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="site-header"' in html and "first@okul.example" in html

    mail.outbox.clear()
    added = client.post("/accounts/email/", {"action_add": "", "email": "second@okul.example"})
    assert added.status_code == 302
    address = EmailAddress.objects.get(email="second@okul.example")
    assert address.user == teacher and not address.verified
    assert mail.outbox and mail.outbox[0].to == ["second@okul.example"]
    me = ApiClient(teacher).get("/me").json()
    assert {"email": "second@okul.example", "verified": False, "primary": False} in me["emails"]

    client.post("/accounts/logout/")
    refused = client.post("/accounts/login/", {"login": "second@okul.example", "password": "pw-test-123"})
    assert refused.status_code == 302 and refused["Location"] == "/accounts/confirm-email/"
    assert client.get("/dashboard/").status_code == 302  # not logged in

    address.verified = True
    address.save()
    accepted = client.post("/accounts/login/", {"login": "second@okul.example", "password": "pw-test-123"})
    assert accepted["Location"] == "/dashboard/"


# --- Password reset ------------------------------------------------------------------------------------
def test_password_reset_by_email_link(client):
    teacher = make_teacher(email="unutkan@okul.example")
    mail.outbox.clear()
    sent = client.post("/accounts/password/reset/", {"email": "unutkan@okul.example"})
    assert sent.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(re.escape(settings.SITE_URL) + r"(/accounts/password/reset/key/\S+/)", mail.outbox[0].body).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                       {"password1": "Yeni-parola-2024", "password2": "Yeni-parola-2024"})
    assert done.status_code == 302
    teacher.refresh_from_db()
    assert teacher.check_password("Yeni-parola-2024")


def test_emails_use_the_recipients_language_not_the_requesters(client):
    teacher = make_teacher(email="turkce@okul.example")
    User.objects.filter(pk=teacher.pk).update(language="tr")
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": "turkce@okul.example"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Şifre" in mail.outbox[0].subject or "Parola" in mail.outbox[0].subject, mail.outbox[0].subject


# --- Language ------------------------------------------------------------------------------------------
def test_language_switcher_switches_the_pages_to_turkish(client):
    page = client.get("/")
    assert 'action="/i18n/setlang/"' in page.content.decode()
    switched = client.post("/i18n/setlang/", {"language": "tr", "next": "/"})
    assert switched.status_code == 302 and switched["Location"] == "/"
    html = client.get("/").content.decode()
    assert '<html lang="tr"' in html and "Giriş yap" in html
