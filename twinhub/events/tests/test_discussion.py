"""A learning event's discussion space is a group made with the event (issue 15; decision 39): its
members follow the event's places, outsiders neither read nor write, and it is not in the directory."""

from datetime import timedelta

import pytest

from twinhub.events import services
from twinhub.events.models import EventKind
from twinhub.groups import services as group_services
from twinhub.groups.models import Group, GroupMembership, GroupState, JoinPolicy
from twinhub.groups.selectors import groups_directory
from twinhub.testing import ApiClient, assert_refused, client_for, db_state
from twinhub.testing.events import make_event
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db


def _members(event) -> dict[int, bool]:
    return dict(GroupMembership.objects.filter(group_id=event.discussion_id).values_list("user_id", "is_moderator"))


def test_a_learning_event_opens_its_own_group_and_a_seminar_none(people):
    learning = make_event(people.nss_tr, kind=EventKind.LEARNING, title="Project-based learning")
    seminar = make_event(people.nss_tr, title="A seminar")
    group = Group.objects.get(pk=learning.discussion_id)
    assert (group.title, group.join_policy, group.state, group.country) == \
        ("Project-based learning", JoinPolicy.INVITATION, GroupState.ACTIVE, "TR")
    assert _members(learning) == {people.nss_tr.pk: True} and group.member_count == 1
    assert seminar.discussion_id is None
    # it belongs to the event: not listed in the group directory, neither page nor API
    assert group not in groups_directory()[0]
    assert "Project-based learning" not in client_for(people.teacher).get("/groups/").content.decode()
    assert group.pk not in [g["id"] for g in ApiClient(people.teacher).get("/groups").json()["items"]]


def test_members_follow_the_places(people):
    event = make_event(people.nss_tr, kind=EventKind.LEARNING, capacity=1)
    first, second = people.teacher, teacher("TR", name="Second Selin")
    services.registration_create(user=first, event_id=event.pk)
    services.registration_create(user=second, event_id=event.pk)  # waits: not in the discussion yet
    assert _members(event) == {people.nss_tr.pk: True, first.pk: False}
    services.registration_cancel(user=first, event_id=event.pk)   # the second moves up, and in
    assert _members(event) == {people.nss_tr.pk: True, second.pk: False}
    assert Group.objects.get(pk=event.discussion_id).member_count == 2


def test_participants_discuss_and_outsiders_are_refused(people):
    event = make_event(people.nss_tr, kind=EventKind.LEARNING)
    services.registration_create(user=people.teacher, event_id=event.pk)
    thread = group_services.thread_create(user=people.teacher, group_id=event.discussion_id, title="Hello all",
                                          body_html="<p>Merhaba!</p>")
    group_services.post_create(user=people.nss_tr, group_id=event.discussion_id, thread_id=thread.pk,
                               body_html="<p>Welcome</p>")
    page = client_for(people.teacher).get(f"/events/{event.pk}/").content.decode()
    assert f'/groups/{event.discussion_id}/threads/{thread.pk}/' in page and "Hello all" in page
    assert client_for(people.teacher).get(f"/groups/{event.discussion_id}/threads/{thread.pk}/").status_code == 200
    # someone without a place sees neither the threads nor the group's content, and cannot write
    outsider = people.teacher_it
    page = client_for(outsider).get(f"/events/{event.pk}/").content.decode()
    assert "Hello all" not in page and f"/groups/{event.discussion_id}/" not in page
    assert client_for(outsider).get(f"/groups/{event.discussion_id}/threads/{thread.pk}/").status_code == 403
    before = db_state()
    assert_refused(ApiClient(outsider).post(f"/groups/{event.discussion_id}/threads",
                                            {"title": "Spam", "body_html": "<p>Buy</p>"}), "not_group_member", 403)
    assert db_state() == before
    assert ApiClient(people.teacher).get(f"/events/{event.pk}").json()["discussion_group_id"] == event.discussion_id


def test_the_group_follows_the_event(people):
    event = make_event(people.nss_tr, kind=EventKind.LEARNING, starts_in=timedelta(days=2))
    services.event_update(actor=people.nss_tr, event_id=event.pk, title="A new title", description="New words",
                          language="tr", audience="all", starts_at=event.starts_at, ends_at=event.ends_at,
                          link="", capacity=event.capacity)
    group = Group.objects.get(pk=event.discussion_id)
    assert (group.title, group.language) == ("A new title", "tr")
    services.event_cancel(actor=people.nss_tr, event_id=event.pk)
    assert Group.objects.get(pk=event.discussion_id).state == GroupState.ARCHIVED  # read-only, kept


def test_a_project_events_discussion_is_moderated_by_the_projects_administrators(people):
    founder, cofounder, member = teacher("TR"), teacher("IT"), teacher("TR")
    project = make_project(founder=founder, cofounder=cofounder, members=[member])
    event = make_event(founder, kind=EventKind.LEARNING, project_id=project.pk)
    members = _members(event)
    assert members[founder.pk] is True and members[cofounder.pk] is True and member.pk not in members
    assert Group.objects.get(pk=event.discussion_id).country == ""


def test_the_event_page_offers_only_what_the_groups_table_allows(people):
    """The CSS manages a national event without being in its group: it reads (network staff) but
    does not start threads, so no link leads to a refusal; a cancelled event's group is read-only."""
    event = make_event(people.nss_tr, kind=EventKind.LEARNING)
    services.registration_create(user=people.teacher, event_id=event.pk)
    group_services.thread_create(user=people.teacher, group_id=event.discussion_id, title="Hello all",
                                 body_html="<p>Hi</p>")
    css_page = client_for(people.css).get(f"/events/{event.pk}/").content.decode()
    assert "Hello all" in css_page and 'id="discussion-new"' not in css_page
    assert 'id="discussion-new"' in client_for(people.teacher).get(f"/events/{event.pk}/").content.decode()
    services.event_cancel(actor=people.nss_tr, event_id=event.pk)
    page = client_for(people.teacher).get(f"/events/{event.pk}/").content.decode()
    assert "Hello all" in page and 'id="discussion-new"' not in page


def test_the_discussion_links_back_to_its_event_and_other_groups_do_not(people):
    event = make_event(people.nss_tr, kind=EventKind.LEARNING, title="Project-based learning")
    services.registration_create(user=people.teacher, event_id=event.pk)
    html = client_for(people.teacher).get(f"/groups/{event.discussion_id}/").content.decode()
    assert 'id="group-event"' in html and f'href="/events/{event.pk}/"' in html
    other = group_services.group_create(actor=people.nss_tr, title="Coding", description="d", topic="art",
                                        language="en", join_policy="open", country="TR")
    assert 'id="group-event"' not in client_for(people.nss_tr).get(f"/groups/{other.pk}/").content.decode()
