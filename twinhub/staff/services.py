from django.db import transaction

from twinhub.accounts.addresses import normalize_email
from twinhub.accounts.models import User
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, not_found
from twinhub.staff.codes import StaffAudit
from twinhub.staff.models import StaffRole
from twinhub.staff.rules import Capability, grantee_refusal, role_contact_refusal, role_grant_refusal
from twinhub.staff.selectors import role_scopes_of, staff_reach


def _check(refusal) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


def _manager_refusal(manager, *, kind: str, country: str, region: str):
    return role_grant_refusal(
        manager_kinds={s.kind for s in role_scopes_of(manager)},  # a superuser counts as an administrator
        manager_countries=staff_reach(manager, Capability.MANAGE_ROLES).countries, kind=kind, country=country, region=region)


@transaction.atomic
def staff_role_grant(*, manager: User, email: str, kind: str, country: str = "", region: str = "",
                     public_email: str = "", public_phone: str = "", listed: bool = True) -> StaffRole:
    refusal = (_manager_refusal(manager, kind=kind, country=country, region=region)
               or role_contact_refusal(public_email=public_email.strip(), public_phone=public_phone.strip()))
    _check(refusal)
    user = User.objects.filter(email=normalize_email(email)).first()
    _check(grantee_refusal(account_exists=user is not None))
    role, created = StaffRole.objects.get_or_create(
        user=user, kind=kind, country=country if kind in ("nss", "coordinator") else "",
        region=region if kind == "coordinator" else "",
        defaults={"public_email": public_email.strip(), "public_phone": public_phone.strip(),
                  "listed_in_directory": listed})
    if not created:
        role.public_email, role.public_phone = public_email.strip(), public_phone.strip()
        role.listed_in_directory = listed
        role.save(update_fields=["public_email", "public_phone", "listed_in_directory"])
    audit_record(actor=manager, action=StaffAudit.ROLE_GRANTED, obj=role, user=user.pk, kind=kind,
                 country=country, region=region)
    return role


@transaction.atomic
def staff_role_revoke(*, manager: User, role_id: int) -> None:
    role = StaffRole.objects.select_for_update().filter(pk=role_id).first()
    if role is None or _manager_refusal(manager, kind=role.kind, country=role.country, region=role.region):
        raise not_found()
    audit_record(actor=manager, action=StaffAudit.ROLE_REVOKED, obj=role, user=role.user_id, kind=role.kind,
                 country=role.country, region=role.region)
    role.delete()
