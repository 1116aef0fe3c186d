"""Who may hand out which platform role."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.core.values import is_email_address
from twinhub.geography.countries import is_valid_region, regions_are_provinces
from twinhub.staff.codes import StaffCode
from twinhub.staff.roles import ADMIN, COORDINATOR, CSS, NSS


def role_grant_refusal(*, manager_kinds: set[str], manager_countries: set[str], kind: str,
                       country: str, region: str) -> Refusal | None:
    """NSS staff manage coordinators and NSS staff of their own country; CSS staff and site
    administrators manage every role but site administrator, which only the Django admin grants."""
    broad = bool(manager_kinds & {CSS, ADMIN})
    if kind not in (COORDINATOR, NSS, CSS, ADMIN):
        return Refusal(code=Code.INVALID, status=400, message=_("Choose the role to grant."), who_must_act=_("you"))
    if kind == ADMIN or (kind == CSS and not broad):
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only site administrators can grant this role, in the admin."))
    if kind in (NSS, COORDINATOR):
        if not country:
            return Refusal(code=Code.INVALID, status=400, message=_("Choose the country of the role."))
        if not broad and country not in manager_countries:
            return Refusal(code=Code.FORBIDDEN, status=403,
                           message=_("You can manage roles of your own country only."))
    if kind == COORDINATOR:
        if not regions_are_provinces(country):
            return Refusal(code=Code.INVALID, status=400,
                           message=_("Provincial coordinators exist in Türkiye only; elsewhere the NSS validates."))
        if not region or not is_valid_region(country, region):
            return Refusal(code=Code.INVALID, status=400, message=_("Choose the coordinator's province."))
    return None


def grantee_refusal(*, account_exists: bool) -> Refusal | None:
    if account_exists:
        return None
    return Refusal(code=StaffCode.UNKNOWN_USER, status=400,
                   message=_("No account uses this email address. The person must create an account first."),
                   who_must_act=_("the person who receives the role"),
                   next_step=_("Ask them to create an account with this address, then grant the role again."))


PHONE_MAX_LENGTH = 40


def role_contact_refusal(*, public_email: str, public_phone: str) -> Refusal | None:
    """The public contact of a role, as the directory shows it."""
    if public_email and not is_email_address(public_email):
        return Refusal(code=Code.INVALID_EMAIL, status=400, message=_("The public contact email is not valid."),
                       who_must_act=_("you"))
    if len(public_phone) > PHONE_MAX_LENGTH:
        return Refusal(code=Code.INVALID, status=400,
                       message=_("A phone number has at most %(max)s characters.") % {"max": PHONE_MAX_LENGTH},
                       who_must_act=_("you"))
    return None


# --- What each role may do, and where ---------------------------------------------------------

class Capability(StrEnum):
    """A question pages, the API and services ask about staff: "may this person … in country X?"."""

    MANAGE_ROLES = "manage_roles"                # grant and revoke coordinator and NSS roles
    APPROVE_PROJECTS = "approve_projects"        # approve new projects, the country's approval setting
    LABEL_SETTINGS = "label_settings"            # Quality Label windows and per-country policy
    EVALUATE_LABELS = "evaluate_labels"          # evaluate NQL applications, nominate for the EQL
    DECIDE_SCHOOL_LABEL = "decide_school_label"  # award or reject the eTwinning School Label
    SEE_LABELS = "see_labels"                    # read applications, labels and School Label files
    SELECT_EQL = "select_eql"                    # run the year's European Quality Label selection
    ANSWER_SUPPORT = "answer_support"            # the support queue and requests of the country
    EDIT_ARTICLES = "edit_articles"              # help articles of the country ("" = every country)
    NATIONAL_DASHBOARD = "national_dashboard"    # the service dashboard with national figures
    OPERATE = "operate"                          # the operators' page: e-mail outbox, background work
    ORGANISE_EVENTS = "organise_events"          # events: online seminars, learning events, kits, gallery
    # groups: create, approve and archive Groups; decide reports about authors of the country
    MODERATE_NETWORK = "moderate_network"
    MERGE_SCHOOLS = "merge_schools"              # merge or dismiss possible duplicate schools (decision 0026)


_NSS_HERE_CSS_EVERYWHERE = (frozenset({NSS}), frozenset({CSS, ADMIN}))
# capability: (role kinds that hold it for their role's country, role kinds that hold it everywhere)
CAPABILITIES: dict[Capability, tuple[frozenset[str], frozenset[str]]] = {
    Capability.MANAGE_ROLES: _NSS_HERE_CSS_EVERYWHERE,
    Capability.APPROVE_PROJECTS: _NSS_HERE_CSS_EVERYWHERE,
    Capability.LABEL_SETTINGS: _NSS_HERE_CSS_EVERYWHERE,
    # Evaluating and deciding labels is the national service's own judgement: CSS oversees, reads
    # every file (SEE_LABELS) and runs the European selection, but decides no national label.
    Capability.EVALUATE_LABELS: (frozenset({NSS}), frozenset()),
    Capability.DECIDE_SCHOOL_LABEL: (frozenset({NSS}), frozenset()),
    Capability.SEE_LABELS: _NSS_HERE_CSS_EVERYWHERE,
    Capability.MERGE_SCHOOLS: _NSS_HERE_CSS_EVERYWHERE,
    Capability.SELECT_EQL: (frozenset(), frozenset({CSS, ADMIN})),
    Capability.ANSWER_SUPPORT: _NSS_HERE_CSS_EVERYWHERE,
    Capability.EDIT_ARTICLES: _NSS_HERE_CSS_EVERYWHERE,
    Capability.NATIONAL_DASHBOARD: _NSS_HERE_CSS_EVERYWHERE,
    Capability.OPERATE: (frozenset(), frozenset({CSS, ADMIN})),
    Capability.ORGANISE_EVENTS: _NSS_HERE_CSS_EVERYWHERE,
    Capability.MODERATE_NETWORK: _NSS_HERE_CSS_EVERYWHERE,  # groups
}


@dataclass(frozen=True)
class Reach:
    """Where someone holds a capability: a set of countries, or everywhere (then `countries` is
    every country, so it can filter and list like any other set)."""

    countries: frozenset[str] = frozenset()
    everywhere: bool = False

    def covers(self, country: str) -> bool:
        return self.everywhere or country in self.countries

    def __bool__(self) -> bool:
        return self.everywhere or bool(self.countries)


def reach_of(roles: Iterable[tuple[str, str]], capability: Capability, all_countries: Iterable[str]) -> Reach:
    """The reach of someone holding these (kind, country) roles for a capability."""
    here, everywhere = CAPABILITIES[capability]
    roles = list(roles)
    if any(kind in everywhere for kind, _country in roles):
        return Reach(countries=frozenset(all_countries), everywhere=True)
    return Reach(countries=frozenset(country for kind, country in roles if kind in here and country))
