import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from twinhub.geography.countries import country_choices, region_name


class SchoolType(models.TextChoices):
    PRE_PRIMARY = "pre_primary", _("Pre-primary school")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    VOCATIONAL = "vocational", _("Vocational school")
    SPECIAL_NEEDS = "special_needs", _("Special needs school")
    OTHER = "other", _("Other")


class School(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=255)
    public_name = models.CharField(_("public name"), max_length=255)
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    region = models.CharField(_("region"), max_length=80, blank=True)
    city = models.CharField(_("city"), max_length=120)
    school_type = models.CharField(_("school type"), max_length=20, choices=SchoolType.choices)
    school_number = models.CharField(_("official school number"), max_length=40, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    principal_name = models.CharField(_("principal's name"), max_length=160)
    principal_email = models.EmailField(_("principal's email"))
    # Folded name for finding near-duplicates (see `twinhub.schools.rules.school_name_key`).
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["public_name"]
        indexes = [
            models.Index(fields=["country", "region", "name_key"]),
            models.Index(fields=["country", "school_number"]),
        ]

    def __str__(self):
        return self.public_name

    def save(self, *args, **kwargs):
        adding, fields = self._state.adding, kwargs.get("update_fields")
        super().save(*args, **kwargs)
        if not adding and (fields is None or {"country", "region"} & set(fields)):
            # Its memberships carry its place (decision 55): a school that moved takes them along.
            Membership.objects.filter(school=self).exclude(
                school_country=self.country, school_region=self.region).update(
                school_country=self.country, school_region=self.region)

    @property
    def region_label(self) -> str:
        return region_name(self.region) if self.region else ""


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("To decide")
    MERGED = "merged", _("Merged")
    DISMISSED = "dismissed", _("Dismissed: two schools")


class PossibleDuplicate(models.Model):
    """Two schools that may be one (decision 0026): kept apart until the National Support Service
    merges `duplicate` into `school` or dismisses the pair."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    # Emptied and removed when merged: the pair stays as the record of the decision.
    duplicate = models.ForeignKey(School, null=True, on_delete=models.SET_NULL, related_name="+")
    duplicate_label = models.CharField(max_length=300, blank=True)
    country = models.CharField(max_length=2, db_index=True)
    reason = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN)
    found_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "duplicate"], name="possible_duplicate_once")]
        indexes = [models.Index(fields=["country", "status"])]

    REASONS = {
        "postcode_missing": _("From the old platform: the same name and place, no official number, and a "
                              "postcode missing on one side."),
        "registered_despite_warning": _("Registered although TwinHub showed the first school as a possible match."),
    }

    def __str__(self):
        return f"{self.school_id} ~ {self.duplicate_id} ({self.status})"

    @property
    def reason_text(self) -> str:
        return self.REASONS.get(self.reason, self.reason)


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class PrincipalAnswer(models.TextChoices):
    AWAITING = "awaiting", _("Not answered yet")
    CONFIRMED = "confirmed", _("Confirmed by the principal")
    DENIED = "denied", _("Denied by the principal")


def _principal_token() -> str:
    return secrets.token_urlsafe(32)


class MembershipQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MembershipStatus.PENDING)

    def approved(self):
        return self.filter(status=MembershipStatus.APPROVED)


class Membership(models.Model):
    """A teacher's membership of a school: pending until a validator of the school's region decides."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    principal_answer = models.CharField(
        max_length=10, choices=PrincipalAnswer.choices, default=PrincipalAnswer.AWAITING
    )
    principal_answered_at = models.DateTimeField(null=True, blank=True)
    principal_token = models.CharField(max_length=64, unique=True, default=_principal_token, editable=False)
    # The school's country and region, copied (decision 55): a province's validation queue reads one
    # index in its order instead of visiting the school of every pending membership of the country.
    # Written by save(), by School.save() when a school moves and by the writers of many rows at once
    # (the legacy import, merging two schools); `test_membership_place` checks each of them.
    school_country = models.CharField(max_length=2, default="", editable=False)
    school_region = models.CharField(max_length=80, blank=True, default="", editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("school membership")
        verbose_name_plural = _("school memberships")
        ordering = ["-requested_at", "-id"]
        indexes = [
            # The validation queue: "pending, oldest first" for CSS/NSS (status + order, id breaks ties)
            # and "pending in these schools" once a province or school filter picked the schools.
            models.Index(fields=["status", "requested_at", "id"], name="membership_queue_idx"),
            models.Index(fields=["school", "status", "requested_at"], name="membership_school_queue_idx"),
            # A province's queue (a coordinator's): its pending memberships already in their order.
            models.Index(fields=["status", "school_country", "school_region", "requested_at", "id"],
                         name="membership_place_queue_idx"),
        ]
        constraints = [
            # One live (pending or approved) membership per teacher and school; rejected ones stay as history.
            models.UniqueConstraint(
                fields=["user", "school"],
                condition=Q(status__in=["pending", "approved"]),
                name="membership_one_live_per_school",
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.school} ({self.status})"

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if self._state.adding or fields is None or {"school", "school_id"} & set(fields):
            self.school_country, self.school_region = self.school.country, self.school.region
            if fields is not None:
                kwargs["update_fields"] = {*fields, "school_country", "school_region"}
        super().save(*args, **kwargs)
