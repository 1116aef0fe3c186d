"""Log-in lock-out keyed per address and client (issue 12 finding 2, decision 19): an attacker who
guesses someone's password locks out only their own connection; the owner is told with a one-time
unlock link; each lock-out of the same address and client lasts longer."""

import re

import pytest
from django.core import mail
from django.test import Client

from twinhub.testing import PASSWORD, make_teacher

pytestmark = pytest.mark.django_db
ATTACKER, OWNER_IP = "203.0.113.7", "198.51.100.20"


def _log_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def _guess(client, email, times=5):
    for _ in range(times):
        response = _log_in(client, email, "wrong-password")
    return response


def test_an_attacker_cannot_keep_the_owner_out():
    victim = make_teacher(email="victim@school.example")
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _round in range(3):  # again and again, as the attacker did
        locked = _guess(attacker, victim.email, times=6)
        assert locked.status_code == 429
    # The right password from the attacker's connection is refused too: that client is locked…
    assert _log_in(attacker, victim.email, PASSWORD).status_code == 429
    # …but the owner, from their own connection, logs in.
    owner = Client(REMOTE_ADDR=OWNER_IP)
    assert _log_in(owner, victim.email, PASSWORD).status_code == 302
    assert owner.get("/profile/").status_code != 302


def test_the_lockout_answers_429_with_retry_after_and_mails_a_one_time_unlock_link():
    victim = make_teacher(email="owner@school.example")
    client = Client(REMOTE_ADDR=OWNER_IP, HTTP_ACCEPT_LANGUAGE="tr")
    mail.outbox.clear()
    response = _guess(client, victim.email)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 5 * 60
    assert "bağlantı" in response.content.decode()  # the page is in the visitor's language
    [notice] = [m for m in mail.outbox if m.to == [victim.email]]
    path = re.search(r"https?://[^/\s]+(/accounts/unlock/\S+/)", notice.body).group(1)
    assert _log_in(client, victim.email, PASSWORD).status_code == 429
    assert client.get(path).status_code == 200  # a GET only shows the button
    assert _log_in(client, victim.email, PASSWORD).status_code == 429
    assert client.post(path).status_code == 200
    assert client.post(path).status_code == 400  # once
    assert _log_in(client, victim.email, PASSWORD).status_code == 302


def test_each_new_lockout_of_the_same_address_and_client_lasts_longer():
    victim = make_teacher(email="slow@school.example")
    client = Client(REMOTE_ADDR=ATTACKER)
    first = _guess(client, victim.email)
    [notice] = [m for m in mail.outbox if m.to == [victim.email]]
    path = re.search(r"https?://[^/\s]+(/accounts/unlock/\S+/)", notice.body).group(1)
    # Pretend the first pause ended: only axes's counter is lifted, the memory of the lock-out stays.
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.reset_attempts(username=victim.email, ip_address=ATTACKER)
    from django.core.cache import cache

    from twinhub.accounts.lockout import _lockouts_key

    cache.delete(f"locked:{_lockouts_key(victim.email, ATTACKER)}")  # the first pause's own record
    second = _guess(client, victim.email)
    assert int(second["Retry-After"]) > int(first["Retry-After"])
    assert path  # the first e-mail carried a link
