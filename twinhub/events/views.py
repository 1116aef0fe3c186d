"""Event pages: the calendar and list, one event (registration, activities, discussion,
materials, attendance), organising, "My events" with certificates. Thin: parse, call one
selector or service, render; refusals are shown in full by `core.pages`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.core.errors import ApplicationError
from twinhub.core.pages import attempt, explains_refusals, show_refusal
from twinhub.events import rules, selectors, services
from twinhub.events.certificates import participation_pdf
from twinhub.events.forms import EventEditForm, EventFilterForm, EventForm, GalleryFilterForm, KitForm
from twinhub.events.models import EventKind, GalleryEntry, RegistrationStatus
from twinhub.events.registries import event_entry
from twinhub.events.timezones import zone_for_request
from twinhub.projects.forms import PREFILL_SESSION_KEY
from twinhub.projects.selectors import member_countries_by_project
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach
from twinhub.twinspace.calendar import ical_calendar
from twinhub.twinspace.models import Page


@explains_refusals
def events_page(request):
    form = EventFilterForm(request.GET or None)
    filters = selectors.EventFilters(**{k: v for k, v in form.cleaned_data.items() if v}) \
        if form.is_valid() else selectors.EventFilters()
    try:
        page_number = int(request.GET.get("page", 1))
    except ValueError:
        page_number = 1
    page = selectors.events_search(request.user, filters, page=page_number)
    zone = zone_for_request(request)
    for event in page.object_list:
        event.local_day = event.starts_at.astimezone(zone).date()  # the days of the viewer's calendar
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "events/list.html", {
        "form": form, "page": page, "zone": zone, "past": filters.when == "past",
        "query": query.urlencode(), "now": timezone.now(),
        "can_organise": selectors.may_organise(request.user) or selectors.administered_projects(request.user).exists(),
    })


def _detail_context(request, event) -> dict:
    user = request.user
    registration = selectors.registration_of(user, event)
    manages = selectors.may_manage(user, event)
    learning = event.kind == EventKind.LEARNING
    now = timezone.now()
    activities = selectors.activities_of(event) if learning else []
    done = selectors.completed_activity_ids(user, event) if learning else set()
    reads, writes = selectors.discussion_access(user, event) if learning else (False, False)
    return {
        "event": event, "registration": registration, "manages": manages, "learning": learning,
        "zone": zone_for_request(request), "now": now, "started": now >= event.starts_at,
        "open": now < rules.registration_closes_at(kind=event.kind, starts_at=event.starts_at, ends_at=event.ends_at),
        "taken": event.registrations.filter(status=RegistrationStatus.REGISTERED).count(),
        "waiting_position": selectors.waiting_position(registration)
        if registration and registration.status == RegistrationStatus.WAITING else None,
        "activities": activities, "done": done,
        "threads": selectors.discussion_threads(event) if reads else [],
        "discussion_reads": reads, "discussion_writes": writes,
        "materials": list(event.materials.all()),
        "registrations": list(selectors.registrations_of_event(event)) if manages else [],
        "participant": manages or (registration is not None and registration.status == RegistrationStatus.REGISTERED),
    }


@explains_refusals
def event_detail(request, event_id: int):
    event = selectors.event_for_user(request.user, event_id)
    crumbs = [(_("Events"), reverse("events")), (event.title, "")]
    return render(request, "events/detail.html", {**_detail_context(request, event), "breadcrumbs": crumbs})


@explains_refusals
def event_ics(request, event_id: int):
    event = selectors.event_for_user(request.user, event_id)
    body = ical_calendar([event_entry(event)], site_url=settings.SITE_URL)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


ACTIONS = {
    "register": (lambda r, e: services.registration_create(user=r.user, event_id=e),
                 lambda: _("Done: see your place below.")),
    "unregister": (lambda r, e: services.registration_cancel(user=r.user, event_id=e),
                   lambda: _("Your registration was cancelled.")),
    "cancel_event": (lambda r, e: services.event_cancel(actor=r.user, event_id=e),
                     lambda: _("The event was cancelled; everyone registered was told.")),
    "attendance": (lambda r, e: services.attendance_mark(
        actor=r.user, event_id=e, registration_id=_int(r.POST.get("registration")),
        attended=r.POST.get("attended") == "1"), lambda: _("Attendance saved.")),
    "activity": (lambda r, e: services.activity_post(
        actor=r.user, event_id=e, week=_int(r.POST.get("week"), 1), title=r.POST.get("title", ""),
        body=r.POST.get("body", "")), lambda: _("The activity was posted.")),
    "done": (lambda r, e: services.activity_complete(user=r.user, event_id=e,
                                                     activity_id=_int(r.POST.get("activity"))),
             lambda: _("Marked as done.")),
    "material": (lambda r, e: services.material_add(actor=r.user, event_id=e, title=r.POST.get("title", ""),
                                                    url=r.POST.get("url", "")),
                 lambda: _("The material was added.")),
}


@login_required
@require_POST
@explains_refusals
def event_action(request, event_id: int, action: str):
    if action not in ACTIONS:
        raise Http404
    call, done = ACTIONS[action]
    attempt(request, lambda: call(request, event_id), done=done())
    return redirect("event_detail", event_id)


@login_required
@explains_refusals
def event_new(request):
    reach = staff_reach(request.user, Capability.ORGANISE_EVENTS)
    projects = list(selectors.administered_projects(request.user))
    zone = zone_for_request(request)
    form = EventForm(request.POST or None, countries=sorted(reach.countries) if not reach.everywhere else (),
                     everywhere=reach.everywhere, projects=projects, zone=zone,
                     initial={"kind": request.GET.get("kind", EventKind.SEMINAR)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = attempt(request, lambda: services.event_create(actor=request.user, **form.service_arguments()),
                              done=_("The event was published."))
            if outcome.ok:
                return redirect("event_detail", outcome.result.pk)
            status = outcome.status
        else:
            status = 400
    return render(request, "events/new.html", {"form": form, "zone": zone,
                                               "breadcrumbs": [(_("Events"), reverse("events")),
                                                               (_("Organise an event"), "")],
                                               "may_organise": bool(reach) or bool(projects)}, status=status)


@login_required
@explains_refusals
def event_edit(request, event_id: int):
    """The organisers change an event; a new time is announced to the people registered."""
    event = selectors.event_for_manager(request.user, event_id)
    zone = zone_for_request(request)
    form = EventEditForm(request.POST or None, event=event, zone=zone)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = attempt(request, lambda: services.event_update(
                actor=request.user, event_id=event.pk, **form.service_arguments()),
                done=_("The event was saved; the people registered were told of any new time."))
            if outcome.ok:
                return redirect("event_detail", event.pk)
            status = outcome.status
        else:
            status = 400
    crumbs = [(_("Events"), reverse("events")), (event.title, reverse("event_detail", args=[event.pk])),
              (_("Edit"), "")]
    return render(request, "events/edit.html", {"form": form, "zone": zone, "event": event, "breadcrumbs": crumbs},
                  status=status)


@login_required
@explains_refusals
def my_events(request):
    registrations = list(selectors.registrations_of(request.user))
    now = timezone.now()
    return render(request, "events/mine.html", {
        "upcoming": [r for r in registrations if r.event.ends_at >= now],
        "past": [r for r in registrations if r.event.ends_at < now],
        "zone": zone_for_request(request),
        "breadcrumbs": [(_("Events"), reverse("events")), (_("My events"), "")],
    })


@login_required
@explains_refusals
def certificate_download(request, registration_id: int):
    registration = selectors.certificate_registration_for(request.user, registration_id)
    refusal = rules.certificate_refusal(attended=registration.attended)
    if refusal is not None:
        raise ApplicationError(refusal)
    response = HttpResponse(participation_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="participation-{registration.certificate_code}.pdf"'
    return response


# --- The project gallery ---------------------------------------------------------------------------

@explains_refusals
def gallery_page(request):
    form = GalleryFilterForm(request.GET or None)
    filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    page = selectors.gallery_search(**filters, page=_int(request.GET.get("page"), 1))
    projects = list(page.object_list)
    labels, countries = selectors.label_kinds_by_project(projects), member_countries_by_project(projects)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "events/gallery.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "rows": [(p, labels.get(p.pk, []), countries.get(p.pk, [])) for p in projects],
        "founds_projects": bool(selectors.founded_projects(request.user))})


@explains_refusals
def gallery_detail(request, project_id: int):
    project = selectors.gallery_project(project_id)
    return render(request, "events/gallery_detail.html", {
        "breadcrumbs": [(_("Project gallery"), reverse("gallery")), (project.title, "")], "project": project, "entry": getattr(project, "gallery_entry", None),
        "labels": selectors.label_kinds_by_project([project]).get(project.pk, []),
        "countries": member_countries_by_project([project]).get(project.pk, []),
        "pages": selectors.gallery_pages(project)})


@explains_refusals
def gallery_cover(request, project_id: int):
    cover = selectors.gallery_cover(project_id)
    field = cover.thumbnail or cover.file
    response = FileResponse(field.open("rb"), content_type="image/jpeg" if cover.thumbnail else cover.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@login_required
@explains_refusals
def gallery_mine(request):
    rows = []
    for project in selectors.founded_projects(request.user):
        entry = GalleryEntry.objects.filter(project=project).prefetch_related("pages").first()
        consenting = selectors.consenting_ids(project)
        founders = selectors.founder_ids(project)
        has_label = selectors.holds_label(project)
        rows.append({
            "project": project, "entry": entry, "has_label": has_label, "agreed": request.user.pk in consenting,
            "listed": rules.gallery_listed(holds_label=has_label, founder_ids=founders, consenting_ids=consenting),
            "waiting_for_other": has_label and request.user.pk in consenting and not founders <= consenting,
            "pages": Page.objects.filter(project=project, is_public=True, is_hidden=False).order_by("position", "id"),
            "chosen": {p.pk for p in entry.pages.all()} if entry else set(),
            "covers": selectors.cover_candidates(project),
        })
    return render(request, "events/gallery_mine.html", {
        "rows": rows, "breadcrumbs": [(_("Project gallery"), reverse("gallery")), (_("My projects in the gallery"), "")]})


@login_required
@require_POST
@explains_refusals
def gallery_action(request, project_id: int, action: str):
    try:
        if action == "agree":
            services.gallery_consent_give(user=request.user, project_id=project_id)
            messages.success(request, _("Thank you: the project is shown once every founder has agreed."))
        elif action == "withdraw":
            services.gallery_consent_withdraw(user=request.user, project_id=project_id)
            messages.success(request, _("You withdrew your consent: the project is no longer shown in the gallery."))
        elif action == "save":
            services.gallery_entry_save(
                user=request.user, project_id=project_id, summary=request.POST.get("summary", ""),
                cover_id=_int(request.POST.get("cover")) or None,
                page_ids=[_int(v) for v in request.POST.getlist("pages") if _int(v)],
                cover_upload=request.FILES.get("cover_upload"))
            messages.success(request, _("The gallery entry was saved."))
        else:
            raise Http404
    except ApplicationError as error:
        show_refusal(request, error)
    return redirect("gallery_mine")


# --- Kits --------------------------------------------------------------------------------------------

@explains_refusals
def kits_page(request):
    form = GalleryFilterForm(request.GET or None)
    filters = {k: form.cleaned_data.get(k) or "" for k in ("q", "subject", "age_range")} if form.is_valid() else {}
    return render(request, "events/kits.html", {
        "kits": list(selectors.kits_search(**filters)[:100]), "form": form,
        "may_write": selectors.may_write_kits(request.user), "turkish": request.LANGUAGE_CODE.startswith("tr")})


@explains_refusals
def kit_detail(request, kit_id: int):
    kit = selectors.kit_for_anyone(kit_id)
    title = kit.title_tr if request.LANGUAGE_CODE.startswith("tr") else kit.title_en
    return render(request, "events/kit_detail.html", {
        "breadcrumbs": [(_("Project kits"), reverse("kits")), (title, "")], "kit": kit, "turkish": request.LANGUAGE_CODE.startswith("tr"),
        "may_write": selectors.may_write_kits(request.user)})


@login_required
@require_POST
@explains_refusals
def kit_start(request, kit_id: int):
    """Start a project from the kit: the new project form, filled in (nothing is created yet)."""
    kit = selectors.kit_for_anyone(kit_id)
    request.session[PREFILL_SESSION_KEY] = selectors.kit_project_prefill(kit, request.LANGUAGE_CODE)
    return redirect("project_new")


@login_required
@explains_refusals
def kit_edit(request, kit_id: int | None = None):
    kit = selectors.kit_for_anyone(kit_id) if kit_id else None
    initial = {}
    if kit is not None:
        weeks = list(kit.weeks.all())
        initial = {f: getattr(kit, f) for f in ("title_en", "title_tr", "aims_en", "aims_tr", "tools_en", "tools_tr",
                                                "subjects", "age_ranges")}
        initial |= {"weeks_en": "\n".join(w.activities_en for w in weeks),
                    "weeks_tr": "\n".join(w.activities_tr for w in weeks)}
    form = KitForm(request.POST or None, initial=initial)
    reach = staff_reach(request.user, Capability.ORGANISE_EVENTS)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            outcome = attempt(request, lambda: services.kit_save(
                actor=request.user, kit_id=kit.pk if kit else None,
                country="" if reach.everywhere else next(iter(sorted(reach.countries)), ""), **form.service_arguments()),
                done=_("The kit was saved."))
            if outcome.ok:
                return redirect("kit_detail", outcome.result.pk)
            status = outcome.status
        else:
            status = 400
    return render(request, "events/kit_edit.html", {"form": form, "kit": kit, "may_write": bool(reach)},
                  status=status)
