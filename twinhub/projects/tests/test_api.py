"""The API reads: my projects, a project with scope and members' countries, the directory."""

import pytest

from twinhub.projects import services
from twinhub.testing import ApiClient, assert_refused, db_state, make_teacher
from twinhub.testing.projects import make_contacts, make_project, old_platform_contact, teacher

pytestmark = pytest.mark.django_db


def test_project_detail_and_my_projects():
    founder, member = teacher("TR"), teacher("DE")
    project = make_project(founder=founder, cofounder=teacher("TR"), members=[member], subjects=["history"])
    body = ApiClient(member).get(f"/projects/{project.pk}").json()
    assert (body["scope"], body["state"]) == ("national", "open")
    assert "European Quality Label" in body["scope_explanation"]
    assert sorted((m["role"], m["country"]) for m in body["members"]) == [
        ("founder", "TR"), ("founder", "TR"), ("member", "DE")]
    mine = ApiClient(member).get("/me/projects").json()
    assert [p["id"] for p in mine] == [project.pk]
    assert ApiClient(teacher("FR")).get("/me/projects").json() == []


def test_pending_cofounder_request_listed_and_hidden_from_others():
    founder, cofounder = teacher("TR"), teacher("DE")
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title="X")
    assert [p["scope"] for p in ApiClient(cofounder).get("/me/projects").json()] == [None]
    assert_refused(ApiClient(teacher("FR")).get(f"/projects/{project.pk}"), "not_found", 404)
    assert ApiClient().get("/projects").json() == []


def test_directory_api_is_public_and_filters():
    make_project(founder=teacher("TR"), cofounder=teacher("TR"), title="Ulusal", age_ranges=["11-14"])
    make_project(founder=teacher("TR"), cofounder=teacher("PL"), title="Europe")
    anonymous = ApiClient()
    assert {p["title"] for p in anonymous.get("/projects").json()} == {"Ulusal", "Europe"}
    assert [p["title"] for p in anonymous.get("/projects", {"scope": "european"}).json()] == ["Europe"]
    assert [p["member_countries"] for p in anonymous.get("/projects", {"country": "PL"}).json()] == [["PL", "TR"]]
    assert [p["title"] for p in anonymous.get("/projects", {"age_range": "11-14"}).json()] == ["Ulusal"]


def test_not_etwinner_cannot_create():
    outsider = make_teacher(country="DE", approved=False)
    outsider.memberships.all().delete()
    other = teacher("DE")
    old_platform_contact(outsider, other)  # rule 6 refuses an outsider as a new contact
    before = db_state()
    body = assert_refused(ApiClient(outsider).post("/projects", {"title": "X", "cofounder_id": other.pk}),
                          "not_etwinner", 403)
    assert body["who_must_act"] and body["next_step"]
    assert db_state() == before


def test_refusal_in_turkish_says_who_must_act():
    project = make_project(founder=teacher("TR"), cofounder=teacher("TR"), members=[teacher("DE")])
    member = project.members.get(role="member").user
    body = assert_refused(ApiClient(member, language="tr").post(f"/projects/{project.pk}/close"), "forbidden", 403)
    assert body["message"] == "Bunu yalnızca projenin kurucuları ve yöneticileri yapabilir."
    assert body["who_must_act"] == "projenin bir kurucusu veya yöneticisi"
