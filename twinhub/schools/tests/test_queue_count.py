"""The validation queue's total kept in the shared cache (decision 41): a warm page does not count
the queue, and the total follows a new membership, a decision, a school's move and a new role at once."""

import pytest

from twinhub.schools.models import Membership
from twinhub.schools.services import membership_approve
from twinhub.staff.models import StaffRole
from twinhub.testing import client_for, page_queries
from twinhub.testing.schools import pending_membership

pytestmark = pytest.mark.django_db


def _total(client, query: str = "") -> str:
    body = client.get(f"/validation/{query}").content.decode()
    return body.split('id="queue-count">', 1)[1].split("</p>", 1)[0]


def test_a_warm_queue_page_does_not_count_the_queue(people):
    for _ in range(3):
        pending_membership("TR-06")
    queries = page_queries(client_for(people.coordinator), "/validation/")
    assert not [q for q in queries if q.startswith("SELECT COUNT(*)") and "schools_membership" in q], queries.report()
    assert "3 memberships" in queries.response.content.decode()


def test_the_total_follows_memberships_decisions_schools_and_roles(people):
    coordinator = people.coordinator
    client = client_for(coordinator)
    first = pending_membership("TR-06")
    assert _total(client) == "1 membership"
    pending_membership("TR-06")
    assert _total(client) == "2 memberships"
    membership_approve(actor=coordinator, membership_id=first.pk)
    assert _total(client) == "1 membership"
    assert _total(client, "?status=approved") == "1 membership"
    elsewhere = pending_membership("TR-34")
    assert _total(client) == "1 membership"  # Istanbul is not the Ankara coordinator's
    StaffRole.objects.create(user=coordinator, kind="coordinator", country="TR", region="TR-34")
    assert _total(client) == "2 memberships"
    school = elsewhere.school
    school.region = "TR-35"
    school.save()
    assert _total(client) == "1 membership"
    Membership.objects.get(pk=elsewhere.pk).delete()
    assert _total(client, "?status=approved") == "1 membership"


def test_an_age_filter_is_counted_with_the_page(people):
    pending_membership("TR-06")
    client = client_for(people.coordinator)
    assert _total(client, "?min_age_days=0") == "1 membership"
    assert _total(client, "?min_age_days=3") == "0 memberships"
