"""The daily notification digest: only for users who chose it on the notifications page, only the
past day's unread notifications, in the reader's language, once a day."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.core.digests import notification_digests_send
from twinhub.core.models import Notification
from twinhub.core.notifications import notify
from twinhub.testing import client_for, db_state

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher", "teacher_it")]


def _notify(user, name):
    notify(user=user, kind="contact.requested", params={"name": name}, url="/contacts/")


def test_a_user_chooses_the_digest_and_gets_one_a_day_in_their_language(people):
    ayse, marco = people.teacher, people.teacher_it
    User.objects.filter(pk=ayse.pk).update(language="tr")
    client = client_for(ayse)
    assert client.post("/notifications/digest/", {"daily_digest": "on"}).status_code == 302
    assert 'name="daily_digest" checked' in client.get("/notifications/").content.decode()
    _notify(ayse, "Marco Rossi")
    _notify(ayse, "Old One")
    Notification.objects.filter(params__name="Old One").update(created_at=timezone.now() - timedelta(days=2))
    _notify(ayse, "Read One")
    Notification.objects.filter(params__name="Read One").update(read_at=timezone.now())
    _notify(marco, "Ayşe")  # Marco did not choose the digest
    mail.outbox.clear()

    assert notification_digests_send() == 1
    [digest] = mail.outbox
    assert digest.to == [ayse.email] and "okunmamış" in digest.subject
    assert "Marco Rossi" in digest.body and "Old One" not in digest.body and "Read One" not in digest.body

    assert notification_digests_send() == 0 and len(mail.outbox) == 1  # the same day: nothing more


def test_turning_it_off_stops_it(people):
    client = client_for(people.teacher)
    client.post("/notifications/digest/", {"daily_digest": "on"})
    client.post("/notifications/digest/", {})
    _notify(people.teacher, "Marco Rossi")
    before = db_state()
    assert notification_digests_send() == 0
    assert db_state() == before
