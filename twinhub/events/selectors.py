"""Reads about events, each permission-checked: an event out of the reader's reach is "not
found", the same answer as an event that does not exist."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from twinhub.core.errors import ApplicationError, not_found
from twinhub.events import rules
from twinhub.events.models import (
    Activity,
    ActivityCompletion,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from twinhub.projects.models import Project, ProjectMember, ProjectState
from twinhub.projects.rules import ADMIN_ROLES
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach

PAGE_SIZE = 20
MAX_PAGE = 500
LIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


def _member_projects(user) -> QuerySet:
    return ProjectMember.objects.filter(user=user).values("project_id")


def visible_q(user) -> Q:
    """The events a person may see, as a database filter (kept equal to `rules.may_see`)."""
    public = Q(project__isnull=True)
    if not user.is_authenticated:
        return public
    return public | Q(project_id__in=_member_projects(user)) | Q(organiser=user)


def facts_for(user, event: Event) -> rules.EventFacts:
    if not user.is_authenticated:
        return rules.EventFacts(is_project_event=event.project_id is not None)
    role = None
    if event.project_id:
        role = ProjectMember.objects.filter(project_id=event.project_id, user=user).values_list("role", flat=True).first()
    return rules.EventFacts(
        is_organiser=event.organiser_id == user.pk,
        staff_covers=event.project_id is None and staff_reach(user, Capability.ORGANISE_EVENTS).covers(event.country),
        is_project_admin=role in ADMIN_ROLES,
        is_project_member=role is not None,
        is_project_event=event.project_id is not None,
    )


def _events() -> QuerySet[Event]:
    return Event.objects.select_related("organiser", "project")


def event_for_user(user, event_id: int, *, for_update: bool = False) -> Event:
    qs = _events().select_for_update(of=("self",)) if for_update else _events()
    event = qs.filter(pk=event_id).first()
    if event is None or not rules.may_see(facts_for(user, event)):
        raise not_found()
    return event


def event_for_manager(user, event_id: int, *, for_update: bool = False) -> Event:
    """The event, for someone who may manage it; a refusal that names the organiser otherwise."""
    event = event_for_user(user, event_id, for_update=for_update)
    refusal = rules.manage_refusal(facts_for(user, event),
                                   organiser_name=event.organiser.display_name if event.organiser_id else "")
    if refusal is not None:
        raise ApplicationError(refusal)
    return event


def may_manage(user, event: Event) -> bool:
    return user.is_authenticated and rules.may_manage(facts_for(user, event))


def may_organise(user) -> bool:
    """Someone who can create an event for everyone (NSS, CSS); teachers organise within projects."""
    return user.is_authenticated and bool(staff_reach(user, Capability.ORGANISE_EVENTS))


def organiser_countries(user) -> list[str]:
    reach = staff_reach(user, Capability.ORGANISE_EVENTS)
    return sorted(reach.countries) if not reach.everywhere else []


def administered_projects(user) -> QuerySet:
    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(members__user=user, members__role__in=ADMIN_ROLES,
                                  state=ProjectState.OPEN).order_by("title")


def with_seats(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.annotate(
        taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)))


@dataclass
class EventFilters:
    q: str = ""
    language: str = ""
    audience: str = ""
    kind: str = ""
    country: str = ""
    when: str = "upcoming"  # or "past"


def events_search(user, filters: EventFilters, *, page: int = 1):
    """The events calendar: what the person may see, filtered, upcoming first (or past, newest first)."""
    now = timezone.now()
    qs = _events().filter(visible_q(user))
    if filters.when == "past":
        qs = qs.filter(ends_at__lt=now, status=EventStatus.PUBLISHED).order_by("-starts_at", "-id")
    else:
        qs = qs.filter(ends_at__gte=now).order_by("starts_at", "id")
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.audience:
        qs = qs.filter(audience=filters.audience)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.country:
        qs = qs.filter(country=filters.country.upper())
    if filters.q:
        qs = qs.filter(title__icontains=filters.q.strip()[:100])
    paginator = Paginator(with_seats(qs), PAGE_SIZE)
    return paginator.get_page(min(max(page, 1), MAX_PAGE))


def registration_of(user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def waiting_position(registration: Registration) -> int:
    return Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITING,
                                       queued_at__lte=registration.queued_at).exclude(
        queued_at=registration.queued_at, id__gt=registration.pk).count()


def registrations_of_event(event: Event) -> QuerySet[Registration]:
    return (Registration.objects.filter(event=event, status__in=LIVE).select_related("user")
            .order_by("status", "queued_at", "id"))


def registrations_of(user) -> QuerySet[Registration]:
    """A person's events (registered, waiting, attended), soonest first."""
    return (Registration.objects.filter(user=user, status__in=LIVE).select_related("event")
            .order_by("event__starts_at", "event_id"))


def certificate_registration_for(user, registration_id: int) -> Registration:
    """The attendee, or whoever manages the event, may download a certificate."""
    registration = (Registration.objects.select_related("event", "event__organiser", "user")
                    .filter(pk=registration_id).first() if user.is_authenticated else None)
    if registration is None:
        raise not_found()
    if registration.user_id != user.pk and not may_manage(user, registration.event):
        raise not_found()
    return registration


def registration_by_code(code: str) -> Registration | None:
    if not code:
        return None
    return (Registration.objects.select_related("event", "user")
            .filter(certificate_code=code, attended=True).first())


def activities_of(event: Event) -> list[Activity]:
    return list(event.activities.all())


def completed_activity_ids(user, event: Event) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(ActivityCompletion.objects.filter(user=user, activity__event=event)
               .values_list("activity_id", flat=True))


def calendar_events_for(user) -> QuerySet[Event]:
    """What goes into the person's calendar feed: the events they hold a place at, from a month ago."""
    since = timezone.now() - timedelta(days=31)
    return (Event.objects.filter(registrations__user=user, registrations__status=RegistrationStatus.REGISTERED,
                                 status=EventStatus.PUBLISHED, ends_at__gte=since)
            .order_by("starts_at", "id"))


def is_learning(event: Event) -> bool:
    return event.kind == EventKind.LEARNING
