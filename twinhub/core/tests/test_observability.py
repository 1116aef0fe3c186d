"""Health checks, request ids (in responses, logs and the work a request asks for) and metrics."""

import json
import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from twinhub.core import health
from twinhub.core.models import OutboxEmail
from twinhub.core.requestid import RequestIdFilter
from twinhub.core.tasks import request_id_var
from twinhub.testing import make_teacher


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


@pytest.mark.django_db
def test_readyz_checks_every_dependency():
    response = Client().get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["down"] == [] and set(body["checks"]) == {"database", "cache", "broker", "storage"}


@pytest.mark.django_db
@pytest.mark.parametrize("broken", ["database", "cache", "broker", "storage"])
def test_readyz_names_what_is_down_with_503(broken, monkeypatch):
    def down():
        raise ConnectionRefusedError(f"{broken} refused the connection")

    monkeypatch.setitem(health.CHECKS, broken, down)
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == [broken] and "refused" in body["checks"][broken]["error"]
    assert all(check["ok"] for name, check in body["checks"].items() if name != broken)


@pytest.mark.django_db
def test_the_cache_check_really_uses_the_cache(monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *a, **k: None)  # a cache that keeps nothing
    body = Client().get("/readyz").json()
    assert body["down"] == ["cache"]


@pytest.mark.django_db
def test_the_request_id_is_taken_or_made_returned_and_carried_into_the_work(settings,
                                                                           django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "twinhub.core.outbox.OutboxBackend"
    make_teacher(email="unutkan@okul.example")
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "unutkan@okul.example"},
                               HTTP_X_REQUEST_ID="lb-7f3a9c")
    assert response["X-Request-ID"] == "lb-7f3a9c"
    assert OutboxEmail.objects.get().request_id == "lb-7f3a9c" and len(mail.outbox) == 1
    made = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert made != "<script>" and len(made) == 32  # an unusable id is replaced by a fresh one
    assert request_id_var.get() == ""  # nothing leaks into the next request


def test_a_json_log_line_carries_the_request_id():
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter("%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
                              rename_fields={"levelname": "level", "name": "logger"})
    record = logging.LogRecord("twinhub.test", logging.WARNING, __file__, 1, "outbox %s stuck", (7,), None)
    token = request_id_var.set("lb-7f3a9c")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(formatter.format(record))
    assert line["request_id"] == "lb-7f3a9c" and line["message"] == "outbox 7 stuck" and line["level"] == "WARNING"


@pytest.mark.django_db
def test_metrics_give_latency_per_view_queue_depth_and_outbox_figures(settings):
    client = Client()
    client.get("/coordinators/")
    text = client.get("/metrics").content.decode()
    assert 'django_http_requests_latency_seconds_by_view_method_count{method="GET",view="coordinators"}' in text
    assert 'twinhub_outbox_emails{status="failed"} 0.0' in text
    for family in ("twinhub_task_failures_total counter", "twinhub_task_retries_total counter",
                   "twinhub_task_queue_depth gauge", "twinhub_tasks_reserved gauge"):
        assert f"# TYPE {family}" in text  # the figures themselves need a broker: test_worker.py
