"""The partner-search index follows a profile change through a task: with a worker it is asked for
after the commit (never for a rolled-back change); without one it runs inside the change's
transaction, so the change and the index commit or roll back together."""

import pytest
from django.db import transaction

from twinhub.celery import app as celery_app
from twinhub.contacts.models import TeacherSearchEntry
from twinhub.contacts.tasks import search_entries_refresh_task

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher")]


def _entry(user):
    return TeacherSearchEntry.objects.filter(user=user).values_list("display_name", flat=True).first()


@pytest.fixture
def worker_mode():
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


def test_with_a_worker_the_refresh_is_sent_after_the_commit(people, worker_mode, monkeypatch,
                                                            django_capture_on_commit_callbacks):
    sent = []
    monkeypatch.setattr(search_entries_refresh_task, "_send", lambda args, kwargs, options: sent.append(kwargs))
    profile = people.teacher.profile
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        profile.available_for_projects = not profile.available_for_projects
        profile.save()
        assert sent == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [{"user_ids": [people.teacher.pk]}]


def test_without_a_worker_a_rolled_back_change_leaves_the_index_as_it_was(people):
    before = _entry(people.teacher)
    assert before is not None
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        people.teacher.first_name = "Zeynep"
        people.teacher.save()
        assert "Zeynep" in _entry(people.teacher)  # read-your-own-write inside the change
        raise ZeroDivisionError
    assert _entry(people.teacher) == before
