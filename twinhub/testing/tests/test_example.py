"""How TwinHub's tests are written, on rule 1 (a new membership waits for a validator of the
school's region). Read this before writing a test; every habit here is one the suite relies on.

1. Name the people: the `people` fixture has a user per role (see twinhub.testing.People),
   made through the real provisioning code the first time a test names them.
2. Build state through the services, as a user would: never a hand-made row.
3. Act as the person: `client_for(user)` for pages, `ApiClient(user)` for the API.
4. An allowed request: check what it did. A refused one: check the refusal's code and that
   `db_state()` (every table) is exactly as before.
5. A list page: its queries must not grow with the rows (`page_queries`, `assert_same_queries`).
6. Concurrency: `race()` with `needs_postgresql(why=…)` (see the test_concurrency modules)."""

import pytest

from twinhub.schools.models import MembershipStatus
from twinhub.testing import ApiClient, assert_refused, assert_same_queries, client_for, db_state, page_queries
from twinhub.testing.schools import pending_membership

pytestmark = pytest.mark.django_db


def test_the_coordinator_of_the_province_approves(people):
    membership = pending_membership("TR-06")
    response = ApiClient(people.coordinator).post(f"/memberships/{membership.pk}/approve")
    assert response.status_code == 200
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == (MembershipStatus.APPROVED, people.coordinator)


def test_another_provinces_coordinator_is_refused_and_nothing_changes(people):
    membership = pending_membership("TR-06")
    istanbul = people.coordinator_tr34  # named before the snapshot: making a user is a change
    before = db_state()
    assert_refused(ApiClient(istanbul).post(f"/memberships/{membership.pk}/approve"), "not_found", 404)
    assert db_state() == before


def test_the_queue_page_does_not_grow_with_the_queue(people):
    client = client_for(people.coordinator)
    pending_membership("TR-06")
    few = page_queries(client, "/validation/")
    for _ in range(5):
        pending_membership("TR-06")
    assert_same_queries(few, page_queries(client, "/validation/"))
