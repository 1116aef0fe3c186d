"""Prometheus metrics beyond django-prometheus's per-view latency (decision 16): the task queue's
depth and the e-mail outbox at scrape time, and task failures counted in the worker."""

import logging
import os

from celery.signals import task_failure, task_retry, worker_ready
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily

from twinhub.core.pages import explains_refusals

logger = logging.getLogger(__name__)

TASK_FAILURES = Counter("twinhub_task_failures_total", "Tasks that failed for good", ["task"])
TASK_RETRIES = Counter("twinhub_task_retries_total", "Task attempts that will be retried", ["task"])


class TwinHubCollector:
    """Read at each scrape: the broker queue's length and the outbox's queued and failed e-mails."""

    def describe(self):
        # Given so that registering does not run collect() (a query) when the process starts.
        yield GaugeMetricFamily("twinhub_task_queue_depth", "Tasks waiting in the broker's queue", labels=["queue"])
        yield GaugeMetricFamily("twinhub_outbox_emails", "E-mails in the outbox by status", labels=["status"])

    def collect(self):
        depth = GaugeMetricFamily("twinhub_task_queue_depth", "Tasks waiting in the broker's queue", labels=["queue"])
        queue, length = _queue_depth()
        if length is not None:
            depth.add_metric([queue], length)
        yield depth
        outbox = GaugeMetricFamily("twinhub_outbox_emails", "E-mails in the outbox by status", labels=["status"])
        for status, count in _outbox_counts().items():
            outbox.add_metric([status], count)
        yield outbox


def _queue_depth() -> tuple[str, int | None]:
    from celery import current_app as app  # the TwinHub app (twinhub/celery.py), set as current

    queue = app.conf.task_default_queue
    if app.conf.task_always_eager:
        return queue, None
    try:
        with app.connection_for_read() as conn:
            return queue, conn.default_channel.client.llen(queue)  # Redis: a queue is a list
    except Exception as error:  # a scrape must answer even when the broker is away
        logger.warning("queue depth unknown: %s", error)
        return queue, None


def _outbox_counts() -> dict[str, int]:
    from twinhub.core.outbox import outbox_summary

    try:
        summary = outbox_summary(failed_limit=0)
    except Exception as error:  # the database away: no figure rather than no metrics
        logger.warning("outbox counts unknown: %s", error)
        return {}
    return {"queued": summary["queued"], "failed": summary["failed"]}


_registered = False


def register() -> None:
    global _registered
    if not _registered:
        REGISTRY.register(TwinHubCollector())
        _registered = True


@task_failure.connect
def _count_failure(sender=None, **kwargs):
    TASK_FAILURES.labels(task=getattr(sender, "name", "?")).inc()


@task_retry.connect
def _count_retry(sender=None, **kwargs):
    TASK_RETRIES.labels(task=getattr(sender, "name", "?")).inc()


@worker_ready.connect
def _serve_worker_metrics(**kwargs):
    """A worker exposes its own counters on WORKER_METRICS_PORT (the web's /metrics is another process)."""
    port = os.environ.get("WORKER_METRICS_PORT")
    if port:
        start_http_server(int(port), addr=os.environ.get("WORKER_METRICS_ADDR", "127.0.0.1"))


@explains_refusals
def metrics_view(request):
    """`/metrics`: django-prometheus's figures and ours; with several gunicorn workers
    (PROMETHEUS_MULTIPROC_DIR) the workers' figures are summed and ours added to them."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(TwinHubCollector())
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
