"""Event pages: the calendar and list, one event (registration, activities, discussion,
materials, attendance), organising, "My events" with certificates. Thin: parse, call one
selector or service, render; refusals are shown in full by `core.pages`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.core.errors import ApplicationError
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.events import rules, selectors, services
from twinhub.events.certificates import participation_pdf
from twinhub.events.forms import EventFilterForm, EventForm
from twinhub.events.models import EventKind, RegistrationStatus
from twinhub.events.registries import event_entry
from twinhub.events.timezones import zone_for_request
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach
from twinhub.twinspace.calendar import ical_calendar


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
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "events/list.html", {
        "form": form, "page": page, "zone": zone_for_request(request), "past": filters.when == "past",
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
    return {
        "event": event, "registration": registration, "manages": manages, "learning": learning,
        "zone": zone_for_request(request), "now": now, "started": now >= event.starts_at,
        "open": now < rules.registration_closes_at(kind=event.kind, starts_at=event.starts_at, ends_at=event.ends_at),
        "taken": event.registrations.filter(status=RegistrationStatus.REGISTERED).count(),
        "waiting_position": selectors.waiting_position(registration)
        if registration and registration.status == RegistrationStatus.WAITING else None,
        "activities": activities, "done": done,
        "posts": list(event.posts.select_related("author")) if learning else [],
        "materials": list(event.materials.all()),
        "registrations": list(selectors.registrations_of_event(event)) if manages else [],
        "participant": manages or (registration is not None and registration.status == RegistrationStatus.REGISTERED),
    }


@explains_refusals
def event_detail(request, event_id: int):
    event = selectors.event_for_user(request.user, event_id)
    return render(request, "events/detail.html", _detail_context(request, event))


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
    "post": (lambda r, e: services.post_create(user=r.user, event_id=e, body=r.POST.get("body", "")),
             lambda: _("Your message was posted.")),
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
    try:
        call(request, event_id)
    except ApplicationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, done())
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
            try:
                event = services.event_create(actor=request.user, **form.service_arguments())
            except ApplicationError as error:
                status = show_refusal(request, error).status
            else:
                messages.success(request, _("The event was published."))
                return redirect("event_detail", event.pk)
        else:
            status = 400
    return render(request, "events/new.html", {"form": form, "zone": zone,
                                               "may_organise": bool(reach) or bool(projects)}, status=status)


@login_required
@explains_refusals
def my_events(request):
    registrations = list(selectors.registrations_of(request.user))
    now = timezone.now()
    return render(request, "events/mine.html", {
        "upcoming": [r for r in registrations if r.event.ends_at >= now],
        "past": [r for r in registrations if r.event.ends_at < now],
        "zone": zone_for_request(request),
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
