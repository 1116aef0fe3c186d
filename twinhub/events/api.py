"""Events under /api/v1/events: the calendar, one event, registering and cancelling, attendance,
activities, materials, the discussion, certificates of participation and their public check."""

from datetime import UTC, datetime

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status

from twinhub.accounts.api_auth import BearerToken, BrowserSession
from twinhub.core.errors import ApplicationError, not_found
from twinhub.events import rules, selectors, services
from twinhub.events.certificates import find_participation, participation_pdf
from twinhub.events.models import Event, Registration
from twinhub.projects.selectors import member_countries_by_project

router = Router(tags=["events"])


def anyone(request):
    """Public reads: a token or session is used when given (a project's event shows to its members)."""
    return request.user


PUBLIC = [BearerToken(), BrowserSession(), anyone]


class EventFilter(Schema):
    q: str = Field("", max_length=100)
    language: str = Field("", max_length=8)
    audience: str = Field("", max_length=12)
    kind: str = Field("", max_length=10)
    country: str = Field("", max_length=2)
    when: str = Field("upcoming", pattern="^(upcoming|past)$")
    page: int = Field(1, ge=1, le=selectors.MAX_PAGE)


class EventIn(Schema):
    kind: str = Field(..., max_length=10)
    title: str = Field(..., max_length=rules.TITLE_MAX_LENGTH)
    description: str = Field("", max_length=10000)
    language: str = Field(..., max_length=8)
    audience: str = Field("all", max_length=12)
    country: str = Field("", max_length=2)
    starts_at: datetime
    ends_at: datetime
    link: str = Field("", max_length=200)
    capacity: int = Field(..., ge=1, le=rules.MAX_CAPACITY)
    project_id: int | None = None


class EventUpdateIn(Schema):
    """The fields to change (the others keep their values); kind, country and project are fixed."""
    title: str | None = Field(None, max_length=rules.TITLE_MAX_LENGTH)
    description: str | None = Field(None, max_length=10000)
    language: str | None = Field(None, max_length=8)
    audience: str | None = Field(None, max_length=12)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    link: str | None = Field(None, max_length=200)
    capacity: int | None = Field(None, ge=1, le=rules.MAX_CAPACITY)


class EventOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    language: str
    audience: str
    country: str
    project_id: int | None
    organiser: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    status: str
    link: str  # only for the registered and the organisers
    discussion_group_id: int | None  # a learning event's discussion: /groups/{id}/threads (its members)


class EventPage(Schema):
    items: list[EventOut]
    page: int
    has_next: bool


class RegistrationOut(Schema):
    id: int
    event_id: int
    user_id: int
    name: str
    status: str
    attended: bool
    certificate_code: str | None


class AttendanceIn(Schema):
    attended: bool = True


class ActivityIn(Schema):
    week: int = Field(..., ge=1, le=rules.LEARNING_MAX_WEEKS)
    title: str = Field(..., max_length=rules.TITLE_MAX_LENGTH)
    body: str = Field("", max_length=10000)


class MaterialIn(Schema):
    title: str = Field(..., max_length=rules.TITLE_MAX_LENGTH)
    url: str = Field(..., max_length=200)


class IdOut(Schema):
    id: int


class EventVerificationOut(Schema):
    valid: bool
    kind: str
    holder: str
    event: str
    date: str


def _aware(moment: datetime) -> datetime:
    """A time sent without an offset is read as UTC (a mix of both could not be compared)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def event_out(event: Event, *, show_link: bool = False) -> dict:
    return {"id": event.pk, "kind": event.kind, "title": event.title, "description": event.description,
            "language": event.language, "audience": event.audience, "country": event.country,
            "project_id": event.project_id, "organiser": event.organiser.display_name if event.organiser_id else "",
            "starts_at": event.starts_at, "ends_at": event.ends_at, "capacity": event.capacity,
            "status": event.status, "link": event.link if show_link else "", "discussion_group_id": event.discussion_id}


def registration_out(r: Registration) -> dict:
    return {"id": r.pk, "event_id": r.event_id, "user_id": r.user_id, "name": r.user.display_name,
            "status": r.status, "attended": r.attended, "certificate_code": r.certificate_code}


def _sees_link(user, event: Event) -> bool:
    registration = selectors.registration_of(user, event)
    return selectors.may_manage(user, event) or (registration is not None and registration.status == "registered")


@router.get("/events", response=EventPage, auth=PUBLIC, summary="The events calendar (upcoming or past), filtered")
def events_list(request, filters: Query[EventFilter]):
    data = filters.dict()
    page = selectors.events_search(request.user, selectors.EventFilters(
        **{k: v for k, v in data.items() if k != "page"}), page=data["page"])
    return {"page": page.number, "has_next": page.has_next(), "items": [event_out(e) for e in page.object_list]}


@router.post("/events", response={201: EventOut},
             summary="Organise an event (refusals: event_cannot_organise, invalid_event)")
def events_create(request, payload: EventIn):
    event = services.event_create(actor=request.auth, **payload.dict())
    return Status(201, event_out(event, show_link=True))


@router.get("/events/{event_id}", response=EventOut, auth=PUBLIC)
def events_get(request, event_id: int):
    event = selectors.event_for_user(request.user, event_id)
    return event_out(event, show_link=_sees_link(request.user, event))


@router.patch("/events/{event_id}", response=EventOut,
              summary="Change an event (organisers; refusals: event_not_organiser, event_capacity_below_taken, "
                      "event_cancelled, invalid_event); a new time is announced to the people registered")
def events_update(request, event_id: int, payload: EventUpdateIn):
    event = selectors.event_for_manager(request.auth, event_id)
    changes = payload.dict(exclude_unset=True)
    values = {field: changes[field] if changes.get(field) is not None else getattr(event, field)
              for field in ("title", "description", "language", "audience", "starts_at", "ends_at", "link",
                            "capacity")}
    values["starts_at"], values["ends_at"] = _aware(values["starts_at"]), _aware(values["ends_at"])
    return event_out(services.event_update(actor=request.auth, event_id=event_id, **values), show_link=True)


@router.post("/events/{event_id}/cancel", response=EventOut, summary="Cancel the event (organisers)")
def events_cancel(request, event_id: int):
    return event_out(services.event_cancel(actor=request.auth, event_id=event_id), show_link=True)


@router.post("/events/{event_id}/registration", response={201: RegistrationOut},
             summary="Register (a place, or the waiting list when full; refusals: not_etwinner, registration_closed, …)")
def registration_create(request, event_id: int):
    return Status(201, registration_out(services.registration_create(user=request.auth, event_id=event_id)))


@router.delete("/events/{event_id}/registration", response=RegistrationOut,
               summary="Cancel your registration (the first person waiting moves up)")
def registration_cancel(request, event_id: int):
    return registration_out(services.registration_cancel(user=request.auth, event_id=event_id))


@router.get("/events/{event_id}/registrations", response=list[RegistrationOut], summary="Who registered (organisers)")
def registrations_list(request, event_id: int):
    event = selectors.event_for_manager(request.auth, event_id)
    return [registration_out(r) for r in selectors.registrations_of_event(event)]


@router.post("/events/{event_id}/registrations/{registration_id}/attendance", response=RegistrationOut,
             summary="Record attendance (organisers; gives a certificate of participation)")
def attendance_mark(request, event_id: int, registration_id: int, payload: AttendanceIn):
    registration = services.attendance_mark(actor=request.auth, event_id=event_id, registration_id=registration_id,
                                            attended=payload.attended)
    return registration_out(registration)


@router.post("/events/{event_id}/activities", response={201: IdOut}, summary="Post a learning event's activity")
def activities_create(request, event_id: int, payload: ActivityIn):
    return Status(201, {"id": services.activity_post(actor=request.auth, event_id=event_id, **payload.dict()).pk})


@router.post("/events/{event_id}/activities/{activity_id}/done", response=RegistrationOut,
             summary="Mark an activity done (the last one records attendance)")
def activities_done(request, event_id: int, activity_id: int):
    registration = services.activity_complete(user=request.auth, event_id=event_id, activity_id=activity_id)
    return registration_out(registration)


@router.post("/events/{event_id}/materials", response={201: IdOut}, summary="Add a material (organisers)")
def materials_create(request, event_id: int, payload: MaterialIn):
    return Status(201, {"id": services.material_add(actor=request.auth, event_id=event_id, **payload.dict()).pk})


@router.get("/me/event-registrations", response=list[RegistrationOut], summary="Your events")
def my_registrations(request):
    return [registration_out(r) for r in selectors.registrations_of(request.auth).select_related("user")]


@router.get("/event-registrations/{registration_id}/certificate.pdf", summary="A certificate of participation (PDF)")
def certificate_get(request, registration_id: int):
    registration = selectors.certificate_registration_for(request.auth, registration_id)
    refusal = rules.certificate_refusal(attended=registration.attended)
    if refusal is not None:
        raise ApplicationError(refusal)
    response = HttpResponse(participation_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="participation-{registration.certificate_code}.pdf"'
    return response


@router.get("/events/certificates/{code}", response=EventVerificationOut, auth=None,
            summary="Check a certificate of participation's code (public)")
def certificate_verify(request, code: str):
    found = find_participation(code.strip().upper()[:32])
    if found is None:
        raise not_found()
    return {"valid": True, "kind": found.kind, "holder": found.holder, "event": found.subject, "date": found.date}


# --- The project gallery ---------------------------------------------------------------------------

class GalleryFilter(Schema):
    q: str = Field("", max_length=100)
    country: str = Field("", max_length=2)
    subject: str = Field("", max_length=40)
    age_range: str = Field("", max_length=10)
    label: str = Field("", pattern="^(|nql|eql)$")
    page: int = Field(1, ge=1, le=selectors.MAX_PAGE)


class GalleryProjectOut(Schema):
    id: int
    title: str
    summary: str
    countries: list[str]
    age_ranges: list[str]
    subjects: list[str]
    labels: list[str]
    has_cover: bool
    pages: list[IdOut] = []


class GalleryPage(Schema):
    items: list[GalleryProjectOut]
    page: int
    has_next: bool


class GalleryEntryIn(Schema):
    summary: str = Field("", max_length=rules.SUMMARY_MAX_LENGTH)
    cover_id: int | None = None
    page_ids: list[int] = Field(default_factory=list, max_length=rules.GALLERY_MAX_PAGES)


class ConsentOut(Schema):
    project_id: int
    agreed: bool
    listed: bool


def _gallery_out(project, labels, countries, pages=()) -> dict:
    entry = getattr(project, "gallery_entry", None)
    return {"id": project.pk, "title": project.title, "summary": (entry.summary if entry else "") or project.description,
            "countries": countries.get(project.pk, []), "age_ranges": project.age_ranges, "subjects": project.subjects,
            "labels": labels.get(project.pk, []), "has_cover": bool(entry and entry.cover_id),
            "pages": [{"id": p.pk} for p in pages]}


@router.get("/gallery", response=GalleryPage, auth=None, summary="Labelled projects shown with their founders' consent")
def gallery_list(request, filters: Query[GalleryFilter]):
    data = filters.dict()
    page = selectors.gallery_search(**data)
    projects = list(page.object_list)
    labels, countries = selectors.label_kinds_by_project(projects), member_countries_by_project(projects)
    return {"page": page.number, "has_next": page.has_next(),
            "items": [_gallery_out(p, labels, countries) for p in projects]}


@router.get("/gallery/{project_id}", response=GalleryProjectOut, auth=None)
def gallery_get(request, project_id: int):
    project = selectors.gallery_project(project_id)
    return _gallery_out(project, selectors.label_kinds_by_project([project]),
                        member_countries_by_project([project]), selectors.gallery_pages(project))


def _consent_out(user, project_id: int) -> dict:
    project = selectors.founded_project(user, project_id)
    consenting = selectors.consenting_ids(project)
    return {"project_id": project.pk, "agreed": user.pk in consenting,
            "listed": rules.gallery_listed(holds_label=selectors.holds_label(project),
                                           founder_ids=selectors.founder_ids(project), consenting_ids=consenting)}


@router.post("/projects/{project_id}/gallery-consent", response=ConsentOut,
             summary="A founder agrees to show the project (refusals: gallery_not_founder, gallery_no_label)")
def gallery_consent(request, project_id: int):
    services.gallery_consent_give(user=request.auth, project_id=project_id)
    return _consent_out(request.auth, project_id)


@router.delete("/projects/{project_id}/gallery-consent", response=ConsentOut,
               summary="A founder withdraws consent: the project leaves the gallery at once")
def gallery_withdraw(request, project_id: int):
    services.gallery_consent_withdraw(user=request.auth, project_id=project_id)
    return _consent_out(request.auth, project_id)


@router.put("/projects/{project_id}/gallery-entry", response=IdOut, summary="The gallery's summary, cover and pages")
def gallery_entry(request, project_id: int, payload: GalleryEntryIn):
    entry = services.gallery_entry_save(user=request.auth, project_id=project_id, **payload.dict())
    return {"id": entry.pk}


# --- Kits --------------------------------------------------------------------------------------------

class KitFilter(Schema):
    q: str = Field("", max_length=100)
    subject: str = Field("", max_length=40)
    age_range: str = Field("", max_length=10)


class KitWeekIO(Schema):
    en: str = Field(..., max_length=5000)
    tr: str = Field(..., max_length=5000)


class KitIn(Schema):
    title_en: str = Field(..., max_length=rules.TITLE_MAX_LENGTH)
    title_tr: str = Field(..., max_length=rules.TITLE_MAX_LENGTH)
    aims_en: str = Field(..., max_length=5000)
    aims_tr: str = Field(..., max_length=5000)
    tools_en: str = Field("", max_length=5000)
    tools_tr: str = Field("", max_length=5000)
    subjects: list[str] = Field(default_factory=list, max_length=20)
    age_ranges: list[str] = Field(default_factory=list, max_length=10)
    weeks: list[KitWeekIO] = Field(..., max_length=rules.KIT_MAX_WEEKS)
    country: str = Field("", max_length=2)


class KitOut(Schema):
    id: int
    title_en: str
    title_tr: str
    aims_en: str
    aims_tr: str
    tools_en: str
    tools_tr: str
    subjects: list[str]
    age_ranges: list[str]
    country: str
    weeks: list[KitWeekIO]


class ProjectPrefillOut(Schema):
    title: str
    description: str
    subjects: list[str]
    age_ranges: list[str]


def _kit_out(kit) -> dict:
    return {**{f: getattr(kit, f) for f in ("id", "title_en", "title_tr", "aims_en", "aims_tr", "tools_en",
                                            "tools_tr", "subjects", "age_ranges", "country")},
            "weeks": [{"en": w.activities_en, "tr": w.activities_tr} for w in kit.weeks.all()]}


@router.get("/kits", response=list[KitOut], auth=None, summary="Ready-made project plans, in English and Turkish")
def kits_list(request, filters: Query[KitFilter]):
    return [_kit_out(k) for k in selectors.kits_search(**filters.dict())[:100]]


@router.get("/kits/{kit_id}", response=KitOut, auth=None)
def kits_get(request, kit_id: int):
    return _kit_out(selectors.kit_for_anyone(kit_id))


@router.post("/kits", response={201: KitOut}, summary="Write a kit (NSS for its country, CSS; refusal: invalid_kit)")
def kits_create(request, payload: KitIn):
    data = payload.dict()
    weeks = [(w["en"], w["tr"]) for w in data.pop("weeks")]
    return Status(201, _kit_out(services.kit_save(actor=request.auth, weeks=weeks, **data)))


@router.put("/kits/{kit_id}", response=KitOut, summary="Change a kit (its author's service, or CSS)")
def kits_update(request, kit_id: int, payload: KitIn):
    data = payload.dict()
    data.pop("country")
    weeks = [(w["en"], w["tr"]) for w in data.pop("weeks")]
    return _kit_out(services.kit_save(actor=request.auth, kit_id=kit_id, weeks=weeks, **data))


@router.get("/kits/{kit_id}/project-prefill", response=ProjectPrefillOut, auth=None,
            summary="The new project's fields, filled from the kit (in the language asked for)")
def kits_prefill(request, kit_id: int):
    return selectors.kit_project_prefill(selectors.kit_for_anyone(kit_id), request.LANGUAGE_CODE)
