"""Members (founders, administrators, members), leaving with hand-over, removal, and states."""

import pytest

from twinhub.core.errors import ApplicationError
from twinhub.projects import services
from twinhub.projects.models import Project, ProjectMember
from twinhub.testing import ApiClient, assert_refused, db_state, make_staff
from twinhub.testing.projects import make_contacts, make_project, old_platform_contact, teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def trio():
    founder, cofounder, member = teacher("TR"), teacher("TR"), teacher("DE")
    project = make_project(founder=founder, cofounder=cofounder, members=[member])
    return project, founder, cofounder, member


def roles(project):
    return dict(ProjectMember.objects.filter(project=project).values_list("user_id", "role"))


def test_member_leaves(trio):
    project, _f, _c, member = trio
    assert ApiClient(member).post(f"/projects/{project.pk}/leave").status_code == 204
    assert member.pk not in roles(project)


def test_founder_must_hand_over(trio):
    project, founder, _c, member = trio
    before = db_state()
    assert_refused(ApiClient(founder).post(f"/projects/{project.pk}/leave"), "handover_required", 409)
    assert db_state() == before
    services.project_leave(user=founder, project_id=project.pk, successor_id=member.pk)
    project.refresh_from_db()
    assert roles(project)[member.pk] == "founder"
    assert project.founder_id == member.pk
    assert (project.scope, project.founder_countries) == ("national", ["TR", "TR"])


def test_removal_by_administrators_only(trio):
    project, founder, cofounder, member = trio
    before = db_state()
    assert_refused(ApiClient(member).delete(f"/projects/{project.pk}/members/{cofounder.pk}"), "forbidden", 403)
    assert_refused(ApiClient(founder).delete(f"/projects/{project.pk}/members/{cofounder.pk}"),
                   "cannot_remove_founder", 409)
    assert db_state() == before
    assert ApiClient(founder).delete(f"/projects/{project.pk}/members/{member.pk}").status_code == 204
    assert member.pk not in roles(project)


def test_only_founders_change_roles(trio):
    project, founder, _c, member = trio
    assert_refused(ApiClient(member).post(f"/projects/{project.pk}/members/{member.pk}/role", {"role": "admin"}),
                   "forbidden", 403)
    response = ApiClient(founder).post(f"/projects/{project.pk}/members/{member.pk}/role", {"role": "admin"})
    assert response.status_code == 200
    assert roles(project)[member.pk] == "admin"


@pytest.mark.parametrize("actor_kind, allowed", [("founder", True), ("admin", True), ("member", False),
                                                  ("outsider", False)])
def test_close_reopen_archive_matrix(trio, actor_kind, allowed):
    project, founder, _c, member = trio
    if actor_kind == "admin":
        services.project_member_set_role(actor=founder, project_id=project.pk, user_id=member.pk, role="admin")
    actor = {"founder": founder, "admin": member, "member": member, "outsider": teacher("FR")}[actor_kind]
    client = ApiClient(actor)
    for action, state in (("close", "closed"), ("reopen", "open"), ("close", "closed"), ("archive", "archived")):
        before = db_state()
        response = client.post(f"/projects/{project.pk}/{action}")
        if allowed:
            assert response.json()["state"] == state
        else:
            assert_refused(response, "forbidden", 403)
            assert db_state() == before
    project.refresh_from_db()
    assert project.state == ("archived" if allowed else "open")


def test_archived_cannot_reopen(trio):
    project, founder, *_ = trio
    for action in ("close", "archive"):
        services.project_state_change(actor=founder, project_id=project.pk, action=action)
    assert_refused(ApiClient(founder).post(f"/projects/{project.pk}/reopen"), "invalid_state", 409)


def test_cofounder_must_be_contact_and_etwinner():
    founder, stranger, pending = teacher("TR"), teacher("TR"), teacher("TR", approved=False)
    old_platform_contact(founder, pending)  # contacts from the old platform, which rule 6 never checked
    not_member = teacher("TR", approved=False)
    old_platform_contact(not_member, stranger)
    before = db_state()
    assert_refused(ApiClient(founder).post("/projects", {"title": "X", "cofounder_id": stranger.pk}),
                   "not_contact", 403)
    assert_refused(ApiClient(founder).post("/projects", {"title": "X", "cofounder_id": pending.pk}),
                   "membership_pending", 403)
    assert_refused(ApiClient(not_member).post("/projects", {"title": "X", "cofounder_id": stranger.pk}),
                   "membership_pending", 403)
    assert db_state() == before


def test_only_cofounder_accepts_and_decline():
    founder, cofounder, other = teacher("TR"), teacher("DE"), teacher("DE")
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title="X")
    before = db_state()
    assert_refused(ApiClient(other).post(f"/projects/{project.pk}/accept"), "not_found", 404)
    assert_refused(ApiClient(founder).post(f"/projects/{project.pk}/accept"), "forbidden", 403)
    assert db_state() == before
    assert ApiClient(cofounder).post(f"/projects/{project.pk}/decline").json()["state"] == "declined"
    assert_refused(ApiClient(cofounder).post(f"/projects/{project.pk}/accept"), "already_decided", 409)


def test_nss_approval_when_country_requires_it():
    founder, cofounder = teacher("TR"), teacher("DE")
    nss_de, nss_fr = make_staff("nss", country="DE"), make_staff("nss", country="FR")
    services.country_policy_set(actor=nss_de, country="DE", require_nss_approval=True)
    with pytest.raises(ApplicationError):
        services.country_policy_set(actor=nss_de, country="FR", require_nss_approval=True)
    make_contacts(founder, cofounder)
    project = services.project_create(founder=founder, cofounder=cofounder, title="X")
    services.project_cofounder_accept(user=cofounder, project_id=project.pk)
    project.refresh_from_db()
    assert (project.state, project.scope) == ("awaiting_approval", "european")
    assert_refused(ApiClient(nss_fr).post(f"/projects/{project.pk}/approve"), "not_found", 404)
    assert ApiClient(nss_de).post(f"/projects/{project.pk}/approve").json()["state"] == "open"


def test_policy_off_by_default():
    project = make_project(founder=teacher("TR"), cofounder=teacher("TR"))
    assert Project.objects.get(pk=project.pk).state == "open"
