"""Attaching old-platform data to people (rules 3, 4): at import for existing accounts (see
`handlers.accounts`), and whenever someone verifies an address later."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from twinhub.accounts.addresses import normalize_email
from twinhub.accounts.models import ApiToken, User
from twinhub.contacts.search_index import search_entries_refresh
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError
from twinhub.core.notifications import send_templated_email
from twinhub.core.values import is_email_address
from twinhub.legacy import rules
from twinhub.legacy.codes import LegacyAudit
from twinhub.legacy.format import email_is_usable, legacy_email_key
from twinhub.legacy.models import LegacyUser

# Relations that describe the login, not the teacher's work: they stay with their account.
_KEEP = {"account.emailaddress", "socialaccount.socialaccount", "accounts.apitoken", "legacy.legacyuser",
         "core.auditentry", "sessions.session", "usersessions.usersession", "mfa.authenticator"}
# One row per person: the account keeps its own; the placeholder's copy of it is dropped.
_ONE_PER_USER = {"accounts.profile", "contacts.teachersearchentry", "twinspace.calendarfeed"}
# Relations where a row the account already has *for the same other end* (same school, same
# project, same contact) is the same relation: one row is kept, the exact duplicate dropped.
_SAME_RELATION = {"schools.membership", "contacts.contact", "contacts.contactrequest", "contacts.threadmember",
                  "projects.projectmember", "projects.invitation", "twinspace.subscription",
                  "helpcentre.articlevote"}
# Relations between two people: between the placeholder and the account they become a relation
# of the person with themselves, which means nothing.
_BETWEEN_PEOPLE = {"contacts.contact", "contacts.contactrequest", "contacts.threadmember"}
# Label data has its own merge (year counters combined, positions renumbered by time).
_LABELS = {("labels.yearcounter", "user"), ("labels.labelapplication", "applicant")}


def _unique_field_sets(model, field_name: str) -> list[tuple[str, ...]]:
    meta = model._meta
    sets = [tuple(c.fields) for c in meta.constraints if getattr(c, "fields", None) and field_name in c.fields]
    sets += [tuple(u) for u in meta.unique_together if field_name in u]
    return sets


def _same_relation(model, row, field_name: str, dst_id: int):
    """The destination's row that the moved row would duplicate (same values of a unique
    constraint that includes the user), or None."""
    manager = model._default_manager
    for names in _unique_field_sets(model, field_name):
        lookup = {}
        for name in names:
            f = model._meta.get_field(name)
            lookup[f.attname] = dst_id if name == field_name else getattr(row, f.attname)
        found = manager.filter(**lookup).exclude(pk=row.pk).first()
        if found is not None:
            return found
    return None


def _merge_into(kept, dropped) -> None:
    """Keep the earliest date of a relation both rows describe, and a founder's role."""
    changed = []
    for name in ("since", "joined_at", "requested_at"):
        mine, theirs = getattr(kept, name, None), getattr(dropped, name, None)
        if mine is not None and theirs is not None and theirs < mine:
            setattr(kept, name, theirs)
            changed.append(name)
    if getattr(dropped, "role", None) == "founder" and getattr(kept, "role", None) != "founder" \
            and kept._meta.label_lower == "projects.projectmember":
        kept.role = "founder"
        changed.append("role")
    if getattr(dropped, "status", None) == "approved" and getattr(kept, "status", None) == "pending" \
            and kept._meta.label_lower == "schools.membership":
        kept.status, kept.decided_at = "approved", dropped.decided_at
        changed += ["status", "decided_at"]
    if changed:
        type(kept)._default_manager.filter(pk=kept.pk).update(**{n: getattr(kept, n) for n in changed})


def _move_rows(model, field_name: str, src_id: int, dst_id: int) -> int:
    """Point every row of `model` from src to dst. Returns how many rows could not move (they
    stay with the placeholder). Nothing of the destination is ever changed or deleted; of the
    source, only a row the destination already has an exact equivalent of is dropped."""
    label = model._meta.label_lower
    manager = model._default_manager
    rows = manager.filter(**{field_name: src_id})
    if label in _BETWEEN_PEOPLE:
        others = [f.attname for f in model._meta.concrete_fields
                  if f.is_relation and f.related_model is User and f.name != field_name]
        for other in others:
            rows.filter(**{other: dst_id}).delete()
    if label in _ONE_PER_USER and manager.filter(**{field_name: dst_id}).exists():
        rows.delete()
        return 0
    try:
        with transaction.atomic():
            rows.update(**{field_name: dst_id})
        return 0
    except IntegrityError:
        pass
    left = 0
    for row in list(rows):
        try:
            with transaction.atomic():
                manager.filter(pk=row.pk).update(**{field_name: dst_id})
            continue
        except IntegrityError:
            pass
        kept = _same_relation(model, row, field_name, dst_id) if label in _SAME_RELATION else None
        if kept is None:
            left += 1  # not the same relation: it stays with the placeholder, never deleted
            continue
        _merge_into(kept, row)
        manager.filter(pk=row.pk).delete()
    return left


def _move_label_data(src_id: int, dst_id: int) -> int:
    """The placeholder's applications join the account's: year counters are added up and each
    affected year's positions follow application time again (rule 8). An application for a
    project the account already applied for in the same year cannot exist twice: it stays with
    the placeholder. Returns how many rows stayed."""
    from twinhub.labels.models import LabelApplication, YearCounter
    from twinhub.legacy.label_positions import renumber_years

    left = 0
    years = set()
    for counter in YearCounter.objects.filter(user_id=src_id):
        mine = YearCounter.objects.filter(user_id=dst_id, year=counter.year).first()
        if mine is None:
            counter.user_id = dst_id
            counter.save(update_fields=["user"])
        else:
            mine.submitted += counter.submitted
            mine.save(update_fields=["submitted"])
            counter.delete()
        years.add(counter.year)
    taken = set(LabelApplication.objects.filter(applicant_id=dst_id).values_list("project_id", "year"))
    for application in LabelApplication.objects.filter(applicant_id=src_id):
        if (application.project_id, application.year) in taken:
            left += 1
            continue
        years.add(application.year)
        # Positions are renumbered below; free them first so the move cannot collide.
        LabelApplication.objects.filter(pk=application.pk).update(applicant_id=dst_id, position_in_year=None)
    renumber_years({(dst_id, year) for year in years})
    return left


def move_account_data(*, source: User, target: User) -> None:
    """Everything a placeholder account holds (schools, profile, contacts, projects, TwinSpace
    authorship, labels) moves to the person's real account, merged with what the account already
    has: nothing of the account is lost, and of the placeholder only exact duplicates are dropped.
    The placeholder is removed once empty; anything that cannot merge stays with it (audited)."""
    left = {}
    left["labels.labelapplication"] = _move_label_data(source.pk, target.pk)
    # include_hidden: founder/co-founder and other `related_name="+"` links are data too.
    relations = [f for f in User._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete]
    for relation in relations:
        label = relation.related_model._meta.label_lower
        if relation.many_to_many or label in _KEEP or (label, relation.field.name) in _LABELS:
            continue
        left[label] = left.get(label, 0) + _move_rows(relation.related_model, relation.field.name, source.pk,
                                                      target.pk)
    left = {label: n for label, n in left.items() if n}
    if left:
        audit_record(actor=target, action=LegacyAudit.CLAIM_KEPT_APART, obj=source, rows=left)
        return
    ApiToken.objects.filter(user=source).delete()
    source.delete()


@transaction.atomic
def legacy_attach_for_email(*, user: User, email: str) -> list[str]:
    """Attach the unclaimed old-platform accounts whose e-mail key equals this (verified)
    address's key to `user`. Returns the legacy ids now attached. Claimed data stays where it is."""
    key = legacy_email_key(email)
    if not key or not email_is_usable(email):
        return []
    rows = list(LegacyUser.objects.select_for_update().filter(email_key=key, claimed_by__isnull=True))
    if not rows:
        return []
    placeholders = {row.account_id for row in rows if row.account_id and row.account_id != user.pk}
    for account in User.objects.filter(pk__in=placeholders, is_active=False, password__startswith="!"):
        move_account_data(source=account, target=user)
    ids = [row.legacy_id for row in rows]
    # The condition makes a concurrent second claim of the same rows change nothing.
    LegacyUser.objects.filter(pk__in=[r.pk for r in rows], claimed_by__isnull=True).update(
        account=user, claimed_by=user, claimed_at=timezone.now())
    audit_record(actor=user, action=LegacyAudit.CLAIMED, obj=user, legacy_ids=ids)
    search_entries_refresh([user.pk])  # the moved memberships and schools make them findable
    return ids


def _claimed_by_someone_else(user: User, email: str) -> bool:
    key = legacy_email_key(email)
    return bool(key) and LegacyUser.objects.filter(email_key=key, claimed_by__isnull=False).exclude(
        claimed_by=user).exists()


@transaction.atomic
def email_add(*, user: User, email: str, request: HttpRequest | None = None) -> EmailAddress:
    """Add an address to the account and send the verification link. Verifying it attaches the
    old-platform data it names ("Claim my old eTwinning data").

    The answer is the same whether or not another account uses the address (no existence oracle):
    then its owner gets a notice instead of a verification link, and allauth never verifies an
    address another account holds verified."""
    email = normalize_email(email)
    held = EmailAddress.objects.filter(user=user)
    refusal = (rules.new_address_refusal(usable=email_is_usable(email) and is_email_address(email),
                                         already_held=held.filter(email__iexact=email).exists(),
                                         addresses_held=held.count(), limit=settings.ACCOUNT_MAX_EMAIL_ADDRESSES)
               or rules.claim_refusal(claimed_by_someone_else=_claimed_by_someone_else(user, email)))
    if refusal:
        raise ApplicationError(refusal)
    owner = EmailAddress.objects.filter(verified=True, email__iexact=email).exclude(user=user).first()
    address = held.filter(email__iexact=email).first()
    if address is None:
        address = EmailAddress.objects.create(user=user, email=email, verified=False, primary=False)
    if owner is not None:
        transaction.on_commit(lambda: send_templated_email(
            to=owner.email, user=owner.user, template="legacy/email/address_taken", context={}))
    elif not address.verified:
        transaction.on_commit(lambda: address.send_confirmation(request))
    audit_record(actor=user, action=LegacyAudit.EMAIL_ADDED, obj=user, email=email)
    return address
