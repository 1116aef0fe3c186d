from datetime import datetime
from zoneinfo import ZoneInfo

from django import template

from twinhub.events.timezones import local_text

register = template.Library()


@register.filter
def notice_when(params: dict) -> str:
    """The event's time in a notification's parameters, in the zone it was sent for."""
    try:
        return local_text(datetime.fromisoformat(params["starts_at"]), ZoneInfo(params.get("zone") or "UTC"))
    except (KeyError, ValueError, TypeError):
        return ""


@register.filter
def in_zone(moment: datetime, zone: ZoneInfo) -> str:
    return local_text(moment, zone) if moment else ""
