""""Why can't I…?" about Groups: the join rule and the proposal decision, as they refuse."""

from django.utils.translation import gettext as _

from twinhub.helpcentre.diagnostics import Finding, check

MAX_GROUPS_CHECKED = 10


@check
def groups(user, about=None) -> list[Finding]:
    from twinhub.groups import rules, selectors
    from twinhub.groups.models import GroupState, MemberStatus
    from twinhub.schools.selectors import etwinner_refusal_for

    if not user.is_authenticated:
        return []
    findings = []
    for membership in selectors.my_groups(user).filter(status=MemberStatus.REQUESTED)[:MAX_GROUPS_CHECKED]:
        group = membership.group
        findings.append(Finding(
            topic="groups", question=_("Why am I not yet a member of “%(group)s”?") % {"group": group.title},
            refusal=rules.join_refusal(policy=group.join_policy, status=membership.status,
                                       etwinner_refusal=etwinner_refusal_for(user),
                                       moderators=selectors.moderator_names(group))))
    for group in selectors.my_proposals(user).filter(state=GroupState.REJECTED)[:MAX_GROUPS_CHECKED]:
        refusal = rules.group_state_refusal(group.state)
        findings.append(Finding(topic="groups", question=_("Why was my group “%(group)s” not approved?")
                                % {"group": group.title}, refusal=refusal,
                                details=[group.decision_reason] if group.decision_reason else []))
    findings.append(Finding(
        topic="groups", question=_("Why can't I join groups for eTwinners only?"),
        refusal=rules.join_refusal(policy="etwinners", status=None, etwinner_refusal=etwinner_refusal_for(user),
                                   moderators=[]),
        fine=_("You are an eTwinner: you can join groups for eTwinners only.")))
    return findings
