"""E-mails name the platform (PLATFORM_NAME, never the `sites` table's "example.com") and link to
SITE_URL, whatever host the request came through; the mail confirming an address added to claim
old data does not tell the reader they are creating an account."""

import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from twinhub.accounts.services import profile_update
from twinhub.testing import client_for, make_teacher

pytestmark = pytest.mark.django_db

PUBLIC = "https://etwinning.example.org"


@pytest.fixture(autouse=True)
def _platform(settings):
    settings.SITE_URL = PUBLIC
    settings.PLATFORM_NAME = "eTwinning Türkiye"
    mail.outbox.clear()


def _links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def test_the_sign_up_mail_names_the_platform_and_links_to_the_site_url(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client(HTTP_HOST="127.0.0.1").post("/accounts/signup/", {
            "email": "new.teacher@school.example", "password1": "Kestane-Agaci-2026",
            "password2": "Kestane-Agaci-2026"})
    assert response.status_code == 302
    [message] = mail.outbox
    text = message.subject + message.body
    assert "example.com" not in text and "127.0.0.1" not in text
    assert "eTwinning Türkiye" in message.body
    assert "finish creating your account" in message.body
    assert any(link.startswith(f"{PUBLIC}/accounts/confirm-email/") for link in _links(message.body)), message.body


@pytest.mark.parametrize("language, says", [
    ("en", "No new account is created."),
    ("tr", "Yeni bir hesap açılmaz."),
])
def test_the_claim_mail_says_what_confirming_does_not_that_an_account_is_created(
        language, says, django_capture_on_commit_callbacks):
    teacher = make_teacher(email="ilker.new@school.example")
    profile_update(user=teacher, language=language)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(teacher).post("/legacy/claim/", {"email": "ilker.old@gmail.example"},
                                            HTTP_HOST="localhost")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["ilker.old@gmail.example"]
    text = message.subject + message.body
    assert "example.com" not in text and "localhost" not in text
    assert "eTwinning Türkiye" in text
    assert says in message.body
    assert "register an account" not in message.body and "creating your account" not in message.body
    assert all(link.startswith(PUBLIC) for link in _links(message.body)), message.body


def test_notification_mails_name_the_platform(django_capture_on_commit_callbacks):
    from twinhub.testing.projects import make_contacts, teacher

    asker, other = teacher("TR"), teacher("DE")
    with django_capture_on_commit_callbacks(execute=True):
        make_contacts(asker, other)
    bodies = "\n".join(m.body for m in mail.outbox)
    assert "on eTwinning Türkiye" in bodies and "TwinHub" not in bodies
    assert all(link.startswith(PUBLIC) for link in _links(bodies)), bodies


def test_make_run_sets_the_site_url_to_its_own_host_and_port():
    root = Path(__file__).resolve().parents[3]
    printed = subprocess.run(["make", "-n", "run", "HOST=127.0.0.1", "PORT=8163"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
    [serve] = [line for line in printed.splitlines() if "runserver" in line]
    assert "SITE_URL=http://127.0.0.1:8163 " in serve
