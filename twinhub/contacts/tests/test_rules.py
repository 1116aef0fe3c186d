"""Rule 6 as a table: the pure functions, without the database."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from twinhub.contacts.rules import (
    INCOMING,
    OUTGOING,
    contact_accept_refusal,
    contact_request_refusal,
    message_refusal,
    request_open_refusal,
    request_party_refusal,
)
from twinhub.schools.rules import MembershipFacts, ValidatorContact, etwinner_refusal

APPROVED = [MembershipFacts("Okul", "TR", "TR-06", "approved", datetime(2025, 1, 2, tzinfo=UTC))]
PENDING = [MembershipFacts("Ankara Fen Lisesi", "TR", "TR-06", "pending", datetime(2025, 3, 4, tzinfo=UTC),
                           validators=(ValidatorContact("Coord One", "coord@example.org"),))]


def _refusal(memberships, person=None, has_profile=True):
    return etwinner_refusal(has_profile=has_profile, memberships=memberships, person=person)


def _ask(**kw):
    base = {"is_self": False, "sender_refusal": None, "receiver_refusal": None, "already_contacts": False,
            "pending": None, "receiver_name": "Marco"}
    return contact_request_refusal(**{**base, **kw})


@pytest.mark.parametrize("kw, code", [
    ({}, None),
    ({"is_self": True}, "self_contact"),
    ({"sender_refusal": _refusal(PENDING)}, "membership_pending"),
    ({"sender_refusal": _refusal([], has_profile=False)}, "not_etwinner"),
    ({"receiver_refusal": _refusal(PENDING, person="Marco")}, "membership_pending"),
    ({"receiver_refusal": _refusal([], person="Marco", has_profile=False)}, "not_etwinner"),
    ({"already_contacts": True}, "already_contacts"),
    ({"pending": OUTGOING}, "request_pending"),
    ({"pending": INCOMING}, "request_incoming"),
    # The sender's own status is explained first, then the receiver's, then the pair.
    ({"sender_refusal": _refusal(PENDING), "receiver_refusal": _refusal(PENDING, person="M")},
     "membership_pending"),
    ({"receiver_refusal": _refusal(PENDING, person="M"), "already_contacts": True}, "membership_pending"),
])
def test_contact_request_rule_table(kw, code):
    refusal = _ask(**kw)
    assert (refusal.code if refusal else None) == code


def test_pending_receiver_refusal_says_whose_since_when_and_who_decides():
    with translation.override("en"):
        refusal = _ask(receiver_refusal=_refusal(PENDING, person="Marco Rossi"))
    assert "Marco Rossi" in refusal.message and "Ankara Fen Lisesi" in refusal.message
    assert "2025" in refusal.message
    assert "provincial coordinators" in refusal.who_must_act and "TR-06" in refusal.who_must_act
    assert "coord@example.org" in refusal.next_step


def test_pending_sender_refusal_speaks_to_you():
    with translation.override("en"):
        refusal = _ask(sender_refusal=_refusal(PENDING))
    assert refusal.message.startswith("Your membership")


def test_accept_rechecks_rule_6():
    assert contact_accept_refusal(status="pending", acceptor_refusal=None, sender_refusal=None) is None
    assert contact_accept_refusal(status="accepted", acceptor_refusal=None,
                                  sender_refusal=None).code == "request_closed"
    lost = _refusal(PENDING, person="Marco")
    assert contact_accept_refusal(status="pending", acceptor_refusal=None, sender_refusal=lost) is lost
    mine = _refusal(PENDING)
    assert contact_accept_refusal(status="pending", acceptor_refusal=mine, sender_refusal=lost) is mine


@pytest.mark.parametrize("status, code", [("pending", None), ("accepted", "request_closed"),
                                          ("declined", "request_closed"), ("withdrawn", "request_closed")])
def test_request_open(status, code):
    refusal = request_open_refusal(status=status)
    assert (refusal.code if refusal else None) == code


@pytest.mark.parametrize("is_party, is_receiver, action, code", [
    (False, False, "accept", "not_found"),
    (True, True, "accept", None), (True, True, "decline", None), (True, True, "withdraw", "forbidden"),
    (True, False, "accept", "forbidden"), (True, False, "decline", "forbidden"), (True, False, "withdraw", None),
])
def test_request_party(is_party, is_receiver, action, code):
    refusal = request_party_refusal(is_party=is_party, is_receiver=is_receiver, action=action)
    assert (refusal.code if refusal else None) == code


@pytest.mark.parametrize("contacts, body, code", [
    (True, "Merhaba", None), (False, "Merhaba", "not_contact"), (True, "   ", "empty_message"),
])
def test_message_rule(contacts, body, code):
    refusal = message_refusal(are_contacts=contacts, body=body, other_name="Marco")
    assert (refusal.code if refusal else None) == code
