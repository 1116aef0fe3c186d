from django.utils.translation import gettext as _

from twinhub.contacts.codes import ContactNotice
from twinhub.core.notifications import notification_kind


@notification_kind(ContactNotice.REQUESTED)
def _requested(params):
    return _("%(name)s asked you to become a contact.") % params


@notification_kind(ContactNotice.ACCEPTED)
def _accepted(params):
    return _("%(name)s accepted your contact request.") % params


@notification_kind(ContactNotice.DECLINED)
def _declined(params):
    return _("%(name)s declined your contact request.") % params


@notification_kind(ContactNotice.MESSAGE_RECEIVED)
def _message(params):
    return _("New message from %(name)s.") % params
