"""How event notifications read: in the reader's language, the time in the zone it was sent for."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from twinhub.core.notifications import notification_kind
from twinhub.events.codes import EventNotice
from twinhub.events.timezones import local_text


def _with_time(params: dict) -> dict:
    try:
        when = local_text(datetime.fromisoformat(params["starts_at"]), ZoneInfo(params.get("zone") or "UTC"))
    except (KeyError, ValueError):
        when = ""
    return {"title": params.get("title", ""), "when": when}


@notification_kind(EventNotice.REGISTERED)
def _registered(params):
    return _("You are registered for “%(title)s” (%(when)s).") % _with_time(params)


@notification_kind(EventNotice.WAITLISTED)
def _waitlisted(params):
    return _("“%(title)s” is full: you are on its waiting list and will move up when a place is freed.") \
        % _with_time(params)


@notification_kind(EventNotice.PROMOTED)
def _promoted(params):
    return _("A place was freed: you are now registered for “%(title)s” (%(when)s).") % _with_time(params)


@notification_kind(EventNotice.CANCELLED)
def _cancelled(params):
    return _("“%(title)s” (%(when)s) was cancelled by its organisers.") % _with_time(params)


@notification_kind(EventNotice.REMINDER_DAY)
def _reminder_day(params):
    return _("Reminder: “%(title)s” starts tomorrow, %(when)s.") % _with_time(params)


@notification_kind(EventNotice.REMINDER_HOUR)
def _reminder_hour(params):
    return _("Reminder: “%(title)s” starts within the hour, %(when)s.") % _with_time(params)


@notification_kind(EventNotice.ATTENDED)
def _attended(params):
    return _("Your participation in “%(title)s” was recorded: your certificate is ready.") % _with_time(params)


@notification_kind(EventNotice.RESCHEDULED)
def _rescheduled(params):
    return _("“%(title)s” has a new time: %(when)s. Your calendar and reminders follow it.") % _with_time(params)
