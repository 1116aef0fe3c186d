"""How Quality Label notifications read (in the recipient's language, at reading time)."""

from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind
from twinhub.labels.codes import LabelNotice


@notification_kind(LabelNotice.APPLICATION_DECIDED)
def _render_label_decided(params: dict) -> str:
    if params.get("status") == "awarded":
        return _("Your application for the National Quality Label of “%(project)s” was awarded. "
                 "Your certificate is ready.") % params
    return _("Your application for the National Quality Label of “%(project)s” was not awarded.") % params


@notification_kind(LabelNotice.APPLICATION_ASSIGNED)
def _render_label_assigned(params: dict) -> str:
    return _("You were assigned a National Quality Label application to evaluate by %(deadline)s.") % params


@notification_kind(LabelNotice.EQL_AWARDED)
def _render_eql_awarded(params: dict) -> str:
    return _("“%(project)s” received the European Quality Label %(year)s.") % params


@notification_kind(LabelNotice.WINDOW_OPENED)
def _render_window_opened(params: dict) -> str:
    return _("National Quality Label %(year)s: applications are open until %(closes_on)s.") % params


@notification_kind(LabelNotice.WINDOW_CLOSING)
def _render_window_closing(params: dict) -> str:
    return _("National Quality Label %(year)s: applications close on %(closes_on)s. "
             "You have not applied yet.") % params
