"""Health checks for load balancers and orchestrators (decision 16).

- `/healthz`: the process answers (no dependency is touched: a database outage must not make every
  node look dead and be restarted).
- `/readyz`: the node can serve: database, cache, broker and storage each answer; 503 naming what is
  down, so the load balancer takes the node out and the operator knows where to look.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from twinhub.core.pages import explains_refusals

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


def _broker() -> None:
    from celery import current_app as app  # the TwinHub app (twinhub/celery.py), set as current

    if app.conf.task_always_eager:
        return  # no broker: tasks run in this process
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _storage() -> None:
    default_storage.exists("readyz-probe")  # a HEAD request on S3, a stat() on disk


CHECKS = {"database": _database, "cache": _cache, "broker": _broker, "storage": _storage}


@never_cache
@require_GET
@explains_refusals
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_GET
@explains_refusals
def readyz(request):
    results, down = {}, []
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:  # any failure of a dependency means "not ready", named
            logger.error("readyz: %s is down: %s", name, error)
            results[name] = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
            down.append(name)
        else:
            results[name] = {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
    body = {"status": "ready" if not down else "not ready", "down": down, "checks": results}
    return JsonResponse(body, status=503 if down else 200)
