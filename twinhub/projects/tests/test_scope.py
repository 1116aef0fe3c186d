"""Rule 2: the scope is decided once, when the co-founder accepts, and never changes."""

import pytest

from twinhub.projects import rules, selectors, services
from twinhub.projects.models import Project, ProjectMember
from twinhub.schools.models import Membership, MembershipStatus
from twinhub.testing import ApiClient, make_teacher
from twinhub.testing.projects import make_contacts, make_project

pytestmark = pytest.mark.django_db


def teacher(country, **kw):
    return make_teacher(country=country, region="TR-06" if country == "TR" else "", approved=True,
                        available=True, **kw)


@pytest.mark.parametrize("countries, scope", [
    (["TR", "TR"], "national"), (["TR", "DE"], "european"), (["BE"], "national"), (["FR", "FR", "IT"], "european"),
])
def test_scope_for_founders(countries, scope):
    assert rules.scope_for_founders(countries) == scope


def test_national_explanation_names_country_and_label():
    text = rules.scope_explanation(scope="national", founder_countries=["TR", "TR"])
    assert "Türkiye" in text or "Turkey" in text
    assert "European Quality Label" in text


def test_scope_undecided_until_cofounder_accepts():
    a, b = teacher("TR"), teacher("DE")
    make_contacts(a, b)
    project = services.project_create(founder=a, cofounder=b, title="Water")
    assert (project.scope, project.state) == ("", "awaiting_cofounder")
    project = services.project_cofounder_accept(user=b, project_id=project.pk)
    project.refresh_from_db()
    assert (project.scope, project.state, project.founder_countries) == ("european", "open", ["TR", "DE"])


def test_scope_stays_national_after_foreign_member_joins():
    a, b, foreign = teacher("TR"), teacher("TR"), teacher("DE")
    project = make_project(founder=a, cofounder=b, members=[foreign])
    assert project.scope == "national"
    assert selectors.members_from_country(project, "DE") == 1
    assert selectors.members_from_country(project, "TR") == 2


def test_scope_unchanged_when_founder_moves_country_and_school():
    a, b = teacher("TR"), teacher("TR")
    project = make_project(founder=a, cofounder=b)
    # The founder moves: the Turkish membership ends and a German school is approved.
    Membership.objects.filter(user=a).update(status=MembershipStatus.REJECTED)
    a.profile.country = "DE"
    a.profile.save()
    make_teacher(country="DE", approved=True, email=a.email)
    project.refresh_from_db()
    assert project.scope == "national"
    assert ProjectMember.objects.get(project=project, user=a).country == "TR"


def test_posting_scope_changes_nothing():
    a, b = teacher("TR"), teacher("TR")
    make_contacts(a, b)
    response = ApiClient(a).post("/projects", {"title": "T", "cofounder_id": b.pk, "scope": "european"})
    assert response.status_code == 201, response.content
    project_id = response.json()["id"]
    ApiClient(b).post(f"/projects/{project_id}/accept", {"scope": "european"})
    response = ApiClient(a).patch(f"/projects/{project_id}", {"title": "New", "scope": "european",
                                                               "state": "archived"})
    assert response.status_code == 200, response.content
    project = Project.objects.get(pk=project_id)
    assert (project.title, project.scope, project.state) == ("New", "national", "open")
