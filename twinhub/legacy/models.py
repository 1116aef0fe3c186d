"""What the legacy import keeps: per-phase state, per-file checkpoints and counts, every
merged/rejected record with its reason, and the old ids of what it imported (so data can
attach to an account later, and a rerun recognises what is already there)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from twinhub.core.cache import ForgetsCachedReads


class PhaseState(models.TextChoices):
    PENDING = "pending", _("Not started")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Done")


class LegacyPhase(ForgetsCachedReads):
    # legacy.selectors.migration_status keeps the rows in the shared cache (every dashboard asks).
    CACHED_READS = "legacy.phases"

    name = models.CharField(max_length=20, unique=True)
    state = models.CharField(max_length=10, choices=PhaseState.choices, default=PhaseState.PENDING)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    export_generated_at = models.DateTimeField(null=True, blank=True)
    # When the operators plan to run the phase: told to the people whose data waits for it.
    planned_for = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("migration phase")
        verbose_name_plural = _("migration phases")

    def __str__(self):
        return f"{self.name}: {self.state}"


class LegacyFile(models.Model):
    """Progress through one export file. `lines_done` is committed with each batch, so a killed
    run resumes exactly after the last committed line."""

    name = models.CharField(max_length=80, unique=True)
    phase = models.CharField(max_length=20)
    lines_done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    merged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    done = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("export file")
        verbose_name_plural = _("export files")

    def __str__(self):
        return f"{self.name} @ {self.lines_done}"


class Outcome(models.TextChoices):
    MERGED = "merged", _("Merged")
    REJECTED = "rejected", _("Rejected")
    NOTE = "note", _("Imported with a note")


class LegacyRecord(models.Model):
    """A line that was merged or rejected (one per line), or a note on an imported line."""

    file = models.CharField(max_length=80)
    line = models.PositiveIntegerField()
    legacy_id = models.CharField(max_length=24, null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=40)
    detail = models.TextField(blank=True)

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        constraints = [models.UniqueConstraint(fields=["file", "line", "reason"], name="legacy_record_once")]
        indexes = [models.Index(fields=["outcome", "file", "line"])]

    def __str__(self):
        return f"{self.file}:{self.line} {self.outcome} {self.reason}"


# Old ids and match keys are unique or indexed through Meta, not `unique=True`/`db_index=True`:
# on PostgreSQL those add a second `varchar_pattern_ops` index per column (for LIKE, never used
# here), which the import would maintain for millions of rows.


class LegacySchool(models.Model):
    legacy_id = models.CharField(max_length=24)
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    # Country with official number, or country/region/city/type/name: how re-registrations are found.
    match_key = models.CharField(max_length=400)
    merged_into = models.CharField(max_length=24, blank=True)

    class Meta:
        verbose_name = _("old-platform school")
        verbose_name_plural = _("old-platform schools")
        indexes = [models.Index(fields=["match_key"], name="legacy_school_match_key")]
        constraints = [models.UniqueConstraint(fields=["legacy_id"], name="legacy_school_id_unique")]

    def __str__(self):
        return self.legacy_id


class LegacyUser(models.Model):
    """One old-platform account. `account` holds its data on the new platform: a dormant
    placeholder until someone verifies the matching address, then that person's account
    (`claimed_by`). Re-registrations of one person share the account (`merged_into`)."""

    legacy_id = models.CharField(max_length=24)
    email = models.CharField(max_length=320, blank=True)
    email_key = models.CharField(max_length=320, blank=True)
    country = models.CharField(max_length=2)
    status = models.CharField(max_length=10)
    merged_into = models.CharField(max_length=24, blank=True)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="legacy_users")
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="legacy_claims")
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("old-platform account")
        verbose_name_plural = _("old-platform accounts")
        indexes = [models.Index(fields=["email_key"], name="legacy_user_email_key")]
        constraints = [
            models.UniqueConstraint(fields=["legacy_id"], name="legacy_user_id_unique"),
            # A claim names who and when, together; the claim itself is a conditional update
            # (`claimed_by IS NULL`), so the same data cannot be claimed twice.
            models.CheckConstraint(name="legacy_user_claim_complete",
                                   condition=Q(claimed_by__isnull=True, claimed_at__isnull=True)
                                   | Q(claimed_by__isnull=False, claimed_at__isnull=False)),
        ]

    def __str__(self):
        return self.legacy_id


class LegacyProject(models.Model):
    legacy_id = models.CharField(max_length=24)
    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="legacy")
    full_title = models.TextField()  # the old title in full; the project's title may be shortened

    class Meta:
        verbose_name = _("old-platform project")
        verbose_name_plural = _("old-platform projects")
        constraints = [models.UniqueConstraint(fields=["legacy_id"], name="legacy_project_id_unique")]

    def __str__(self):
        return self.legacy_id


class LegacyPupil(models.Model):
    """An old-platform pupil account, imported into the project's TwinSpace. It cannot log in
    until a teacher of the project generates a new login code (the old codes are not exported)."""

    legacy_id = models.CharField(max_length=24)
    pupil = models.ForeignKey("twinspace.Pupil", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("old-platform pupil")
        verbose_name_plural = _("old-platform pupils")
        constraints = [models.UniqueConstraint(fields=["legacy_id"], name="legacy_pupil_id_unique")]

    def __str__(self):
        return self.legacy_id


class LegacyItem(models.Model):
    """An old-platform TwinSpace item and what it became: a page, a material, a forum thread
    (with its opening post) or a post. `full_title` keeps a title the new schema shortened, and
    the title of a post (posts have none on the new platform)."""

    legacy_id = models.CharField(max_length=24)
    kind = models.CharField(max_length=14)
    object_id = models.BigIntegerField()
    full_title = models.TextField(blank=True)

    class Meta:
        verbose_name = _("old-platform TwinSpace item")
        verbose_name_plural = _("old-platform TwinSpace items")
        constraints = [models.UniqueConstraint(fields=["legacy_id"], name="legacy_item_id_unique")]

    def __str__(self):
        return self.legacy_id


class LegacyLabel(models.Model):
    """An old-platform quality label application and what it became: a National Quality Label
    application (with its label when awarded), a European label, or, for a European application
    that was not awarded (the new platform selects European labels by nomination), this archive
    row with its status and dates."""

    legacy_id = models.CharField(max_length=24)
    kind = models.CharField(max_length=10)  # national, european
    status = models.CharField(max_length=10)  # pending, awarded, rejected
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    country = models.CharField(max_length=2)
    year = models.PositiveIntegerField()
    applied_at = models.DateTimeField(null=True, blank=True)
    application = models.ForeignKey("labels.LabelApplication", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    label = models.ForeignKey("labels.Label", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    line = models.PositiveIntegerField(default=0)  # in the labels file: where its notes point

    class Meta:
        verbose_name = _("old-platform Quality Label")
        verbose_name_plural = _("old-platform Quality Labels")
        constraints = [models.UniqueConstraint(fields=["legacy_id"], name="legacy_label_id_unique")]

    def __str__(self):
        return self.legacy_id


class LegacyImportRun(models.Model):
    """An import of an export folder started from the admin: run by a task after the commit
    (decision 15), with the command's own output kept here. The importer is resumable, so a run
    started again continues after the last committed line."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    folder = models.CharField(_("export folder on the server"), max_length=500)
    phases = models.CharField(_("phases"), max_length=100, blank=True,
                              help_text=_("Comma-separated; empty: every phase not done yet."))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    output = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        return f"{self.folder} ({self.status})"
