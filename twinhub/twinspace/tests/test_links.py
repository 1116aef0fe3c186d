"""Defect 1 of issue 13: the TwinSpace is reached from My projects, the project page and the home
page, and links back to its project; each link only for whoever may open it."""

import pytest

from twinhub.testing import queries
from twinhub.twinspace import selectors, services


def _twinspace_links(body: str, project) -> int:
    return body.count(f'href="/twinspace/{project.pk}/"')


def test_my_projects_and_project_page_link_to_the_twinspace_with_unread_threads(world):
    project = world.project_a
    services.thread_create(project_id=project.pk, title="Hello", body_html="<p>b</p>", user=world.admin_a)
    member = world.client_for("member")
    mine = member.get("/projects/mine/").content.decode()
    assert _twinspace_links(mine, project) == 1
    assert 'title="1 thread with new posts">1</span>' in mine
    page = member.get(f"/projects/{project.pk}/").content.decode()
    assert 'id="tab-twinspace"' in page and _twinspace_links(page, project) == 1
    home = member.get("/dashboard/").content.decode()
    assert _twinspace_links(home, project) == 1
    with queries(exactly=1):  # roles and unread threads of all their projects, together
        roles, unread = selectors.twinspace_roles_and_unread(world.member_a)
    assert roles[project.pk] == "member" and unread == {project.pk: 1}
    member.get(f"/twinspace/{project.pk}/forum/{project.twinspace_threads.get().pk}/")  # read it
    assert selectors.twinspace_roles_and_unread(world.member_a)[1] == {}
    assert "thread with new posts" not in member.get("/projects/mine/").content.decode()


def test_twinspace_links_back_to_its_project(world):
    body = world.client_for("member").get(f"/twinspace/{world.project_a.pk}/").content.decode()
    assert f'href="/projects/{world.project_a.pk}/" id="tab-project"' in body
    assert 'id="tab-twinspace" aria-current="page"' in body
    # a pupil has no account: no link to a project page they could not open
    pupil = world.client_for("pupil").get(f"/twinspace/{world.project_a.pk}/").content.decode()
    assert 'id="tab-project"' not in pupil and 'id="tab-twinspace"' in pupil


@pytest.mark.parametrize("state", ["closed"])
def test_no_link_to_a_twinspace_one_may_not_open(world, state):
    world.set_state(state)
    project = world.project_a
    member = world.client_for("member")
    assert member.get(f"/twinspace/{project.pk}/").status_code == 404
    assert _twinspace_links(member.get("/projects/mine/").content.decode(), project) == 0
    assert _twinspace_links(member.get(f"/projects/{project.pk}/").content.decode(), project) == 0
    admin = world.client_for("admin")
    assert admin.get(f"/twinspace/{project.pk}/").status_code == 200
    assert _twinspace_links(admin.get(f"/projects/{project.pk}/").content.decode(), project) == 1
