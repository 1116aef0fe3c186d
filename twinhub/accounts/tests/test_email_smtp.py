"""Integration: the verification email leaves through Django's production SMTP backend and
arrives at a real SMTP server (aiosmtpd) on loopback."""

import email
import re
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.conf import settings

from twinhub.accounts.models import User

pytestmark = pytest.mark.django_db


class Mailbox:
    """aiosmtpd handler keeping every accepted message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              email.message_from_bytes(envelope.content, policy=default_policy)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_signup_verification_email_arrives_over_smtp_and_its_link_logs_in(client, smtp_server):
    response = client.post("/accounts/signup/", {"email": "zeynep@okul.example",
                                                  "password1": "Uzun-parola-42", "password2": "Uzun-parola-42"})
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"

    assert len(smtp_server.messages) == 1
    sender, recipients, message = smtp_server.messages[0]
    assert recipients == ["zeynep@okul.example"] and "no-reply@" in sender
    link = re.search(re.escape(settings.SITE_URL) + r"(/accounts/confirm-email/[^/\s]+/)", _body(message)).group(1)
    user = User.objects.get(email="zeynep@okul.example")
    assert not EmailAddress.objects.get(user=user).verified
    # Mandatory verification: no login before the link is followed.
    assert client.get("/dashboard/").status_code == 302
    assert client.get("/join/")["Location"].startswith("/accounts/login/")

    assert client.get(link).status_code == 200  # the page asks to confirm (no change on GET)
    assert not EmailAddress.objects.get(user=user).verified
    confirmed = client.post(link)

    assert EmailAddress.objects.get(user=user).verified
    assert confirmed.status_code == 302 and confirmed["Location"] == "/join/"
    assert client.get("/join/").wsgi_request.user == user


def test_verification_email_is_written_in_the_signup_language(client, smtp_server):
    client.post("/accounts/signup/", {"email": "ali@okul.example", "password1": "Uzun-parola-42",
                                      "password2": "Uzun-parola-42"}, HTTP_ACCEPT_LANGUAGE="tr")

    assert User.objects.get(email="ali@okul.example").language == "tr"
    _sender, _to, message = smtp_server.messages[0]
    assert "E-posta" in message["Subject"] or "e-posta" in message["Subject"].lower(), message["Subject"]
