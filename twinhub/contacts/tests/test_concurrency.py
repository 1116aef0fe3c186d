"""Simultaneous requests cannot break rule 6's bookkeeping: crossing requests (A→B and B→A at
once) leave one pending request, two accepts of one request make one contact pair. The pair lock
(`_lock_pair`) makes the loser wait and then get the rule's refusal."""

import pytest

from twinhub.contacts import services
from twinhub.contacts.models import Contact, ContactRequest, RequestStatus
from twinhub.core.models import AuditEntry
from twinhub.testing import REFUSED, ROW_LOCKS_NEED_POSTGRESQL, WON, make_teacher, needs_postgresql, race

pytestmark = [needs_postgresql(why=ROW_LOCKS_NEED_POSTGRESQL), pytest.mark.django_db(transaction=True)]


def pair():
    return make_teacher(country="TR", region="TR-06"), make_teacher(country="IT")


@pytest.mark.parametrize("round_", range(3))
def test_crossing_requests_leave_one_pending(round_):
    a, b = pair()
    outcomes = race([lambda: services.contact_request_send(sender=a, to_user_id=b.pk).pk,
                      lambda: services.contact_request_send(sender=b, to_user_id=a.pk).pk])
    assert sorted(kind for kind, _value in outcomes) == [REFUSED, WON], outcomes
    assert [value for kind, value in outcomes if kind == REFUSED] == ["request_incoming"]
    assert ContactRequest.objects.filter(status=RequestStatus.PENDING).count() == 1


@pytest.mark.parametrize("round_", range(3))
def test_double_accept_makes_one_pair(round_):
    a, b = pair()
    request = services.contact_request_send(sender=a, to_user_id=b.pk)
    outcomes = race([lambda: services.contact_request_accept(user=b, request_id=request.pk).status] * 2)
    assert sorted(outcomes) == [(REFUSED, "request_closed"), (WON, RequestStatus.ACCEPTED)], outcomes
    assert Contact.objects.count() == 2
    assert AuditEntry.objects.filter(action="contact.accepted").count() == 1


def test_both_sending_the_same_request_at_once():
    a, b = pair()
    outcomes = race([lambda: services.contact_request_send(sender=a, to_user_id=b.pk).pk] * 2)
    assert sorted(kind for kind, _value in outcomes) == [REFUSED, WON], outcomes
    assert [value for kind, value in outcomes if kind == REFUSED] == ["request_pending"]
    assert ContactRequest.objects.count() == 1
