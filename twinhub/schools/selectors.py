"""Reads about schools and memberships, permission-checked where a user is involved."""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from twinhub.accounts.selectors import has_profile
from twinhub.core.cache import cached_read
from twinhub.core.errors import not_found
from twinhub.core.paging import bounded_count
from twinhub.core.prepared import PreparedQuery
from twinhub.geography.countries import COUNTRY_CODES, country_choices, regions_are_provinces, tr_provinces
from twinhub.schools.models import DuplicateStatus, Membership, MembershipStatus, PossibleDuplicate, School
from twinhub.schools.rules import (
    MembershipFacts,
    ValidatorContact,
    etwinner_refusal,
    role_covers_school,
    school_name_key,
    school_name_keys_in_city,
    school_number_key,
)
from twinhub.staff.models import StaffRole
from twinhub.staff.roles import ADMIN, COORDINATOR, CSS, NSS
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import role_scopes_of, staff_reach

# --- Who validates where (rule 1) ------------------------------------------------------------

def can_validate_school(user, school) -> bool:
    return any(
        role_covers_school(kind=s.kind, role_country=s.country, role_region=s.region,
                           school_country=school.country, school_region=school.region)
        for s in role_scopes_of(user)
    )


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


def decider_users_for(*, country: str, region: str) -> list:
    """Everyone who decides memberships of schools in (country, region), listed in the directory
    or not: the province's coordinators, else (or when it has none) the country's NSS."""
    roles = list(StaffRole.objects.filter(kind__in=[COORDINATOR, NSS], country=country)
                 .select_related("user", "user__profile").order_by("user__email"))
    coordinators = [r.user for r in roles if r.kind == COORDINATOR and r.region == region]
    return coordinators or [r.user for r in roles if r.kind == NSS]


# --- Memberships -------------------------------------------------------------------------------

_MEMBERSHIPS = PreparedQuery(lambda user_id: Membership.objects.filter(user_id=user_id).select_related("school")
                             .order_by("requested_at"), user_id=int)


def memberships_of(user) -> list[Membership]:
    """The user's memberships, loaded once per request object (on every teacher's home)."""
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = _MEMBERSHIPS.objects(user_id=user.pk) if user.pk is not None else []
        user._memberships_cache = cached
    return cached


def membership_facts(user, *, with_validators: bool = True) -> list[MembershipFacts]:
    """The facts of `memberships_of(user)`, one for one. With the deciders, kept beside the memberships
    it was built from: a page that explains a membership and lists it asks for the directory once."""
    memberships = memberships_of(user)
    kept = getattr(user, "_membership_facts_cache", None)
    if with_validators and kept is not None and kept[0] is memberships:
        return kept[1]
    validators = (deciders_for({(m.school.country, m.school.region) for m in memberships
                                if m.status == MembershipStatus.PENDING})
                  if with_validators else {})
    facts = [
        MembershipFacts(school_name=m.school.public_name, country=m.school.country, region=m.school.region,
                        status=m.status, requested_at=m.requested_at, reason=m.reason,
                        validators=tuple(validators.get((m.school.country, m.school.region), ())))
        for m in memberships
    ]
    if with_validators:
        user._membership_facts_cache = (memberships, facts)
    return facts


def etwinner_refusal_for(user, *, person: str | None = None):
    """Why `user` is not an eTwinner, or None. The one check every later capability uses."""
    if not user.is_authenticated:
        return etwinner_refusal(has_profile=False, memberships=[], person=person)
    if any(m.status == MembershipStatus.APPROVED for m in memberships_of(user)):
        return None
    return etwinner_refusal(has_profile=has_profile(user), memberships=membership_facts(user), person=person)


def is_etwinner(user) -> bool:
    return user.is_authenticated and etwinner_refusal_for(user) is None


def schools_search(*, q: str = "", country: str = "", region: str = "", limit: int = 20) -> QuerySet[School]:
    qs = School.objects.all()
    if country:
        qs = qs.filter(country=country)
    if region:
        qs = qs.filter(region=region)
    if q:
        key = school_name_key(q)
        number = school_number_key(q)
        qs = qs.filter(Q(name_key__contains=key) | Q(school_number=number) | Q(city__icontains=q.strip()))
    return qs.order_by("public_name", "id")[:limit]


def near_duplicate_schools(*, country: str, region: str, name: str, school_number: str, city: str = "") -> list[School]:
    """Existing schools that are probably the one being created: same official number in the
    country, or the same folded name in the same region (with or without the city appended)."""
    cond = Q(country=country, region=region, name_key__in=school_name_keys_in_city(name, city))
    number = school_number_key(school_number)
    if number:
        cond |= Q(country=country, school_number=number)
    return list(School.objects.filter(cond).order_by("id")[:5])


def school_get(school_id: int) -> School:
    school = School.objects.filter(pk=school_id).first()
    if school is None:
        raise not_found()
    return school


def validation_queue(user, *, status: str = MembershipStatus.PENDING, region: str = "", country: str = "",
                     school_id: int | None = None, min_age_days: int | None = None,
                     order: str = "oldest") -> QuerySet[Membership]:
    """Memberships this validator may decide, filtered. Out-of-scope rows never appear."""
    # On the memberships' copy of their school's place (decision 55): one index gives a province's
    # queue in its order.
    qs = (Membership.objects.filter(validator_scope_q(user, prefix="school_"))
          .select_related("user", "school"))
    if status:
        qs = qs.filter(status=status)
    if country:
        qs = qs.filter(school_country=country)
    if region:
        qs = qs.filter(school_region=region)
    if school_id:
        qs = qs.filter(school_id=school_id)
    if min_age_days:  # bounded: a century is older than any membership, and timedelta has a limit
        qs = qs.filter(requested_at__lte=timezone.now() - timedelta(days=min(min_age_days, 36_500)))
    return qs.order_by(*queue_order(order))


# What a row of the queue page shows (schools/templatetags/queue.py), read as named tuples: no
# Membership, User and School per row (their building was a third of the page's time). The paging
# key (requested_at, id) is among them.
QUEUE_ROW_FIELDS = ("id", "user_id", "school_id", "status", "requested_at", "reason", "principal_answer",
                    "principal_answered_at", "user__first_name", "user__last_name", "user__email",
                    "school__public_name", "school__city", "school__region", "school__country",
                    "school__school_number")


QUEUE_COUNT_CACHE = "schools.queue_count"  # forgotten by twinhub/schools/signals.py


def queue_count(user, queryset: QuerySet[Membership], filters: dict) -> int | None:
    """The bounded total of a validator's queue (`bounded_count`), kept in the shared cache until a
    membership, a school or a role changes (decision 41): counting a big province's queue read every
    one of its schools on every page. None (count it with the page) when an age filter makes the
    total move with the clock."""
    if filters.get("min_age_days"):
        return None
    key = ":".join(str(part) for part in (user.pk, filters.get("status", ""), filters.get("country", ""),
                                          filters.get("region", ""), filters.get("school_id") or ""))
    return cached_read(QUEUE_COUNT_CACHE, key, lambda: bounded_count(queryset))


def queue_order(order: str) -> list[str]:
    """The queue's order, also its keyset paging key (the id breaks ties)."""
    return ["requested_at" if order == "oldest" else "-requested_at", "id"]


def membership_for_validator(user, membership_id: int, *, for_update: bool = False) -> Membership:
    """Fetch a membership the validator may decide; anything else is 'not found'."""
    qs = Membership.objects.select_related("school", "user")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    membership = qs.filter(pk=membership_id).first()
    if membership is None or not can_validate_school(user, membership.school):
        raise not_found()
    return membership


def queue_filter_choices(user) -> dict[str, list[tuple[str, str]]]:
    """Countries and provinces the validator may filter by: from their roles, not from the rows."""
    return validator_filter_choices(user)


def membership_for_principal(token: str) -> Membership:
    """The membership behind a principal's one-time link; an unknown token is 'not found'."""
    membership = Membership.objects.select_related("user", "school").filter(principal_token=token).first()
    if membership is None:
        raise not_found()
    return membership


def possible_duplicates(user) -> QuerySet[PossibleDuplicate]:
    """Open pairs of possible duplicate schools in the countries where this user merges schools
    (decision 0026); none for anyone else."""
    countries = staff_reach(user, Capability.MERGE_SCHOOLS).countries
    return (PossibleDuplicate.objects.filter(status=DuplicateStatus.OPEN, country__in=countries,
                                             duplicate__isnull=False)
            .select_related("school", "duplicate").order_by("country", "school__public_name", "pk"))


def may_merge_schools(user) -> bool:
    return bool(staff_reach(user, Capability.MERGE_SCHOOLS))
