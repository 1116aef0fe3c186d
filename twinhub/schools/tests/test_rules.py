"""Rule 1 as a table: who validates which school, and what a pending teacher is told."""

from datetime import UTC, datetime

import pytest

from twinhub.schools.rules import (
    MembershipFacts,
    ValidatorContact,
    etwinner_refusal,
    role_covers_school,
    school_name_key,
)


@pytest.mark.parametrize("kind,country,region,school_country,school_region,expected", [
    ("coordinator", "TR", "TR-06", "TR", "TR-06", True),
    ("coordinator", "TR", "TR-06", "TR", "TR-34", False),
    ("coordinator", "TR", "TR-06", "IT", "", False),
    ("nss", "TR", "", "TR", "TR-34", True),
    ("nss", "IT", "", "IT", "Lazio", True),
    ("nss", "IT", "", "TR", "TR-06", False),
    ("css", "", "", "TR", "TR-06", True),
    ("admin", "", "", "PL", "", True),
    ("teacher", "TR", "TR-06", "TR", "TR-06", False),
])
def test_role_covers_school(kind, country, region, school_country, school_region, expected):
    assert role_covers_school(kind=kind, role_country=country, role_region=region,
                              school_country=school_country, school_region=school_region) is expected


def test_school_name_key_folds_turkish_letters_case_and_punctuation():
    assert school_name_key("İSTİKLAL  Ortaokulu.") == school_name_key("istiklal ortaokulu")
    assert school_name_key("IŞIK Lisesi") == school_name_key("ışık lisesi")
    assert school_name_key("Atatürk Lisesi") != school_name_key("Cumhuriyet Lisesi")


def _facts(status, **kw):
    return MembershipFacts(school_name="Ankara Fen Lisesi", country="TR", region="TR-06", status=status,
                           requested_at=datetime(2026, 10, 1, tzinfo=UTC), **kw)


def test_approved_membership_makes_an_etwinner():
    assert etwinner_refusal(has_profile=True, memberships=[_facts("pending"), _facts("approved")]) is None


def test_pending_teacher_is_told_why_since_when_and_who_decides():
    refusal = etwinner_refusal(has_profile=True, memberships=[
        _facts("pending", validators=(ValidatorContact(name="Ayşe Kaya", email="ayse@example.org"),))])
    assert refusal.code == "membership_pending"
    assert "Ankara Fen Lisesi" in refusal.message
    assert "2026" in refusal.message
    assert "Ankara (TR-06)" in refusal.who_must_act
    assert "Ayşe Kaya <ayse@example.org>" in refusal.next_step


def test_someone_else_pending_is_named():
    refusal = etwinner_refusal(has_profile=True, memberships=[_facts("pending")], person="Mehmet Demir")
    assert refusal.message.startswith("Mehmet Demir")


def test_no_profile_means_join_first():
    refusal = etwinner_refusal(has_profile=False, memberships=[])
    assert refusal.code == "not_etwinner"
    assert "Join eTwinning" in refusal.next_step


def test_rejected_membership_shows_the_reason():
    refusal = etwinner_refusal(has_profile=True, memberships=[_facts("rejected", reason="Not on staff list")])
    assert "Not on staff list" in refusal.message
