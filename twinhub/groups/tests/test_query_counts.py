"""List pages and API lists of Groups, partner finding and moderation ask the database as often with
many rows as with few (two data sizes each): the group directory (with and without filters), a
group's discussions, pages and materials, the partner-finding list, and the moderation queue with
reports of every kind."""

import pytest

from twinhub.groups import services
from twinhub.testing import ApiClient, assert_same_queries, client_for, make_teacher, page_queries
from twinhub.testing.database import queries
from twinhub.testing.groups import add_material, add_page, make_group, make_partner_post, start_thread
from twinhub.twinspace import services as twinspace_services

pytestmark = pytest.mark.django_db


class Data:
    """A group with a moderator (the NSS of Türkiye) and a member, grown `grow(n)` rows at a time on
    every list: groups, discussions, replies, pages, materials, partner posts and reports."""

    def __init__(self, people):
        from twinhub.testing.twinspace import World

        self.people, self.nss, self.teacher = people, people.nss_tr, people.teacher
        self.group = make_group(self.nss, members=[self.teacher, people.teacher_it])
        self.thread_id = start_thread(self.group, self.teacher).thread_id
        self.world = World()  # a project whose TwinSpace content is reported too
        self.n = 0
        self.grow(1)

    def grow(self, n: int) -> None:
        people, group = self.people, self.group
        for _ in range(n):
            i = self.n = self.n + 1
            member = make_teacher(country="TR", name=f"Member {i}")
            make_group(self.nss, title=f"Group {i}", language="tr" if i % 2 else "en")
            services.group_join(user=member, group_id=group.pk)
            post = start_thread(group, member, title=f"Discussion {i}")
            services.post_create(user=member, group_id=group.pk, thread_id=self.thread_id, body_html=f"<p>{i}</p>")
            page = add_page(group, member, title=f"Page {i}")
            material = add_material(group, member, name=f"Material {i}")
            partner = make_partner_post(member, title=f"Partners wanted {i}")
            ts_thread = twinspace_services.thread_create(project_id=self.world.project_a.pk, title=f"T {i}",
                                                         body_html="<p>x</p>", pupil=self.world.pupil_a)
            for target, target_id in [("group_post", post.pk), ("group_page", page.pk),
                                      ("group_material", material.pk), ("partner_post", partner.pk),
                                      ("profile", member.pk)]:
                services.report_file(reporter=people.teacher_it, target=target, target_id=target_id, reason="x")
            services.report_file(reporter=self.world.member_a, target="twinspace_post",
                                 target_id=ts_thread.posts.get().pk, reason="x")


def _pages(data: Data) -> dict:
    g = data.group.pk
    teacher, nss, admin = client_for(data.teacher), client_for(data.nss), client_for(data.world.admin_a)
    return {
        "directory": (teacher, "/groups/"),
        "directory filtered": (teacher, "/groups/?q=group&language=tr&topic=science"),
        "group home (discussions)": (teacher, f"/groups/{g}/"),
        "a discussion": (teacher, f"/groups/{g}/threads/{data.thread_id}/"),
        "materials": (teacher, f"/groups/{g}/materials/"),
        "members": (nss, f"/groups/{g}/members/"),
        "partner-finding list": (teacher, "/partners/"),
        "partner-finding filtered": (teacher, "/partners/?subject=science&language=en&age_range=11-14&q=wanted"),
        "moderation queue (NSS)": (nss, "/moderation/"),
        "moderation queue (project teacher)": (admin, "/moderation/"),
        "my reports": (client_for(data.people.teacher_it), "/moderation/mine/"),
    }


def test_list_pages_ask_as_often_with_more_rows(people):
    data = Data(people)
    few = {name: page_queries(client, url) for name, (client, url) in _pages(data).items()}
    data.grow(4)
    for name, (client, url) in _pages(data).items():
        try:
            assert_same_queries(few[name], page_queries(client, url))
        except AssertionError as error:
            raise AssertionError(f"{name}: {error}") from None


def _api_queries(client: ApiClient, path: str):
    with queries() as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.content)
    return captured


def test_api_lists_ask_as_often_with_more_rows(people):
    data = Data(people)
    g = data.group.pk
    calls = {"groups": (data.teacher, "/groups"), "threads": (data.teacher, f"/groups/{g}/threads"),
             "pages": (data.teacher, f"/groups/{g}/pages"), "materials": (data.teacher, f"/groups/{g}/materials"),
             "partner posts": (data.teacher, "/partner-posts"), "queue": (data.nss, "/reports/queue")}
    clients = {user.pk: ApiClient(user) for user, _path in calls.values()}
    for client in clients.values():  # a token's first use records it: not part of a list's cost
        client.get("/groups/mine")
    few = {name: _api_queries(clients[user.pk], path) for name, (user, path) in calls.items()}
    data.grow(4)
    for name, (user, path) in calls.items():
        try:
            assert_same_queries(few[name], _api_queries(clients[user.pk], path))
        except AssertionError as error:
            raise AssertionError(f"{name}: {error}") from None
