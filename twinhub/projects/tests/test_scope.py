"""Rule 2: the scope is decided once, when the co-founder accepts, and never changes."""

import pytest

from twinhub.projects import rules, selectors, services
from twinhub.projects.models import Project, ProjectMember
from twinhub.schools.services import membership_approve, membership_request, school_create
from twinhub.testing import ApiClient, make_staff
from twinhub.testing.projects import make_contacts, make_project, teacher

pytestmark = pytest.mark.django_db


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


def test_scope_stays_national_whoever_joins_and_wherever_a_founder_moves():
    """The scope is decided once; each later step goes through the services and changes nothing."""
    founder, cofounder = teacher("TR"), teacher("TR")
    project = make_project(founder=founder, cofounder=cofounder)
    assert project.scope == "national"

    # A teacher from Germany joins: the founders decide, not the members.
    foreign = teacher("DE")
    make_contacts(founder, foreign)
    invitation = services.project_invite(actor=founder, project_id=project.pk, user_id=foreign.pk)
    services.invitation_accept(user=foreign, invitation_id=invitation.pk)
    project.refresh_from_db()
    assert project.scope == "national"
    assert selectors.members_from_country(project, "DE") == 1
    assert selectors.members_from_country(project, "TR") == 2

    # The founder moves to a school in Germany, approved by the German NSS.
    school = school_create(user=founder, legal_name="Goethe-Gymnasium", country="DE", city="Berlin",
                           school_type="upper_secondary", principal_name="Frau Schulz",
                           principal_email="schulz@goethe.example")
    membership = membership_request(user=founder, school=school)
    membership_approve(actor=make_staff("nss", country="DE"), membership_id=membership.pk)
    project.refresh_from_db()
    assert project.scope == "national"
    assert ProjectMember.objects.get(project=project, user=founder).country == "TR"


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
