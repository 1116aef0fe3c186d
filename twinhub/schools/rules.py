"""Rule 1: a school membership is pending until a validator of the school's region approves it,
and only an account with an approved membership is an eTwinner.

Pure functions on plain values: the enforcement (services), the explanations on pages, the API
errors and the help centre all call these.
"""

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.utils import formats
from django.utils.translation import gettext as _

from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.core.values import is_email_address
from twinhub.geography.countries import country_name, region_name, regions_are_provinces
from twinhub.schools.codes import SchoolCode
from twinhub.staff.roles import ADMIN, COORDINATOR, CSS, NSS

# --- Who validates ------------------------------------------------------------------------

def role_covers_school(*, kind: str, role_country: str, role_region: str,
                       school_country: str, school_region: str) -> bool:
    """May a holder of this role decide memberships of a school in this country and region?

    In Türkiye the provincial coordinators of the school's province; elsewhere (and in Türkiye
    too, as the national service above the coordinators) the NSS of the school's country;
    CSS staff and site administrators anywhere. `schools.selectors.validator_scope_q` is the
    same rule as a database filter; a test keeps the two in step.
    """
    if kind in (CSS, ADMIN):
        return True
    if kind == NSS:
        return bool(role_country) and role_country == school_country
    if kind == COORDINATOR:
        return (regions_are_provinces(school_country) and role_country == school_country
                and bool(role_region) and role_region == school_region)
    return False


def deciding_body(*, country: str, region: str) -> str:
    """Who decides a membership at a school here, in words."""
    if regions_are_provinces(country) and region:
        return _("the provincial coordinators of %(province)s (%(code)s)") % {
            "province": region_name(region), "code": region}
    return _("the National Support Service of %(country)s") % {"country": country_name(country)}


# --- Near-duplicate schools -----------------------------------------------------------------

_TURKISH_FOLD = str.maketrans({"İ": "i", "I": "i", "ı": "i"})


# The folds below are pure and asked again and again for the same few strings (a city's, a region's, a name
# once for its match key and once for its row): the import of 250,000 schools spent 11 s in them.
@functools.lru_cache(maxsize=1 << 16)
def school_name_key(name: str) -> str:
    """Fold a school's name for comparison: case, Turkish dotted/dotless i, accents, punctuation
    and spacing do not make a different school."""
    folded = unicodedata.normalize("NFKD", name.strip().translate(_TURKISH_FOLD).lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", folded).strip()


def school_number_key(number: str) -> str:
    return re.sub(r"[\s\-./]+", "", number or "").upper()


def school_postcode_key(postcode: str) -> str:
    return re.sub(r"[\s\-./]+", "", postcode or "").upper()


class Evidence(StrEnum):
    SAME = "same"          # merge: the same school registered twice
    LIKELY = "likely"      # a re-registration as the old platform's were: merged when no other school is as likely
    DISTINCT = "distinct"  # two schools: a known field tells them apart
    DOUBTFUL = "doubtful"  # cannot tell: kept apart, listed for the NSS ("possible duplicate schools")


@dataclass(frozen=True)
class SchoolFacts:
    country: str
    region: str
    city: str
    school_type: str
    name: str  # as the registrant typed it: how it differs from another record's name is evidence
    number: str = ""
    postcode: str = ""


@functools.lru_cache(maxsize=1 << 16)
def school_place_name_key(facts: SchoolFacts) -> str:
    """Country, region, city and folded name (an appended city removed, " (city)" included, so
    "… of Porto (Porto)" meets "… of Porto"): the schools that may be the same as this one without
    an official number. Candidates only: `same_school_evidence` decides."""
    city = school_name_key(facts.city)
    return f"{facts.country}|{school_name_key(facts.region)}|{city}|{_without_city(school_name_key(facts.name), city)}"


def _without_city(name_key: str, city_key: str) -> str:
    for _twice in range(2):
        if city_key and name_key.endswith(" " + city_key) and name_key != city_key:
            name_key = name_key[: -len(city_key) - 1].strip()
    return name_key


def school_name_keys_in_city(name: str, city: str) -> list[str]:
    """The folded names (`School.name_key`) a school of this name in this city may be stored under:
    with or without the city appended. The live near-duplicate check looks them up, so a school
    registered as "… (Çankaya)" meets the "…" already in Çankaya, as the import's match key does."""
    city_key, key = school_name_key(city), school_name_key(name)
    base = _without_city(key, city_key)
    keys = [key, base] + ([f"{base} {city_key}", f"{base} {city_key} {city_key}"] if city_key else [])
    return list(dict.fromkeys(k for k in keys if k))


@functools.lru_cache(maxsize=1 << 16)
def _as_retyped(name: str, city: str) -> str:
    """A name with what re-typing changes taken out: letter case (Turkish dotted and dotless i
    too), accents, spacing and an appended " (city)". Punctuation and spelling stay."""
    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.translate(_TURKISH_FOLD).lower())
        return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())
    name, suffix = fold(name), f"({fold(city)})"
    if city and name.endswith(suffix):
        name = name[: -len(suffix)].strip()
    return name


def same_school_evidence(a: SchoolFacts, b: SchoolFacts) -> Evidence:
    """Two registrations are one school only on evidence (decision 0026):
    - the same official number in the country: SAME; different numbers, or one on one side only: DISTINCT;
    - neither numbered, a different folded name, region, city or type: DISTINCT;
    - both postcodes known: SAME if equal, DISTINCT if not;
    - a postcode missing: the names as typed decide. Exactly the same characters: DISTINCT — the second
      registrant had the first entry's very name before them and registered another school (two
      "Collège Victor Hugo" in Strasbourg). The same name typed again, differing only in case, accents,
      spacing or an appended " (city)": LIKELY, the way re-registrations were typed on the old platform.
      A difference in punctuation or spelling: DOUBTFUL.
    Merging two schools moves teachers and projects to the wrong one and cannot be undone; keeping a
    duplicate apart can (a validator merges it)."""
    if a.country != b.country:
        return Evidence.DISTINCT
    number_a, number_b = school_number_key(a.number), school_number_key(b.number)
    if number_a or number_b:
        return Evidence.SAME if number_a == number_b else Evidence.DISTINCT
    if school_place_name_key(a) != school_place_name_key(b) or a.school_type != b.school_type:
        return Evidence.DISTINCT
    postcode_a, postcode_b = school_postcode_key(a.postcode), school_postcode_key(b.postcode)
    if postcode_a and postcode_b:
        return Evidence.SAME if postcode_a == postcode_b else Evidence.DISTINCT
    if a.name == b.name:
        return Evidence.DISTINCT
    if _as_retyped(a.name, a.city) == _as_retyped(b.name, b.city):
        return Evidence.LIKELY
    return Evidence.DOUBTFUL


def same_school_among(facts: SchoolFacts, candidates: Sequence[SchoolFacts]) -> tuple[int | None, list[int]]:
    """Which of the candidates (earlier registrations sharing a match key) this registration is:
    (index of the school to merge into or None, indexes of the pairs to list as doubtful).
    The first SAME wins. Otherwise a LIKELY candidate is the school when it is the only school of that
    name, place and type: where the city already has several (three "Sunrise High School" in Burgas),
    a name re-typed without a postcode could be any of them, so the pairs are listed, not guessed."""
    found = [same_school_evidence(facts, other) for other in candidates]
    if Evidence.SAME in found:
        return found.index(Evidence.SAME), []
    likely = [i for i, evidence in enumerate(found) if evidence == Evidence.LIKELY]
    namesakes = [other for other in candidates if other.school_type == facts.school_type
                 and not school_number_key(other.number) and school_place_name_key(other) == school_place_name_key(facts)]
    if len(likely) == 1 and len(namesakes) == 1:
        return likely[0], []
    doubtful = [i for i, evidence in enumerate(found) if evidence == Evidence.DOUBTFUL]
    return None, sorted(likely + doubtful)


def duplicate_decision_refusal(*, may_decide: bool, open: bool) -> Refusal | None:
    """Merging or dismissing a possible duplicate is the National Support Service's decision, once."""
    if not may_decide:
        return Refusal(code=SchoolCode.NOT_DUPLICATE_DECIDER, status=403,
                       message=_("Only the National Support Service of the schools' country can merge or dismiss "
                                 "possible duplicate schools."),
                       who_must_act=_("the National Support Service"),
                       next_step=_("Ask your National Support Service to look at this pair."))
    if not open:
        return Refusal(code=SchoolCode.DUPLICATE_DECIDED, status=409,
                       message=_("This pair of schools has already been merged or dismissed."),
                       who_must_act=_("nobody"), next_step=_("Nothing to do."))
    return None


# --- eTwinner status ------------------------------------------------------------------------

@dataclass(frozen=True)
class ValidatorContact:
    name: str
    email: str
    phone: str = ""


@dataclass(frozen=True)
class MembershipFacts:
    school_name: str
    country: str
    region: str
    status: str
    requested_at: datetime
    reason: str = ""
    validators: Sequence[ValidatorContact] = field(default_factory=tuple)


def is_etwinner(memberships: Sequence[MembershipFacts]) -> bool:
    return any(m.status == "approved" for m in memberships)


def _contacts_text(validators: Sequence[ValidatorContact]) -> str:
    return ", ".join(f"{v.name} <{v.email}>" + (f" {v.phone}" if v.phone else "") for v in validators)


def etwinner_refusal(*, has_profile: bool, memberships: Sequence[MembershipFacts],
                     person: str | None = None) -> Refusal | None:
    """Why this account is not an eTwinner (None when it is).

    `person` names someone else (for "you cannot add X as a contact"); None speaks to the user.
    """
    if is_etwinner(memberships):
        return None
    if not has_profile:
        if person:
            return Refusal(
                code=SchoolCode.NOT_ETWINNER,
                message=_("%(person)s has not joined eTwinning yet.") % {"person": person},
                who_must_act=person,
                next_step=_("%(person)s must complete “Join eTwinning” and have a school membership approved.")
                % {"person": person},
                help_topic="not-etwinner", status=403)
        return Refusal(
            code=SchoolCode.NOT_ETWINNER,
            message=_("You have a platform account but have not joined eTwinning yet."),
            who_must_act=_("you"),
            next_step=_("Complete “Join eTwinning”: choose your school and your profile."),
            help_topic="not-etwinner", status=403)
    pending = [m for m in memberships if m.status == "pending"]
    if pending:
        m = min(pending, key=lambda m: m.requested_at)
        params = {
            "school": m.school_name,
            "since": formats.date_format(m.requested_at, "DATE_FORMAT"),
            "body": deciding_body(country=m.country, region=m.region),
            "person": person or "",
        }
        if person:
            message = _("%(person)s's membership at %(school)s is pending approval since %(since)s. "
                        "It is decided by %(body)s.") % params
            next_step = _("%(person)s can be added once the membership is approved; "
                          "%(person)s may contact %(body)s.") % params
        else:
            message = _("Your membership at %(school)s is pending approval since %(since)s. "
                        "It is decided by %(body)s.") % params
            next_step = _("Until it is approved you cannot add contacts or join projects. "
                          "If it takes long, contact %(body)s.") % params
        if m.validators:
            next_step += " " + _("Contacts: %(contacts)s.") % {"contacts": _contacts_text(m.validators)}
        return Refusal(code=SchoolCode.MEMBERSHIP_PENDING, message=message, who_must_act=params["body"],
                       next_step=next_step, help_topic="membership-pending", status=403,
                       params={"school": m.school_name, "region": m.region, "country": m.country})
    rejected = [m for m in memberships if m.status == "rejected"]
    if person:
        message = _("%(person)s has no approved school membership.") % {"person": person}
        next_step = _("%(person)s must add a school and have it approved.") % {"person": person}
    elif rejected:
        m = rejected[0]
        message = _("Your membership at %(school)s was rejected: %(reason)s") % {
            "school": m.school_name, "reason": m.reason or _("no reason given")}
        next_step = _("Add the school where you work now; %(body)s will check it.") % {
            "body": deciding_body(country=m.country, region=m.region)}
    else:
        message = _("You have no school membership yet.")
        next_step = _("Add the school where you work; its coordinator will approve it.")
    return Refusal(code=SchoolCode.NOT_ETWINNER, message=message, who_must_act=person or _("you"),
                   next_step=next_step, help_topic="not-etwinner", status=403)


# --- Deciding ---------------------------------------------------------------------------------

def decision_refusal(*, status: str) -> Refusal | None:
    """A membership can be decided only while it is pending."""
    if status == "pending":
        return None
    return Refusal(code=Code.ALREADY_DECIDED, message=_("This membership has already been decided."),
                   status=409)


def queue_refusal(*, is_validator: bool) -> Refusal | None:
    """Only coordinators, NSS and CSS staff (and site administrators) have a validation queue."""
    if is_validator:
        return None
    return Refusal(code=SchoolCode.NOT_VALIDATOR, status=403,
                   message=_("Only provincial coordinators and National or Central Support Service staff "
                             "decide school memberships."),
                   who_must_act=_("the National Support Service of your country"),
                   next_step=_("If you should validate memberships, ask your National Support Service "
                               "to give you the role."))


def principal_answer_refusal(*, answer: str) -> Refusal | None:
    """The principal's link works once: a given answer cannot be changed through it."""
    if answer == "awaiting":
        return None
    return Refusal(code=SchoolCode.ALREADY_ANSWERED, status=409,
                   message=_("This link has already been used: the answer was recorded."),
                   next_step=_("If the answer was wrong, write to the coordinator of your province."))


def reject_reason_refusal(reason: str) -> Refusal | None:
    if reason.strip():
        return None
    return Refusal(code=Code.REASON_REQUIRED,
                   message=_("Give the teacher a reason: they will see it."), status=400)


def membership_request_refusal(*, existing_status: str | None) -> Refusal | None:
    if existing_status == "pending":
        return Refusal(code=SchoolCode.MEMBERSHIP_EXISTS,
                       message=_("You already asked to join this school; the request is pending."))
    if existing_status == "approved":
        return Refusal(code=SchoolCode.MEMBERSHIP_EXISTS, message=_("You are already a member of this school."))
    return None


def region_choice_refusal(*, country: str, region: str, valid: bool) -> Refusal | None:
    if regions_are_provinces(country) and not region:
        return Refusal(code=SchoolCode.REGION_REQUIRED, message=_("Choose the school's province."), status=400,
                       who_must_act=_("you"))
    if not valid:
        return Refusal(code=SchoolCode.INVALID_REGION, message=_("This is not a province of Türkiye."), status=400,
                       who_must_act=_("you"))
    return None



SCHOOL_TEXT_LIMITS = {"legal_name": 255, "public_name": 255, "city": 120, "school_number": 40, "principal_name": 160}


def school_exists_refusal(*, existing: Sequence[tuple[int, str, str]]) -> Refusal:
    """Near-duplicates of a school being created, as (id, public name, city)."""
    return Refusal(code=SchoolCode.SCHOOL_EXISTS,
                   message=_("This school seems to exist already: %(names)s. Pick it instead of creating a new one.")
                   % {"names": "; ".join(f"{name} ({city})" for _pk, name, city in existing)},
                   who_must_act=_("you"),
                   next_step=_("Search for the school and choose it; ask your National Support Service if it "
                               "really is another school."),
                   params={"school_ids": [pk for pk, _name, _city in existing]})


def school_choice_refusal(*, chosen: bool) -> Refusal | None:
    if chosen:
        return None
    return Refusal(code=SchoolCode.SCHOOL_REQUIRED, status=400,
                   message=_("Choose your school, or create it if it is not listed."), who_must_act=_("you"))


def school_values_refusal(*, legal_name: str, public_name: str, country: str, region: str, region_valid: bool,
                          city: str, school_type: str, school_types: Sequence[str], school_number: str,
                          principal_name: str, principal_email: str, known_countries: Sequence[str]
                          ) -> Refusal | None:
    """Every value of a new school, as the form, the API and the service see it."""
    if country not in known_countries:
        return Refusal(code=SchoolCode.INVALID_COUNTRY, message=_("Unknown country."), status=400, who_must_act=_("you"))
    if school_type not in school_types:
        return Refusal(code=SchoolCode.INVALID_SCHOOL_TYPE, message=_("Unknown school type."), status=400,
                       who_must_act=_("you"))
    region_refused = region_choice_refusal(country=country, region=region, valid=region_valid)
    if region_refused:
        return region_refused
    texts = {"legal_name": legal_name, "public_name": public_name, "city": city, "school_number": school_number,
             "principal_name": principal_name}
    if not (legal_name.strip() and city.strip() and principal_name.strip()) or any(
            len(texts[key].strip()) > limit for key, limit in SCHOOL_TEXT_LIMITS.items()):
        return Refusal(code=SchoolCode.INVALID_SCHOOL, status=400,
                       message=_("Give the school's legal name, city and principal's name, each within the "
                                 "length the form allows."), who_must_act=_("you"))
    if not is_email_address(principal_email.strip()):
        return Refusal(code=Code.INVALID_EMAIL, status=400,
                       message=_("The principal's email address is not valid."), who_must_act=_("you"),
                       next_step=_("The principal receives a link there to confirm that you work at the school."))
    return None
