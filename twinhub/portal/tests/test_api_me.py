"""GET/PATCH /api/v1/me: the fields every client relies on."""

import pytest

from twinhub.accounts.models import Profile
from twinhub.schools.provisioning import school_for
from twinhub.schools.services import membership_request
from twinhub.testing import ApiClient, assert_refused, make_teacher, queries

pytestmark = pytest.mark.django_db


def test_me_returns_the_profile_and_memberships():
    teacher = make_teacher(country="TR", region="TR-06", approved=True, available=True)
    body = ApiClient(teacher).get("/me").json()
    assert body["id"] == teacher.pk and body["email"] == teacher.email
    assert (body["is_etwinner"], body["country"], body["available_for_projects"]) == (True, "TR", True)
    [membership] = body["memberships"]
    assert set(membership) >= {"id", "school_id", "status"} and membership["status"] == "approved"
    assert body["emails"] == [{"email": teacher.email, "verified": True, "primary": True}]


def test_me_query_count_does_not_grow_with_memberships():
    teacher = make_teacher()
    client = ApiClient(teacher)
    with queries(at_most=12) as one:
        client.get("/me")
    for n in range(4):
        membership_request(user=teacher, school=school_for(country="TR", region="TR-06", school_number=f"55{n}"))
    with queries(at_most=len(one)):
        assert len(client.get("/me").json()["memberships"]) == 5


def test_patch_me_changes_only_what_is_sent():
    teacher = make_teacher(available=False)
    body = ApiClient(teacher).patch("/me", {"available_for_projects": True, "subjects": ["physics"],
                                            "language": "tr"}).json()
    assert body["available_for_projects"] and body["subjects"] == ["physics"] and body["language"] == "tr"
    profile = Profile.objects.get(user=teacher)
    assert profile.available_for_projects and profile.country == "TR"


def test_patch_me_cannot_change_the_country_or_unknown_fields():
    teacher = make_teacher(country="TR")
    response = ApiClient(teacher, language="tr").patch("/me", {"country": "BE"})
    body = assert_refused(response, "invalid", 422)
    assert "geçerli değil" in body["message"] and body["errors"][0]["field"] == "country"
    assert Profile.objects.get(user=teacher).country == "TR"
