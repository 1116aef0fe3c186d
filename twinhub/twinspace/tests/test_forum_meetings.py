"""Forums with unread markers, meetings in the iCalendar feed, activity and notifications."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from twinhub.core.errors import ApplicationError
from twinhub.core.models import Notification
from twinhub.twinspace import selectors, services
from twinhub.twinspace.models import Meeting


def test_unread_markers_per_reader(world):
    thread = services.thread_create(project_id=world.project_a.pk, title="Hello", body_html="hi",
                                    user=world.admin_a)
    space_member = selectors.space_for(world.project_a.pk, user=world.member_a)
    space_admin = selectors.space_for(world.project_a.pk, user=world.admin_a)
    assert selectors.threads_of(space_member).get(pk=thread.pk).unread is True
    assert selectors.threads_of(space_admin).get(pk=thread.pk).unread is False  # the author has read it
    world.client_for("member").get(f"/twinspace/{world.project_a.pk}/forum/{thread.pk}/")
    assert selectors.threads_of(space_member).get(pk=thread.pk).unread is False
    services.post_create(project_id=world.project_a.pk, thread_id=thread.pk, body_html="again", pupil=world.pupil_a)
    assert selectors.threads_of(space_member).get(pk=thread.pk).unread is True
    page = world.client_for("member").get(f"/twinspace/{world.project_a.pk}/forum/")
    assert b'class="unread"' in page.content


def test_guest_replies_only_in_open_threads(world):
    closed = services.thread_create(project_id=world.project_a.pk, title="Teachers", body_html="x", user=world.admin_a)
    opened = services.thread_create(project_id=world.project_a.pk, title="All", body_html="x", user=world.admin_a,
                                    guests_may_reply=True)
    with pytest.raises(ApplicationError) as error:
        services.post_create(project_id=world.project_a.pk, thread_id=closed.pk, body_html="hi", user=world.guest_a)
    assert error.value.code == "guests_not_allowed_here"
    services.post_create(project_id=world.project_a.pk, thread_id=opened.pk, body_html="hi", user=world.guest_a)
    with pytest.raises(ApplicationError) as error:  # only administrators open a thread to guests
        services.thread_create(project_id=world.project_a.pk, title="x", body_html="x", user=world.member_a,
                               guests_may_reply=True)
    assert error.value.code == "forbidden"


def test_moderated_post_is_hidden_from_pupils(world):
    thread = services.thread_create(project_id=world.project_a.pk, title="T", body_html="first", user=world.admin_a)
    post = services.post_create(project_id=world.project_a.pk, thread_id=thread.pk, body_html="rude words",
                                pupil=world.pupil_a)
    services.post_hide(project_id=world.project_a.pk, post_id=post.pk, hidden=True, user=world.member_a)
    url = f"/twinspace/{world.project_a.pk}/forum/{thread.pk}/"
    assert b"rude words" not in world.client_for("pupil").get(url).content
    assert b"rude words" in world.client_for("admin").get(url).content


def test_meeting_is_in_the_secret_calendar_feed(world):
    starts = timezone.make_aware(datetime(2030, 3, 4, 10, 0))
    services.meeting_schedule(project_id=world.project_a.pk, title="Kick-off, part 1", starts_at=starts,
                              link="https://meet.example/room", duration_minutes=45, user=world.admin_a)
    feed = services.calendar_feed_for(user=world.member_a)
    response = world.client_for("anonymous").get(f"/twinspace/calendar/{feed.token}.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR\r\n" in body and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Kick-off\\, part 1 (Project A)" in body
    assert f"DTSTART:{starts.astimezone(UTC):%Y%m%dT%H%M%SZ}" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    # Outsiders' feeds do not include it; a wrong token is not found; renewing stops the old address.
    other = services.calendar_feed_for(user=world.outsider)
    assert "Kick-off" not in world.client_for("anonymous").get(f"/twinspace/calendar/{other.token}.ics").content.decode()
    old = feed.token
    services.calendar_feed_renew(user=world.member_a)
    assert world.client_for("anonymous").get(f"/twinspace/calendar/{old}.ics").status_code == 404


@pytest.mark.parametrize("link", ["http://meet.example/x", "javascript:alert(1)", "meet.example"])
def test_meeting_link_must_be_https(world, link):
    with pytest.raises(ApplicationError) as error:
        services.meeting_schedule(project_id=world.project_a.pk, title="x", link=link,
                                  starts_at=timezone.now() + timedelta(days=1), user=world.admin_a)
    assert error.value.code == "invalid_meeting_link"
    assert not Meeting.objects.exists()


def test_subscribers_are_notified_in_app_and_by_email(world):
    services.subscription_set(project_id=world.project_a.pk, user=world.member_a, subscribed=True, by_email=True)
    services.subscription_set(project_id=world.project_a.pk, user=world.admin_a, subscribed=True)
    mail.outbox.clear()
    with pytest.raises(ApplicationError):  # pupils cannot subscribe: they have no email
        services.subscription_set(project_id=world.project_a.pk, pupil=world.pupil_a, subscribed=True)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.page_create(project_id=world.project_a.pk, title="Our poems", pupil=world.pupil_a)
    notes = Notification.objects.filter(kind="twinspace.activity")
    assert {n.user_id for n in notes} == {world.member_a.pk, world.admin_a.pk}
    assert "Kedi" in notes.first().text and "Our poems" in notes.first().text
    assert [m.to for m in mail.outbox] == [[world.member_a.email]]
    home = world.client_for("member").get(f"/twinspace/{world.project_a.pk}/")
    assert "Our poems" in home.content.decode()


def test_pupil_login_code_reset_and_bad_codes(world):
    client = world.client_for("anonymous")
    assert client.post("/twinspace/pupils/login/", {"code": "AAAA-BBBB-CCCC"}).status_code == 400
    response = client.post("/twinspace/pupils/login/", {"code": world.code_a.lower().replace("-", " ")})
    assert response.status_code == 302 and response["Location"] == f"/twinspace/{world.project_a.pk}/"
    _pupil, new_code = services.pupil_reset_code(project_id=world.project_a.pk, pupil_id=world.pupil_a.pk,
                                                 user=world.member_a)
    assert services.pupil_authenticate(code=world.code_a) is None
    assert services.pupil_authenticate(code=new_code) == world.pupil_a
    assert world.code_a not in str(world.pupil_a.__dict__)  # only a keyed hash is kept


def test_pupil_alias_rules(world):
    for alias, code in [("Kedi", "alias_taken"), ("kedi", "alias_taken"), ("a@b.c", "invalid_alias"),
                        ("", "invalid_alias")]:
        with pytest.raises(ApplicationError) as error:
            services.pupil_create(project_id=world.project_a.pk, alias=alias, user=world.member_a)
        assert error.value.code == code
    # The same alias in another project is fine.
    services.pupil_create(project_id=world.project_b.pk, alias="Kedi", user=world.admin_b)
