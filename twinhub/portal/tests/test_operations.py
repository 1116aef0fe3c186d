"""The operators' page: administrators and CSS see the e-mail outbox's queued and failed counts
and send a failed e-mail again; nobody else finds the page, and a refusal changes nothing."""

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction

from twinhub.core.models import OutboxEmail
from twinhub.testing import assert_same_queries, client_for, db_state, page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_email(settings):
    settings.EMAIL_BACKEND = "twinhub.core.outbox.OutboxBackend"
    with transaction.atomic():  # queued; its task waits for a commit that a test never makes
        send_mail("Üyeliğiniz onaylandı", "…", "from@twinhub.test", ["ayse@okul.example"])
    OutboxEmail.objects.update(status=OutboxEmail.Status.FAILED, attempts=8,
                               last_error="ConnectionRefusedError: the mail server refused")
    return OutboxEmail.objects.get()


@pytest.mark.parametrize("role", ["css", "admin"])
def test_operators_see_failed_and_queued_counts(people, role, failed_email):
    with transaction.atomic():
        send_mail("Waiting", "…", "from@twinhub.test", ["b@okul.example"])
    client = client_for(getattr(people, role))
    html = client.get("/operations/").content.decode()
    assert 'id="outbox-queued">1<' in html and 'id="outbox-failed">1<' in html
    assert "ayse@okul.example" in html and "refused" in html
    assert 'id="nav-operations"' in html


@pytest.mark.parametrize("role", ["teacher", "coordinator", "nss_tr"])
def test_others_do_not_find_the_page_and_change_nothing(people, role, failed_email):
    client = client_for(getattr(people, role))
    assert 'id="nav-operations"' not in client.get("/dashboard/").content.decode()
    assert client.get("/operations/").status_code == 404
    before = db_state()
    assert client.post(f"/operations/emails/{failed_email.pk}/retry/").status_code == 404
    assert db_state() == before and mail.outbox == []


def test_an_operator_sends_a_failed_email_again(people, failed_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people.css).post(f"/operations/emails/{failed_email.pk}/retry/")
    assert response.status_code == 302
    failed_email.refresh_from_db()
    assert failed_email.status == OutboxEmail.Status.SENT and [m.to for m in mail.outbox] == [["ayse@okul.example"]]


def test_the_page_does_not_grow_with_the_failures(people, failed_email, settings):
    client = client_for(people.css)
    few = page_queries(client, "/operations/")
    with transaction.atomic():
        for n in range(5):
            send_mail(f"Failing {n}", "…", "from@twinhub.test", [f"{n}@okul.example"])
    OutboxEmail.objects.update(status=OutboxEmail.Status.FAILED)
    assert_same_queries(few, page_queries(client, "/operations/"))
