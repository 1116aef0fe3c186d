"""What events add to lower apps' registries (decision 9): certificates of participation to the
public verification, registered events to the user's calendar feed."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from twinhub.core.certificates import certificate_finder
from twinhub.core.slots import slot_fill
from twinhub.events.certificates import find_participation
from twinhub.events.rules import create_refusal
from twinhub.events.selectors import (
    administered_projects,
    calendar_events_for,
    event_with_discussion,
    may_organise,
)
from twinhub.groups.slots import GROUP_NOTICES
from twinhub.helpcentre.diagnostics import Finding, check
from twinhub.twinspace.calendar import CalendarEntry, calendar_source

certificate_finder(find_participation)


def event_of_discussion(context, group) -> dict | None:
    """A learning event's discussion group says whose discussion it is, and links back to the event."""
    event = event_with_discussion(group.pk)
    return {"event": event} if event is not None else None


slot_fill(GROUP_NOTICES, template_name="events/_group_notice.html", values=event_of_discussion)


def event_entry(event) -> CalendarEntry:
    url = f"{settings.SITE_URL.rstrip('/')}{reverse('event_detail', args=[event.pk])}"
    return CalendarEntry(uid=f"event-{event.pk}", starts_at=event.starts_at, ends_at=event.ends_at,
                         summary=event.title, url=event.link or url, description=url)


@calendar_source
def registered_events(user) -> list[CalendarEntry]:
    return [event_entry(event) for event in calendar_events_for(user)]


@check
def organise_events(user, about=None) -> list[Finding]:
    """"Why can't I organise an event?": the rule that refuses it, for this person."""
    if about is not None:
        return []
    staff = may_organise(user)
    refusal = None if staff else create_refusal(project_event=False, is_project_admin=False, staff_covers=False)
    if refusal is not None and administered_projects(user).exists():
        refusal = None  # they organise events inside the projects they administer
    return [Finding(topic="organise-event", question=_("Why can't I organise an event?"), refusal=refusal,
                    fine=_("You can organise events: for your country or Europe if you are a support service, "
                           "and inside the projects you administer."))]
