"""The task base: sent after commit, never for a rolled-back transaction, retried with back-off."""

import logging
from datetime import timedelta

import pytest
from celery import Task as CeleryTask
from django.db import OperationalError, transaction
from kombu.exceptions import OperationalError as BrokerError

from twinhub.celery import app as celery_app
from twinhub.core.tasks import BeatScheduler, periodic, periodic_schedule, request_id_var, task

RUNS: list[dict] = []


@task
def remember(*, value: str) -> None:
    RUNS.append({"value": value, "request_id": request_id_var.get()})


FLAKY = {"failures_left": 0, "calls": 0}


@task(retry_backoff=False)
def flaky() -> None:
    FLAKY["calls"] += 1
    if FLAKY["failures_left"]:
        FLAKY["failures_left"] -= 1
        raise OperationalError("the database went away for a moment")


@periodic(timedelta(minutes=5), name="tests.remember every five minutes", kwargs={"value": "tick"})
@task
def ticking(*, value: str) -> None:
    RUNS.append({"value": value})


@pytest.fixture(autouse=True)
def _fresh():
    RUNS.clear()
    yield
    RUNS.clear()


def test_a_task_asked_for_in_a_transaction_runs_when_it_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            remember.delay(value="after commit")
            assert RUNS == []
    assert len(callbacks) == 1
    assert [run["value"] for run in RUNS] == ["after commit"]


def test_a_rolled_back_transaction_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            remember.delay(value="never")
            raise RuntimeError("the service refused")
    assert callbacks == []
    assert RUNS == []


def test_outside_a_transaction_the_task_is_sent_at_once(transactional_db):
    remember.delay(value="now")
    assert [run["value"] for run in RUNS] == ["now"]


def test_the_request_id_travels_with_the_task(db, django_capture_on_commit_callbacks):
    token = request_id_var.set("req-42")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            remember.delay(value="traced")
    finally:
        request_id_var.reset(token)
    assert RUNS == [{"value": "traced", "request_id": "req-42"}]


def test_the_request_id_is_put_in_the_message_headers(transactional_db, monkeypatch):
    sent = {}

    def fake_send(self, args=None, kwargs=None, **options):
        sent.update(options)

    monkeypatch.setattr(CeleryTask, "apply_async", fake_send)
    token = request_id_var.set("req-7")
    try:
        remember.apply_async(kwargs={"value": "x"})
    finally:
        request_id_var.reset(token)
    assert sent["headers"]["twinhub_request_id"] == "req-7"


def test_without_a_worker_a_failure_reaches_the_caller_at_once(transactional_db):
    """Eagerly (make run, the tests) nothing would run a retry later: the error is not hidden. The
    worker's retries are proven against a real worker (test_worker.py, CI's worker stage)."""
    FLAKY.update(failures_left=2, calls=0)
    with pytest.raises(OperationalError):
        flaky.delay()
    assert FLAKY["calls"] == 1


def test_retries_back_off_exponentially_with_jitter():
    assert remember.retry_backoff and remember.retry_jitter
    assert OperationalError in remember.autoretry_for
    assert remember.max_retries >= 5
    assert remember.acks_late


def test_an_unreachable_broker_does_not_break_the_request(transactional_db, monkeypatch, caplog):
    def broker_down(self, *args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(CeleryTask, "apply_async", broker_down)
    with caplog.at_level(logging.ERROR, logger="twinhub.core.tasks"):
        assert remember.delay(value="lost") is None
    assert "not enqueued" in caplog.text and remember.name in caplog.text


def test_periodic_tasks_are_in_beats_schedule(tmp_path):
    entry = periodic_schedule()["tests.remember every five minutes"]
    assert entry == {"task": ticking.name, "schedule": timedelta(minutes=5), "kwargs": {"value": "tick"}}
    scheduler = BeatScheduler(app=celery_app, schedule_filename=str(tmp_path / "beat"), lazy=True)
    scheduler.setup_schedule()
    try:
        assert scheduler.schedule["tests.remember every five minutes"].task == ticking.name
    finally:
        scheduler.close()


def test_every_twinhub_task_has_the_base():
    from twinhub.core.tasks import Task

    mine = [t for name, t in celery_app.tasks.items() if name.startswith("twinhub.")]
    assert mine and all(isinstance(t, Task) for t in mine)
