"""Which database a read goes to (decision 18): the replica only for a marked read-only page, on
GET, outside a transaction, for a browser that has not just written. The real streaming replica is
in tests/cluster/test_replica.py."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from twinhub.core import replica
from twinhub.core.replica import (
    PIN_COOKIE,
    PinToPrimaryMiddleware,
    ReplicaRouter,
    read_alias,
    reads_from_replica,
)


@pytest.fixture
def configured(monkeypatch):
    monkeypatch.setattr(replica, "replica_configured", lambda: True)


@reads_from_replica
def marked_page(request):
    return HttpResponse(read_alias())


def plain_page(request):
    return HttpResponse(read_alias())


def alias_of(view, request) -> str:
    return PinToPrimaryMiddleware(view)(request).content.decode()


def test_a_marked_page_reads_from_the_replica(configured):
    assert alias_of(marked_page, RequestFactory().get("/teachers/")) == "replica"
    assert alias_of(plain_page, RequestFactory().get("/dashboard/")) == "default"
    assert read_alias() == "default", "outside the page, reads are on the primary again"


def test_without_a_replica_everything_reads_from_the_primary():
    assert alias_of(marked_page, RequestFactory().get("/teachers/")) == "default"


def test_a_write_pins_the_browser_to_the_primary_for_a_while(configured, settings):
    settings.REPLICA_PIN_SECONDS = 7
    response = PinToPrimaryMiddleware(marked_page)(RequestFactory().post("/teachers/"))
    assert response.content == b"default"
    assert response.cookies[PIN_COOKIE]["max-age"] == 7 and response.cookies[PIN_COOKIE]["httponly"]
    pinned = RequestFactory().get("/teachers/")
    pinned.COOKIES[PIN_COOKIE] = "1"
    assert alias_of(marked_page, pinned) == "default"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary(configured):
    @reads_from_replica
    def deciding_page(request):
        with transaction.atomic():
            return HttpResponse(read_alias())

    assert alias_of(deciding_page, RequestFactory().get("/x/")) == "default"


def test_writes_and_migrations_never_go_to_the_replica():
    router = ReplicaRouter()
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "accounts") is False
    assert router.allow_migrate("default", "accounts") is True
