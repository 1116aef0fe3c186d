"""Background work: the one task base every app uses (decision 14).

    from twinhub.core.tasks import task

    @task
    def certificate_render(*, certificate_id: int) -> None: ...

    certificate_render.delay(certificate_id=certificate.pk)   # inside a service's transaction

- A task is sent only when the transaction that asked for it commits (`transaction.on_commit`, as
  pretix's `TransactionAwareTask`): a worker never sees data that was rolled back, and a rolled-back
  request enqueues nothing. Outside a transaction it is sent at once.
- Without a broker (`make run`, the tests) Celery runs the task eagerly, in the process that asked,
  still after the commit. With `CELERY_BROKER_URL` (or `REDIS_URL`) a worker runs it.
- A task may run twice (a worker killed after the work, before the acknowledgement; a retry): write
  it so a second run changes nothing (check a status row, use `update_or_create`…). Arguments are
  JSON (ids, not model instances).
- Transient failures (the database or the network gone for a moment) are retried with exponential
  back-off and jitter; give `autoretry_for=()` to a task that handles its own failures.
- The request id of the request that enqueued a task travels with it into the worker's logs.

Periodic work (Celery beat) is registered beside the task, in the app's `tasks.py`:

    @periodic(crontab(hour=6, minute=0))      # or a timedelta, or seconds
    @task
    def coordinator_digests_send() -> None: ...

`CoreConfig.ready` imports every app's `tasks.py`, so the registry is complete in every process;
beat's scheduler (`BeatScheduler`) reads it when it starts.
"""

import functools
import logging
from contextvars import ContextVar
from datetime import timedelta

from celery import Task as CeleryTask
from celery import shared_task
from celery.beat import PersistentScheduler
from celery.schedules import crontab
from django.db import InterfaceError, OperationalError, transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# The id of the request (or task) being served, carried into the tasks it enqueues.
request_id_var: ContextVar[str] = ContextVar("request_id", default="")
REQUEST_ID_HEADER = "twinhub_request_id"

# Failures worth trying again: the database or a network peer was away for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class Task(CeleryTask):
    """The base of every TwinHub task: enqueued after commit, retried with back-off."""

    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 5  # seconds before the first retry, doubled at each (with jitter)
    retry_backoff_max = 15 * 60
    retry_jitter = True
    max_retries = 8
    # Acknowledged after the work: a worker that dies mid-task leaves it to another one.
    acks_late = True
    reject_on_worker_lost = True

    # A task that only writes to the database may, without a worker, run at once inside the caller's
    # transaction: its writes commit or roll back with the caller's, and the caller reads them at once
    # (the partner-search index after a profile change). With a worker it is sent after the commit.
    database_only = False

    def apply_async(self, args=None, kwargs=None, **options):
        options.setdefault("headers", {})
        options["headers"].setdefault(REQUEST_ID_HEADER, request_id_var.get())
        send = functools.partial(self._send, args, kwargs, options)
        if transaction.get_connection().in_atomic_block and not (self.database_only and self.app.conf.task_always_eager):
            transaction.on_commit(send)
            return None
        return send()

    def _send(self, args, kwargs, options):
        try:
            return super().apply_async(args, kwargs, **options)
        except BrokerError:
            # The data is committed and the user's action done: a broker that is away must not turn
            # it into an error page. The task is lost unless the work is kept in a table that a
            # periodic sweep resumes (the e-mail outbox, exports, imports do that).
            logger.exception("task %s not enqueued: the broker is unreachable", self.name)
            return None

    def retry(self, args=None, kwargs=None, exc=None, throw=True, eta=None, countdown=None, max_retries=None,
              **options):
        if self.request.is_eager and exc is not None:
            # No worker will try again later: in `make run` and the tests the error reaches the caller.
            raise exc
        return super().retry(args, kwargs, exc, throw, eta, countdown, max_retries, **options)

    def before_start(self, task_id, args, kwargs):
        # The enqueuing request's id, in this task's logs (an eager task keeps the request's own).
        carried = getattr(self.request, REQUEST_ID_HEADER, None) or (self.request.headers or {}).get(
            REQUEST_ID_HEADER)
        if carried and not self.request.is_eager:
            self.request.request_id_token = request_id_var.set(carried)

    def after_return(self, status, retval, task_id, args, kwargs, einfo):
        token = getattr(self.request, "request_id_token", None)
        if token is not None:
            request_id_var.reset(token)


def task(func=None, **options):
    """Declare a TwinHub task (`@task` or `@task(max_retries=3, …)`), named after its module."""
    options.setdefault("base", Task)
    if func is None:
        return shared_task(**options)
    return shared_task(**options)(func)


# --- Periodic work ------------------------------------------------------------------------------

_PERIODIC: dict[str, dict] = {}


def periodic(schedule: crontab | timedelta | float, *, name: str | None = None, **entry_options):
    """Run the task below on a schedule (Celery beat). Put it above `@task`."""

    def register(task_obj):
        key = name or task_obj.name
        if key in _PERIODIC and _PERIODIC[key]["task"] != task_obj.name:
            raise ValueError(f"periodic entry {key!r} is registered twice")
        _PERIODIC[key] = {"task": task_obj.name, "schedule": schedule, **entry_options}
        return task_obj

    return register


def periodic_schedule() -> dict[str, dict]:
    """Every registered periodic task, as Celery's `beat_schedule`."""
    return {key: dict(entry) for key, entry in _PERIODIC.items()}


class BeatScheduler(PersistentScheduler):
    """Celery beat's scheduler, with the schedule registered by `@periodic` added to the settings'."""

    def setup_schedule(self):
        self.app.conf.beat_schedule = {**periodic_schedule(), **(self.app.conf.beat_schedule or {})}
        super().setup_schedule()


__all__ = ["Task", "crontab", "periodic", "periodic_schedule", "request_id_var", "task"]
