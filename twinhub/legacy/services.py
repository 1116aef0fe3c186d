"""Attaching old-platform data to people (rules 3, 4): at import for existing accounts (see
`handlers.accounts`), and whenever someone verifies an address later."""

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinhub.accounts.models import ApiToken, User
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, refuse
from twinhub.legacy import rules
from twinhub.legacy.format import email_is_usable, legacy_email_key
from twinhub.legacy.models import LegacyUser

# Relations that describe the login, not the teacher's work: they stay with their account.
_KEEP = {"account.emailaddress", "socialaccount.socialaccount", "accounts.apitoken", "legacy.legacyuser",
         "core.auditentry", "sessions.session", "usersessions.usersession", "mfa.authenticator"}


def _move_rows(model, field_name: str, src_id: int, dst_id: int) -> None:
    """Point every row of `model` from src to dst. A row the destination already has an
    equivalent of (a shared contact, the same project, a second profile) is dropped."""
    rows = model._default_manager.filter(**{field_name: src_id})
    try:
        with transaction.atomic():
            rows.update(**{field_name: dst_id})
        return
    except IntegrityError:
        pass
    for pk in list(rows.values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=pk).update(**{field_name: dst_id})
        except IntegrityError:
            model._default_manager.filter(pk=pk).delete()


def move_account_data(*, source: User, target: User) -> None:
    """Everything a placeholder account holds (schools, profile, contacts, projects, TwinSpace
    authorship, labels) moves to the person's real account; the placeholder is removed."""
    # include_hidden: founder/co-founder and other `related_name="+"` links are data too.
    relations = [f for f in User._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete]
    for relation in relations:
        if relation.many_to_many or relation.related_model._meta.label_lower in _KEEP:
            continue
        _move_rows(relation.related_model, relation.field.name, source.pk, target.pk)
    ApiToken.objects.filter(user=source).delete()
    source.delete()


@transaction.atomic
def legacy_attach_for_email(user: User, email: str) -> list[str]:
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
    audit_record(actor=user, action="legacy.claimed", obj=user, legacy_ids=ids)
    return ids


def claimed_by_someone_else(user: User, email: str) -> bool:
    key = legacy_email_key(email)
    return bool(key) and LegacyUser.objects.filter(email_key=key, claimed_by__isnull=False).exclude(
        claimed_by=user).exists()


@transaction.atomic
def email_add(*, user: User, email: str, request=None) -> EmailAddress:
    """Add an address to the account and send the verification link. Verifying it attaches the
    old-platform data it names ("Claim my old eTwinning data")."""
    email = email.strip()
    if not email_is_usable(email):
        raise refuse("invalid_email", _("Enter a valid e-mail address."), status=400)
    refusal = rules.claim_refusal(claimed_by_someone_else=claimed_by_someone_else(user, email))
    if refusal:
        raise ApplicationError(refusal)
    if EmailAddress.objects.filter(verified=True, email__iexact=email).exclude(user=user).exists():
        raise refuse("email_taken", _("Another account already uses this e-mail address."), status=409)
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        address = EmailAddress.objects.create(user=user, email=email, verified=False, primary=False)
    if not address.verified:
        transaction.on_commit(lambda: address.send_confirmation(request))
    audit_record(actor=user, action="legacy.email_added", obj=user, email=email)
    return address
