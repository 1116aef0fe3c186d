"""The groups rules as pure functions: the permission table against the hand-written one, states,
and the join rule's explanations."""

import pytest

from twinhub.core.errors import Refusal
from twinhub.groups import rules
from twinhub.testing.groups import EXPECTED_PERMISSIONS


@pytest.mark.parametrize("role", rules.ROLES)
@pytest.mark.parametrize("action", rules.ACTIONS)
def test_the_table_in_an_active_group(role, action):
    refusal = rules.group_permission(role, action, rules.ACTIVE)
    assert (refusal is None) == (action in EXPECTED_PERMISSIONS[role]), (role, action, refusal)


@pytest.mark.parametrize("role", rules.ROLES)
@pytest.mark.parametrize("action", rules.ACTIONS)
def test_an_archived_group_is_read_only(role, action):
    refusal = rules.group_permission(role, action, rules.ARCHIVED)
    allowed = action in EXPECTED_PERMISSIONS[role] and action in {"view_card", "view", "leave"}
    assert (refusal is None) == allowed, (role, action, refusal)
    if action in EXPECTED_PERMISSIONS[role] and not allowed:
        assert refusal.code == "group_archived"


@pytest.mark.parametrize("state", [rules.PROPOSED, rules.REJECTED])
def test_a_proposal_is_seen_by_its_proposer_and_the_staff_only(state):
    assert rules.group_permission(rules.OUTSIDER, rules.VIEW_CARD, state).status == 404
    assert rules.group_permission(rules.STAFF, rules.VIEW_CARD, state) is None
    assert rules.group_permission(rules.MODERATOR, rules.VIEW_CARD, state, is_proposer=True) is None
    assert rules.group_permission(rules.MODERATOR, rules.THREAD_START, state, is_proposer=True).code == \
        "group_not_active"


def test_an_anonymous_visitor_is_told_to_log_in():
    assert rules.group_permission(rules.ANONYMOUS, rules.VIEW, rules.ACTIVE).code == "group_sign_up_first"


def test_an_outsider_is_told_to_join_and_a_member_who_moderates_asks_the_moderators():
    assert rules.group_permission(rules.OUTSIDER, rules.REPLY, rules.ACTIVE).code == "not_group_member"
    refusal = rules.group_permission(rules.MEMBER, rules.MODERATE, rules.ACTIVE)
    assert refusal.code == "forbidden" and refusal.who_must_act


def test_eTwinners_only_gives_rule_1s_own_explanation():
    pending = Refusal(code="membership_pending", message="Your membership … is decided by the coordinators of Ankara",
                      who_must_act="the provincial coordinators of Ankara (TR-06)")
    assert rules.join_refusal(policy="etwinners", status=None, etwinner_refusal=pending, moderators=["A"]) is pending
    assert rules.join_refusal(policy="open", status=None, etwinner_refusal=pending, moderators=["A"]) is None


def test_an_invitation_group_names_who_invites():
    refusal = rules.join_refusal(policy="invitation", status=None, etwinner_refusal=None,
                                 moderators=["Ayşe Yıldız", "NSS Türkiye"])
    assert refusal.code == "group_by_invitation"
    assert "Ayşe Yıldız, NSS Türkiye" in refusal.message and refusal.who_must_act == "Ayşe Yıldız, NSS Türkiye"
    assert rules.join_refusal(policy="invitation", status="invited", etwinner_refusal=None, moderators=[]) is None
    assert rules.join_refusal(policy="invitation", status="requested", etwinner_refusal=None,
                              moderators=["A"]).code == "group_request_pending"


def test_the_last_moderator_cannot_leave():
    assert rules.leave_refusal(status="active", is_moderator=True, other_moderators=0).code == "last_moderator"
    assert rules.leave_refusal(status="active", is_moderator=True, other_moderators=1) is None
    assert rules.leave_refusal(status=None, is_moderator=False, other_moderators=0).code == "not_group_member"


def test_a_profile_cannot_be_hidden_and_a_decided_report_stays_decided():
    assert rules.decision_refusal(state="open", decision="hide", target="profile", target_exists=True).code == \
        "decision_not_possible"
    assert rules.decision_refusal(state="open", decision="warn", target="profile", target_exists=True) is None
    assert rules.decision_refusal(state="decided", decision="keep", target="group_post",
                                  target_exists=True).code == "already_decided"
    assert rules.decision_refusal(state="open", decision="delete", target="group_post",
                                  target_exists=True).code == "invalid"
