"""An iCalendar (RFC 5545) feed, written by hand: a few properties, escaped and folded.

The teacher's feed holds their projects' meetings and whatever higher apps add through
`calendar_source` (events the teacher registered for): one secret address for everything."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], b""
    for ch in line:
        encoded = ch.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # unique within the site: "<kind>-<id>"
    starts_at: datetime
    ends_at: datetime
    summary: str
    url: str = ""
    description: str = ""


_SOURCES: list[Callable[[object], Iterable[CalendarEntry]]] = []


def calendar_source(func: Callable[[object], Iterable[CalendarEntry]]):
    """Register a higher app's entries of a user's calendar feed (decision 9: a registry)."""
    if func not in _SOURCES:
        _SOURCES.append(func)
    return func


def registered_entries(user) -> list[CalendarEntry]:
    return [entry for source in _SOURCES for entry in source(user)]


def meeting_entries(meetings) -> list[CalendarEntry]:
    return [CalendarEntry(uid=f"meeting-{m.pk}", starts_at=m.starts_at,
                          ends_at=m.starts_at + timedelta(minutes=m.duration_minutes),
                          summary=f"{m.title} ({m.project.title})", url=m.link, description=m.link)
            for m in meetings]


def ical_calendar(entries: Iterable[CalendarEntry], *, site_url: str) -> str:
    host = site_url.split("//")[-1].strip("/") or "twinhub"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//TwinHub//TwinHub calendar//EN", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:TwinHub"]
    now = _stamp(timezone.now())
    for entry in entries:
        lines += ["BEGIN:VEVENT", f"UID:{entry.uid}@{host}", f"DTSTAMP:{now}", f"DTSTART:{_stamp(entry.starts_at)}",
                  f"DTEND:{_stamp(entry.ends_at)}", f"SUMMARY:{_escape(entry.summary)}"]
        if entry.url:
            lines.append(f"URL:{entry.url}")
        if entry.description:
            lines.append(f"DESCRIPTION:{_escape(entry.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def ical_feed(meetings, *, site_url: str, user=None) -> str:
    """The teacher's feed: their projects' meetings, then what registered sources add for them."""
    entries = meeting_entries(meetings) + (registered_entries(user) if user is not None else [])
    return ical_calendar(entries, site_url=site_url)
