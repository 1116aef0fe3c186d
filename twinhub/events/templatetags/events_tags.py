from datetime import datetime
from zoneinfo import ZoneInfo

from django import template

from twinhub.events.timezones import local_span, local_text

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


@register.filter
def span_in_zone(event, zone: ZoneInfo) -> str:
    """An event's start and end in the viewer's zone, the zone named once."""
    return local_span(event.starts_at, event.ends_at, zone)


@register.filter
def label_name(kind: str) -> str:
    from twinhub.labels.models import LabelKind

    return str(dict(LabelKind.choices).get(kind, kind))


@register.filter
def choice_names(codes, vocabulary: str) -> str:
    """Subjects or age ranges (stored codes) in the reader's language."""
    from twinhub.accounts.choices import AGE_RANGES, SUBJECTS

    names = dict(SUBJECTS if vocabulary == "subjects" else AGE_RANGES)
    return ", ".join(str(names.get(code, code)) for code in codes or [])


@register.filter
def country_names(codes) -> str:
    from twinhub.geography.countries import country_name

    return ", ".join(country_name(code) for code in codes or [])


@register.filter
def country_label(code: str) -> str:
    from twinhub.geography.countries import country_name

    return country_name(code) if code else ""


@register.filter
def label_badge(kind: str) -> str:
    """The badge colour of a label: the European one as European, national ones as approved."""
    return "european" if kind == "eql" else "approved"
