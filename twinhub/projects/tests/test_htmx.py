"""My projects' invitations and the project directory's filters without a reload (decision 36):
the same views answer HTMX with the fragment they swap; without HTMX they behave as before."""

import pytest

from twinhub.projects import services
from twinhub.projects.models import InvitationStatus, ProjectMember
from twinhub.testing import client_for, db_state
from twinhub.testing.projects import make_contacts, make_project, teacher

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def invitation():
    project = make_project(founder=teacher("TR"), cofounder=teacher("DE"), title="Bridges between rivers")
    guest = teacher("FR")
    make_contacts(project.founder, guest)
    return services.project_invite(actor=project.founder, project_id=project.pk, user_id=guest.pk)


def test_accepting_an_invitation_answers_my_projects_lists(invitation):
    response = client_for(invitation.invitee).post(f"/invitations/{invitation.pk}/accept/", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="my-projects-lists"' in html
    assert ProjectMember.objects.filter(project=invitation.project, user=invitation.invitee).exists()
    assert "No invitations." in html and "Bridges between rivers" in html  # now among the projects
    assert 'hx-swap-oob="true"' in html and "You joined the project." in html


def test_declining_answers_the_lists_and_without_htmx_redirects(invitation):
    html = client_for(invitation.invitee).post(f"/invitations/{invitation.pk}/decline/", **HTMX).content.decode()
    assert "You declined the invitation." in html and "No invitations." in html
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    again = client_for(invitation.invitee).post(f"/invitations/{invitation.pk}/accept/")  # no JavaScript
    assert again.status_code == 302 and again["Location"] == "/projects/mine/"


def test_a_refused_answer_is_the_refusal_box_and_changes_nothing(invitation):
    services.invitation_decline(user=invitation.invitee, invitation_id=invitation.pk)
    before = db_state()
    response = client_for(invitation.invitee).post(f"/invitations/{invitation.pk}/accept/", **HTMX)
    html = response.content.decode()
    assert response.status_code >= 400 and "<html" not in html
    assert 'class="refusal"' in html and 'data-code="already_decided"' in html
    assert db_state() == before


def test_the_directory_filters_answer_the_results_only():
    make_project(founder=teacher("TR"), cofounder=teacher("DE"), title="Rivers of Europe")
    make_project(founder=teacher("TR"), cofounder=teacher("TR"), title="Anatolian songs")
    response = client_for(None).get("/projects/", {"q": "Rivers"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'id="directory-results"' in html
    assert "Rivers of Europe" in html and "Anatolian songs" not in html
    assert "HX-Request" in response["Vary"]
    page = client_for(None).get("/projects/", {"q": "Rivers"}).content.decode()
    assert "<html" in page and 'hx-get="/projects/"' in page
