"""Quality Labels (rule 8), the European Quality Label selection, certificates and the School Label.

Rules live in `labels.rules`; this module only stores facts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from twinhub.core.cache import ForgetsCachedReads
from twinhub.core.certificates import new_verification_code
from twinhub.labels.rules import DEFAULT_MAX_APPLICATIONS_PER_YEAR


class ApplicationWindow(ForgetsCachedReads):
    """When teachers of a country may apply for the National Quality Label in a year (set by the NSS)."""

    CACHED_READS = "labels.windows"  # labels.selectors.window_state: every project page asks

    country = models.CharField(_("country"), max_length=2)
    year = models.PositiveIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application window")
        verbose_name_plural = _("application windows")
        ordering = ["country", "opens_on"]
        indexes = [models.Index(fields=["country", "opens_on"])]
        constraints = [models.CheckConstraint(name="label_window_dates_ordered",
                                              condition=Q(closes_on__gte=models.F("opens_on")))]

    def __str__(self):
        return f"{self.country} {self.year}: {self.opens_on}–{self.closes_on}"


class CountryLabelPolicy(ForgetsCachedReads):
    """A country's eligibility policy, edited by its NSS. No row: `labels.rules.default_policy(country)`."""

    CACHED_READS = "labels.policies"  # labels.selectors.policy_for: every project page asks

    country = models.CharField(_("country"), max_length=2, unique=True)
    national_projects_allowed = models.BooleanField(_("national projects may apply"), default=True)
    max_applications_per_year = models.PositiveSmallIntegerField(_("applications evaluated per teacher and year"),
                                                                 default=DEFAULT_MAX_APPLICATIONS_PER_YEAR)
    # Null: no limit on the number of members from this country.
    max_members_from_country = models.PositiveSmallIntegerField(_("maximum project members from the country"),
                                                                null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("country label policy")
        verbose_name_plural = _("country label policies")

    def __str__(self):
        return self.country


class YearCounter(models.Model):
    """How many applications a teacher has submitted in a year. Its row is locked while a new
    application takes the next position, so two simultaneous submissions cannot share one."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    submitted = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "year"], name="label_year_counter_unique")]

    def __str__(self):
        return f"{self.user_id} {self.year}: {self.submitted}"


class EvaluationStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for an evaluator")
    IN_EVALUATION = "in_evaluation", _("Being evaluated")
    OVER_YEARLY_LIMIT = "not_evaluated_over_yearly_limit", _("Not evaluated: over the yearly limit")
    TOO_MANY_MEMBERS = "not_evaluated_too_many_members", _("Not evaluated: too many members from the country")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Not awarded")


class LabelApplication(models.Model):
    """A teacher's application for the National Quality Label of one project.

    `position_in_year` is fixed at submission and never given back: the first N by application
    time are evaluated. Legacy applications (`legacy_id`) may lack a position and scores."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="label_applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="label_applications")
    country = models.CharField(_("country"), max_length=2)
    year = models.PositiveIntegerField(_("year"))
    position_in_year = models.PositiveIntegerField(null=True, blank=True)
    # The facts the evaluability rule decided on at submission, so the decision can be explained
    # later in the same words (null on legacy rows).
    members_from_country = models.PositiveIntegerField(null=True, blank=True)
    yearly_limit = models.PositiveSmallIntegerField(null=True, blank=True)
    member_limit = models.PositiveSmallIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    pedagogy = models.TextField(_("pedagogical approaches"))
    curriculum = models.TextField(_("curricular integration"))
    collaboration = models.TextField(_("collaboration between partner schools"))
    technology = models.TextField(_("use of technology"))
    results = models.TextField(_("results and documentation"))
    evidence_links = models.JSONField(_("links to evidence"), default=list, blank=True)
    evaluation_status = models.CharField(max_length=40, choices=EvaluationStatus.choices,
                                         default=EvaluationStatus.QUEUED)
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="label_assignments")
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    scores = models.JSONField(null=True, blank=True)
    total = models.PositiveSmallIntegerField(null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    legacy_id = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Quality Label application")
        verbose_name_plural = _("Quality Label applications")
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["country", "evaluation_status", "submitted_at"], name="label_app_queue_idx"),
            models.Index(fields=["year", "evaluation_status", "country"], name="label_app_year_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["applicant", "year", "position_in_year"],
                                    name="label_app_one_position"),
            models.UniqueConstraint(fields=["project", "applicant", "year"], name="label_app_once_per_year"),
        ]

    def __str__(self):
        return f"NQL {self.project_id} by {self.applicant_id} ({self.evaluation_status})"


class LabelKind(models.TextChoices):
    NQL = "nql", _("National Quality Label")
    EQL = "eql", _("European Quality Label")
    SCHOOL = "school", _("eTwinning School Label")


def _verification_code() -> str:
    return new_verification_code()


class Label(models.Model):
    """An awarded label held by one teacher (NQL, EQL) or one school (School Label). Each one is
    a certificate: its PDF is rendered from this row, and its code verifies it publicly."""

    kind = models.CharField(max_length=8, choices=LabelKind.choices)
    year = models.PositiveIntegerField()
    country = models.CharField(max_length=2, blank=True)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="labels")
    school = models.ForeignKey("schools.School", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="labels")
    project = models.ForeignKey("projects.Project", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="labels")
    application = models.OneToOneField(LabelApplication, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="label")
    verification_code = models.CharField(max_length=16, unique=True, default=_verification_code, editable=False)
    awarded_at = models.DateTimeField()
    legacy_id = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("Quality Label")
        verbose_name_plural = _("Quality Labels")
        ordering = ["-awarded_at", "-id"]
        indexes = [models.Index(fields=["kind", "year", "country"])]
        constraints = [
            models.UniqueConstraint(fields=["kind", "project", "holder"], condition=Q(kind="eql"),
                                    name="label_one_eql_per_teacher_project"),
            models.CheckConstraint(name="label_has_holder",
                                   condition=Q(holder__isnull=False) | Q(school__isnull=False)),
        ]

    def __str__(self):
        return f"{self.kind} {self.year} {self.verification_code}"


class SelectionState(models.TextChoices):
    NOMINATING = "nominating", _("NSS nominating")
    CONFIRMED = "confirmed", _("Confirmed by CSS")


class EqlSelection(models.Model):
    """The yearly European Quality Label selection run by CSS."""

    year = models.PositiveIntegerField(unique=True)
    state = models.CharField(max_length=12, choices=SelectionState.choices, default=SelectionState.NOMINATING)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("European Quality Label selection")
        verbose_name_plural = _("European Quality Label selections")

    def __str__(self):
        return f"EQL {self.year}"


class EqlNomination(models.Model):
    selection = models.ForeignKey(EqlSelection, on_delete=models.CASCADE, related_name="nominations")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    country = models.CharField(max_length=2)
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("European Quality Label nomination")
        verbose_name_plural = _("European Quality Label nominations")
        constraints = [models.UniqueConstraint(fields=["selection", "project", "country"],
                                               name="eql_nomination_unique")]

    def __str__(self):
        return f"EQL {self.selection_id}: {self.project_id} by {self.country}"


class SchoolLabelStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the NSS")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Not awarded")


class SchoolLabelApplication(models.Model):
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="label_applications")
    year = models.PositiveIntegerField()
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    principal_name = models.CharField(_("principal's name"), max_length=160)
    principal_declaration = models.TextField(_("principal's declaration"))
    status = models.CharField(max_length=10, choices=SchoolLabelStatus.choices, default=SchoolLabelStatus.PENDING)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("School Label application")
        verbose_name_plural = _("School Label applications")
        ordering = ["submitted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="school_label_once_per_year")]

    def __str__(self):
        return f"School Label {self.school_id} {self.year} ({self.status})"
