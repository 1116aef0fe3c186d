"""Writes about schools and memberships. Each runs in one transaction with its audit row;
emails and notifications leave after commit."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from twinhub.accounts.models import Profile, User
from twinhub.accounts.rules import already_joined_refusal
from twinhub.accounts.selectors import has_profile
from twinhub.accounts.services import profile_create
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.notifications import notify, send_templated_email
from twinhub.geography.countries import COUNTRY_CODES, is_valid_region
from twinhub.schools.codes import SchoolAudit, SchoolNotice
from twinhub.schools.models import (
    DuplicateStatus,
    Membership,
    MembershipStatus,
    PossibleDuplicate,
    PrincipalAnswer,
    School,
    SchoolType,
)
from twinhub.schools.rules import (
    decision_refusal,
    duplicate_decision_refusal,
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
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach, staff_roles_of

# Why a pair is listed (stored; the page words it in the reader's language).
DUPLICATE_REGISTERED = "registered_despite_warning"


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
    existing = near_duplicate_schools(country=country, region=region, name=public_name,
                                      school_number=school_number, city=city)
    if not existing and legal_name.strip() != public_name:
        existing = near_duplicate_schools(country=country, region=region, name=legal_name,
                                          school_number=school_number, city=city)
    if existing and not allow_duplicate:
        raise NearDuplicateSchool(existing)
    school = School.objects.create(
        legal_name=legal_name.strip(), public_name=public_name, country=country, region=region,
        city=city.strip(), school_type=school_type, school_number=school_number_key(school_number),
        principal_name=principal_name.strip(), principal_email=principal_email.strip(),
        name_key=school_name_key(public_name), created_by=user if user and user.pk else None,
    )
    audit_record(actor=user, action=SchoolAudit.SCHOOL_CREATED, obj=school, name=school.public_name)
    # Registered although it looks like a school we have: the NSS decides (decision 0026).
    PossibleDuplicate.objects.bulk_create([
        PossibleDuplicate(school=other, duplicate=school, country=country, reason=DUPLICATE_REGISTERED)
        for other in existing])
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
        transaction.on_commit(lambda: _tell_deciders(membership.pk))
        transaction.on_commit(lambda: _ask_principal(membership))
    user.__dict__.pop("_memberships_cache", None)
    return membership


@transaction.atomic
def _tell_deciders(membership_id: int) -> None:
    """Those who decide (rule 1) learn that a new membership waits for them: in-app and by e-mail,
    each in their own language. After the commit, and only if it still waits: a membership
    approved in the same transaction (an operator's provisioning) bothers nobody."""
    membership = (Membership.objects.select_related("school", "user")
                  .filter(pk=membership_id, status=MembershipStatus.PENDING).first())
    if membership is None:
        return
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


# --- Possible duplicate schools (decision 0026) ----------------------------------------------

def _may_merge(actor: User, country: str) -> bool:
    return country in staff_reach(actor, Capability.MERGE_SCHOOLS).countries


def _open_pair(*, actor: User, pair_id: int) -> PossibleDuplicate:
    pair = PossibleDuplicate.objects.select_for_update().filter(pk=pair_id).first()
    if pair is None or not (_may_merge(actor, pair.country) or staff_roles_of(actor)):
        raise not_found()  # nobody outside the staff learns that the pair exists
    _check(duplicate_decision_refusal(may_decide=_may_merge(actor, pair.country),
                                      open=pair.status == DuplicateStatus.OPEN and pair.duplicate_id is not None))
    return pair


def _move_memberships(source: int, target: int) -> None:
    """A teacher at both registrations keeps one live membership: the target's, approved if either was."""
    live = [MembershipStatus.PENDING, MembershipStatus.APPROVED]
    mine = {m.user_id: m for m in Membership.objects.filter(school_id=target, status__in=live)}
    for theirs in Membership.objects.filter(school_id=source, status__in=live):
        kept = mine.get(theirs.user_id)
        if kept is None:
            continue
        if theirs.status == MembershipStatus.APPROVED and kept.status != MembershipStatus.APPROVED:
            Membership.objects.filter(pk=kept.pk).update(status=MembershipStatus.APPROVED,
                                                         decided_at=theirs.decided_at)
        theirs.delete()
    place = School.objects.filter(pk=target).values("country", "region").get()
    Membership.objects.filter(school_id=source).update(school_id=target, school_country=place["country"],
                                                       school_region=place["region"])


def _move_school_rows(source: int, target: int) -> int:
    """Point every row that names the source school at the target. Returns rows that could not move."""
    _move_memberships(source, target)
    left = 0
    for relation in School._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete) or relation.many_to_many:
            continue
        model, name = relation.related_model, relation.field.name
        if model in (Membership, PossibleDuplicate):
            continue
        rows = model._default_manager.filter(**{name: source})
        try:
            with transaction.atomic():
                rows.update(**{name: target})
        except IntegrityError:
            for pk in list(rows.values_list("pk", flat=True)):
                try:
                    with transaction.atomic():
                        model._default_manager.filter(pk=pk).update(**{name: target})
                except IntegrityError:
                    left += 1
    return left


@transaction.atomic
def school_duplicate_merge(*, actor: User, pair_id: int) -> PossibleDuplicate:
    """The two registrations are one school: teachers, projects and labels of the duplicate move to
    the school, and the emptied duplicate is removed."""
    pair = _open_pair(actor=actor, pair_id=pair_id)
    source, target = pair.duplicate, pair.school
    left = _move_school_rows(source.pk, target.pk)
    # Other pairs naming the removed registration now name the school it became.
    for other in PossibleDuplicate.objects.filter(Q(school=source) | Q(duplicate=source)).exclude(pk=pair.pk):
        ends = {other.school_id, other.duplicate_id} - {source.pk}
        if target.pk in ends or PossibleDuplicate.objects.filter(
                Q(school=target, duplicate_id__in=ends) | Q(school_id__in=ends, duplicate=target)).exists():
            other.delete()
        elif other.school_id == source.pk:
            PossibleDuplicate.objects.filter(pk=other.pk).update(school=target)
        else:
            PossibleDuplicate.objects.filter(pk=other.pk).update(duplicate=target)
    pair.status, pair.decided_by, pair.decided_at = DuplicateStatus.MERGED, actor, timezone.now()
    pair.duplicate_label = f"{source.public_name}, {source.city} (#{source.pk})"[:300]
    pair.save(update_fields=["status", "decided_by", "decided_at", "duplicate_label"])
    audit_record(actor=actor, action=SchoolAudit.DUPLICATE_MERGED, obj=target, country=pair.country,
                 merged=source.pk, name=source.public_name, rows_left=left)
    if not left:
        source.delete()
    return pair


@transaction.atomic
def school_duplicate_dismiss(*, actor: User, pair_id: int) -> PossibleDuplicate:
    """Two different schools after all: the pair leaves the list, both stay as they are."""
    pair = _open_pair(actor=actor, pair_id=pair_id)
    pair.status, pair.decided_by, pair.decided_at = DuplicateStatus.DISMISSED, actor, timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=actor, action=SchoolAudit.DUPLICATE_DISMISSED, obj=pair.school, country=pair.country,
                 other=pair.duplicate_id)
    return pair
