"""The mailbox: only contacts write to each other; unread counts; plain text, escaped."""

import pytest
from django.core import mail

from twinhub.contacts import services
from twinhub.contacts.models import Message
from twinhub.contacts.selectors import mailbox_unread_total
from twinhub.core.errors import ApplicationError
from twinhub.core.models import Notification
from twinhub.testing import TEACHERS, ApiClient, assert_refused, client_for, db_state
from twinhub.testing.projects import make_contacts

# Everyone of rule 6's cases exists from the start: refusals name the coordinator who decides,
# and a snapshot taken before a request holds them all.
pytestmark = [pytest.mark.django_db, pytest.mark.people(*TEACHERS, "coordinator")]


def test_contacts_write_and_unread_counts(people, django_capture_on_commit_callbacks):
    ayse, marco = people["teacher"], people["teacher_it"]
    make_contacts(ayse, marco)
    mail.outbox.clear()  # the request and its acceptance were e-mailed too
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(sender=ayse, to_user_id=marco.pk, body="Merhaba Marco")
        services.message_send(sender=ayse, to_user_id=marco.pk, body="Proje?")
    assert mailbox_unread_total(marco) == 2 and mailbox_unread_total(ayse) == 0
    assert [m.to for m in mail.outbox] == [[marco.email], [marco.email]]
    threads = ApiClient(marco).get("/mailbox").json()
    assert threads == [{"other_id": ayse.pk, "other_name": ayse.display_name, "unread": 2,
                        "last_message_at": threads[0]["last_message_at"]}]
    messages = ApiClient(marco).get(f"/mailbox/{ayse.pk}").json()
    assert [m["body"] for m in messages] == ["Merhaba Marco", "Proje?"]
    assert mailbox_unread_total(marco) == 0
    reply = ApiClient(marco).post(f"/mailbox/{ayse.pk}", {"body": "Ciao!"})
    assert reply.status_code == 201
    assert mailbox_unread_total(ayse) == 1


@pytest.mark.parametrize("sender, receiver", [("teacher", "teacher_pl"), ("teacher_pl", "teacher"),
                                              ("pending_teacher", "teacher"), ("teacher", "pending_teacher")])
def test_non_contacts_cannot_write(people, sender, receiver):
    before = db_state()
    response = ApiClient(people[sender]).post(f"/mailbox/{people[receiver].pk}", {"body": "Hello"})
    assert_refused(response, "not_contact", 403)
    with pytest.raises(ApplicationError):
        services.message_send(sender=people[sender], to_user_id=people[receiver].pk, body="Hello")
    assert client_for(people[sender]).get(f"/mailbox/{people[receiver].pk}/").status_code == 404
    assert db_state() == before


def test_a_stranger_cannot_read_a_thread(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    make_contacts(ayse, marco)
    services.message_send(sender=ayse, to_user_id=marco.pk, body="secret plan")
    assert ApiClient(people["teacher_pl"]).get(f"/mailbox/{marco.pk}").json() == []
    assert client_for(people["teacher_pl"]).get(f"/mailbox/{marco.pk}/").status_code == 404
    assert "secret plan" not in client_for(people["teacher_pl"]).get("/mailbox/").content.decode()


def test_messages_are_plain_text_escaped(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    make_contacts(ayse, marco)
    client_for(ayse).post(f"/mailbox/{marco.pk}/", {"body": "<script>alert(1)</script> <b>hi</b>"})
    assert Message.objects.count() == 1
    html = client_for(marco).get(f"/mailbox/{ayse.pk}/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_removed_contact_keeps_history_but_cannot_write(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    make_contacts(ayse, marco)
    services.message_send(sender=ayse, to_user_id=marco.pk, body="first")
    services.contact_remove(user=ayse, other_id=marco.pk)
    page = client_for(marco).get(f"/mailbox/{ayse.pk}/")
    assert page.status_code == 200 and "first" in page.content.decode()
    before = db_state()
    refused = client_for(marco).post(f"/mailbox/{ayse.pk}/", {"body": "again"})
    assert refused.status_code == 403
    assert db_state() == before


def test_empty_message_refused(people):
    make_contacts(people["teacher"], people["teacher_it"])
    before = db_state()
    assert_refused(ApiClient(people["teacher"]).post(f"/mailbox/{people['teacher_it'].pk}", {"body": "  "}),
                   "empty_message", 400)
    assert db_state() == before


def test_nav_badge_counts_unread_messages_until_the_thread_is_read(people):
    ayse, marco = people["teacher"], people["teacher_it"]
    make_contacts(ayse, marco)
    services.message_send(sender=ayse, to_user_id=marco.pk, body="one")
    services.message_send(sender=ayse, to_user_id=marco.pk, body="two")
    page = client_for(marco).get("/mailbox/").content.decode()
    assert '<span class="badge">2</span>' in page  # the thread's unread count
    assert Notification.objects.filter(user=marco, kind="message.received", read_at__isnull=True).count() == 2
    client_for(marco).get(f"/mailbox/{ayse.pk}/")
    assert mailbox_unread_total(marco) == 0
    assert not Notification.objects.filter(user=marco, kind="message.received", read_at__isnull=True).exists()
