"""Capacity and the waiting list: the first to come get places, the others wait in order and move
up, once each, when a place is freed — also when requests arrive at the same instant."""

from datetime import timedelta

import pytest
from django.core import mail

from twinhub.core.models import AuditEntry, Notification
from twinhub.events import services
from twinhub.events.codes import EventAudit, EventNotice
from twinhub.events.models import Registration, RegistrationStatus
from twinhub.testing import (
    REFUSED,
    ROW_LOCKS_NEED_POSTGRESQL,
    WON,
    ApiClient,
    assert_refused,
    db_state,
    needs_postgresql,
    race,
)
from twinhub.testing.events import make_event
from twinhub.testing.projects import teacher

pytestmark = pytest.mark.django_db


def _status(event, user):
    return Registration.objects.get(event=event, user=user).status


def test_the_second_waits_and_moves_up_when_the_first_cancels(people, django_capture_on_commit_callbacks):
    event = make_event(people.nss_tr, capacity=1)
    first, second, third = teacher("TR"), teacher("IT"), teacher("PL")
    assert services.registration_create(user=first, event_id=event.pk).status == RegistrationStatus.REGISTERED
    assert services.registration_create(user=second, event_id=event.pk).status == RegistrationStatus.WAITING
    assert services.registration_create(user=third, event_id=event.pk).status == RegistrationStatus.WAITING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(user=first, event_id=event.pk)
    assert (_status(event, first), _status(event, second), _status(event, third)) == (
        RegistrationStatus.CANCELLED, RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    assert Notification.objects.filter(user=second, kind=EventNotice.PROMOTED).count() == 1
    assert not Notification.objects.filter(user=third, kind=EventNotice.PROMOTED).exists()
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert AuditEntry.objects.filter(action=EventAudit.PROMOTED).count() == 1
    assert AuditEntry.objects.filter(action=EventAudit.WITHDRAWN, actor=first).count() == 1


def test_a_larger_capacity_moves_the_waiting_list_up(people):
    event = make_event(people.nss_tr, capacity=1)
    first, second = teacher("TR"), teacher("IT")
    services.registration_create(user=first, event_id=event.pk)
    services.registration_create(user=second, event_id=event.pk)
    services.event_update(actor=people.nss_tr, event_id=event.pk, title=event.title, description="",
                          language=event.language, audience=event.audience, starts_at=event.starts_at,
                          ends_at=event.ends_at, link=event.link, capacity=2)
    assert _status(event, second) == RegistrationStatus.REGISTERED


def test_leaving_the_waiting_list_gives_nobody_a_place(people):
    event = make_event(people.nss_tr, capacity=1)
    first, second = teacher("TR"), teacher("IT")
    services.registration_create(user=first, event_id=event.pk)
    services.registration_create(user=second, event_id=event.pk)
    services.registration_cancel(user=second, event_id=event.pk)
    assert not AuditEntry.objects.filter(action=EventAudit.PROMOTED).exists()
    assert Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count() == 1


def test_registering_twice_is_refused_and_changes_nothing(people):
    event = make_event(people.nss_tr)
    api = ApiClient(people.teacher)
    assert api.post(f"/events/{event.pk}/registration").status_code == 201
    before = db_state()
    assert_refused(api.post(f"/events/{event.pk}/registration"), "already_registered", 409)
    assert db_state() == before


def test_after_the_start_a_place_cannot_be_cancelled_and_registration_is_closed(people):
    event = make_event(people.nss_tr, starts_in=timedelta(hours=1))
    api = ApiClient(people.teacher)
    api.post(f"/events/{event.pk}/registration")
    type(event).objects.filter(pk=event.pk).update(starts_at=event.starts_at - timedelta(hours=2))
    late = ApiClient(people.teacher_it)
    before = db_state()
    assert_refused(api.delete(f"/events/{event.pk}/registration"), "registration_closed", 409)
    assert_refused(late.post(f"/events/{event.pk}/registration"), "registration_closed", 409)
    assert db_state() == before


def test_a_cancelled_event_takes_no_registration_and_tells_everyone(people):
    event = make_event(people.nss_tr, capacity=1)
    first, second = teacher("TR"), teacher("IT")
    services.registration_create(user=first, event_id=event.pk)
    services.registration_create(user=second, event_id=event.pk)
    services.event_cancel(actor=people.nss_tr, event_id=event.pk)
    assert Notification.objects.filter(kind=EventNotice.CANCELLED).count() == 2
    api = ApiClient(people.teacher)
    before = db_state()
    assert_refused(api.post(f"/events/{event.pk}/registration"), "event_cancelled", 409)
    assert db_state() == before


@needs_postgresql(why=ROW_LOCKS_NEED_POSTGRESQL)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_never_exceed_capacity(people):
    event = make_event(people.nss_tr, capacity=2)
    teachers = [teacher("TR") for _ in range(5)]
    outcomes = race([lambda t=t: services.registration_create(user=t, event_id=event.pk).status for t in teachers])
    assert sorted(o for _w, o in outcomes) == ["registered", "registered", "waiting", "waiting", "waiting"]
    assert all(w == WON for w, _o in outcomes)


@needs_postgresql(why=ROW_LOCKS_NEED_POSTGRESQL)
@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_once_move_up_two_people_once_each(people):
    event = make_event(people.nss_tr, capacity=2)
    holders, waiting = [teacher("TR"), teacher("TR")], [teacher("IT"), teacher("IT"), teacher("IT")]
    for t in holders + waiting:
        services.registration_create(user=t, event_id=event.pk)
    outcomes = race([lambda t=t: services.registration_cancel(user=t, event_id=event.pk).status for t in holders]
                    + [lambda: services.registration_cancel(user=holders[0], event_id=event.pk).status])
    assert sorted(w for w, _o in outcomes) == [REFUSED, WON, WON]
    assert [_status(event, t) for t in waiting] == ["registered", "registered", "waiting"]
    assert AuditEntry.objects.filter(action=EventAudit.PROMOTED).count() == 2
