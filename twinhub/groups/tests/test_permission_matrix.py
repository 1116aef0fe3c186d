"""Roles × actions × in/out of scope, through the services: an allowed action does what it says,
a refused one leaves every table as it was."""

import pytest
from django.contrib.auth.models import AnonymousUser

from twinhub.core.errors import ApplicationError
from twinhub.groups import services
from twinhub.groups.models import GroupMembership, GroupPost, GroupState, GroupThread, Report
from twinhub.testing import db_state, make_staff, make_teacher
from twinhub.testing.groups import EXPECTED_PERMISSIONS, make_group, start_thread

pytestmark = pytest.mark.django_db

# who plays each role in a group of Türkiye: "staff_out" is the NSS of Italy (an outsider here)
ROLE_OF = {"moderator": "moderator", "staff": "staff", "member": "member", "outsider": "outsider",
           "staff_out": "outsider", "anonymous": "anonymous"}


class Scene:
    def __init__(self, people):
        self.creator = people.nss_tr
        self.users = {
            "moderator": people.teacher, "staff": make_staff("nss", country="TR"), "member": people.teacher_it,
            "outsider": people.teacher_pl, "staff_out": people.nss_it, "anonymous": AnonymousUser(),
        }
        self.writer = make_teacher(country="TR", name="Wanda Writer")
        self.group = make_group(self.creator, members=[people.teacher, people.teacher_it, self.writer])
        services.group_moderator_name(actor=self.creator, group_id=self.group.pk, user_id=people.teacher.pk)
        self.post = start_thread(self.group, self.writer)


def _act(scene: Scene, action: str, user):
    group_id, post = scene.group.pk, scene.post
    if action == "thread_start":
        return services.thread_create(user=user, group_id=group_id, title="T", body_html="<p>x</p>")
    if action == "reply":
        return services.post_create(user=user, group_id=group_id, thread_id=post.thread_id, body_html="<p>y</p>")
    if action == "page_write":
        return services.page_create(user=user, group_id=group_id, title="A page", body_html="<p>z</p>")
    if action == "moderate":
        return services.post_moderate(actor=user, group_id=group_id, post_id=post.pk, hidden=True)
    if action == "manage_members":
        return services.group_member_remove(actor=user, group_id=group_id, user_id=scene.writer.pk)
    if action == "archive":
        return services.group_archive(actor=user, group_id=group_id)
    if action == "join":
        return services.group_join(user=user, group_id=group_id)
    if action == "report":
        return services.report_file(reporter=user, target="group_post", target_id=post.pk, reason="Spam")
    if action == "leave":
        return services.group_leave(user=user, group_id=group_id)
    raise AssertionError(action)


def _effect(scene: Scene, action: str, user) -> bool:
    """The allowed action's own effect is visible in the database."""
    post = GroupPost.objects.get(pk=scene.post.pk) if GroupPost.objects.filter(pk=scene.post.pk).exists() else None
    return {
        "thread_start": lambda: GroupThread.objects.filter(group=scene.group, title="T").exists(),
        "reply": lambda: GroupPost.objects.filter(thread_id=scene.post.thread_id).count() == 2,
        "page_write": lambda: scene.group.pages.filter(title="A page").exists(),
        "moderate": lambda: post is not None and post.is_hidden,
        "manage_members": lambda: not GroupMembership.objects.filter(group=scene.group, user=scene.writer).exists(),
        "archive": lambda: type(scene.group).objects.get(pk=scene.group.pk).state == GroupState.ARCHIVED,
        "join": lambda: GroupMembership.objects.filter(group=scene.group, user=user, status="active").exists(),
        "report": lambda: Report.objects.filter(reporter=user, target_id=scene.post.pk).exists(),
        "leave": lambda: not GroupMembership.objects.filter(group=scene.group, user=user).exists(),
    }[action]()


ACTIONS = ["thread_start", "reply", "page_write", "moderate", "manage_members", "archive", "join", "report", "leave"]


@pytest.mark.parametrize("who", list(ROLE_OF))
@pytest.mark.parametrize("action", ACTIONS)
def test_roles_by_actions(people, who, action):
    scene = Scene(people)
    user = scene.users[who]
    allowed = action in EXPECTED_PERMISSIONS[ROLE_OF[who]]
    before = db_state()
    if allowed:
        _act(scene, action, user)
        assert _effect(scene, action, user), (who, action)
    else:
        with pytest.raises(ApplicationError) as refused:
            _act(scene, action, user)
        assert refused.value.refusal.status in (403, 404, 409), refused.value.refusal
        assert db_state() == before


@pytest.mark.parametrize("action", ["thread_start", "reply", "page_write", "join", "manage_members"])
def test_an_archived_group_refuses_every_change_and_changes_nothing(people, action):
    scene = Scene(people)
    services.group_archive(actor=scene.creator, group_id=scene.group.pk)
    user = scene.users["outsider" if action == "join" else "moderator"]
    before = db_state()
    with pytest.raises(ApplicationError) as refused:
        _act(scene, action, user)
    assert refused.value.code == "group_archived"
    assert db_state() == before
