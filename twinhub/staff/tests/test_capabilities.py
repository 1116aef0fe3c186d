"""The table of what each role may do, and where (`staff.rules.CAPABILITIES`), read through one
selector. Every page, API endpoint and service that asks "may this person … in this country?"
asks `staff_reach(user, capability)`."""

import pytest

from twinhub.geography.countries import COUNTRY_CODES
from twinhub.staff.rules import Capability, Reach, reach_of
from twinhub.staff.selectors import staff_reach
from twinhub.testing import make_staff, make_teacher

EVERYWHERE = Reach(countries=frozenset(COUNTRY_CODES), everywhere=True)
TR = Reach(countries=frozenset({"TR"}))
NOWHERE = Reach()

# capability: reach of (NSS of Türkiye, CSS, a coordinator in Ankara)
TABLE = {
    Capability.MANAGE_ROLES: (TR, EVERYWHERE, NOWHERE),
    Capability.APPROVE_PROJECTS: (TR, EVERYWHERE, NOWHERE),
    Capability.LABEL_SETTINGS: (TR, EVERYWHERE, NOWHERE),
    Capability.EVALUATE_LABELS: (TR, NOWHERE, NOWHERE),
    Capability.DECIDE_SCHOOL_LABEL: (TR, NOWHERE, NOWHERE),
    Capability.SEE_LABELS: (TR, EVERYWHERE, NOWHERE),
    Capability.SELECT_EQL: (NOWHERE, EVERYWHERE, NOWHERE),
    Capability.ANSWER_SUPPORT: (TR, EVERYWHERE, NOWHERE),
    Capability.EDIT_ARTICLES: (TR, EVERYWHERE, NOWHERE),
    Capability.NATIONAL_DASHBOARD: (TR, EVERYWHERE, NOWHERE),
    Capability.OPERATE: (NOWHERE, EVERYWHERE, NOWHERE),
    Capability.ORGANISE_EVENTS: (TR, EVERYWHERE, NOWHERE),
    Capability.MODERATE_NETWORK: (TR, EVERYWHERE, NOWHERE),
    Capability.MERGE_SCHOOLS: (TR, EVERYWHERE, NOWHERE),
}


def test_every_capability_is_in_the_table():
    assert set(TABLE) == set(Capability)


@pytest.mark.parametrize("capability", list(Capability))
def test_the_rule(capability):
    nss, css, coordinator = TABLE[capability]
    assert reach_of([("nss", "TR")], capability, COUNTRY_CODES) == nss
    assert reach_of([("css", "")], capability, COUNTRY_CODES) == css
    assert reach_of([("coordinator", "TR")], capability, COUNTRY_CODES) == coordinator
    assert reach_of([("admin", "")], capability, COUNTRY_CODES) == css
    assert reach_of([], capability, COUNTRY_CODES) == NOWHERE


def test_roles_add_up():
    reach = reach_of([("nss", "TR"), ("nss", "IT"), ("coordinator", "TR")], Capability.ANSWER_SUPPORT, COUNTRY_CODES)
    assert reach == Reach(countries=frozenset({"TR", "IT"})) and reach.covers("IT") and not reach.covers("FR")
    assert EVERYWHERE.covers("FR") and not NOWHERE


@pytest.mark.django_db
def test_the_selector_reads_the_users_roles_and_a_superuser_is_an_administrator():
    assert staff_reach(make_staff("nss", country="TR"), Capability.EVALUATE_LABELS) == TR
    assert staff_reach(make_staff("css"), Capability.SELECT_EQL).everywhere
    assert not staff_reach(make_teacher(), Capability.SEE_LABELS)
    superuser = make_teacher()
    superuser.is_superuser = True
    assert staff_reach(superuser, Capability.MANAGE_ROLES).everywhere
