"""Rule 7: administrators invite contacts who are available eTwinners; the invitee answers."""

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.projects import selectors, services
from twinhub.projects.models import InvitationStatus, ProjectMember
from twinhub.testing import ApiClient, assert_refused, db_state
from twinhub.testing.projects import make_contacts, make_project, old_platform_contact, teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return make_project(founder=teacher("TR"), cofounder=teacher("DE"))


def test_invite_and_accept_fixes_country(project):
    guest = teacher("FR")
    make_contacts(project.founder, guest)
    invitation = services.project_invite(actor=project.founder, project_id=project.pk, user_id=guest.pk)
    member = services.invitation_accept(user=guest, invitation_id=invitation.pk)
    assert (member.role, member.country) == ("member", "FR")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED


def test_decline(project):
    guest = teacher("FR")
    make_contacts(project.founder, guest)
    invitation = services.project_invite(actor=project.founder, project_id=project.pk, user_id=guest.pk)
    services.invitation_decline(user=guest, invitation_id=invitation.pk)
    assert not ProjectMember.objects.filter(project=project, user=guest).exists()
    with pytest.raises(ApplicationError) as err:
        services.invitation_accept(user=guest, invitation_id=invitation.pk)
    assert err.value.code == "already_decided"


@pytest.mark.parametrize("setup, code", [
    ("unavailable", "not_available"),
    ("pending", "membership_pending"),
    ("member", "already_member"),
    ("stranger", "not_contact"),
    ("invited", "already_invited"),
])
def test_invite_refusals_service_and_api(project, setup, code):
    founder = project.founder
    if setup == "unavailable":
        person = teacher("FR", available=False)
    elif setup == "pending":
        person = teacher("FR", approved=False)
    else:
        person = teacher("FR")
    if setup == "pending":
        old_platform_contact(founder, person)  # rule 6 refuses a pending teacher as a new contact
    elif setup != "stranger":
        make_contacts(founder, person)
    if setup == "member":
        inv = services.project_invite(actor=founder, project_id=project.pk, user_id=person.pk)
        services.invitation_accept(user=person, invitation_id=inv.pk)
    if setup == "invited":
        services.project_invite(actor=founder, project_id=project.pk, user_id=person.pk)
    before = db_state()
    with pytest.raises(ApplicationError) as err:
        services.project_invite(actor=founder, project_id=project.pk, user_id=person.pk)
    assert err.value.code == code
    body = assert_refused(ApiClient(founder).post(f"/projects/{project.pk}/invitations", {"user_id": person.pk}),
                          code)
    assert db_state() == before
    # The greyed-out list gives the same reason, from the same rule.
    if setup != "stranger":
        candidate = next(c for c in selectors.invite_candidates(founder, project) if c.user.pk == person.pk)
        assert candidate.refusal.code == code
        assert str(candidate.refusal.message) == body["message"]


def test_only_administrators_invite(project):
    member, guest = teacher("TR"), teacher("FR")
    make_contacts(project.founder, member)
    inv = services.project_invite(actor=project.founder, project_id=project.pk, user_id=member.pk)
    services.invitation_accept(user=member, invitation_id=inv.pk)
    make_contacts(member, guest)
    before = db_state()
    body = assert_refused(ApiClient(member).post(f"/projects/{project.pk}/invitations", {"user_id": guest.pk}),
                          "forbidden", 403)
    assert "founder or administrator" in body["who_must_act"]
    assert db_state() == before
    # Made administrator by a founder, the same member may invite.
    services.project_member_set_role(actor=project.founder, project_id=project.pk, user_id=member.pk, role="admin")
    response = ApiClient(member).post(f"/projects/{project.pk}/invitations", {"user_id": guest.pk})
    assert response.status_code == 201, response.content


def test_invitation_of_someone_else_is_not_found(project):
    guest, other = teacher("FR"), teacher("FR")
    make_contacts(project.founder, guest)
    inv = services.project_invite(actor=project.founder, project_id=project.pk, user_id=guest.pk)
    before = db_state()
    assert_refused(ApiClient(other).post(f"/invitations/{inv.pk}/accept"), "not_found", 404)
    assert db_state() == before


def test_accept_refused_when_project_closed(project):
    guest = teacher("FR")
    make_contacts(project.founder, guest)
    inv = services.project_invite(actor=project.founder, project_id=project.pk, user_id=guest.pk)
    services.project_state_change(actor=project.founder, project_id=project.pk, action="close")
    before = db_state()
    assert_refused(ApiClient(guest).post(f"/invitations/{inv.pk}/accept"), "project_not_open", 409)
    assert db_state() == before


def test_invite_list_in_turkish(project):
    person = teacher("FR", available=False)
    make_contacts(project.founder, person)
    body = assert_refused(ApiClient(project.founder, language="tr").post(
        f"/projects/{project.pk}/invitations", {"user_id": person.pk}), "not_available")
    assert "eTwinning projeleri için uygun" in body["message"]
