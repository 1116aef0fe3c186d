"""Event pages ask as many queries with many rows as with few (the rows come in fixed queries)."""

from datetime import timedelta

import pytest

from twinhub.events import services
from twinhub.events.models import EventKind
from twinhub.groups import services as group_services
from twinhub.testing import assert_same_queries, client_for, page_queries
from twinhub.testing.events import make_event
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


def test_the_events_list_does_not_grow_with_events(people):
    client = client_for(people.teacher)
    make_event(people.nss_tr)
    few = page_queries(client, "/events/")
    for n in range(4):
        make_event(people.nss_tr, title=f"Seminar {n}", starts_in=timedelta(days=n + 1))
        make_event(people.css, country="", kind=EventKind.LEARNING, title=f"Learning {n}")
    many = page_queries(client, "/events/")
    assert many.response.content.decode().count("event-card") == 9
    assert_same_queries(few, many)


def test_an_events_page_does_not_grow_with_registrations_activities_and_posts(people):
    event = make_event(people.nss_tr, kind=EventKind.LEARNING, starts_in=timedelta(hours=1), capacity=3)
    services.activity_post(actor=people.nss_tr, event_id=event.pk, week=1, title="Introduce yourself")
    services.registration_create(user=people.teacher, event_id=event.pk)
    client = client_for(people.nss_tr)
    few = page_queries(client, f"/events/{event.pk}/")
    for n in range(5):
        services.registration_create(user=teacher("IT"), event_id=event.pk)
        services.activity_post(actor=people.nss_tr, event_id=event.pk, week=n + 1, title=f"Activity {n}")
        group_services.thread_create(user=people.nss_tr, group_id=event.discussion_id, title=f"Thread {n}",
                                     body_html=f"<p>Message {n}</p>")
        services.material_add(actor=people.nss_tr, event_id=event.pk, title=f"Slides {n}",
                              url="https://example.org/slides")
    many = page_queries(client, f"/events/{event.pk}/")
    assert many.response.content.decode().count("data-registration=") == 6
    assert "Thread 4" in many.response.content.decode()
    assert_same_queries(few, many)


def test_my_events_does_not_grow(people):
    client = client_for(people.teacher)
    services.registration_create(user=people.teacher, event_id=make_event(people.nss_tr).pk)
    few = page_queries(client, "/events/mine/")
    for n in range(4):
        services.registration_create(user=people.teacher, event_id=make_event(people.nss_tr, title=f"S{n}").pk)
    assert_same_queries(few, page_queries(client, "/events/mine/"))


def test_the_calendar_feed_does_not_grow_with_the_events_a_teacher_holds_a_place_at(people):
    from django.test import Client

    from twinhub.twinspace.services import calendar_feed_for

    feed = f"/twinspace/calendar/{calendar_feed_for(user=people.teacher).token}.ics"
    services.registration_create(user=people.teacher, event_id=make_event(people.nss_tr).pk)
    few = page_queries(Client(), feed)
    for n in range(4):
        services.registration_create(user=people.teacher, event_id=make_event(
            people.css, country="", kind=EventKind.LEARNING, title=f"Learning {n}").pk)
    many = page_queries(Client(), feed)
    assert many.response.content.decode().count("UID:event-") == 5
    assert_same_queries(few, many)


def test_past_events_with_their_materials_do_not_grow(people):
    from django.utils import timezone

    from twinhub.events.models import Event

    def held(title):
        event = make_event(people.nss_tr, title=title)
        services.material_add(actor=people.nss_tr, event_id=event.pk, title="Slides", url="https://example.org/s")
        Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(days=3),
                                                 ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1))

    client = client_for(people.teacher)
    held("Past 0")
    few = page_queries(client, "/events/?when=past")
    for n in range(1, 5):
        held(f"Past {n}")
    many = page_queries(client, "/events/?when=past")
    assert many.response.content.decode().count("event-card") == 5
    assert_same_queries(few, many)
