import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """Decided once, when the co-founder accepts (rule 2, `projects.rules.scope_for_founders`)."""

    NATIONAL = "national", _("National project")
    EUROPEAN = "european", _("European project")


class ProjectState(models.TextChoices):
    AWAITING_COFOUNDER = "awaiting_cofounder", _("Waiting for the co-founder")
    AWAITING_APPROVAL = "awaiting_approval", _("Waiting for NSS approval")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")
    DECLINED = "declined", _("Not started (declined)")


def cover_path(project: "Project", filename: str) -> str:
    return f"covers/{uuid.uuid4().hex}.jpg"


class Project(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    age_ranges = models.JSONField(_("pupils' age ranges"), default=list, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    founder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    cofounder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    # The founders' countries as they were when the scope was decided, kept for the explanation.
    founder_countries = models.JSONField(default=list, blank=True, editable=False)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, blank=True, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=ProjectState.choices,
                             default=ProjectState.AWAITING_COFOUNDER)
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    # The cover picture of the project header (services.project_cover_set makes it 1200×400), under a
    # name nobody can guess, served by the `project_cover` view to whoever may see the project.
    cover = models.FileField(upload_to=cover_path, blank=True, editable=False)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "scope"]),
                   # The directory's and my projects' order, walked by keyset paging (decision 31).
                   models.Index(fields=["created_at", "id"], name="project_created_idx")]
        constraints = [
            # Once open, closed or archived a project has a scope; before that it has none.
            models.CheckConstraint(
                name="project_scope_set_when_started",
                condition=Q(state__in=["awaiting_cofounder", "declined"], scope="")
                | (Q(state__in=["awaiting_approval", "open", "closed", "archived"]) & ~Q(scope="")),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def cover_url(self) -> str:
        if not self.cover:
            return ""
        return reverse("project_cover", args=[self.pk]) + "?v=" + self.cover.name.rsplit("/", 1)[-1][:8]


class MemberRole(models.TextChoices):
    FOUNDER = "founder", _("Founder")
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class ProjectMember(models.Model):
    """A teacher in a project, with the approved school they joined with; the school's country
    is copied at joining and counts for labels (it does not follow later moves)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships")
    school = models.ForeignKey("schools.School", null=True, on_delete=models.SET_NULL, related_name="+")
    country = models.CharField(max_length=2)
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        ordering = ["joined_at", "id"]
        indexes = [models.Index(fields=["project", "country"])]
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="project_member_unique")]

    def __str__(self):
        return f"{self.user_id} in {self.project_id} ({self.role})"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Invitation(models.Model):
    """An administrator's invitation of a contact to a project (rule 7)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    inviter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invitee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="project_invitations")
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["invitee", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["project", "invitee"], condition=Q(status="pending"),
                                    name="invitation_one_pending"),
        ]

    def __str__(self):
        return f"{self.invitee_id} → {self.project_id} ({self.status})"


class CountryProjectPolicy(models.Model):
    """Per-country setting of the National Support Service: approve new projects before they start.
    Off unless a row says otherwise."""

    country = models.CharField(max_length=2, unique=True)
    require_nss_approval = models.BooleanField(_("NSS approves new projects before they start"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("country project policy")
        verbose_name_plural = _("country project policies")

    def __str__(self):
        return f"{self.country}: {self.require_nss_approval}"
