"""Rule 1's permission matrix: every role × every validator action × a membership in TR-06,
TR-34 and Italy. In scope the action works; out of scope the answer is 403/404 (or 302/401
for anonymous) and the database is exactly as before."""

import re

import pytest

from twinhub.schools.models import Membership, MembershipStatus
from twinhub.testing import STAFF, ApiClient, client_for, db_state
from twinhub.testing.schools import PLACES, pending_membership

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher", *STAFF)]  # every validator exists

ROLES = ["teacher", "coordinator", "coordinator_tr34", "nss_tr", "nss_it", "css", "admin", "anonymous"]
# Which places each role may decide: the expected answer of rule 1's permission matrix.
IN_SCOPE = {
    "teacher": set(),
    "coordinator": {"TR-06"},
    "coordinator_tr34": {"TR-34"},
    "nss_tr": {"TR-06", "TR-34"},
    "nss_it": {"IT"},
    "css": {"TR-06", "TR-34", "IT"},
    "admin": {"TR-06", "TR-34", "IT"},
    "anonymous": set(),
}


def _visible_web(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'id="membership-(\d+)"', response.content.decode())}


@pytest.mark.parametrize("role", ROLES)
def test_queue_web_shows_exactly_the_scope(role, people, pending):
    response = client_for(people[role]).get("/validation/")
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
        return
    if not IN_SCOPE[role]:
        assert response.status_code == 403
        assert 'data-code="not_validator"' in response.content.decode()
        return
    assert response.status_code == 200
    assert _visible_web(response) == {pending[p].pk for p in IN_SCOPE[role]}


@pytest.mark.parametrize("role", ROLES)
def test_queue_api_shows_exactly_the_scope(role, people, pending):
    response = ApiClient(people[role]).get("/memberships", {"status": "pending"})
    if role == "anonymous":
        assert response.status_code == 401
        return
    if not IN_SCOPE[role]:
        assert response.status_code == 403
        assert response.json()["code"] == "not_validator"
        return
    assert response.status_code == 200
    assert {row["id"] for row in response.json()} == {pending[p].pk for p in IN_SCOPE[role]}


def test_a_province_filter_cannot_widen_the_scope(people, pending):
    """A TR-06 coordinator asking for TR-34's queue gets nothing of TR-34."""
    web = client_for(people["coordinator"]).get("/validation/", {"region": "TR-34"})
    assert web.status_code == 200 and _visible_web(web) == set()
    api = ApiClient(people["coordinator"]).get("/memberships", {"region": "TR-34", "country": "TR"})
    assert api.status_code == 200 and api.json() == []


def _approve_api(user, m):
    return ApiClient(user).post(f"/memberships/{m.pk}/approve")


def _reject_api(user, m):
    return ApiClient(user).post(f"/memberships/{m.pk}/reject", {"reason": "Not on the staff list"})


def _bulk_approve_web(user, m):
    return client_for(user).post("/validation/decide/", {"membership": [m.pk], "decision": "approve"})


def _bulk_reject_web(user, m):
    return client_for(user).post("/validation/decide/", {"membership": [m.pk], "decision": "reject",
                                                         "reason": "Not on the staff list"})


ACTIONS = {
    "approve_api": (_approve_api, MembershipStatus.APPROVED, {"in": 200, "out": 404, "anonymous": 401}),
    "reject_api": (_reject_api, MembershipStatus.REJECTED, {"in": 200, "out": 404, "anonymous": 401}),
    "bulk_approve_web": (_bulk_approve_web, MembershipStatus.APPROVED, {"in": 302, "out": 404, "anonymous": 302}),
    "bulk_reject_web": (_bulk_reject_web, MembershipStatus.REJECTED, {"in": 302, "out": 404, "anonymous": 302}),
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_decide(role, action, place, people, pending):
    do, new_status, codes = ACTIONS[action]
    membership = pending[place]
    before = db_state()
    response = do(people[role], membership)
    membership.refresh_from_db()
    if place in IN_SCOPE[role]:
        assert response.status_code == codes["in"], response.content
        assert membership.status == new_status
        assert membership.decided_by == people[role]
        return
    if role == "anonymous":
        expected = codes["anonymous"]
    elif role == "teacher" and action.endswith("_web"):
        expected = 403  # no queue at all: the refusal says who grants the role
    else:
        expected = codes["out"]
    assert response.status_code == expected, response.content
    if action.endswith("_api") and role != "anonymous":
        assert response.json()["code"] == "not_found"
    assert db_state() == before
    assert Membership.objects.get(pk=membership.pk).status == MembershipStatus.PENDING


def test_bulk_with_one_out_of_scope_id_changes_nothing(people, pending):
    before = db_state()
    response = client_for(people["coordinator"]).post(
        "/validation/decide/", {"membership": [pending["TR-06"].pk, pending["TR-34"].pk], "decision": "approve"})
    assert response.status_code == 404
    assert db_state() == before


def test_bulk_decides_many_with_one_reason(people):
    batch = [pending_membership("TR-06") for _ in range(3)]
    response = client_for(people["coordinator"]).post(
        "/validation/decide/", {"membership": [m.pk for m in batch], "decision": "reject",
                                "reason": "Unknown at the school", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/validation/"  # no open redirect
    assert set(Membership.objects.filter(pk__in=[m.pk for m in batch]).values_list("status", "reason")) == {
        ("rejected", "Unknown at the school")}
