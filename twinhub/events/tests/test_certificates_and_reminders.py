"""Attendance gives a certificate of participation (the shared PDF pipeline, the attendee's
language, public verification by code); reminders go out the day and the hour before, once;
events are in the .ics and in the user's calendar feed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from twinhub.core.models import Notification
from twinhub.events import services
from twinhub.events.codes import EventNotice
from twinhub.events.models import Event, EventKind, Registration
from twinhub.testing import ApiClient, assert_refused, client_for, db_state
from twinhub.testing.events import make_event
from twinhub.twinspace.services import calendar_feed_for

pytestmark = pytest.mark.django_db


def _attended(people, organiser=None):
    organiser = organiser or people.nss_tr
    event = make_event(organiser, starts_in=timedelta(hours=2), title="Köprüler: proje tabanlı öğrenme")
    registration = services.registration_create(user=people.teacher, event_id=event.pk)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    return services.attendance_mark(actor=organiser, event_id=event.pk, registration_id=registration.pk,
                                    attended=True)


@pytest.mark.slow
def test_the_attendee_downloads_a_pdf_and_anyone_verifies_it(people):
    registration = _attended(people)
    response = client_for(people.teacher).get(f"/events/certificates/{registration.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    page = Client().get("/labels/verify/", {"code": registration.certificate_code.lower()})
    body = page.content.decode()
    assert page.status_code == 200 and "This certificate is genuine" in body
    assert people.teacher.display_name in body and "Köprüler" in body and 'data-kind="event_participation"' in body
    api = ApiClient().get(f"/events/certificates/{registration.certificate_code}").json()
    assert api["valid"] is True and api["event"] == "Köprüler: proje tabanlı öğrenme"


def test_the_certificate_speaks_the_attendees_language(people):
    from twinhub.core.certificates import certificate_html

    registration = _attended(people)
    context = {"registration": registration, "event": registration.event, "verify_url": "x"}
    assert "Katılım belgesi" in certificate_html("events/certificate.html", context, language="tr")
    assert "Certificate of participation" in certificate_html("events/certificate.html", context, language="en")


@pytest.mark.parametrize("who, status", [("teacher_it", 404), ("nss_it", 404), ("anonymous", 302)])
def test_others_do_not_get_the_certificate(people, who, status):
    registration = _attended(people)
    assert client_for(people[who]).get(f"/events/certificates/{registration.pk}.pdf").status_code == status


def test_no_certificate_before_attendance_is_recorded(people):
    event = make_event(people.nss_tr)
    registration = services.registration_create(user=people.teacher, event_id=event.pk)
    response = ApiClient(people.teacher).get(f"/event-registrations/{registration.pk}/certificate.pdf")
    assert_refused(response, "no_certificate", 409)


def test_unknown_codes_are_not_verified():
    assert Client().get("/labels/verify/", {"code": "NOPE"}).status_code == 404
    assert ApiClient().get("/events/certificates/NOPE").status_code == 404


def test_completing_every_activity_records_attendance(people):
    event = make_event(people.nss_tr, kind=EventKind.LEARNING, starts_in=timedelta(hours=1))
    first = services.activity_post(actor=people.nss_tr, event_id=event.pk, week=1, title="Introduce yourself")
    second = services.activity_post(actor=people.nss_tr, event_id=event.pk, week=2, title="Plan a project")
    services.registration_create(user=people.teacher, event_id=event.pk)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(days=1))
    assert services.activity_complete(user=people.teacher, event_id=event.pk, activity_id=first.pk).attended is False
    registration = services.activity_complete(user=people.teacher, event_id=event.pk, activity_id=second.pk)
    assert registration.attended and registration.certificate_code
    assert Notification.objects.filter(user=people.teacher, kind=EventNotice.ATTENDED).count() == 1


def test_an_outsider_cannot_post_in_the_discussion(people):
    event = make_event(people.nss_tr, kind=EventKind.LEARNING)
    api = ApiClient(people.teacher_it)
    before = db_state()
    assert_refused(api.post(f"/groups/{event.discussion_id}/threads", {"title": "Hi", "body_html": "<p>Hello</p>"}),
                   "not_group_member", 403)
    assert db_state() == before


def test_reminders_go_out_once_the_day_and_the_hour_before(people, django_capture_on_commit_callbacks):
    event = make_event(people.nss_tr, starts_in=timedelta(hours=20))
    services.registration_create(user=people.teacher, event_id=event.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 1
        assert services.reminders_send() == 0  # twice: nothing new
        assert services.reminders_send(now=event.starts_at - timedelta(minutes=30)) == 1
        assert services.reminders_send(now=event.starts_at - timedelta(minutes=20)) == 0
    kinds = list(Notification.objects.filter(user=people.teacher, kind__in=[EventNotice.REMINDER_DAY,
                                                                           EventNotice.REMINDER_HOUR])
                 .order_by("id").values_list("kind", flat=True))
    assert kinds == [EventNotice.REMINDER_DAY, EventNotice.REMINDER_HOUR]
    assert len(mail.outbox) == 2 and "meet.example.org" in mail.outbox[1].body


def test_the_periodic_task_is_registered():
    from twinhub.core.tasks import periodic_schedule

    assert any(entry["task"].endswith("event_reminders_send") for entry in periodic_schedule().values())


def test_the_event_is_in_its_ics_and_in_the_users_calendar_feed(people):
    event = make_event(people.nss_tr, title="Seminar, with; commas")
    services.registration_create(user=people.teacher, event_id=event.pk)
    ics = Client().get(f"/events/{event.pk}/event.ics")
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    assert f"UID:event-{event.pk}@" in ics.content.decode() and "Seminar\\, with\\; commas" in ics.content.decode()
    feed = calendar_feed_for(user=people.teacher)
    body = Client().get(f"/twinspace/calendar/{feed.token}.ics").content.decode()
    assert f"UID:event-{event.pk}@" in body
    other = calendar_feed_for(user=people.teacher_it)
    assert f"UID:event-{event.pk}@" not in Client().get(f"/twinspace/calendar/{other.token}.ics").content.decode()


def test_times_are_shown_in_the_viewers_zone(people):
    event = make_event(people.nss_tr)
    client = client_for(people.teacher_it)
    page = client.get(f"/events/{event.pk}/").content.decode()
    assert "Europe/Rome" in page
    client.cookies["tz"] = "America/New_York"
    assert "America/New_York" in client.get(f"/events/{event.pk}/").content.decode()
    client.cookies["tz"] = "Not/AZone"
    assert "Europe/Rome" in client.get(f"/events/{event.pk}/").content.decode()
    assert Registration.objects.count() == 0
