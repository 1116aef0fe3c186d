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
