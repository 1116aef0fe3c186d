"""Simultaneous requests cannot break rule 6's bookkeeping: crossing requests (A→B and B→A at
once) leave one pending request, two accepts of one request make one contact pair. On
PostgreSQL the pair lock makes the loser wait and then get the rule's refusal; SQLite
serialises writers, so the loser may instead see "database is locked" - never both win."""

import pytest
from django.db import connection

from twinhub.contacts import services
from twinhub.contacts.models import Contact, ContactRequest, RequestStatus
from twinhub.core.models import AuditEntry
from twinhub.testing import make_teacher, race


def _assert_one_winner(outcomes) -> None:
    """PostgreSQL: exactly one wins. SQLite (shared in-memory database, table locks): both may be
    turned away with "database table is locked", but never do both win."""
    winners = [o for o in outcomes if o and o[0] == "won"]
    if connection.vendor == "postgresql":
        assert len(winners) == 1, outcomes
    else:
        assert len(winners) <= 1 and all(o and o[0] in ("won", "refused", "locked") for o in outcomes), outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_crossing_requests_leave_one_pending(round_):
    a, b = make_teacher(country="TR", region="TR-06"), make_teacher(country="IT")
    outcomes = race([lambda: services.contact_request_send(sender=a, to_user_id=b.pk).pk,
                      lambda: services.contact_request_send(sender=b, to_user_id=a.pk).pk])
    _assert_one_winner(outcomes)
    if connection.vendor == "postgresql":
        assert sorted(o[0] for o in outcomes) == ["refused", "won"]
        assert [o[1] for o in outcomes if o[0] == "refused"] == ["request_incoming"]
    won = any(o[0] == "won" for o in outcomes)
    assert ContactRequest.objects.filter(status=RequestStatus.PENDING).count() == (1 if won else 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_double_accept_makes_one_pair(round_):
    a, b = make_teacher(country="TR", region="TR-06"), make_teacher(country="IT")
    request = services.contact_request_send(sender=a, to_user_id=b.pk)
    outcomes = race([lambda: services.contact_request_accept(user=b, request_id=request.pk).status,
                      lambda: services.contact_request_accept(user=b, request_id=request.pk).status])
    _assert_one_winner(outcomes)
    if connection.vendor == "postgresql":
        assert ("refused", "request_closed") in outcomes
    won = 1 if any(o[0] == "won" for o in outcomes) else 0
    assert Contact.objects.count() == 2 * won
    assert AuditEntry.objects.filter(action="contact.accepted").count() == won


@pytest.mark.django_db(transaction=True)
def test_both_sending_the_same_request_at_once():
    a, b = make_teacher(country="TR", region="TR-06"), make_teacher(country="IT")
    outcomes = race([lambda: services.contact_request_send(sender=a, to_user_id=b.pk).pk] * 2)
    _assert_one_winner(outcomes)
    if connection.vendor == "postgresql":
        assert ("refused", "request_pending") in outcomes
    assert ContactRequest.objects.count() == (1 if any(o[0] == "won" for o in outcomes) else 0)
