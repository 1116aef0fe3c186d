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


class TeacherSearchEntry(models.Model):
    """One row per eTwinner, denormalised for partner finding (name + school names + bio in one
    document). Kept in step by `twinhub.contacts.search_index`; teachers who are not eTwinners have
    no row. On PostgreSQL a generated `search` tsvector column (the document's words and the filters
    as exact lexemes, migration 0003) and its GIN index exist (not on SQLite, which uses a plain
    `contains` path)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
                                related_name="+")
    display_name = models.CharField(max_length=300)
    sort_name = models.CharField(max_length=300)
    school_names = models.TextField(blank=True)
    country = models.CharField(max_length=2)
    subjects = models.JSONField(default=list)
    languages = models.JSONField(default=list)
    age_ranges = models.JSONField(default=list)
    available = models.BooleanField(default=False)
    joined_at = models.DateTimeField()
    document = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["sort_name", "user"], name="teacher_search_name_idx"),
            models.Index(fields=["country", "sort_name", "user"], name="teacher_search_country_idx"),
            models.Index(fields=["-joined_at", "user"], name="teacher_search_recent_idx"),
        ]

    def __str__(self):
        return self.display_name


class Thread(models.Model):
    """A conversation between two contacts; `user_low` < `user_high` so a pair has one thread."""

    user_low = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    user_high = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user_low", "user_high"], name="thread_one_per_pair"),
            models.CheckConstraint(condition=Q(user_low__lt=F("user_high")), name="thread_ordered_pair"),
        ]

    def __str__(self):
        return f"{self.user_low_id} ↔ {self.user_high_id}"


class ThreadMember(models.Model):
    """A participant's view of a thread: the other person and how many messages they have not read."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_memberships")
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unread = models.PositiveIntegerField(default=0)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "other"], name="thread_member_one_per_pair")]
        indexes = [models.Index(fields=["user", "unread"])]

    def __str__(self):
        return f"{self.user_id} → {self.other_id} ({self.unread})"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=5000)  # plain text, escaped when shown
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at", "id"])]

    def __str__(self):
        return f"{self.sender_id} @ {self.thread_id}"
