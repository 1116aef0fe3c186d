"""The validator queue page and the pending teacher's dashboard: what they say, in English and
Turkish, and that their query counts stay the same with 5 or 50 rows."""

import re

import pytest

from twinhub.schools.models import Membership
from twinhub.schools.provisioning import school_for
from twinhub.schools.services import membership_request
from twinhub.testing import (
    STAFF,
    ApiClient,
    assert_same_queries,
    client_for,
    make_teacher,
    page_queries,
)
from twinhub.testing.schools import pending_membership

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher", *STAFF)]  # every validator exists

QUEUE_MAX_QUERIES = 8
# A teacher's home: the person, profile, roles, memberships, their deciders (once), projects, notifications,
# invitations, contacts, the unread count and the old-platform ids (the migration notice).
DASHBOARD_MAX_QUERIES = 11


def test_queue_page_query_count_does_not_grow_with_rows(people):
    client = client_for(people["coordinator"])
    for _ in range(5):
        pending_membership("TR-06")
    small = page_queries(client, "/validation/")
    for _ in range(45):
        pending_membership("TR-06")
    large = page_queries(client, "/validation/")
    assert large.response.content.decode().count('id="membership-') == 50
    assert_same_queries(small, large)
    assert len(large) <= QUEUE_MAX_QUERIES, large.report()


def test_queue_page_shows_age_principal_answer_and_paginates(people):
    for _ in range(53):
        pending_membership("TR-34")
    client = client_for(people["nss_tr"])
    first = client.get("/validation/").content.decode()
    assert first.count('id="membership-') == 50 and "53 memberships" in first
    assert "waiting" in first and "Not answered yet" in first
    assert 'name="region"' in first and "Ankara (TR-06)" in first   # NSS TR filters by any province
    following = re.search(r'rel="next" href="\?([^"]+)"', first).group(1).replace("&amp;", "&")
    second = client.get(f"/validation/?{following}").content.decode()
    assert second.count('id="membership-') == 3 and "51–53 of 53" in second
    assert re.search(r'rel="prev" href="\?([^"]+)"', second)
    assert client.get("/validation/", {"region": "TR-06"}).content.decode().count('id="membership-') == 0


def test_coordinator_filters_only_by_own_province(people):
    page = client_for(people["coordinator"]).get("/validation/").content.decode()
    assert 'value="TR-06"' in page and 'value="TR-34"' not in page


def _teacher_with_pending(n: int):
    teacher = make_teacher(country="TR", region="TR-06", approved=False)
    for i in range(n - 1):
        membership_request(user=teacher, school=school_for(country="TR", region="TR-06",
                                                           school_number=f"{teacher.pk}-{i}-x"))
    return teacher


def test_dashboard_query_count_does_not_grow_with_memberships(people):
    pages = []
    for n in (5, 50):
        page = page_queries(client_for(_teacher_with_pending(n)), "/dashboard/")
        assert page.response.content.decode().count("status-pending") == n
        assert len(page) <= DASHBOARD_MAX_QUERIES, page.report()
        pages.append(page)
    assert_same_queries(*pages)


def test_pending_teacher_is_told_why_since_when_and_who(people):
    membership = pending_membership("TR-06")
    coordinator = people["coordinator"]
    page = client_for(membership.user).get("/dashboard/").content.decode()
    assert 'data-code="membership_pending"' in page
    assert f"Your membership at {membership.school.public_name} is pending approval since" in page
    assert "the provincial coordinators of Ankara (TR-06)" in page
    assert coordinator.display_name in page and coordinator.email in page
    assert people["coordinator_tr34"].email not in page


def test_pending_explanation_in_turkish(people):
    membership = pending_membership("TR-06")
    client = client_for(membership.user)
    page = client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert f"{membership.school.public_name} okulundaki üyeliğiniz" in page
    assert "onay bekliyor" in page
    assert "Ankara (TR-06) il koordinatörleri" in page
    assert people["coordinator"].email in page


def test_queue_refusal_in_turkish_on_page_and_api(people):
    teacher = people["teacher"]
    page = client_for(teacher).get("/validation/", HTTP_ACCEPT_LANGUAGE="tr")
    assert page.status_code == 403 and "okul üyeliklerine" in page.content.decode()
    response = ApiClient(teacher, language="tr").get("/memberships")
    assert response.status_code == 403 and "okul üyeliklerine" in response.json()["message"]


def test_a_teacher_with_a_pending_membership_is_not_an_etwinner_in_the_api(people):
    membership = pending_membership("TR-34")
    assert Membership.objects.get(pk=membership.pk).status == "pending"
    me = ApiClient(membership.user).get("/me").json()
    assert me["is_etwinner"] is False


def test_an_age_filter_beyond_any_date_is_no_server_error(people):
    # Found by the API fuzzing: a waiting time of 10^27 days overflowed the date arithmetic (500).
    pending_membership("TR-34")
    huge = "2520640278600072845332578304"
    page = client_for(people["nss_tr"]).get("/validation/", {"min_age_days": "99999999999"})
    assert page.status_code == 200 and 'id="membership-' not in page.content.decode()
    assert ApiClient(people["nss_tr"]).get(f"/memberships?min_age_days={huge}").status_code == 422
