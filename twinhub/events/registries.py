"""What events add to lower apps' registries (decision 9): certificates of participation to the
public verification, registered events to the user's calendar feed."""

from django.conf import settings
from django.urls import reverse

from twinhub.core.certificates import certificate_finder
from twinhub.events.certificates import find_participation
from twinhub.events.selectors import calendar_events_for
from twinhub.twinspace.calendar import CalendarEntry, calendar_source

certificate_finder(find_participation)


def event_entry(event) -> CalendarEntry:
    url = f"{settings.SITE_URL.rstrip('/')}{reverse('event_detail', args=[event.pk])}"
    return CalendarEntry(uid=f"event-{event.pk}", starts_at=event.starts_at, ends_at=event.ends_at,
                         summary=event.title, url=event.link or url, description=url)


@calendar_source
def registered_events(user) -> list[CalendarEntry]:
    return [event_entry(event) for event in calendar_events_for(user)]
