"""The e-mail outbox: every e-mail leaves through it (decision 15).

`EMAIL_BACKEND = "twinhub.core.outbox.OutboxBackend"`: Django's `send_mail`, allauth's messages and
`send_templated_email` all end here. The backend only writes an `OutboxEmail` row — in the transaction
of whoever sends, so a rolled-back request leaves no e-mail — and asks for `outbox_email_send`, which
the task base sends after the commit. The task hands the message to the real backend
(`EMAIL_DELIVERY_BACKEND`: SMTP in production, the console in development).

- Idempotent: the task locks the row and sends only a queued one that is due, so a re-run (a retry,
  the sweep, a second worker) never sends it twice. A worker killed between the mail server's "OK"
  and the commit can send it once more: at least once, never lost.
- A failure is kept on the row (attempts, last error) and tried again with back-off; after
  `MAX_ATTEMPTS` it is `failed`, counted on the operators' page and in the admin, where it can be
  sent again.
- `outbox_sweep` (beat, every minute) asks again for queued e-mails whose task was lost (a broker
  that was away, a Redis restart).
"""

import base64
import logging
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models, transaction
from django.utils import timezone

from twinhub.core.models import OutboxEmail
from twinhub.core.once import done_once_forget
from twinhub.core.tasks import crontab, periodic, request_id_var, task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
# The sweep leaves a due e-mail this long to its own retry before asking again.
SWEEP_GRACE = timedelta(minutes=2)
SENT_KEPT = timedelta(days=30)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … doubled after each failed attempt, at most an hour (about 2 h in all)."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


# --- The message, as JSON -------------------------------------------------------------------------

def message_to_json(message: EmailMessage) -> dict:
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            attachments.append({"mime": attachment.as_string()})
            continue
        filename, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else content
        attachments.append({"filename": filename, "mimetype": mimetype,
                            "content": base64.b64encode(raw).decode("ascii")})
    return {
        "subject": str(message.subject), "body": str(message.body), "from_email": message.from_email,
        "to": list(message.to), "cc": list(message.cc), "bcc": list(message.bcc),
        "reply_to": list(message.reply_to), "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "content_subtype": message.content_subtype, "attachments": attachments,
    }


def message_from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"], body=data["body"], from_email=data["from_email"], to=data["to"],
        cc=data["cc"], bcc=data["bcc"], reply_to=data["reply_to"], headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for attachment in data.get("attachments", []):
        if "mime" in attachment:
            from email import message_from_string

            message.attach(message_from_string(attachment["mime"]))
        else:
            message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    return message


# --- The backend every e-mail goes through -------------------------------------------------------

class OutboxBackend(BaseEmailBackend):
    """Queue each message in the outbox; a task delivers it after the commit."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            outbox_email_queue(message=message)
            count += 1
        return count


def outbox_email_queue(*, message: EmailMessage) -> OutboxEmail:
    row = OutboxEmail.objects.create(
        recipients=", ".join(message.recipients())[:1000], subject=str(message.subject)[:300],
        message=message_to_json(message), request_id=request_id_var.get()[:64],
    )
    outbox_email_send.delay(email_id=row.pk)
    return row


def outbox_email_retry(*, email_id: int) -> None:
    """Operators: give a failed (or stuck) e-mail a fresh set of attempts and send it now."""
    updated = OutboxEmail.objects.filter(pk=email_id).exclude(status=OutboxEmail.Status.SENT).update(
        status=OutboxEmail.Status.QUEUED, attempts=0, next_attempt_at=timezone.now())
    if updated:
        outbox_email_send.delay(email_id=email_id)


# --- Delivery -------------------------------------------------------------------------------------

def outbox_email_deliver(*, email_id: int) -> timedelta | None:
    """Send one queued e-mail if it is due. Returns the wait before the next attempt after a failure
    that leaves it queued, None otherwise (sent, failed for good, or nothing to do)."""
    now = timezone.now()
    with transaction.atomic():
        row = OutboxEmail.objects.select_for_update().filter(
            pk=email_id, status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now).first()
        if row is None:
            return None  # sent already, failed for good, or another attempt is planned
        row.attempts += 1
        try:
            with get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False) as connection:
                connection.send_messages([message_from_json(row.message)])
        except Exception as error:  # any failure of the mail server or the message: kept, not raised
            row.last_error = f"{type(error).__name__}: {error}"[:4000]
            if row.attempts >= MAX_ATTEMPTS:
                row.status = OutboxEmail.Status.FAILED
                logger.error("e-mail %s failed for good after %s attempts: %s", row.pk, row.attempts, row.last_error)
                row.save(update_fields=["attempts", "last_error", "status"])
                return None
            wait = retry_delay(row.attempts)
            row.next_attempt_at = now + wait
            logger.warning("e-mail %s not sent (attempt %s), next in %s: %s", row.pk, row.attempts, wait,
                           row.last_error)
            row.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            return wait
        row.status = OutboxEmail.Status.SENT
        row.sent_at = timezone.now()
        row.save(update_fields=["attempts", "status", "sent_at"])
        return None


@task(bind=True, autoretry_for=(), max_retries=None)
def outbox_email_send(self, *, email_id: int) -> None:
    wait = outbox_email_deliver(email_id=email_id)
    if wait is not None and not (self.request.is_eager or self.request.called_directly):
        # A worker tries again after the wait; without one (make run) the sweep or an operator does.
        raise self.retry(countdown=wait.total_seconds())


@periodic(timedelta(minutes=1))
@task
def outbox_sweep() -> int:
    """Ask again for queued e-mails that are due and whose own task seems lost."""
    due = list(OutboxEmail.objects.filter(
        status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=timezone.now() - SWEEP_GRACE,
    ).values_list("pk", flat=True)[:1000])
    for email_id in due:
        outbox_email_send.delay(email_id=email_id)
    return len(due)


# --- What operators see ---------------------------------------------------------------------------

def outbox_summary(*, failed_limit: int = 20) -> dict:
    """Queued and failed counts, the oldest queued e-mail and the latest failures."""
    counts = dict(OutboxEmail.objects.exclude(status=OutboxEmail.Status.SENT).values_list("status")
                  .annotate(n=models.Count("pk")).order_by())
    oldest = (OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED).order_by("created_at")
              .values_list("created_at", flat=True).first())
    failed = list(OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED)
                  .only("pk", "created_at", "recipients", "subject", "attempts", "last_error")[:failed_limit])
    return {"queued": counts.get(OutboxEmail.Status.QUEUED, 0), "failed": counts.get(OutboxEmail.Status.FAILED, 0),
            "oldest_queued_at": oldest, "latest_failed": failed}


@periodic(crontab(hour=3, minute=30))
@task
def outbox_and_once_keys_cleanup() -> int:
    """Sent e-mails are kept 30 days (operators look up what left), then dropped; old once-keys too."""
    deleted, _ = OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT,
                                           sent_at__lt=timezone.now() - SENT_KEPT).delete()
    return deleted + done_once_forget()
