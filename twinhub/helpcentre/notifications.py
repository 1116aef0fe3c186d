from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind


@notification_kind("support.new")
def _new(params):
    return _("New support request: %(subject)s") % params


@notification_kind("support.reply")
def _reply(params):
    return _("The National Support Service answered your request “%(subject)s”.") % params


@notification_kind("support.user_reply")
def _user_reply(params):
    return _("The teacher answered in “%(subject)s”.") % params


@notification_kind("support.assigned")
def _assigned(params):
    return _("A support request was assigned to you: %(subject)s") % params
