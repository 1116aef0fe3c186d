"""Against a real Celery worker and Redis (the worker stage of .ci/run starts both): a task asked for
in a committed transaction is done by the worker, not by the test's process."""

import os
import time

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction

from twinhub.celery import app as celery_app
from twinhub.core.models import OutboxEmail
from twinhub.helpcentre.models import DashboardExport
from twinhub.testing import client_for, make_staff

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    """Tasks go to the broker the worker listens to, instead of running here."""
    if not os.environ.get("TWINHUB_TEST_CELERY_BROKER", "").startswith("redis"):
        pytest.skip("needs a Celery worker on Redis: `.ci/run` starts one (TWINHUB_TEST_CELERY_BROKER)")
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


def _wait_for(condition, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not do the task in time"
        time.sleep(0.2)


def test_the_worker_sends_an_email_queued_in_a_committed_transaction(worker, settings):
    settings.EMAIL_BACKEND = "twinhub.core.outbox.OutboxBackend"
    with transaction.atomic():
        send_mail("Merhaba", "Body", "from@twinhub.test", ["ayse@okul.example"])
    row = OutboxEmail.objects.get()
    _wait_for(lambda: OutboxEmail.objects.filter(pk=row.pk, status=OutboxEmail.Status.SENT).exists())
    row.refresh_from_db()
    assert row.attempts == 1 and row.sent_at is not None
    assert mail.outbox == []  # delivered by the worker's backend, not in this process


def test_the_worker_builds_a_dashboard_export_asked_for_on_the_page(worker):
    nss = make_staff("nss", country="TR")
    client = client_for(nss)
    assert client.post("/nss/dashboard/pending.csv").status_code == 302
    export = DashboardExport.objects.get()
    _wait_for(lambda: DashboardExport.objects.filter(pk=export.pk, status=DashboardExport.Status.READY).exists())
    assert client.get(f"/nss/dashboard/exports/{export.pk}.csv").content.decode().startswith("Country,")


def _metric(name: str, labels: str = "") -> float | None:
    """A figure of the web's /metrics (what an operator scrapes), None when it is not there."""
    from django.test import Client

    line = f"{name}{{{labels}}} " if labels else f"{name} "
    for row in Client().get("/metrics").content.decode().splitlines():
        if row.startswith(line):
            return float(row.split()[-1])
    return None


def test_metrics_show_the_depth_of_each_queue_and_the_tasks_held(worker):
    # A queue no worker listens to, named by a route (of a task name nothing sends, so that no other
    # test's task is routed there by Celery's router, which keeps the routes it first read).
    celery_app.conf.task_routes = {"twinhub.tests.parked": {"queue": "twinhub-parked"}}
    try:
        assert _metric("twinhub_task_queue_depth", 'queue="twinhub-parked"') == 0
        celery_app.send_task("twinhub.tests.parked", queue="twinhub-parked")
        assert _metric("twinhub_task_queue_depth", 'queue="twinhub-parked"') == 1
        assert _metric("twinhub_task_queue_depth", 'queue="twinhub"') is not None
        assert _metric("twinhub_tasks_reserved") is not None
    finally:
        with celery_app.connection_for_write() as conn:
            conn.default_channel.client.delete("twinhub-parked")
        celery_app.conf.task_routes = None


def test_a_task_failing_in_the_worker_is_counted_on_the_webs_metrics(worker):
    name = "twinhub.helpcentre.tasks.dashboard_export_build"
    before = _metric("twinhub_task_failures_total", f'task="{name}"') or 0
    # A message its task cannot take (a deploy changed its arguments while it waited): fails for good.
    celery_app.send_task(name, kwargs={"export": 1})
    _wait_for(lambda: (_metric("twinhub_task_failures_total", f'task="{name}"') or 0) == before + 1)


def test_a_retry_is_counted_on_the_webs_metrics(worker):
    from celery.signals import task_retry

    from twinhub.helpcentre.tasks import dashboard_export_build

    name = dashboard_export_build.name
    before = _metric("twinhub_task_retries_total", f'task="{name}"') or 0
    task_retry.send(sender=dashboard_export_build, request=None, reason=TimeoutError("the database was away"))
    assert _metric("twinhub_task_retries_total", f'task="{name}"') == before + 1
