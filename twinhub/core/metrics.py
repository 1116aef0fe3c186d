"""Prometheus metrics beyond django-prometheus's per-view latency (decision 16), read at scrape time
so that any web node's `/metrics` shows the whole installation, not its own process: the depth of
each task queue and the tasks workers hold, the e-mail outbox, and the task failures and retries
the workers count in the broker's Redis (the one store every worker and web node shares, by
definition; a worker's own registry would be a process the operator's scrape behind the proxy never
reaches)."""

import logging
import os

from celery.signals import task_failure, task_retry, worker_ready
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from twinhub.core.pages import explains_refusals

logger = logging.getLogger(__name__)

# Task outcomes the workers count: one Redis hash per kind (field: the task's name), beside the queues.
TASK_COUNTS = {"failures": "Tasks that failed for good", "retries": "Task attempts that will be retried"}
COUNT_KEY = "twinhub:metrics:task_{}"


def _family(name: str):
    """The families this collector gives, by name, so that `describe` and `collect` agree."""
    if name == "twinhub_task_queue_depth":
        return GaugeMetricFamily(name, "Tasks waiting in each broker queue", labels=["queue"])
    if name == "twinhub_tasks_reserved":
        return GaugeMetricFamily(name, "Tasks a worker took and has not finished: running, or waiting for a retry")
    if name == "twinhub_outbox_emails":
        return GaugeMetricFamily(name, "E-mails in the outbox by status", labels=["status"])
    kind = name.removeprefix("twinhub_task_")
    return CounterMetricFamily(name, TASK_COUNTS[kind], labels=["task"])


FAMILIES = ("twinhub_task_queue_depth", "twinhub_tasks_reserved", "twinhub_outbox_emails",
            *(f"twinhub_task_{kind}" for kind in TASK_COUNTS))


class TwinHubCollector:
    """Read at each scrape: the broker's queues and counts, the outbox's queued and failed e-mails."""

    def describe(self):
        # Given so that registering does not run collect() (a query) when the process starts.
        for name in FAMILIES:
            yield _family(name)

    def collect(self):
        figures = broker_figures()
        depth = _family("twinhub_task_queue_depth")
        for queue, length in figures.get("queues", {}).items():
            depth.add_metric([queue], length)
        yield depth
        reserved = _family("twinhub_tasks_reserved")
        if "reserved" in figures:
            reserved.add_metric([], figures["reserved"])
        yield reserved
        outbox = _family("twinhub_outbox_emails")
        for status, count in _outbox_counts().items():
            outbox.add_metric([status], count)
        yield outbox
        for kind in TASK_COUNTS:
            family = _family(f"twinhub_task_{kind}")
            for task_name, count in figures.get(kind, {}).items():
                family.add_metric([task_name], count)
            yield family


def _app():
    from celery import current_app  # the TwinHub app (twinhub/celery.py), set as current

    return current_app


def queue_names() -> list[str]:
    """Every queue a task may be sent to: the default one, those declared, those the routes name."""
    conf = _app().conf
    names = {conf.task_default_queue, *(queue.name for queue in conf.task_queues or ())}
    routes = conf.task_routes if isinstance(conf.task_routes, dict) else {}
    names.update(route["queue"] for route in routes.values() if isinstance(route, dict) and route.get("queue"))
    return sorted(names)


def _redis(conn):
    """The Redis client behind a broker connection; None for another transport (tests' memory://)."""
    return getattr(conn.default_channel, "client", None)


def broker_figures() -> dict:
    """Each queue's length, the tasks taken but not acknowledged (kombu keeps them in a hash: with
    acks_late, those running and those waiting for a retry's countdown), and the failures and retries
    per task name. Empty when tasks run eagerly or the broker is away: a scrape must still answer."""
    app = _app()
    if app.conf.task_always_eager:
        return {}
    try:
        with app.connection_for_read() as conn:
            client = _redis(conn)
            if client is None:
                return {}
            figures = {"queues": {queue: client.llen(queue) for queue in queue_names()},
                       "reserved": client.hlen(getattr(conn.default_channel, "unacked_key", "unacked"))}
            # Every TwinHub task is listed, at 0 until it fails or retries (so that a rate is defined).
            known = dict.fromkeys(name for name in app.tasks if not name.startswith("celery."))
            for kind in TASK_COUNTS:
                counts = {name.decode(): int(count) for name, count in client.hgetall(COUNT_KEY.format(kind)).items()}
                figures[kind] = {name: counts.get(name, 0) for name in sorted({*known, *counts})}
            return figures
    except Exception as error:
        logger.warning("task queue figures unknown: %s", error)
        return {}


def task_count_add(kind: str, task_name: str) -> None:
    """One more failure or retry of `task_name`, counted in the broker's Redis (by a worker)."""
    app = _app()
    if app.conf.task_always_eager:
        return  # no worker, no queue: the error reached the request that ran the task
    try:
        with app.connection_for_write() as conn:
            client = _redis(conn)
            if client is not None:
                client.hincrby(COUNT_KEY.format(kind), task_name, 1)
    except Exception as error:  # counting must never turn a task's outcome into another error
        logger.warning("task %s of %s not counted: %s", kind, task_name, error)


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
    task_count_add("failures", getattr(sender, "name", "?"))


@task_retry.connect
def _count_retry(sender=None, **kwargs):
    task_count_add("retries", getattr(sender, "name", "?"))


@worker_ready.connect
def _serve_worker_metrics(**kwargs):
    """A worker may also answer scrapes itself on WORKER_METRICS_PORT (the same figures as the web's
    /metrics, plus its process's own)."""
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
