"""Reads about platform roles: who holds which role where, and the public directory."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from twinhub.accounts.api_auth import staff_scope_withheld
from twinhub.core.cache import cached_read
from twinhub.geography.countries import COUNTRY_CODES
from twinhub.staff.models import StaffRole
from twinhub.staff.roles import ADMIN, COORDINATOR, CSS, NSS
from twinhub.staff.rules import CAPABILITIES, Capability, Reach, reach_of


@dataclass(frozen=True)
class RoleScope:
    kind: str
    country: str = ""
    region: str = ""


def staff_roles_of(user) -> list[StaffRole]:
    """The user's platform roles; none while the request acts through an API token without the
    staff scope (issue 12: staff actions need a staff-scoped token)."""
    if not user.is_authenticated or staff_scope_withheld(user):
        return []
    cached = getattr(user, "_staff_roles_cache", None)
    if cached is None:
        cached = list(StaffRole.objects.filter(user=user))
        user._staff_roles_cache = cached
    return cached


def role_scopes_of(user) -> list[RoleScope]:
    """The user's roles as scopes; a Django superuser counts as a site administrator (not through
    an API token without the staff scope)."""
    scopes = [RoleScope(r.kind, r.country, r.region) for r in staff_roles_of(user)]
    if user.is_authenticated and user.is_superuser and not staff_scope_withheld(user):
        scopes.append(RoleScope(ADMIN))
    return scopes


def is_validator(user) -> bool:
    return any(s.kind in (COORDINATOR, NSS, CSS, ADMIN) for s in role_scopes_of(user))




def directory_entries(*, country: str = "", region: str = "") -> QuerySet[StaffRole]:
    """Listed coordinators and NSS contacts; a region asks for that province's coordinators."""
    qs = StaffRole.objects.listed().filter(kind__in=[COORDINATOR, NSS]).select_related("user")
    if region:
        qs = qs.filter(kind=COORDINATOR, region=region)
    if country:
        qs = qs.filter(country=country)
    return qs.order_by("country", "region", "kind", "user__last_name", "user__first_name", "id")


DIRECTORY_CACHE = "staff.directory"  # invalidated by twinhub/staff/signals.py


def directory() -> dict:
    """The public directory: coordinators per province and NSS contacts per country (cached: read on
    every "who decides?" page, changed when a role or a name changes)."""
    return cached_read(DIRECTORY_CACHE, "all", _directory_build)


def _directory_build() -> dict:
    provinces: dict[str, list] = defaultdict(list)
    nss: dict[str, list] = defaultdict(list)
    for r in directory_entries():
        (provinces[r.region] if r.kind == COORDINATOR else nss[r.country]).append(r)
    return {"provinces": dict(provinces), "nss": dict(nss)}


def roles_managed_by(user) -> QuerySet[StaffRole]:
    """The coordinator and NSS roles this manager may see and revoke on the roles page."""
    countries = staff_reach(user, Capability.MANAGE_ROLES).countries
    return (StaffRole.objects.filter(country__in=countries, kind__in=[COORDINATOR, NSS])
            .select_related("user").order_by("country", "region", "kind", "user__email"))


def staff_reach(user, capability: Capability) -> Reach:
    """Where this user holds the capability (the one question every page, API and service asks)."""
    return reach_of([(s.kind, s.country) for s in role_scopes_of(user)], capability, COUNTRY_CODES)


def capability_holders(capability: Capability, country: str) -> QuerySet[StaffRole]:
    """The roles holding the capability for this country as its own (CSS, who holds most
    capabilities everywhere, is not "of" a country): those notified, assigned, listed."""
    here, _everywhere = CAPABILITIES[capability]
    return StaffRole.objects.filter(kind__in=here, country=country).select_related("user").order_by("user__email")
