"""Reads every page asks and that rarely change are kept in the shared cache (issue 11): the header's
unread count, the migration phases, a country's Quality Label policy and application windows. Each
is asked again without a query, and each write path, bulk ones included, shows on the next read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from twinhub.contacts.codes import ContactNotice
from twinhub.contacts.services import thread_mark_read
from twinhub.core.models import Notification
from twinhub.core.notifications import notifications_mark_read, notify, unread_count
from twinhub.labels.models import ApplicationWindow, CountryLabelPolicy
from twinhub.labels.selectors import policy_for, window_state
from twinhub.legacy.models import LegacyPhase
from twinhub.legacy.selectors import migration_status
from twinhub.testing import client_for, make_teacher
from twinhub.testing.database import page_queries, queries

pytestmark = pytest.mark.django_db


def _notify(user, **params):
    notify(user=user, kind=ContactNotice.MESSAGE_RECEIVED, params={"name": "Ayşe", "from": 0, **params})


def test_the_unread_count_is_read_once_then_follows_every_write():
    teacher = make_teacher()
    assert unread_count(teacher) == 0
    with queries(exactly=0):
        assert unread_count(teacher) == 0
    _notify(teacher)
    _notify(teacher)
    assert unread_count(teacher) == 2
    notifications_mark_read(user=teacher, notification_id=Notification.objects.filter(user=teacher).first().pk)
    assert unread_count(teacher) == 1
    Notification.objects.bulk_create([Notification(user=teacher, kind=ContactNotice.MESSAGE_RECEIVED, params={})])
    from twinhub.core.notifications import unread_forget  # what every bulk writer calls

    unread_forget([teacher.pk])
    assert unread_count(teacher) == 2
    Notification.objects.filter(user=teacher, read_at__isnull=True).first().delete()
    assert unread_count(teacher) == 1
    notifications_mark_read(user=teacher)
    assert unread_count(teacher) == 0


def test_reading_a_conversation_updates_the_bell():
    teacher, other = make_teacher(), make_teacher()
    _notify(teacher, **{"from": other.pk})
    assert unread_count(teacher) == 1
    thread_mark_read(user=teacher, other_id=other.pk)
    assert unread_count(teacher) == 0


def test_the_header_shows_a_new_notification_at_once_and_asks_no_count_query():
    teacher = make_teacher()
    client = client_for(teacher)
    captured = page_queries(client, "/notifications/")
    assert not [sql for sql in captured if "COUNT(*)" in sql and "core_notification" in sql], captured.report()
    _notify(teacher)
    assert 'id="nav-unread-count"' in client.get("/help/").content.decode()
    assert unread_count(teacher) == 1


def test_migration_phases_are_cached_and_every_write_path_shows():
    LegacyPhase.objects.create(name="accounts", state="done")
    assert migration_status()[0]["state"] == "done"
    with queries(exactly=0):
        migration_status()
    LegacyPhase.objects.filter(name="accounts").update(state="running")  # the importer's way
    assert migration_status()[0]["state"] == "running"
    phase = LegacyPhase.objects.create(name="labels")
    assert migration_status()[3]["state"] == "pending"
    phase.planned_for = timezone.localdate() + timedelta(days=9)
    phase.save()  # the admin's way
    assert migration_status()[3]["planned_for"] == phase.planned_for
    LegacyPhase.objects.all().delete()
    assert all(s["state"] == "pending" for s in migration_status())


def test_label_policy_and_windows_are_cached_and_every_write_path_shows():
    today = timezone.localdate()
    assert policy_for("TR").max_applications_per_year == 4
    assert window_state("TR").open_window is None
    with queries(exactly=0):
        policy_for("TR")
        window_state("TR")
    policy = CountryLabelPolicy.objects.create(country="TR", max_applications_per_year=2)
    assert policy_for("TR").max_applications_per_year == 2
    CountryLabelPolicy.objects.filter(pk=policy.pk).update(max_applications_per_year=3)
    assert policy_for("TR").max_applications_per_year == 3
    window = ApplicationWindow.objects.create(country="TR", year=today.year, opens_on=today + timedelta(days=2),
                                              closes_on=today + timedelta(days=9))
    assert window_state("TR").next_opening == today + timedelta(days=2)
    ApplicationWindow.objects.filter(pk=window.pk).update(opens_on=today)
    assert window_state("TR").open_window == window
    assert window_state("TR", today + timedelta(days=10)).open_window is None  # a day of its own
    window.delete()
    assert window_state("TR").open_window is None
