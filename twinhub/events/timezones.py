"""Times shown in the viewer's time zone: the zone their browser reports (a `tz` cookie set by
the events pages), else their country's zone, else the site's. Stored times are UTC."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.utils import formats

TZ_COOKIE = "tz"

# The zone of each eTwinning country's capital (a country spanning zones uses its capital's).
COUNTRY_ZONES = {
    "TR": "Europe/Istanbul", "IT": "Europe/Rome", "PL": "Europe/Warsaw", "ES": "Europe/Madrid",
    "RO": "Europe/Bucharest", "FR": "Europe/Paris", "GR": "Europe/Athens", "PT": "Europe/Lisbon",
    "UA": "Europe/Kyiv", "DE": "Europe/Berlin", "HR": "Europe/Zagreb", "BG": "Europe/Sofia",
    "CZ": "Europe/Prague", "SK": "Europe/Bratislava", "RS": "Europe/Belgrade", "BE": "Europe/Brussels",
    "AZ": "Asia/Baku", "LT": "Europe/Vilnius", "HU": "Europe/Budapest", "GB": "Europe/London",
    "AT": "Europe/Vienna", "SI": "Europe/Ljubljana", "MK": "Europe/Skopje", "GE": "Asia/Tbilisi",
    "TN": "Africa/Tunis", "FI": "Europe/Helsinki", "AL": "Europe/Tirane", "NL": "Europe/Amsterdam",
    "SE": "Europe/Stockholm", "LV": "Europe/Riga", "BA": "Europe/Sarajevo", "AM": "Asia/Yerevan",
    "MD": "Europe/Chisinau", "JO": "Asia/Amman", "NO": "Europe/Oslo", "IE": "Europe/Dublin",
    "CY": "Asia/Nicosia", "LB": "Asia/Beirut", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn",
    "MT": "Europe/Malta", "IS": "Atlantic/Reykjavik", "LU": "Europe/Luxembourg", "LI": "Europe/Vaduz",
}


def _zone(name: str) -> ZoneInfo | None:
    if not name or len(name) > 64 or name not in available_timezones():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def zone_for_user(user, browser_zone: str = "") -> ZoneInfo:
    found = _zone(browser_zone)
    if found is not None:
        return found
    profile = getattr(user, "profile", None) if user is not None and user.is_authenticated else None
    country = getattr(profile, "country", "") if profile is not None else ""
    return ZoneInfo(COUNTRY_ZONES.get(country, settings.TIME_ZONE))


def zone_for_request(request) -> ZoneInfo:
    return zone_for_user(request.user, request.COOKIES.get(TZ_COOKIE, ""))


def local_text(moment: datetime, zone: ZoneInfo) -> str:
    """"12 March 2027, 15:00 (Europe/Istanbul)", in the active language's date format."""
    local = moment.astimezone(zone)
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {local:%H:%M} ({zone.key})"


def local_span(starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> str:
    """"12 March 2027, 15:00 – 16:30 (Europe/Istanbul)": the zone once, the day once when it is one day."""
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    first = f"{formats.date_format(start, 'DATE_FORMAT')}, {start:%H:%M}"
    last = f"{end:%H:%M}" if start.date() == end.date() else f"{formats.date_format(end, 'DATE_FORMAT')}, {end:%H:%M}"
    return f"{first} – {last} ({zone.key})"
