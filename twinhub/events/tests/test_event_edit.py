"""Editing an event (issue 15): organisers only, as a matrix over the page and the API; nobody
loses a place; a new time is announced to everyone registered or waiting and their reminders follow
it; refusals change nothing."""

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from twinhub.core.models import Notification
from twinhub.events import services
from twinhub.events.codes import EventNotice
from twinhub.events.models import Event, EventStatus, Registration, RegistrationStatus
from twinhub.testing import ApiClient, assert_refused, client_for, db_state
from twinhub.testing.events import make_event
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db

NATIONAL, PROJECT = "national", "project"


@pytest.fixture
def world(people):
    founder, cofounder, member = teacher("TR", name="Founder Fatma"), teacher("IT", name="Cofounder Carla"), \
        teacher("TR", name="Member Mehmet")
    project = make_project(founder=founder, cofounder=cofounder, members=[member])
    people.make("nss_tr", "nss_it", "css", "teacher", "teacher_pl")
    return {"founder": founder, "member": member,
            NATIONAL: make_event(people.nss_tr, country="TR", capacity=2),
            PROJECT: make_event(founder, project_id=project.pk, title="Our project's seminar", capacity=2)}


def _who(people, world, role):
    return world[role] if role in ("founder", "member") else people[role]


# role, event, status of the edit page and of the API's PATCH (and the refusal's code)
MATRIX = [
    ("anonymous", NATIONAL, 302, 401, None),
    ("teacher", NATIONAL, 403, 403, "event_not_organiser"),
    ("nss_tr", NATIONAL, 200, 200, None),        # the organiser
    ("css", NATIONAL, 200, 200, None),           # reach covers every country
    ("nss_it", NATIONAL, 403, 403, "event_not_organiser"),
    ("teacher_pl", PROJECT, 404, 404, "not_found"),
    ("nss_tr", PROJECT, 404, 404, "not_found"),  # a project's event is the project's own
    ("member", PROJECT, 403, 403, "event_not_organiser"),
    ("founder", PROJECT, 200, 200, None),
]


@pytest.mark.parametrize("role, which, page, api_status, code", MATRIX)
def test_who_edits_an_event(people, world, role, which, page, api_status, code):
    user = _who(people, world, role)
    event = world[which]
    assert client_for(user).get(f"/events/{event.pk}/edit/").status_code == page
    before = db_state()
    response = ApiClient(user).patch(f"/events/{event.pk}", {"title": "Renamed"})
    assert response.status_code == api_status
    if api_status == 200:
        assert Event.objects.get(pk=event.pk).title == "Renamed"
        return
    if code:
        assert response.json()["code"] == code
    assert db_state() == before
    # the page's POST is refused the same way and changes nothing either
    form = {"title": "Renamed", "language": "en", "audience": "all", "capacity": 5,
            "starts_at": "2030-01-01T10:00", "ends_at": "2030-01-01T11:00", "link": "https://meet.example.org/x"}
    assert client_for(user).post(f"/events/{event.pk}/edit/", form).status_code in (302, 403, 404)
    assert db_state() == before


def _register(event, *users):
    return [services.registration_create(user=u, event_id=event.pk) for u in users]


def test_capacity_never_goes_below_the_places_taken(people, world):
    event = world[NATIONAL]
    _register(event, people.teacher, people.teacher_pl)
    api = ApiClient(people.nss_tr)
    before = db_state()
    response = api.patch(f"/events/{event.pk}", {"capacity": 1})
    assert_refused(response, "event_capacity_below_taken", 409)
    assert "2 people already hold a place" in response.json()["message"]
    assert db_state() == before
    # the page says the same, next to the form, and keeps the event as it was
    page = client_for(people.nss_tr).get(f"/events/{event.pk}/edit/")
    assert page.status_code == 200
    form = {k: v for k, v in page.context["form"].initial.items()}
    form |= {"capacity": 1, "starts_at": form["starts_at"].strftime("%Y-%m-%dT%H:%M"),
             "ends_at": form["ends_at"].strftime("%Y-%m-%dT%H:%M")}
    refused = client_for(people.nss_tr).post(f"/events/{event.pk}/edit/", form)
    assert refused.status_code == 409
    assert "already hold a place" in refused.content.decode()
    assert Event.objects.get(pk=event.pk).capacity == 2
    # the same number of places is fine
    assert api.patch(f"/events/{event.pk}", {"capacity": 2}).status_code == 200


def test_a_larger_capacity_moves_the_waiting_list_up(people, world):
    event = world[NATIONAL]
    third = teacher("TR", name="Third Tuba")
    _register(event, people.teacher, people.teacher_pl, third)
    assert Registration.objects.get(event=event, user=third).status == RegistrationStatus.WAITING
    assert ApiClient(people.nss_tr).patch(f"/events/{event.pk}", {"capacity": 3}).status_code == 200
    assert Registration.objects.get(event=event, user=third).status == RegistrationStatus.REGISTERED


def test_a_new_time_is_announced_and_the_reminders_follow(people, world, mailoutbox):
    event = world[NATIONAL]
    third = teacher("TR", name="Third Tuba")
    first, _second, waiting = _register(event, people.teacher, people.teacher_pl, third)
    Registration.objects.filter(pk=first.pk).update(reminded_day_at=timezone.now())
    mailoutbox.clear()
    api = ApiClient(people.nss_tr)
    # a new title alone tells nobody
    assert api.patch(f"/events/{event.pk}", {"title": "Same time, new title"}).status_code == 200
    assert not Notification.objects.filter(kind=EventNotice.RESCHEDULED).exists()
    new_start = event.starts_at + timedelta(days=2)
    response = api.patch(f"/events/{event.pk}", {"starts_at": new_start.isoformat(),
                                                 "ends_at": (new_start + timedelta(hours=1)).isoformat()})
    assert response.status_code == 200
    told = set(Notification.objects.filter(kind=EventNotice.RESCHEDULED).values_list("user_id", flat=True))
    assert told == {people.teacher.pk, people.teacher_pl.pk, third.pk}  # the waiting list too
    assert Registration.objects.get(pk=first.pk).reminded_day_at is None
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.WAITING
    assert len([m for m in mailoutbox if "event.ics" in m.body]) == 3
    ics = client_for(people.teacher).get(f"/events/{event.pk}/event.ics").content.decode()
    assert new_start.astimezone(UTC).strftime("DTSTART:%Y%m%dT%H%M") in ics


def test_a_cancelled_event_cannot_be_edited(people, world):
    event = world[NATIONAL]
    services.event_cancel(actor=people.nss_tr, event_id=event.pk)
    before = db_state()
    assert_refused(ApiClient(people.nss_tr).patch(f"/events/{event.pk}", {"title": "Back"}), "event_cancelled", 409)
    assert db_state() == before
    assert Event.objects.get(pk=event.pk).status == EventStatus.CANCELLED


def test_bad_input_is_a_clear_error_not_a_crash(people, world):
    event = world[NATIONAL]
    api = ApiClient(people.nss_tr)
    before = db_state()
    assert api.patch(f"/events/{event.pk}", {"capacity": 0}).status_code == 422
    end_first = api.patch(f"/events/{event.pk}", {"ends_at": (event.starts_at - timedelta(hours=1)).isoformat()})
    assert_refused(end_first, "invalid_event", 400)
    # a time without an offset (UTC) beside the stored one is compared, not a crash
    naive = (event.starts_at + timedelta(hours=3)).astimezone(UTC).replace(tzinfo=None)
    assert_refused(api.patch(f"/events/{event.pk}", {"ends_at": (naive - timedelta(hours=4)).isoformat()}),
                   "invalid_event", 400)
    page = client_for(people.nss_tr).post(f"/events/{event.pk}/edit/", {"title": "", "starts_at": "not a date"})
    assert page.status_code == 400
    assert db_state() == before


def test_the_edit_page_shows_the_times_in_the_organisers_zone(people, world):
    event = world[NATIONAL]
    client = client_for(people.nss_tr)
    client.cookies["tz"] = "Europe/Istanbul"
    html = client.get(f"/events/{event.pk}/edit/").content.decode()
    local = event.starts_at.astimezone(timezone.get_fixed_timezone(180)).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{local}"' in html
    assert 'name="kind"' not in html  # the kind and for whom are fixed
    detail = client.get(f"/events/{event.pk}/").content.decode()
    assert f'href="/events/{event.pk}/edit/"' in detail
    assert f'/events/{event.pk}/edit/' not in client_for(people.teacher).get(f"/events/{event.pk}/").content.decode()


def test_an_events_time_names_the_zone_once():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from twinhub.events.timezones import local_span

    start = datetime(2027, 3, 12, 12, 0, tzinfo=UTC)
    istanbul = ZoneInfo("Europe/Istanbul")
    assert local_span(start, start + timedelta(hours=1, minutes=30), istanbul) == \
        "March 12, 2027, 15:00 – 16:30 (Europe/Istanbul)"
    assert local_span(start, start + timedelta(weeks=3), istanbul) == \
        "March 12, 2027, 15:00 – April 2, 2027, 15:00 (Europe/Istanbul)"
