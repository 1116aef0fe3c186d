"""Reads about platform roles: who validates where, and the public directory."""

from collections import defaultdict

from django.db.models import Q

from twinhub.geography.countries import regions_are_provinces
from twinhub.schools.rules import ADMIN, COORDINATOR, CSS, NSS, ValidatorContact, role_covers_school
from twinhub.staff.models import StaffRole


def staff_roles_of(user) -> list[StaffRole]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_staff_roles_cache", None)
    if cached is None:
        cached = list(StaffRole.objects.filter(user=user))
        user._staff_roles_cache = cached
    return cached


def is_validator(user) -> bool:
    return any(r.kind in (COORDINATOR, NSS, CSS, ADMIN) for r in staff_roles_of(user))


def can_validate_school(user, school) -> bool:
    return any(
        role_covers_school(kind=r.kind, role_country=r.country, role_region=r.region,
                           school_country=school.country, school_region=school.region)
        for r in staff_roles_of(user)
    )


def nss_countries_of(user) -> set[str]:
    """Countries whose roles this user may manage (NSS staff: their own; CSS/admin: all)."""
    roles = staff_roles_of(user)
    if user.is_superuser or any(r.kind in (CSS, ADMIN) for r in roles):
        from twinhub.geography.countries import COUNTRY_CODES

        return set(COUNTRY_CODES)
    return {r.country for r in roles if r.kind == NSS}


def validator_scope_q(user, prefix: str = "school__") -> Q:
    """`role_covers_school` as a database filter over schools (reached through `prefix`)."""
    q = Q(pk__in=[])
    for r in staff_roles_of(user):
        if r.kind in (CSS, ADMIN):
            return Q()
        if r.kind == NSS:
            q |= Q(**{f"{prefix}country": r.country})
        elif r.kind == COORDINATOR and regions_are_provinces(r.country):
            q |= Q(**{f"{prefix}country": r.country, f"{prefix}region": r.region})
    return q


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


def directory() -> dict:
    """The public directory: coordinators per province and NSS contacts per country."""
    roles = (StaffRole.objects.listed().filter(kind__in=[COORDINATOR, NSS])
             .select_related("user").order_by("country", "region", "user__last_name"))
    provinces: dict[str, list] = defaultdict(list)
    nss: dict[str, list] = defaultdict(list)
    for r in roles:
        (provinces[r.region] if r.kind == COORDINATOR else nss[r.country]).append(r)
    return {"provinces": dict(provinces), "nss": dict(nss)}
