"""The e-mail outbox: queued in the sender's transaction, sent after the commit by an idempotent
task, retried with back-off, kept as failed for operators when the mail server keeps refusing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from twinhub.core.models import OutboxEmail
from twinhub.core.outbox import MAX_ATTEMPTS, outbox_email_retry, outbox_email_send, outbox_sweep, retry_delay
from twinhub.core.tasks import request_id_var
from twinhub.testing import make_teacher
from twinhub.testing.mail import REFUSING_BACKEND

OUTBOX = "twinhub.core.outbox.OutboxBackend"


@pytest.fixture
def outbox(settings, db):
    settings.EMAIL_BACKEND = OUTBOX
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _make_due():
    OutboxEmail.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_an_email_is_queued_in_the_transaction_and_sent_after_the_commit(outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            send_mail("Hello", "Body", "from@twinhub.test", ["ayse@okul.example"])
            assert mail.outbox == []  # nothing leaves before the commit
            assert OutboxEmail.objects.get().status == OutboxEmail.Status.QUEUED
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["ayse@okul.example"]]
    row = OutboxEmail.objects.get()
    assert row.status == OutboxEmail.Status.SENT and row.attempts == 1 and row.sent_at is not None


def test_a_rolled_back_transaction_sends_nothing_and_leaves_no_row(outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            send_mail("Hello", "Body", "from@twinhub.test", ["ayse@okul.example"])
            raise RuntimeError("the request failed after sending")
    assert callbacks == [] and mail.outbox == []
    assert not OutboxEmail.objects.exists()


def test_a_rerun_of_the_task_does_not_send_twice(outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Once", "Body", "from@twinhub.test", ["ayse@okul.example"])
    row = OutboxEmail.objects.get()
    outbox_email_send(email_id=row.pk)
    outbox_email_send.delay(email_id=row.pk)
    assert len(mail.outbox) == 1
    assert OutboxEmail.objects.get().attempts == 1


def test_a_failure_is_retried_with_back_off_then_kept_as_failed(outbox, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_DELIVERY_BACKEND = REFUSING_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Refused", "Body", "from@twinhub.test", ["ayse@okul.example"])  # no error for the sender
    row = OutboxEmail.objects.get()
    assert row.status == OutboxEmail.Status.QUEUED and row.attempts == 1
    assert "refused the connection" in row.last_error
    assert row.next_attempt_at > timezone.now() + retry_delay(1) - timedelta(seconds=5)

    outbox_email_send(email_id=row.pk)  # not due yet: nothing tried
    assert OutboxEmail.objects.get().attempts == 1

    for attempt in range(2, MAX_ATTEMPTS + 1):
        _make_due()
        outbox_email_send(email_id=row.pk)
        assert OutboxEmail.objects.get().attempts == attempt
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.FAILED and mail.outbox == []
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]

    # An operator sends it again once the server is back.
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        outbox_email_retry(email_id=row.pk)
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT and len(mail.outbox) == 1


def test_the_sweep_asks_again_for_an_email_whose_task_was_lost(outbox, django_capture_on_commit_callbacks):
    with transaction.atomic():  # the commit never comes in a test: the task is never sent
        send_mail("Lost", "Body", "from@twinhub.test", ["ayse@okul.example"])
    assert outbox_sweep() == 0  # just queued: its own task is still expected
    OutboxEmail.objects.update(next_attempt_at=timezone.now() - timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 1
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT and len(mail.outbox) == 1


def test_the_message_survives_the_trip_through_the_table(outbox, django_capture_on_commit_callbacks):
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives("Konu: ğüşiöç", "Gövde", "TwinHub <no-reply@twinhub.test>", ["a@x.example"],
                                     cc=["c@x.example"], bcc=["b@x.example"], reply_to=["r@x.example"],
                                     headers={"X-Kind": "test"})
    message.attach_alternative("<p>Gövde</p>", "text/html")
    message.attach("note.txt", b"\x00\x01bytes", "application/octet-stream")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    sent = mail.outbox[0]
    assert (sent.subject, sent.body, sent.from_email) == ("Konu: ğüşiöç", "Gövde", "TwinHub <no-reply@twinhub.test>")
    assert (sent.to, sent.cc, sent.bcc, sent.reply_to) == (["a@x.example"], ["c@x.example"], ["b@x.example"],
                                                           ["r@x.example"])
    assert sent.extra_headers == {"X-Kind": "test"}
    assert sent.alternatives[0][0] == "<p>Gövde</p>"
    assert sent.attachments[0][:2] == ("note.txt", b"\x00\x01bytes")
    assert OutboxEmail.objects.get().recipients == "a@x.example, c@x.example, b@x.example"


def test_allauths_emails_go_through_the_outbox(outbox, client, django_capture_on_commit_callbacks):
    make_teacher(email="unutkan@okul.example")
    token = request_id_var.set("req-password-reset")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/accounts/password/reset/", {"email": "unutkan@okul.example"})
            assert mail.outbox == []
    finally:
        request_id_var.reset(token)
    row = OutboxEmail.objects.get()
    assert row.recipients == "unutkan@okul.example" and row.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


def test_sent_emails_are_dropped_after_30_days_queued_and_failed_ones_stay(outbox, django_capture_on_commit_callbacks):
    from twinhub.core.outbox import outbox_and_once_keys_cleanup

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            send_mail(f"Mail {n}", "Body", "from@twinhub.test", ["ayse@okul.example"])
    old, recent, failed = OutboxEmail.objects.order_by("pk")
    OutboxEmail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=31))
    OutboxEmail.objects.filter(pk=failed.pk).update(status=OutboxEmail.Status.FAILED,
                                                   created_at=timezone.now() - timedelta(days=90))
    assert outbox_and_once_keys_cleanup() == 1
    assert set(OutboxEmail.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk}


def test_beat_knows_every_periodic_job():
    from twinhub.core.tasks import periodic_schedule

    tasks = {entry["task"] for entry in periodic_schedule().values()}
    assert {"twinhub.core.outbox.outbox_sweep", "twinhub.core.outbox.outbox_and_once_keys_cleanup",
            "twinhub.core.digests.notification_digests_send", "twinhub.schools.tasks.validator_digests_send",
            "twinhub.accounts.tasks.expired_credentials_clear",
            "twinhub.labels.tasks.label_window_notices_send"} <= tasks
