"""The test base fails when it should: a race decided by an accident, a refusal that changed a
row, a page whose queries grew."""

import pytest
from django.db import IntegrityError

from twinhub.core.errors import ApplicationError, Refusal
from twinhub.testing import REFUSED, WON, Queries, assert_same_queries, db_state, queries, race
from twinhub.testing.people import CAST


def _refused():
    raise ApplicationError(Refusal(code="already_decided", message="Already decided.", status=409))


def test_race_reports_each_call_won_or_refused():
    assert race([lambda: 1, _refused]) == [(WON, 1), (REFUSED, "already_decided")]


def test_race_fails_on_an_unexpected_error():
    def duplicate():
        raise IntegrityError("duplicate key value violates unique constraint")

    with pytest.raises(AssertionError, match="1 of 2 calls failed with an unexpected error") as failure:
        race([lambda: 1, duplicate])
    assert isinstance(failure.value.__cause__, IntegrityError)


def test_race_fails_when_a_call_never_ends():
    import threading

    never = threading.Event()
    with pytest.raises(AssertionError, match="1 of 2 calls still running"):
        race([lambda: 1, never.wait], timeout=0.2)
    never.set()


@pytest.mark.django_db
def test_db_state_names_the_changed_rows(people):
    before = db_state()
    teacher = people.teacher
    changes = before.changes(db_state())
    assert "accounts.User:" in changes and any(teacher.email in line for line in changes)
    assert db_state() == db_state()


@pytest.mark.django_db
def test_queries_print_what_ran(people):
    people.make("teacher")
    with queries() as few:
        list(type(people.teacher).objects.all())
    with queries() as more:
        list(type(people.teacher).objects.all())
        list(type(people.teacher).objects.filter(email="x"))
    with pytest.raises(AssertionError, match=r"1 queries became 2:\n(.|\n)*\+SELECT"):
        assert_same_queries(few, more)
    with pytest.raises(AssertionError, match="2 queries, at most 1 expected:\n  1. SELECT"):
        with queries(at_most=1):
            list(type(people.teacher).objects.all())
            list(type(people.teacher).objects.all())
    assert isinstance(few, Queries) and len(few) == 1


@pytest.mark.django_db
def test_every_named_user_is_who_the_cast_says(people):
    """Each named user exists once per test, made through the real provisioning code."""
    assert people.teacher is people["teacher"] and people.anonymous is None
    assert people.coordinator.staff_roles.get().region == "TR-06"
    assert people.pending_teacher.memberships.get().status == "pending"
    assert not hasattr(people.no_profile, "profile") or people.no_profile.profile is None
    with pytest.raises(KeyError, match="the cast is"):
        people["headmaster"]
    assert set(CAST) >= {"teacher", "pending_teacher", "coordinator", "nss_tr", "nss_it", "css", "admin"}
