""""Why can't I…?" about Groups gives the join rule's and the proposal's own explanations."""

import pytest

from twinhub.groups import services
from twinhub.helpcentre.diagnostics import diagnose
from twinhub.testing.groups import make_group

pytestmark = pytest.mark.django_db


def _groups_findings(user):
    return [f for f in diagnose(user) if f.topic == "groups"]


def test_a_pending_teacher_reads_whose_approval_is_missing(people):
    findings = _groups_findings(people.pending_teacher)
    assert [f.refusal.code for f in findings if f.has_problem] == ["membership_pending"]


def test_a_waiting_request_and_a_rejected_proposal_are_explained(people):
    group = make_group(people.nss_tr, policy="invitation")
    services.group_request_join(user=people.teacher, group_id=group.pk)
    proposal = services.group_propose(actor=people.teacher, title="Robots", description="d", topic="technology",
                                      language="tr", join_policy="open")
    services.group_decide_proposal(actor=people.nss_tr, group_id=proposal.pk, approve=False,
                                   reason="A group on robotics exists already.")
    problems = {f.refusal.code: f for f in _groups_findings(people.teacher) if f.has_problem}
    assert set(problems) == {"group_request_pending", "group_not_active"}
    assert problems["group_not_active"].details == ["A group on robotics exists already."]
    assert people.nss_tr.display_name in problems["group_request_pending"].refusal.who_must_act
