"""The TwinSpace: a project's workspace (pages, materials, forums, meetings) and its people
besides the project's teachers (pupils, guests)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from twinhub.projects.models import Project


class ContentState(models.TextChoices):
    READY = "ready", _("Ready")
    # Set by the legacy migration until the old platform's content has been loaded.
    AWAITING_MIGRATION = "awaiting_migration", _("Being moved from the old platform")


class TwinSpace(models.Model):
    """One per project, created on first use. Its row is the lock for the storage quota."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="twinspace")
    content_state = models.CharField(max_length=20, choices=ContentState.choices, default=ContentState.READY)
    storage_used = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("TwinSpace")
        verbose_name_plural = _("TwinSpaces")

    def __str__(self):
        return f"TwinSpace of {self.project_id}"


class Pupil(models.Model):
    """A pupil's account, made by a teacher inside one project's TwinSpace: an alias, no email.
    The login code is shown once; only its keyed hash is stored (and looked up)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pupils")
    alias = models.CharField(_("alias"), max_length=40)
    login_key = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    code_reset_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        ordering = ["alias", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "alias"], name="pupil_alias_unique")]

    def __str__(self):
        return self.alias

    @property
    def display_name(self) -> str:
        return self.alias


class Guest(models.Model):
    """Someone invited by email to read (and, where a thread allows, comment in) one TwinSpace.
    They sign in with an ordinary account holding that email address."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="twinspace_guests")
    email = models.EmailField()
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["project", "email"], name="guest_email_unique")]

    def __str__(self):
        return self.email


class Authored(models.Model):
    """Written by a user (teacher or guest) or by a pupil."""

    author_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    author_pupil = models.ForeignKey(Pupil, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def author_name(self) -> str:
        author = self.author_user or self.author_pupil
        return author.display_name if author else "—"


# --- Building blocks: the fields of a page, a forum thread and a post, whatever space holds them.
# A TwinSpace holds them by project; other spaces (a Group) subclass the same blocks with their own
# foreign key, so the content, its sanitising, hiding and authorship are one definition (decision 27).

class PageBlock(Authored):
    """A page of a space: a tree of titled, sanitised HTML pages."""

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    body_html = models.TextField(_("content"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class ThreadBlock(Authored):
    """A forum thread of a space; its posts point to it."""

    title = models.CharField(_("title"), max_length=200)
    last_post_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class PostBlock(Authored):
    """A post in a thread (the subclass names its thread)."""

    body_html = models.TextField(_("message"))
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"post {self.pk}"


class Page(PageBlock):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="twinspace_pages")
    is_public = models.BooleanField(_("public"), default=False)

    class Meta:
        verbose_name = _("TwinSpace page")
        verbose_name_plural = _("TwinSpace pages")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["project", "parent", "position"])]

    def __str__(self):
        return self.title


def material_path(instance, filename: str) -> str:
    # Never the uploader's file name on disk: it is untrusted.
    return f"{instance.storage_folder}/{uuid.uuid4().hex}"


class MaterialKind(models.TextChoices):
    IMAGE = "image", _("Image")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    DOCUMENT = "document", _("Document")


class MaterialBlock(Authored):
    """A stored file of a space (checked by `services.checked_upload`); the subclass names the
    space and the folder its files go to."""

    file = models.FileField(upload_to=material_path, max_length=255)
    thumbnail = models.FileField(upload_to=material_path, max_length=255, blank=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(max_length=10, choices=MaterialKind.choices)
    content_type = models.CharField(max_length=100)
    size = models.BigIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name


class Material(MaterialBlock):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="twinspace_materials")

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["-created_at", "-id"]

    @property
    def storage_folder(self) -> str:
        return f"twinspace/{self.project_id}"


class Thread(ThreadBlock):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="twinspace_threads")
    guests_may_reply = models.BooleanField(_("guests may reply"), default=False)

    class Meta:
        verbose_name = _("forum discussion")
        verbose_name_plural = _("forum discussions")
        ordering = ["-last_post_at", "-id"]

    def __str__(self):
        return self.title


class Post(PostBlock):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")

    class Meta:
        verbose_name = _("forum message")
        verbose_name_plural = _("forum messages")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"post {self.pk} in {self.thread_id}"


class ThreadRead(models.Model):
    """When a reader last read a thread; newer posts are unread. `reader` is "u<id>" or "p<id>"."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    reader = models.CharField(max_length=24)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "reader"], name="thread_read_unique")]

    def __str__(self):
        return f"{self.reader} read {self.thread_id}"


class Meeting(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="twinspace_meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    link = models.URLField(_("link to the video meeting"), max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]

    def __str__(self):
        return self.title


class CalendarFeed(models.Model):
    """A user's secret iCalendar feed address (meetings of all their projects)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)

    def __str__(self):
        return f"calendar of {self.user_id}"


class Activity(models.Model):
    """The TwinSpace's activity feed; text rendered at display time from `kind` and `params`."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="twinspace_activity")
    kind = models.CharField(max_length=40)
    actor_name = models.CharField(max_length=160)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["project", "-created_at"])]

    def __str__(self):
        return f"{self.kind} in {self.project_id}"


class Subscription(models.Model):
    """A teacher who asked to hear about a TwinSpace's activity (in-app, and by email if chosen)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="twinspace_subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    by_email = models.BooleanField(_("also by email"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="twinspace_subscription_unique")]

    def __str__(self):
        return f"{self.user_id} follows {self.project_id}"
