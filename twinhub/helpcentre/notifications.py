from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind
from twinhub.helpcentre.codes import HelpNotice


@notification_kind(HelpNotice.NEW_REQUEST)
def _new(params):
    return _("New support request: %(subject)s") % params


@notification_kind(HelpNotice.STAFF_REPLIED)
def _reply(params):
    return _("The National Support Service answered your request “%(subject)s”.") % params


@notification_kind(HelpNotice.TEACHER_REPLIED)
def _user_reply(params):
    return _("The teacher answered in “%(subject)s”.") % params


@notification_kind(HelpNotice.ASSIGNED)
def _assigned(params):
    return _("A support request was assigned to you: %(subject)s") % params
