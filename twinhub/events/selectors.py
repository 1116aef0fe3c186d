"""Reads about events, each permission-checked: an event out of the reader's reach is "not
found", the same answer as an event that does not exist."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from twinhub.core.errors import ApplicationError, not_found
from twinhub.events import rules
from twinhub.events.models import (
    Activity,
    ActivityCompletion,
    Event,
    EventKind,
    EventStatus,
    GalleryConsent,
    Kit,
    Registration,
    RegistrationStatus,
)
from twinhub.groups import rules as group_rules
from twinhub.groups.models import GroupThread
from twinhub.groups.selectors import group_view
from twinhub.labels.models import Label
from twinhub.projects.models import Project, ProjectMember, ProjectState
from twinhub.projects.rules import ADMIN_ROLES
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach
from twinhub.twinspace.models import Material, MaterialKind, Page

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


# --- The project gallery ---------------------------------------------------------------------------

def founder_ids(project: Project) -> set[int]:
    return {i for i in (project.founder_id, project.cofounder_id) if i}


def holds_label(project: Project) -> bool:
    return Label.objects.filter(project=project).exists()


def gallery_q() -> Q:
    """The listed projects as a database filter (kept equal to `rules.gallery_listed` by a test)."""
    consent = GalleryConsent.objects.filter(project=OuterRef("pk"))
    return (Q(founder__isnull=False) & Q(Exists(Label.objects.filter(project=OuterRef("pk"))))
            & Q(Exists(consent.filter(user=OuterRef("founder_id"))))
            & (Q(cofounder__isnull=True) | Q(Exists(consent.filter(user=OuterRef("cofounder_id"))))))


GALLERY_PAGE_SIZE = 12


def gallery_search(*, q: str = "", country: str = "", subject: str = "", age_range: str = "", label: str = "",
                   page: int = 1):
    qs = Project.objects.filter(gallery_q()).select_related("gallery_entry").order_by("-id")
    if q:
        qs = qs.filter(title__icontains=q.strip()[:100])
    if country:
        qs = qs.filter(founder_countries__icontains=f'"{country.upper()[:2]}"')
    if subject:
        qs = qs.filter(subjects__icontains=f'"{subject[:40]}"')
    if age_range:
        qs = qs.filter(age_ranges__icontains=f'"{age_range[:10]}"')
    if label:
        qs = qs.filter(Exists(Label.objects.filter(project=OuterRef("pk"), kind=label[:8])))
    return Paginator(qs, GALLERY_PAGE_SIZE).get_page(min(max(page, 1), MAX_PAGE))


def label_kinds_by_project(projects) -> dict[int, list[str]]:
    """The label badges of these projects, in one query."""
    result: dict[int, set[str]] = {p.pk: set() for p in projects}
    for project_id, kind in Label.objects.filter(project__in=[p.pk for p in projects]).values_list(
            "project_id", "kind").distinct():
        result[project_id].add(kind)
    return {k: sorted(v) for k, v in result.items()}


def gallery_project(project_id: int) -> Project:
    """A listed project, for anyone; any other project is "not found"."""
    project = Project.objects.filter(gallery_q(), pk=project_id).select_related("gallery_entry").first()
    if project is None:
        raise not_found()
    return project


def gallery_pages(project: Project) -> list:
    entry = getattr(project, "gallery_entry", None)
    if entry is None:
        return []
    return list(entry.pages.filter(project=project, is_public=True, is_hidden=False).order_by("position", "id"))


def gallery_cover(project_id: int) -> Material:
    project = gallery_project(project_id)
    entry = getattr(project, "gallery_entry", None)
    cover = entry.cover if entry is not None else None
    if cover is None or cover.project_id != project.pk or cover.kind != MaterialKind.IMAGE or cover.is_hidden \
            or cover.author_pupil_id:
        raise not_found()
    return cover


def founded_projects(user) -> list[Project]:
    """The projects this person founded or co-founded, for their gallery choices."""
    if not user.is_authenticated:
        return []
    return list(Project.objects.filter(Q(founder=user) | Q(cofounder=user)).order_by("title"))


def founded_project(user, project_id: int) -> Project:
    """A project the person founded; "not found" for everyone else but its members, who are told
    that only the founders decide."""
    project = Project.objects.filter(pk=project_id).first() if user.is_authenticated else None
    if project is None or not ProjectMember.objects.filter(project=project, user=user).exists():
        raise not_found()
    return project


def consenting_ids(project: Project) -> set[int]:
    return set(GalleryConsent.objects.filter(project=project).values_list("user_id", flat=True))


def public_page_ids(project: Project) -> set[int]:
    return set(Page.objects.filter(project=project, is_public=True, is_hidden=False).values_list("pk", flat=True))


def cover_candidates(project: Project) -> QuerySet[Material]:
    return Material.objects.filter(project=project, kind=MaterialKind.IMAGE, is_hidden=False,
                                   author_pupil__isnull=True)


# --- Kits --------------------------------------------------------------------------------------------

def kits_search(*, q: str = "", subject: str = "", age_range: str = "") -> QuerySet[Kit]:
    qs = Kit.objects.all()
    if q:
        qs = qs.filter(Q(title_en__icontains=q.strip()[:100]) | Q(title_tr__icontains=q.strip()[:100]))
    if subject:
        qs = qs.filter(subjects__icontains=f'"{subject[:40]}"')
    if age_range:
        qs = qs.filter(age_ranges__icontains=f'"{age_range[:10]}"')
    return qs.prefetch_related("weeks")


def kit_for_anyone(kit_id: int) -> Kit:
    kit = Kit.objects.prefetch_related("weeks").filter(pk=kit_id).first()
    if kit is None:
        raise not_found()
    return kit


def may_write_kits(user) -> bool:
    return user.is_authenticated and bool(staff_reach(user, Capability.ORGANISE_EVENTS))


def kit_project_prefill(kit: Kit, language: str) -> dict:
    """The new project form's fields, filled from a kit in the reader's language."""
    turkish = language.startswith("tr")
    title = kit.title_tr if turkish else kit.title_en
    aims = kit.aims_tr if turkish else kit.aims_en
    weeks = [(w.week, w.activities_tr if turkish else w.activities_en) for w in kit.weeks.all()]
    plan = "\n".join(f"{n}. {text}" for n, text in weeks)
    return {"title": title, "description": f"{aims}\n\n{plan}"[:5000], "subjects": list(kit.subjects),
            "age_ranges": list(kit.age_ranges)}


DISCUSSION_PREVIEW = 5


def discussion_access(user, event: Event) -> tuple[bool, bool]:
    """(may read, may start a thread) in the event's discussion: the group's own permission table
    answers (members and moderators write; network staff read and moderate)."""
    if event.discussion_id is None or not user.is_authenticated:
        return False, False
    view = group_view(user, event.discussion_id)
    return view.can(group_rules.VIEW), view.can(group_rules.THREAD_START)


def discussion_threads(event: Event) -> list:
    """The latest threads of a learning event's discussion (its group), shown on the event's page
    to the people who may read it."""
    return list(GroupThread.objects.filter(group_id=event.discussion_id, is_hidden=False)
                .select_related("author_user", "author_pupil").order_by("-last_post_at", "-id")[:DISCUSSION_PREVIEW])


def event_with_discussion(group_id: int) -> Event | None:
    """The event whose discussion space this group is, if any (one query)."""
    return Event.objects.filter(discussion_id=group_id).only("pk", "title").first()
