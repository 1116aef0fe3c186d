from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind
from twinhub.groups.codes import GroupNotice


def _target(code: str) -> str:
    from twinhub.groups.models import ReportTarget

    return str(dict(ReportTarget.choices).get(code, code)).lower()


def _decision(code: str) -> str:
    from twinhub.groups.models import Decision

    return str(dict(Decision.choices).get(code, code))


@notification_kind(GroupNotice.PROPOSED)
def _proposed(params):
    return _("%(name)s proposed the group “%(group)s”; it waits for your decision.") % params


@notification_kind(GroupNotice.PROPOSAL_DECIDED)
def _proposal_decided(params):
    if params.get("approved"):
        return _("Your group “%(group)s” was approved.") % params
    return _("Your group “%(group)s” was not approved: %(reason)s") % params


@notification_kind(GroupNotice.JOIN_REQUESTED)
def _join_requested(params):
    return _("%(name)s asked to join “%(group)s”.") % params


@notification_kind(GroupNotice.INVITED)
def _invited(params):
    return _("%(name)s invited you to the group “%(group)s”.") % params


@notification_kind(GroupNotice.MEMBER_ACCEPTED)
def _accepted(params):
    return _("You are now a member of “%(group)s”.") % params


@notification_kind(GroupNotice.PARTNER_ANSWERED)
def _answered(params):
    return _("%(name)s answered your partner-finding post “%(post)s”.") % params


@notification_kind(GroupNotice.PARTNER_MESSAGE)
def _message(params):
    return _("New message from %(name)s about “%(post)s”.") % params


@notification_kind(GroupNotice.REPORT_FILED)
def _report_filed(params):
    return _("A %(target)s was reported; it waits in your moderation queue.") % {"target": _target(params["target"])}


@notification_kind(GroupNotice.REPORT_OUTCOME)
def _report_outcome(params):
    return _("The %(target)s you reported was decided: %(decision)s.") % {
        "target": _target(params["target"]), "decision": _decision(params["decision"]).lower()}


@notification_kind(GroupNotice.WARNED)
def _warned(params):
    return _("A moderator warned you about your %(target)s: %(note)s") % {
        "target": _target(params["target"]), "note": params.get("note") or "—"}


@notification_kind(GroupNotice.PARTNER_EXPIRING)
def _expiring(params):
    return _("Your partner-finding post “%(post)s” expires in a few days: renew it if you are still looking.") % params
