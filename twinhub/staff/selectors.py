"""Reads about platform roles: who validates where, and the public directory."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from twinhub.geography.countries import COUNTRY_CODES, country_choices, regions_are_provinces, tr_provinces
from twinhub.schools.rules import ADMIN, COORDINATOR, CSS, NSS, ValidatorContact, role_covers_school
from twinhub.staff.models import StaffRole


@dataclass(frozen=True)
class RoleScope:
    kind: str
    country: str = ""
    region: str = ""


def staff_roles_of(user) -> list[StaffRole]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_staff_roles_cache", None)
    if cached is None:
        cached = list(StaffRole.objects.filter(user=user))
        user._staff_roles_cache = cached
    return cached


def role_scopes_of(user) -> list[RoleScope]:
    """The user's roles as scopes; a Django superuser counts as a site administrator."""
    scopes = [RoleScope(r.kind, r.country, r.region) for r in staff_roles_of(user)]
    if user.is_authenticated and user.is_superuser:
        scopes.append(RoleScope(ADMIN))
    return scopes


def is_validator(user) -> bool:
    return any(s.kind in (COORDINATOR, NSS, CSS, ADMIN) for s in role_scopes_of(user))


def can_validate_school(user, school) -> bool:
    return any(
        role_covers_school(kind=s.kind, role_country=s.country, role_region=s.region,
                           school_country=school.country, school_region=school.region)
        for s in role_scopes_of(user)
    )


def nss_countries_of(user) -> set[str]:
    """Countries whose roles this user may manage (NSS staff: their own; CSS/admin: all)."""
    scopes = role_scopes_of(user)
    if any(s.kind in (CSS, ADMIN) for s in scopes):
        return set(COUNTRY_CODES)
    return {s.country for s in scopes if s.kind == NSS}


def validator_scope_q(user, prefix: str = "school__") -> Q:
    """`role_covers_school` as a database filter over schools (reached through `prefix`).
    A test walks every combination to keep the two in step."""
    q = Q(pk__in=[])
    for s in role_scopes_of(user):
        if s.kind in (CSS, ADMIN):
            return Q()
        if s.kind == NSS and s.country:
            q |= Q(**{f"{prefix}country": s.country})
        elif s.kind == COORDINATOR and regions_are_provinces(s.country) and s.region:
            q |= Q(**{f"{prefix}country": s.country, f"{prefix}region": s.region})
    return q


def validator_filter_choices(user) -> dict[str, list[tuple[str, str]]]:
    """The countries and provinces a validator may filter the queue by, derived from their
    roles (no query over memberships, which may be hundreds of thousands)."""
    scopes = role_scopes_of(user)
    if any(s.kind in (CSS, ADMIN) for s in scopes):
        countries = set(COUNTRY_CODES)
    else:
        countries = {s.country for s in scopes if s.kind == NSS}
    provinces = {s.region for s in scopes if s.kind == COORDINATOR and regions_are_provinces(s.country)}
    if any(regions_are_provinces(c) for c in countries):
        provinces = set(tr_provinces())
    return {
        "countries": [(c, n) for c, n in country_choices() if c in countries],
        "regions": [(code, name) for code, name in tr_provinces().items() if code in provinces],
    }


def deciders_for(places: set[tuple[str, str]]) -> dict[tuple[str, str], list[ValidatorContact]]:
    """The listed people who decide memberships for each (country, region), in one query:
    the province's coordinators in Türkiye, else (or when a province has none) the country's NSS."""
    if not places:
        return {}
    countries = {c for c, _r in places}
    roles = (StaffRole.objects.listed().filter(kind__in=[COORDINATOR, NSS], country__in=countries)
             .select_related("user").order_by("kind", "user__last_name", "user__first_name"))
    coordinators: dict[tuple[str, str], list] = defaultdict(list)
    nss: dict[str, list] = defaultdict(list)
    for r in roles:
        contact = ValidatorContact(name=r.user.display_name, email=r.contact_email, phone=r.public_phone)
        if r.kind == COORDINATOR:
            coordinators[(r.country, r.region)].append(contact)
        else:
            nss[r.country].append(contact)
    return {(c, reg): coordinators.get((c, reg)) or nss.get(c, []) for c, reg in places}


def directory_entries(*, country: str = "", region: str = "") -> QuerySet[StaffRole]:
    """Listed coordinators and NSS contacts; a region asks for that province's coordinators."""
    qs = StaffRole.objects.listed().filter(kind__in=[COORDINATOR, NSS]).select_related("user")
    if region:
        qs = qs.filter(kind=COORDINATOR, region=region)
    if country:
        qs = qs.filter(country=country)
    return qs.order_by("country", "region", "kind", "user__last_name", "user__first_name", "id")


def directory() -> dict:
    """The public directory: coordinators per province and NSS contacts per country."""
    provinces: dict[str, list] = defaultdict(list)
    nss: dict[str, list] = defaultdict(list)
    for r in directory_entries():
        (provinces[r.region] if r.kind == COORDINATOR else nss[r.country]).append(r)
    return {"provinces": dict(provinces), "nss": dict(nss)}


def roles_managed_by(user) -> QuerySet[StaffRole]:
    """The coordinator and NSS roles this manager may see and revoke on the roles page."""
    return (StaffRole.objects.filter(country__in=nss_countries_of(user), kind__in=[COORDINATOR, NSS])
            .select_related("user").order_by("country", "region", "kind", "user__email"))
