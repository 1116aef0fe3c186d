"""How project notifications read (in the recipient's language, at reading time)."""

from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind
from twinhub.projects.codes import ProjectNotice


@notification_kind(ProjectNotice.COFOUNDER_ASKED)
def _cofounder_asked(p):
    return _("%(founder)s asks you to co-found the project “%(project)s”.") % p


@notification_kind(ProjectNotice.COFOUNDER_ACCEPTED)
def _cofounder_accepted(p):
    return _("%(cofounder)s accepted to co-found “%(project)s”.") % p


@notification_kind(ProjectNotice.COFOUNDER_DECLINED)
def _cofounder_declined(p):
    return _("%(cofounder)s declined to co-found “%(project)s”.") % p


@notification_kind(ProjectNotice.INVITED)
def _invited(p):
    return _("%(inviter)s invites you to the project “%(project)s”.") % p


@notification_kind(ProjectNotice.INVITATION_ACCEPTED)
def _invitation_accepted(p):
    return _("%(person)s joined the project “%(project)s”.") % p


@notification_kind(ProjectNotice.REMOVED)
def _removed(p):
    return _("You were removed from the project “%(project)s”.") % p
