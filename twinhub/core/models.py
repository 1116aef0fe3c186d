from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from twinhub.core.notification_kinds import render


class AuditEntry(models.Model):
    """Who did what to which object, when and why. Written in the same transaction as the change."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class Notification(models.Model):
    """An in-app notification. The text is rendered at display time, in the reader's language,
    from `kind` and `params` (see `twinhub.core.notifications`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=64)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.kind} → {self.user_id}"

    @property
    def text(self) -> str:
        return render(self.kind, self.params)


class OutboxEmail(models.Model):
    """An e-mail waiting to leave, sent or given up on (decision 15). Written in the transaction of
    the request that sends it, delivered by a task after the commit: nothing is lost when the mail
    server is away, and operators see what is queued and what failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    recipients = models.CharField(max_length=1000)  # for operators: who it is for (the message says it too)
    subject = models.CharField(max_length=300)
    message = models.JSONField()  # the whole message (twinhub.core.outbox.message_to_json)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("e-mail outbox")

    def __str__(self):
        return f"{self.get_status_display()}: {self.subject} → {self.recipients}"


class DoneOnce(models.Model):
    """A key claimed by periodic work that must happen once ("the digest of user 7 for 2026-11-29"):
    claimed in the same transaction as the e-mail it guards, so a second run sends nothing more."""

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.key


class NotificationPreference(models.Model):
    """How a user wants to hear about notifications beyond the page: a daily e-mail digest of the
    ones still unread (set on the notifications page)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="notification_preference")
    daily_digest = models.BooleanField(_("Send me a daily e-mail with my unread notifications"), default=False)

    def __str__(self):
        return f"{self.user_id}: digest={self.daily_digest}"
