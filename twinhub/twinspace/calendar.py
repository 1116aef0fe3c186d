"""An iCalendar (RFC 5545) feed of meetings, written by hand: a few properties, escaped and folded."""

from datetime import UTC, timedelta

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


def ical_feed(meetings, *, site_url: str) -> str:
    host = site_url.split("//")[-1].strip("/") or "twinhub"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//TwinHub//TwinSpace meetings//EN", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:TwinHub"]
    now = _stamp(timezone.now())
    for meeting in meetings:
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(meeting.starts_at)}",
            f"DTEND:{_stamp(meeting.starts_at + timedelta(minutes=meeting.duration_minutes))}",
            f"SUMMARY:{_escape(meeting.title)} ({_escape(meeting.project.title)})",
            f"URL:{meeting.link}",
            f"DESCRIPTION:{_escape(meeting.link)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
