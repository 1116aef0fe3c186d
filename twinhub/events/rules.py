"""The rules of events, certificates of participation, the gallery and kits. Pure functions:
facts in, a `Refusal` (why, who must act, what next) or `None` out. Services call them; pages and
the API show what they return.

Who may do what (the permission table, tested as a matrix in tests/test_permissions.py):

| action            | who                                                                         |
|-------------------|-----------------------------------------------------------------------------|
| see an event      | anyone for a national or European event; a project's event: its members     |
| create            | NSS for its country, CSS for any country or Europe; a project's founder or   |
|                   | administrator for an event of that project                                  |
| manage            | the organiser; NSS/CSS whose reach covers the event's country; a project     |
| (edit, cancel,    | event's project administrators                                              |
| attendance,       |                                                                             |
| activities,       |                                                                             |
| materials)        |                                                                             |
| edit, besides     | never below the places taken (`capacity_refusal`: nobody loses a place);     |
|                   | not once cancelled; a new time is announced to everyone registered or        |
|                   | waiting, and their reminders are sent again for the new time                 |
| register          | an eTwinner who may see the event, before it starts (a seminar) or ends (a   |
|                   | learning event); over capacity they wait, in order                          |
| certificate       | the attendee; whoever manages the event                                     |
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from twinhub.accounts.choices import AGE_RANGE_CODES, LANGUAGE_CODES, SUBJECT_CODES
from twinhub.core.errors import Refusal
from twinhub.events.codes import EventCode
from twinhub.events.models import Audience, EventKind, EventStatus, RegistrationStatus
from twinhub.geography.countries import COUNTRY_CODES

TITLE_MAX_LENGTH = 200
MAX_CAPACITY = 5000
SEMINAR_MAX_HOURS = 8
LEARNING_MAX_WEEKS = 12
# Reminders go out this long before the start (the day before, an hour before).
REMINDER_DAY = timedelta(hours=24)
REMINDER_HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class EventFacts:
    """What a rule needs to know about a person and an event (read by the selectors)."""

    is_organiser: bool = False
    staff_covers: bool = False        # NSS/CSS reach (ORGANISE_EVENTS) covers the event's country
    is_project_admin: bool = False     # a project event: the person administers that project
    is_project_member: bool = False    # a project event: the person is a member of that project
    is_project_event: bool = False


def may_see(facts: EventFacts) -> bool:
    """A project's event is the project's own; every other event is public."""
    if not facts.is_project_event:
        return True
    return facts.is_project_member or facts.is_organiser or facts.is_project_admin


def may_manage(facts: EventFacts) -> bool:
    if facts.is_organiser:
        return True
    if facts.is_project_event:
        return facts.is_project_admin
    return facts.staff_covers


def manage_refusal(facts: EventFacts, *, organiser_name: str = "") -> Refusal | None:
    if may_manage(facts):
        return None
    return Refusal(code=EventCode.NOT_ORGANISER, status=403,
                   message=_("Only the event's organisers can do this."),
                   who_must_act=organiser_name or _("the event's organiser"),
                   next_step=_("Ask the organiser if something about the event should change."))


def create_refusal(*, project_event: bool, is_project_admin: bool, staff_covers: bool) -> Refusal | None:
    """NSS organise the events of their country, CSS European ones; teachers the events of
    the projects they administer."""
    if project_event and is_project_admin:
        return None
    if not project_event and staff_covers:
        return None
    if project_event:
        return Refusal(code=EventCode.CANNOT_ORGANISE, status=403,
                       message=_("Only the project's founders and administrators can organise its events."),
                       who_must_act=_("the project's founder"),
                       next_step=_("Ask the project's founder to organise the event or to make you an administrator."))
    return Refusal(code=EventCode.CANNOT_ORGANISE, status=403,
                   message=_("Online seminars and learning events for everyone are organised by the National "
                             "Support Service of the country (or the Central Support Service for Europe)."),
                   who_must_act=_("your National Support Service"),
                   next_step=_("Propose the event to your National Support Service, or organise it inside "
                               "one of your projects."))


def event_values_refusal(*, kind: str, title: str, language: str, audience: str, country: str,
                         starts_at: datetime | None, ends_at: datetime | None, link: str,
                         capacity: int | None) -> Refusal | None:
    """Every value of an event, checked where it is stored (forms and the API check earlier)."""

    def invalid(message, field):
        return Refusal(code=EventCode.INVALID_EVENT, status=400, message=message, params={"field": field},
                       next_step=_("Correct the value and send the form again."))

    if kind not in EventKind.values:
        return invalid(_("Choose an online seminar or a learning event."), "kind")
    if not title.strip() or len(title) > TITLE_MAX_LENGTH:
        return invalid(_("Give the event a title of at most %(n)d characters.") % {"n": TITLE_MAX_LENGTH}, "title")
    if language not in LANGUAGE_CODES:
        return invalid(_("Choose the language the event is held in."), "language")
    if audience not in Audience.values:
        return invalid(_("Choose who the event is for."), "audience")
    if country and country not in COUNTRY_CODES:
        return invalid(_("Choose one of the eTwinning countries, or none for a European event."), "country")
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        return invalid(_("The event must end after it starts."), "ends_at")
    if kind == EventKind.SEMINAR:
        if ends_at - starts_at > timedelta(hours=SEMINAR_MAX_HOURS):
            return invalid(_("An online seminar is one session of at most %(n)d hours.") % {"n": SEMINAR_MAX_HOURS},
                           "ends_at")
        if not link.startswith("https://"):
            return invalid(_("Give the https:// link where the seminar takes place."), "link")
    elif ends_at - starts_at > timedelta(weeks=LEARNING_MAX_WEEKS):
        return invalid(_("A learning event lasts at most %(n)d weeks.") % {"n": LEARNING_MAX_WEEKS}, "ends_at")
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        return invalid(_("Give the number of places, between 1 and %(n)d.") % {"n": MAX_CAPACITY}, "capacity")
    return None


def update_refusal(*, event_status: str) -> Refusal | None:
    """A cancelled event stays as it was when it was cancelled (its registrants were told)."""
    if event_status != EventStatus.CANCELLED:
        return None
    return Refusal(code=EventCode.EVENT_CANCELLED, status=409, message=_("This event was cancelled: it can no longer "
                                                                        "be changed."),
                   next_step=_("Organise a new event if it is to take place after all."))


def capacity_refusal(*, capacity: int, taken: int) -> Refusal | None:
    """Places are never taken away from people who hold them: the capacity may shrink down to the
    number of places taken, not below (the waiting list then waits for a cancellation)."""
    if capacity >= taken:
        return None
    return Refusal(code=EventCode.CAPACITY_BELOW_TAKEN, status=409, params={"field": "capacity"},
                   message=_("%(taken)d people already hold a place, so the event cannot have fewer than %(taken)d "
                             "places (you asked for %(capacity)d).") % {"taken": taken, "capacity": capacity},
                   who_must_act=_("the event's organiser"),
                   next_step=_("Keep at least %(taken)d places. Places free up only when people cancel their "
                               "registration themselves.") % {"taken": taken})


def rescheduled(*, old: tuple[datetime, datetime], new: tuple[datetime, datetime]) -> bool:
    """A change of start or end: the people registered are told, and their reminders follow."""
    return old != new


def registration_closes_at(*, kind: str, starts_at: datetime, ends_at: datetime) -> datetime:
    """A seminar takes registrations until it starts; a learning event until it ends."""
    return starts_at if kind == EventKind.SEMINAR else ends_at


def registration_refusal(*, etwinner_refusal: Refusal | None, event_status: str, closes_at: datetime,
                         now: datetime, current: str | None) -> Refusal | None:
    """May this person register? `current` is their registration's status, if any."""
    if etwinner_refusal is not None:
        return etwinner_refusal
    if event_status == EventStatus.CANCELLED:
        return Refusal(code=EventCode.EVENT_CANCELLED, status=409, message=_("This event was cancelled."),
                       next_step=_("Look for another event in the events calendar."))
    if now >= closes_at:
        return Refusal(code=EventCode.REGISTRATION_CLOSED, status=409,
                       message=_("Registration for this event has closed."),
                       next_step=_("Look for another event in the events calendar."))
    if current in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING):
        message = (_("You are already registered for this event.") if current == RegistrationStatus.REGISTERED
                   else _("You are already on this event's waiting list."))
        return Refusal(code=EventCode.ALREADY_REGISTERED, status=409, message=message,
                       next_step=_("You find it under “My events”."))
    return None


def seat_for(*, capacity: int, taken: int) -> str:
    """Registered while places are left, otherwise on the waiting list."""
    return RegistrationStatus.REGISTERED if taken < capacity else RegistrationStatus.WAITING


def places_to_fill(*, capacity: int, taken: int, waiting: int) -> int:
    """How many people move up from the waiting list (after a cancellation or a larger capacity)."""
    return max(0, min(capacity - taken, waiting))


def cancel_refusal(*, current: str | None, event_started: bool) -> Refusal | None:
    if current not in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING):
        return Refusal(code=EventCode.NOT_REGISTERED, status=409, message=_("You are not registered for this event."))
    if event_started and current == RegistrationStatus.REGISTERED:
        return Refusal(code=EventCode.REGISTRATION_CLOSED, status=409,
                       message=_("The event has started: your registration can no longer be cancelled."),
                       next_step=_("Tell the organiser if you cannot take part."))
    return None


def attendance_refusal(*, current: str | None, event_started: bool) -> Refusal | None:
    """Attendance is recorded for registered people, once the event has started."""
    if current != RegistrationStatus.REGISTERED:
        return Refusal(code=EventCode.NOT_REGISTERED, status=409,
                       message=_("Attendance is recorded only for people registered for the event (not waiting)."))
    if not event_started:
        return Refusal(code=EventCode.EVENT_NOT_STARTED, status=409,
                       message=_("Attendance can be recorded once the event has started."),
                       next_step=_("Come back when the event has started."))
    return None


def certificate_refusal(*, attended: bool, organiser_name: str = "") -> Refusal | None:
    if attended:
        return None
    return Refusal(code=EventCode.NO_CERTIFICATE, status=409,
                   message=_("A certificate of participation is issued once your attendance is recorded."),
                   who_must_act=organiser_name or _("the event's organiser"),
                   next_step=_("For a learning event, complete its activities; for a seminar the organiser "
                               "records attendance after the session."))


def activity_refusal(*, kind: str) -> Refusal | None:
    if kind == EventKind.LEARNING:
        return None
    return Refusal(code=EventCode.NOT_LEARNING_EVENT, status=409,
                   message=_("Only learning events have activities and a discussion space."))


def completed_all(*, activity_ids: set[int], done_ids: set[int]) -> bool:
    """A learning event's participation: every activity done (an event without activities has none)."""
    return bool(activity_ids) and activity_ids <= done_ids


def reminders_due(*, starts_at: datetime, now: datetime, day_sent: bool, hour_sent: bool) -> list[str]:
    """Which reminders are due now: "day" within 24 hours of the start, "hour" within the hour.
    A reminder whose moment passed without it (the event was created later) is not sent late,
    except that the hour's reminder stands in for both."""
    if now >= starts_at:
        return []
    left = starts_at - now
    if left <= REMINDER_HOUR:
        return [] if hour_sent else ["hour"]
    if left <= REMINDER_DAY and not day_sent:
        return ["day"]
    return []


def activity_values_refusal(*, title: str, week: int) -> Refusal | None:
    if not title.strip() or len(title) > TITLE_MAX_LENGTH:
        return Refusal(code=EventCode.INVALID_EVENT, status=400, params={"field": "title"},
                       message=_("Give the activity a title of at most %(n)d characters.") % {"n": TITLE_MAX_LENGTH})
    if not 1 <= week <= LEARNING_MAX_WEEKS:
        return Refusal(code=EventCode.INVALID_EVENT, status=400, params={"field": "week"},
                       message=_("Choose a week between 1 and %(n)d.") % {"n": LEARNING_MAX_WEEKS})
    return None


def material_refusal(*, title: str, url: str) -> Refusal | None:
    if not title.strip() or len(title) > TITLE_MAX_LENGTH:
        return Refusal(code=EventCode.INVALID_EVENT, status=400, params={"field": "title"},
                       message=_("Give the material a title of at most %(n)d characters.") % {"n": TITLE_MAX_LENGTH})
    if not url.strip().startswith(("https://", "http://")) or len(url) > 200:
        return Refusal(code=EventCode.INVALID_EVENT, status=400, params={"field": "url"},
                       message=_("Give the material's web address (https://…)."))
    return None


# --- The project gallery -----------------------------------------------------------------------------
#
# | action                   | who                                                              |
# |--------------------------|------------------------------------------------------------------|
# | see the gallery          | anyone, without logging in                                       |
# | a project is listed      | it holds a Quality Label and every founder agreed                |
# | agree, withdraw, edit    | the project's founders (founder and co-founder), each for        |
# |                          | themselves; agreeing needs a Quality Label                       |

SUMMARY_MAX_LENGTH = 2000
GALLERY_MAX_PAGES = 6


def gallery_listed(*, holds_label: bool, founder_ids: set[int], consenting_ids: set[int]) -> bool:
    """Shown publicly: a labelled project whose founders all agreed (one withdrawal hides it)."""
    return holds_label and bool(founder_ids) and founder_ids <= consenting_ids


def gallery_founder_refusal(*, is_founder: bool) -> Refusal | None:
    if is_founder:
        return None
    return Refusal(code=EventCode.GALLERY_NOT_FOUNDER, status=403,
                   message=_("Only the project's founders decide whether it is shown in the gallery."),
                   who_must_act=_("the project's founders"),
                   next_step=_("Ask the project's founders to show it in the gallery."))


def gallery_consent_refusal(*, is_founder: bool, holds_label: bool) -> Refusal | None:
    if (refusal := gallery_founder_refusal(is_founder=is_founder)) is not None:
        return refusal
    if holds_label:
        return None
    return Refusal(code=EventCode.GALLERY_NO_LABEL, status=409,
                   message=_("The gallery shows projects that hold a Quality Label; this project holds none yet."),
                   next_step=_("Apply for the National Quality Label when the project has run its course."))


def gallery_entry_refusal(*, summary: str, page_ids: set[int], public_page_ids: set[int],
                          cover_id: int | None, image_ids: set[int]) -> Refusal | None:
    """Pages must be the project's public ones, the cover one of its images (not a pupil's)."""
    if len(summary) > SUMMARY_MAX_LENGTH:
        return Refusal(code=EventCode.INVALID_EVENT, status=400, params={"field": "summary"},
                       message=_("Write a summary of at most %(n)d characters.") % {"n": SUMMARY_MAX_LENGTH})
    if len(page_ids) > GALLERY_MAX_PAGES or not page_ids <= public_page_ids:
        return Refusal(code=EventCode.INVALID_EVENT, status=400, params={"field": "pages"},
                       message=_("Choose at most %(n)d of the project's public TwinSpace pages.")
                       % {"n": GALLERY_MAX_PAGES})
    if cover_id is not None and cover_id not in image_ids:
        return Refusal(code=EventCode.INVALID_EVENT, status=400, params={"field": "cover"},
                       message=_("Choose the cover among the images teachers uploaded to the TwinSpace."))
    return None


def cover_upload_refusal(*, kind: str | None) -> Refusal | None:
    """An uploaded cover must be an image (the TwinSpace's own checks then apply: size, quota)."""
    if kind == "image":
        return None
    return Refusal(code=EventCode.INVALID_EVENT, status=400, params={"field": "cover_upload"},
                   message=_("The cover must be an image (JPEG, PNG, GIF or WebP)."),
                   next_step=_("Choose an image file, or one of the TwinSpace's images."))


# --- Kits ----------------------------------------------------------------------------------------------
#
# | action             | who                                                                 |
# |--------------------|---------------------------------------------------------------------|
# | read, start from   | anyone reads; starting a project is the new project form's own rule |
# | write              | NSS for its country, CSS for every country                          |
# | edit               | the author; NSS/CSS whose reach covers the kit's country            |

KIT_MAX_WEEKS = 40


def kit_write_refusal(*, staff_covers: bool) -> Refusal | None:
    if staff_covers:
        return None
    return Refusal(code=EventCode.CANNOT_ORGANISE, status=403,
                   message=_("Kits are written by the National Support Services and the Central Support Service."),
                   who_must_act=_("your National Support Service"),
                   next_step=_("Suggest a kit to your National Support Service."))


def kit_values_refusal(*, titles: tuple[str, str], aims: tuple[str, str], weeks: list[tuple[str, str]],
                       subjects: list[str], age_ranges: list[str]) -> Refusal | None:
    """A kit is written in both languages, week by week."""
    def invalid(message, field):
        return Refusal(code=EventCode.INVALID_KIT, status=400, message=message, params={"field": field},
                       next_step=_("Correct the value and send the form again."))

    if not all(t.strip() and len(t) <= TITLE_MAX_LENGTH for t in titles):
        return invalid(_("Give the kit a title in English and in Turkish (at most %(n)d characters).")
                       % {"n": TITLE_MAX_LENGTH}, "title")
    if not all(a.strip() for a in aims):
        return invalid(_("Write the kit's aims in English and in Turkish."), "aims")
    if not weeks or len(weeks) > KIT_MAX_WEEKS or not all(en.strip() and tr.strip() for en, tr in weeks):
        return invalid(_("Describe each week's activities in English and in Turkish (1 to %(n)d weeks).")
                       % {"n": KIT_MAX_WEEKS}, "weeks")
    if not set(subjects) <= SUBJECT_CODES or not set(age_ranges) <= AGE_RANGE_CODES:
        return invalid(_("Choose subjects and age ranges from the lists."), "subjects")
    return None
