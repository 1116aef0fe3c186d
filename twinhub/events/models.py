"""Events (online seminars and learning events), registrations with a waiting list, attendance
and certificates of participation; the project gallery's consents; kits (ready-made project plans).

Foreign keys point down only: a project event points at `projects.Project`, a gallery entry at the
project and the TwinSpace pages it shows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from twinhub.accounts.choices import LANGUAGES


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("Online seminar")
    LEARNING = "learning", _("Learning event")


class Audience(models.TextChoices):
    ALL = "all", _("All teachers")
    NEWCOMERS = "newcomers", _("Newcomers to eTwinning")
    PRE_PRIMARY = "pre_primary", _("Pre-primary teachers")
    PRIMARY = "primary", _("Primary teachers")
    SECONDARY = "secondary", _("Secondary teachers")
    VOCATIONAL = "vocational", _("Vocational teachers")
    HEADS = "heads", _("Head teachers")


class EventStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Event(models.Model):
    """One event. National events carry the organising NSS's country; European ones (CSS) none;
    a project's event is visible to the project's members only."""

    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices, default=Audience.ALL)
    country = models.CharField(_("country"), max_length=2, blank=True)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    project = models.ForeignKey("projects.Project", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="events")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    link = models.URLField(_("link to the session"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    # A learning event's discussion space: a group of its own, made with the event (events.discussion).
    discussion = models.OneToOneField("groups.Group", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="event")
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.PUBLISHED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["country", "starts_at"]),
            models.Index(fields=["project", "starts_at"]),
        ]
        constraints = [models.CheckConstraint(name="event_ends_after_start", condition=Q(ends_at__gte=models.F("starts_at")))]

    def __str__(self):
        return self.title


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A person's place at an event (or in its waiting list, in `queued_at` order). Its
    certificate code is given when attendance is recorded; the PDF is rendered from this row."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    queued_at = models.DateTimeField()
    attended = models.BooleanField(default=False)
    attended_at = models.DateTimeField(null=True, blank=True)
    certificate_code = models.CharField(max_length=16, unique=True, null=True, blank=True)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="event_registration_once")]
        indexes = [models.Index(fields=["event", "status", "queued_at"]), models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user_id} at {self.event_id}: {self.status}"


class Activity(models.Model):
    """A learning event's activity, posted by an organiser for one week of the event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="activities")
    week = models.PositiveSmallIntegerField(_("week"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("what to do"), blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["week", "id"]

    def __str__(self):
        return self.title


class ActivityCompletion(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="completions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "user"], name="event_activity_done_once")]

    def __str__(self):
        return f"{self.user_id} did {self.activity_id}"


class Material(models.Model):
    """A link to a recording, slides or a resource, kept with the event after it ends."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title


# --- The project gallery ---------------------------------------------------------------------------

class GalleryConsent(models.Model):
    """A founder's agreement that their labelled project is shown in the public gallery. The
    project is shown while every founder's row exists; withdrawing deletes the founder's row."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="gallery_consents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    agreed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="gallery_consent_once")]

    def __str__(self):
        return f"{self.user_id} agrees to show {self.project_id}"


class GalleryEntry(models.Model):
    """What the gallery shows of a project beyond its description: a summary written for the
    public, a cover chosen among its TwinSpace images, and selected public TwinSpace pages."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="gallery_entry")
    summary = models.TextField(_("summary for the public"), blank=True)
    cover = models.ForeignKey("twinspace.Material", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    pages = models.ManyToManyField("twinspace.Page", blank=True, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"gallery entry of {self.project_id}"


# --- Kits --------------------------------------------------------------------------------------------

class Kit(models.Model):
    """A ready-made project plan written by NSS/CSS, in English and Turkish."""

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    aims_en = models.TextField(_("aims (English)"))
    aims_tr = models.TextField(_("aims (Turkish)"))
    tools_en = models.TextField(_("tools (English)"), blank=True)
    tools_tr = models.TextField(_("tools (Turkish)"), blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    age_ranges = models.JSONField(_("pupils' age ranges"), default=list, blank=True)
    country = models.CharField(max_length=2, blank=True)  # the writing NSS's country; "" for CSS
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title_en", "id"]

    def __str__(self):
        return self.title_en


class KitWeek(models.Model):
    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="weeks")
    week = models.PositiveSmallIntegerField()
    activities_en = models.TextField()
    activities_tr = models.TextField()

    class Meta:
        ordering = ["week"]
        constraints = [models.UniqueConstraint(fields=["kit", "week"], name="kit_week_once")]

    def __str__(self):
        return f"{self.kit_id} week {self.week}"
