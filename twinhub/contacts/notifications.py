from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind


@notification_kind("contact.requested")
def _requested(params):
    return _("%(name)s asked you to become a contact.") % params


@notification_kind("contact.accepted")
def _accepted(params):
    return _("%(name)s accepted your contact request.") % params


@notification_kind("contact.declined")
def _declined(params):
    return _("%(name)s declined your contact request.") % params


@notification_kind("message.received")
def _message(params):
    return _("New message from %(name)s.") % params
