"""Who may hand out which platform role."""

from django.utils.translation import gettext as _

from twinhub.core.errors import Refusal
from twinhub.geography.countries import is_valid_region, regions_are_provinces
from twinhub.staff.roles import ADMIN, COORDINATOR, CSS, NSS


def role_grant_refusal(*, manager_kinds: set[str], manager_countries: set[str], kind: str,
                       country: str, region: str) -> Refusal | None:
    """NSS staff manage coordinators and NSS staff of their own country; CSS staff and site
    administrators manage every role but site administrator, which only the Django admin grants."""
    broad = bool(manager_kinds & {CSS, ADMIN})
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
