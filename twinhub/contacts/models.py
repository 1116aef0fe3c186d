from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ContactRequest(models.Model):
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests_sent")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="contact_requests_received")
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["from_user", "to_user"], condition=Q(status="pending"),
                                    name="contact_request_one_pending"),
            models.CheckConstraint(condition=~Q(from_user=F("to_user")), name="contact_request_not_self"),
        ]

    def __str__(self):
        return f"{self.from_user_id} → {self.to_user_id} ({self.status})"


class Contact(models.Model):
    """One direction of a contact pair; both directions exist together (written by the services),
    so "my contacts" is a single indexed lookup."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_links")
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-since"]
        constraints = [
            models.UniqueConstraint(fields=["user", "other"], name="contact_unique_pair"),
            models.CheckConstraint(condition=~Q(user=F("other")), name="contact_not_self"),
        ]

    def __str__(self):
        return f"{self.user_id} ↔ {self.other_id}"
