"""Builders of events, through the services as an organiser would."""

from datetime import timedelta

from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.events import services
from twinhub.events.models import Event, EventKind


def make_event(organiser: User, *, kind: str = EventKind.SEMINAR, starts_in: timedelta = timedelta(days=3),
               hours: int = 1, capacity: int = 30, country: str = "TR", project_id: int | None = None,
               title: str = "Online seminar: project-based learning", language: str = "en", **fields) -> Event:
    """An event starting `starts_in` from now (negative: it has started); a learning event lasts
    three weeks."""
    starts_at = timezone.now() + starts_in
    ends_at = starts_at + (timedelta(weeks=3) if kind == EventKind.LEARNING else timedelta(hours=hours))
    link = fields.pop("link", "https://meet.example.org/seminar" if kind == EventKind.SEMINAR else "")
    return services.event_create(actor=organiser, kind=kind, title=title, language=language, starts_at=starts_at,
                                 ends_at=ends_at, capacity=capacity, link=link,
                                 country="" if project_id else country, project_id=project_id, **fields)
