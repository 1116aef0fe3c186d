from datetime import UTC, datetime, timedelta

import pytest

from twinhub.events import rules
from twinhub.events.codes import EventCode
from twinhub.events.models import EventKind, RegistrationStatus

T0 = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("capacity, taken, expected", [
    (2, 0, RegistrationStatus.REGISTERED), (2, 1, RegistrationStatus.REGISTERED),
    (2, 2, RegistrationStatus.WAITING), (1, 5, RegistrationStatus.WAITING)])
def test_a_place_while_places_are_left(capacity, taken, expected):
    assert rules.seat_for(capacity=capacity, taken=taken) == expected


@pytest.mark.parametrize("capacity, taken, waiting, moving", [(3, 3, 2, 0), (3, 2, 2, 1), (5, 2, 2, 2), (3, 0, 0, 0)])
def test_freed_places_go_to_the_waiting_list(capacity, taken, waiting, moving):
    assert rules.places_to_fill(capacity=capacity, taken=taken, waiting=waiting) == moving


@pytest.mark.parametrize("before, day_sent, hour_sent, due", [
    (timedelta(hours=30), False, False, []),
    (timedelta(hours=23), False, False, ["day"]),
    (timedelta(hours=23), True, False, []),
    (timedelta(minutes=50), True, False, ["hour"]),
    (timedelta(minutes=50), False, False, ["hour"]),   # the hour's reminder stands in for both
    (timedelta(minutes=50), True, True, []),
    (timedelta(minutes=-5), False, False, []),          # started: too late
])
def test_reminders_the_day_and_the_hour_before(before, day_sent, hour_sent, due):
    assert rules.reminders_due(starts_at=T0, now=T0 - before, day_sent=day_sent, hour_sent=hour_sent) == due


def _values(**overrides):
    values = {"kind": EventKind.SEMINAR, "title": "Seminar", "language": "en", "audience": "all", "country": "TR",
              "starts_at": T0, "ends_at": T0 + timedelta(hours=1), "link": "https://meet.example.org/x", "capacity": 10}
    return {**values, **overrides}


@pytest.mark.parametrize("overrides, field", [
    ({"kind": "party"}, "kind"), ({"title": " "}, "title"), ({"language": "xx"}, "language"),
    ({"audience": "pupils"}, "audience"), ({"country": "US"}, "country"), ({"ends_at": T0}, "ends_at"),
    ({"ends_at": T0 + timedelta(hours=9)}, "ends_at"), ({"link": "http://insecure.example.org"}, "link"),
    ({"capacity": 0}, "capacity"), ({"kind": EventKind.LEARNING, "link": "", "ends_at": T0 + timedelta(weeks=13)},
                                    "ends_at")])
def test_event_values_are_checked_where_stored(overrides, field):
    refusal = rules.event_values_refusal(**_values(**overrides))
    assert refusal.code == EventCode.INVALID_EVENT and refusal.params["field"] == field and refusal.status == 400


def test_a_good_event_and_a_learning_event_without_link_pass():
    assert rules.event_values_refusal(**_values()) is None
    assert rules.event_values_refusal(**_values(kind=EventKind.LEARNING, link="",
                                                ends_at=T0 + timedelta(weeks=4))) is None


def test_registration_closes_when_a_seminar_starts_and_when_a_learning_event_ends():
    end = T0 + timedelta(weeks=3)
    assert rules.registration_closes_at(kind=EventKind.SEMINAR, starts_at=T0, ends_at=end) == T0
    assert rules.registration_closes_at(kind=EventKind.LEARNING, starts_at=T0, ends_at=end) == end


def test_learning_event_completion_needs_every_activity():
    assert rules.completed_all(activity_ids={1, 2}, done_ids={1, 2, 9})
    assert not rules.completed_all(activity_ids={1, 2}, done_ids={1})
    assert not rules.completed_all(activity_ids=set(), done_ids=set())


@pytest.mark.parametrize("facts, sees, manages", [
    (rules.EventFacts(), True, False),
    (rules.EventFacts(staff_covers=True), True, True),
    (rules.EventFacts(is_organiser=True), True, True),
    (rules.EventFacts(is_project_event=True), False, False),
    (rules.EventFacts(is_project_event=True, staff_covers=True), False, False),
    (rules.EventFacts(is_project_event=True, is_project_member=True), True, False),
    (rules.EventFacts(is_project_event=True, is_project_member=True, is_project_admin=True), True, True),
])
def test_who_sees_and_who_manages(facts, sees, manages):
    assert rules.may_see(facts) is sees
    assert rules.may_manage(facts) is manages
    assert (rules.manage_refusal(facts) is None) is manages


@pytest.mark.django_db
def test_why_cant_i_organise_an_event_runs_the_rule(people):
    from twinhub.helpcentre.diagnostics import diagnose

    [teacher] = [f for f in diagnose(people.teacher) if f.topic == "organise-event"]
    assert teacher.refusal.code == EventCode.CANNOT_ORGANISE and "National Support Service" in teacher.refusal.who_must_act
    [nss] = [f for f in diagnose(people.nss_tr) if f.topic == "organise-event"]
    assert nss.refusal is None
