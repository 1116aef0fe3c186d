"""People for rule 6: eTwinners in Türkiye and Italy, a teacher pending in Ankara (TR-06), one
pending in Italy, and an account that has not joined eTwinning. Built through the real services."""

import pytest
from django.test import Client

from twinhub.accounts.provisioning import verified_user
from twinhub.contacts.models import Contact, ContactRequest, Message, TeacherSearchEntry, ThreadMember
from twinhub.core.models import AuditEntry, Notification
from twinhub.testing import make_staff, make_teacher


@pytest.fixture
def people(db):
    return {
        "ayse": make_teacher(country="TR", region="TR-06", name="Ayşe Yıldız"),
        "marco": make_teacher(country="IT", name="Marco Rossi", available=True),
        "pending_tr": make_teacher(country="TR", region="TR-06", approved=False, name="Pending Teacher"),
        "pending_it": make_teacher(country="IT", approved=False, name="Giulia Pending"),
        "no_profile": verified_user(email="noprofile@test.example", password="pw-test-123",
                                    first_name="Nora", last_name="Noprofile"),
        "stranger": make_teacher(country="PL", name="Piotr Stranger"),
        "coordinator": make_staff("coordinator", country="TR", region="TR-06"),
    }


def web_client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def db_state() -> tuple:
    """Everything a contact or mailbox action could change."""
    return (
        list(ContactRequest.objects.order_by("pk").values_list("pk", "from_user", "to_user", "status")),
        list(Contact.objects.order_by("pk").values_list("user", "other")),
        list(ThreadMember.objects.order_by("pk").values_list("user", "other", "unread")),
        Message.objects.count(),
        AuditEntry.objects.filter(action__startswith="contact").count(),
        AuditEntry.objects.filter(action__startswith="message").count(),
        Notification.objects.count(),
        TeacherSearchEntry.objects.count(),
    )
