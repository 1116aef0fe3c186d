"""Writes about schools and memberships. Each runs in one transaction with its audit row;
emails and notifications leave after commit."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from twinhub.accounts.models import Profile, User
from twinhub.accounts.rules import already_joined_refusal
from twinhub.accounts.selectors import has_profile
from twinhub.accounts.services import profile_create
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, Refusal
from twinhub.core.notifications import notify, send_templated_email
from twinhub.geography.countries import COUNTRY_CODES, is_valid_region
from twinhub.schools.codes import SchoolAudit, SchoolNotice
from twinhub.schools.models import Membership, MembershipStatus, PrincipalAnswer, School, SchoolType
from twinhub.schools.rules import (
    decision_refusal,
    membership_request_refusal,
    principal_answer_refusal,
    reject_reason_refusal,
    school_choice_refusal,
    school_exists_refusal,
    school_name_key,
    school_number_key,
    school_values_refusal,
)
from twinhub.schools.selectors import (
    decider_users_for,
    membership_for_principal,
    membership_for_validator,
    near_duplicate_schools,
)


class NearDuplicateSchool(ApplicationError):
    def __init__(self, existing: list[School]):
        super().__init__(school_exists_refusal(existing=[(s.pk, s.public_name, s.city) for s in existing]))
        self.existing = existing


def _check(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


@transaction.atomic
def school_create(*, user: User, legal_name: str, public_name: str = "", country: str, region: str = "",
                  city: str, school_type: str, school_number: str = "", principal_name: str,
                  principal_email: str, allow_duplicate: bool = False) -> School:
    _check(school_values_refusal(
        legal_name=legal_name, public_name=public_name, country=country, region=region,
        region_valid=is_valid_region(country, region), city=city, school_type=school_type,
        school_types=SchoolType.values, school_number=school_number, principal_name=principal_name,
        principal_email=principal_email, known_countries=COUNTRY_CODES))
    public_name = public_name.strip() or legal_name.strip()
    if not allow_duplicate:
        existing = near_duplicate_schools(country=country, region=region, name=public_name,
                                          school_number=school_number)
        if not existing and legal_name.strip() != public_name:
            existing = near_duplicate_schools(country=country, region=region, name=legal_name,
                                              school_number=school_number)
        if existing:
            raise NearDuplicateSchool(existing)
    school = School.objects.create(
        legal_name=legal_name.strip(), public_name=public_name, country=country, region=region,
        city=city.strip(), school_type=school_type, school_number=school_number_key(school_number),
        principal_name=principal_name.strip(), principal_email=principal_email.strip(),
        name_key=school_name_key(public_name), created_by=user if user and user.pk else None,
    )
    audit_record(actor=user, action=SchoolAudit.SCHOOL_CREATED, obj=school, name=school.public_name)
    return school


def membership_request(*, user: User, school: School) -> Membership:
    """Rule 1: adding a school makes a pending membership; the principal is asked to confirm."""
    with transaction.atomic():
        existing = (Membership.objects.filter(user=user, school=school,
                                              status__in=[MembershipStatus.PENDING, MembershipStatus.APPROVED])
                    .values_list("status", flat=True).first())
        _check(membership_request_refusal(existing_status=existing))
        try:
            with transaction.atomic():
                membership = Membership.objects.create(user=user, school=school)
        except IntegrityError:  # a simultaneous request won the race
            _check(membership_request_refusal(existing_status=MembershipStatus.PENDING))
        audit_record(actor=user, action=SchoolAudit.MEMBERSHIP_REQUESTED, obj=membership, school=school.pk)
        _tell_deciders(membership)
        transaction.on_commit(lambda: _ask_principal(membership))
    user.__dict__.pop("_memberships_cache", None)
    return membership


def _tell_deciders(membership: Membership) -> None:
    """Those who decide (rule 1) learn that a new membership waits for them: in-app and by e-mail,
    each in their own language."""
    school, teacher = membership.school, membership.user
    for decider in decider_users_for(country=school.country, region=school.region):
        notify(user=decider, kind=SchoolNotice.MEMBERSHIP_WAITING,
               params={"teacher": teacher.display_name, "school": school.public_name},
               url=reverse("validation_queue"), email_template="schools/email/membership_waiting")


def _ask_principal(membership: Membership) -> None:
    school = membership.school
    send_templated_email(
        to=school.principal_email, language=None, user=membership.user,
        template="schools/email/principal_confirm",
        context={"membership": membership, "school": school, "teacher": membership.user},
    )


@transaction.atomic
def principal_answer(*, token: str, confirmed: bool) -> Membership:
    """The principal's one-time answer: does this person work at the school? Validators see it."""
    membership_for_principal(token)  # unknown token: not found
    membership = Membership.objects.select_for_update().get(principal_token=token)
    _check(principal_answer_refusal(answer=membership.principal_answer))
    membership.principal_answer = PrincipalAnswer.CONFIRMED if confirmed else PrincipalAnswer.DENIED
    membership.principal_answered_at = timezone.now()
    membership.save(update_fields=["principal_answer", "principal_answered_at"])
    audit_record(actor=None, action=SchoolAudit.PRINCIPAL_ANSWERED, obj=membership,
                 answer=membership.principal_answer, school=membership.school_id, teacher=membership.user_id)
    return membership


def _decide(*, actor, membership_id: int, approve: bool, reason: str) -> Membership:
    membership = membership_for_validator(actor, membership_id, for_update=True)
    _check(decision_refusal(status=membership.status))
    membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.reason = reason.strip()
    membership.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    audit_record(actor=actor, action=SchoolAudit.MEMBERSHIP_APPROVED if approve else SchoolAudit.MEMBERSHIP_REJECTED,
                 obj=membership, school=membership.school_id, teacher=membership.user_id, reason=membership.reason)
    notify(user=membership.user, kind=SchoolNotice.MEMBERSHIP_APPROVED if approve else SchoolNotice.MEMBERSHIP_REJECTED,
           params={"school": membership.school.public_name, "reason": membership.reason, "approved": approve},
           url=reverse("dashboard"), email_template="schools/email/membership_decided")
    return membership


@transaction.atomic
def membership_approve(*, actor: User, membership_id: int) -> Membership:
    return _decide(actor=actor, membership_id=membership_id, approve=True, reason="")


@transaction.atomic
def membership_reject(*, actor: User, membership_id: int, reason: str) -> Membership:
    _check(reject_reason_refusal(reason))
    return _decide(actor=actor, membership_id=membership_id, approve=False, reason=reason)


@transaction.atomic
def memberships_decide_bulk(*, actor: User, membership_ids: list[int], approve: bool,
                            reason: str = "") -> int:
    """Decide several at once, all or nothing: one out-of-scope or decided id refuses the batch."""
    if not approve:
        _check(reject_reason_refusal(reason))
    for membership_id in sorted(set(membership_ids)):
        _decide(actor=actor, membership_id=membership_id, approve=approve, reason=reason)
    return len(set(membership_ids))


@transaction.atomic
def membership_approve_provisioned(*, membership: Membership, operator: str = "operator") -> Membership:
    """Approve without a validator: for operators provisioning accounts from the command line
    and for memberships already validated on the old platform. Audited like any decision."""
    if membership.status == MembershipStatus.APPROVED:
        return membership
    membership.status = MembershipStatus.APPROVED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    audit_record(actor=None, action=SchoolAudit.MEMBERSHIP_APPROVED, obj=membership, school=membership.school_id,
                 teacher=membership.user_id, by=operator)
    return membership


@transaction.atomic
def etwinning_join(*, user: User, school: School | None = None, new_school: dict | None = None,
                   **profile: object) -> Profile:
    """"Join eTwinning": the profile, and a pending membership of the chosen school (rule 1).

    The school is an existing one or `new_school` (the fields of `school_create`); the rest are the
    profile's fields (`accounts.services.profile_create`)."""
    _check(already_joined_refusal(has_profile=has_profile(user)))
    if school is None:
        _check(school_choice_refusal(chosen=bool(new_school)))
        school = school_create(user=user, **new_school)
    created = profile_create(user=user, **profile)
    membership_request(user=user, school=school)
    return created
