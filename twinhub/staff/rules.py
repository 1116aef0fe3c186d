"""Who may hand out which platform role."""

from django.utils.translation import gettext as _

from twinhub.core.errors import Refusal
from twinhub.core.values import is_email_address
from twinhub.geography.countries import is_valid_region, regions_are_provinces
from twinhub.staff.roles import ADMIN, COORDINATOR, CSS, NSS


def role_grant_refusal(*, manager_kinds: set[str], manager_countries: set[str], kind: str,
                       country: str, region: str) -> Refusal | None:
    """NSS staff manage coordinators and NSS staff of their own country; CSS staff and site
    administrators manage every role but site administrator, which only the Django admin grants."""
    broad = bool(manager_kinds & {CSS, ADMIN})
    if kind not in (COORDINATOR, NSS, CSS, ADMIN):
        return Refusal(code="invalid", status=400, message=_("Choose the role to grant."), who_must_act=_("you"))
    if kind == ADMIN or (kind == CSS and not broad):
        return Refusal(code="forbidden", status=403,
                       message=_("Only site administrators can grant this role, in the admin."))
    if kind in (NSS, COORDINATOR):
        if not country:
            return Refusal(code="invalid", status=400, message=_("Choose the country of the role."))
        if not broad and country not in manager_countries:
            return Refusal(code="forbidden", status=403,
                           message=_("You can manage roles of your own country only."))
    if kind == COORDINATOR:
        if not regions_are_provinces(country):
            return Refusal(code="invalid", status=400,
                           message=_("Provincial coordinators exist in Türkiye only; elsewhere the NSS validates."))
        if not region or not is_valid_region(country, region):
            return Refusal(code="invalid", status=400, message=_("Choose the coordinator's province."))
    return None


PHONE_MAX_LENGTH = 40


def role_contact_refusal(*, public_email: str, public_phone: str) -> Refusal | None:
    """The public contact of a role, as the directory shows it."""
    if public_email and not is_email_address(public_email):
        return Refusal(code="invalid_email", status=400, message=_("The public contact email is not valid."),
                       who_must_act=_("you"))
    if len(public_phone) > PHONE_MAX_LENGTH:
        return Refusal(code="invalid", status=400,
                       message=_("A phone number has at most %(max)s characters.") % {"max": PHONE_MAX_LENGTH},
                       who_must_act=_("you"))
    return None
