"""TwinSpace pages. Each view resolves the space for whoever asks (teacher, pupil, guest,
anyone), calls one selector or service and renders; refusals come from the rules."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.core.errors import ApplicationError
from twinhub.core.files import private_file_response
from twinhub.core.htmx import render_page, wants_fragment
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.core.sanitize import sanitize_html, text_to_html
from twinhub.twinspace import calendar, selectors, services
from twinhub.twinspace import permissions as perms
from twinhub.twinspace.models import CalendarFeed

PUPIL_SESSION_KEY = selectors.PUPIL_SESSION_KEY


def _who(request) -> dict:
    user = request.user if request.user.is_authenticated else None
    return {"user": user, "pupil": None if user else selectors.current_pupil(request)}


def _space(request, project_id: int) -> selectors.Space:
    return selectors.space_for(project_id, **_who(request))


def _render(request, template: str, space: selectors.Space, status: int = 200, fragment: str = "", **context):
    """The page; for HTMX, when the page has one, only its `fragment` (decision 36)."""
    context = {"space": space, "project": space.project, "can": space.allowed(),
               "pupil": selectors.current_pupil(request), **context}
    if fragment:
        return render_page(request, template, context, fragment=fragment, status=status)
    return render(request, template, context, status=status)


@explains_refusals
def home(request, project_id: int):
    space = _space(request, project_id)
    can_view = space.can(perms.VIEW)
    return _render(request, "twinspace/home.html", space, pages=selectors.pages_of(space),
                   meetings=list(selectors.meetings_of(space, upcoming_since=timezone.now() - timedelta(hours=2))[:5])
                   if can_view else [],
                   activity=selectors.activity_of(space) if can_view else [])


# --- Pages -------------------------------------------------------------------------------------

@explains_refusals
def page_detail(request, project_id: int, page_id: int):
    space = _space(request, project_id)
    page = selectors.page_for(space, page_id)
    is_author = services._is_author(space, page)
    can_edit = perms.content_change_permission(space.actor.role, perms.PAGE_WRITE, space.project.state,
                                               space.twinspace.content_state, is_author=is_author) is None
    return _render(request, "twinspace/page.html", space, page=page, pages=selectors.pages_of(space),
                   can_edit=can_edit)


@explains_refusals
def page_edit(request, project_id: int, page_id: int | None = None):
    """New page, or edit one. The editor posts HTML; the service sanitises it."""
    space = _space(request, project_id)
    page = selectors.page_for(space, page_id) if page_id else None
    if page is None:
        space.require(perms.PAGE_WRITE)
    else:
        refusal = perms.content_change_permission(space.actor.role, perms.PAGE_WRITE, space.project.state,
                                                  space.twinspace.content_state,
                                                  is_author=services._is_author(space, page))
        if refusal is not None:
            raise ApplicationError(refusal)
    if request.method == "POST":
        fields = {"title": request.POST.get("title", ""), "body_html": request.POST.get("body_html", "")}
        parent = request.POST.get("parent_id", "")
        if space.can(perms.PAGE_PUBLISH):
            fields["is_public"] = request.POST.get("is_public") == "on"
        try:
            if page is None:
                page = services.page_create(project_id=project_id, parent_id=int(parent) if parent.isdigit() else None,
                                            **fields, **_who(request))
            else:
                page = services.page_update(project_id=project_id, page_id=page.pk, **fields, **_who(request))
        except ApplicationError as error:
            # Shown again in the editor (issue 12): cleaned as it would have been stored.
            fields["body_html"] = sanitize_html(fields["body_html"])
            return _render(request, "twinspace/page_edit.html", space, page=page, form=fields,
                           pages=selectors.pages_of(space), status=show_refusal(request, error).status)
        messages.success(request, _("The page was saved."))
        return redirect("twinspace_page", project_id, page.pk)
    form = {"title": page.title, "body_html": page.body_html, "is_public": page.is_public} if page else {}
    return _render(request, "twinspace/page_edit.html", space, page=page, form=form,
                   pages=selectors.pages_of(space), parent_id=request.GET.get("parent", ""))


@require_POST
@explains_refusals
def page_moderate(request, project_id: int, page_id: int, action: str):
    if action == "delete":
        services.page_delete(project_id=project_id, page_id=page_id, **_who(request))
        messages.success(request, _("The page was deleted."))
        return redirect("twinspace_home", project_id)
    if action not in ("hide", "show"):
        raise Http404
    services.page_hide(project_id=project_id, page_id=page_id, hidden=action == "hide", **_who(request))
    return redirect("twinspace_page", project_id, page_id)


# --- Materials ---------------------------------------------------------------------------------

@explains_refusals
def materials(request, project_id: int):
    space = _space(request, project_id)
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a file to upload."))
            status = 400
        else:
            try:
                services.material_upload(project_id=project_id, upload=upload,
                                         name=request.POST.get("name", ""), **_who(request))
            except ApplicationError as error:
                status = show_refusal(request, error).status
            else:
                messages.success(request, _("The file was uploaded."))
                return redirect("twinspace_materials", project_id)
    space = _space(request, project_id)
    return _render(request, "twinspace/materials.html", space, materials=selectors.materials_of(space),
                   status=status)


@explains_refusals
def material_file(request, project_id: int, material_id: int, variant: str = "file"):
    """Files are served only through this permission check; never from a public URL (core/files.py)."""
    space = _space(request, project_id)
    return material_response(selectors.material_for(space, material_id), variant)


def material_response(material, variant: str = "file") -> HttpResponse:
    """A material building block's file (any space's), once the caller has checked permission."""
    field = material.thumbnail if variant == "thumb" else material.file
    if not field:
        raise Http404
    inline = material.kind in ("image", "video", "audio") or variant == "thumb"
    return private_file_response(file=field, filename=material.name, inline=inline,
                                 content_type="image/jpeg" if variant == "thumb" else material.content_type)


@require_POST
@explains_refusals
def material_moderate(request, project_id: int, material_id: int, action: str):
    if action == "delete":
        services.material_delete(project_id=project_id, material_id=material_id, **_who(request))
    elif action in ("hide", "show"):
        services.material_hide(project_id=project_id, material_id=material_id, hidden=action == "hide",
                               **_who(request))
    else:
        raise Http404
    return redirect("twinspace_materials", project_id)


# --- Forums ------------------------------------------------------------------------------------

@explains_refusals
def forum(request, project_id: int):
    space = _space(request, project_id)
    if request.method == "POST":
        try:
            thread = services.thread_create(project_id=project_id, title=request.POST.get("title", ""),
                                            body_html=text_to_html(request.POST.get("body", "")),
                                            guests_may_reply=request.POST.get("guests_may_reply") == "on",
                                            **_who(request))
        except ApplicationError as error:
            return _render(request, "twinspace/forum.html", space, threads=selectors.threads_of(space),
                           status=show_refusal(request, error).status)
        return redirect("twinspace_thread", project_id, thread.pk)
    return _render(request, "twinspace/forum.html", space, threads=selectors.threads_of(space))


@explains_refusals
def thread(request, project_id: int, thread_id: int):
    space = _space(request, project_id)
    item = selectors.thread_for(space, thread_id)
    status = 200
    if request.method == "POST":
        try:
            services.post_create(project_id=project_id, thread_id=item.pk,
                                 body_html=text_to_html(request.POST.get("body", "")), **_who(request))
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            if not wants_fragment(request):  # HTMX gets the posts with the reply, no reload (decision 36)
                return redirect(reverse("twinspace_thread", args=[project_id, item.pk]) + "#last")
    reply_refusal = perms.reply_permission(space.actor.role, space.project.state, space.twinspace.content_state,
                                           guests_may_reply=item.guests_may_reply)
    posts = list(selectors.posts_of(space, item))
    if status == 200:  # a refused reply changes nothing, not even what its author has read
        services.thread_mark_read(space=space, thread=item)
    return _render(request, "twinspace/thread.html", space, thread=item, posts=posts,
                   reply_refusal=reply_refusal, status=status, fragment="twinspace/_thread_posts.html")


@require_POST
@explains_refusals
def post_moderate(request, project_id: int, post_id: int, action: str):
    if action not in ("hide", "show"):
        raise Http404
    post = services.post_hide(project_id=project_id, post_id=post_id, hidden=action == "hide", **_who(request))
    return redirect("twinspace_thread", project_id, post.thread_id)


# --- Meetings and the calendar feed ----------------------------------------------------------------

@explains_refusals
def meetings(request, project_id: int):
    space = _space(request, project_id)
    status = 200
    if request.method == "POST":
        try:
            starts_at = timezone.make_aware(datetime.fromisoformat(request.POST.get("starts_at", "")))
            duration = int(request.POST.get("duration_minutes") or 60)
        except ValueError:
            messages.error(request, _("Give the date and time of the meeting."))
            status = 400
        else:
            try:
                services.meeting_schedule(project_id=project_id, title=request.POST.get("title", ""),
                                          starts_at=starts_at, link=request.POST.get("link", ""),
                                          duration_minutes=duration, **_who(request))
            except ApplicationError as error:
                status = show_refusal(request, error).status
            else:
                messages.success(request, _("The meeting was scheduled."))
                return redirect("twinspace_meetings", project_id)
    feed = CalendarFeed.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    return _render(request, "twinspace/meetings.html", space, meetings=selectors.meetings_of(space),
                   feed=feed, status=status)


@login_required
@explains_refusals
def calendar_settings(request):
    """The teacher's secret calendar address; renewing it stops the old one."""
    if request.method == "POST":
        services.calendar_feed_renew(user=request.user)
        messages.success(request, _("Your calendar address was renewed; the old one no longer works."))
        return redirect("twinspace_calendar")
    feed = services.calendar_feed_for(user=request.user)
    url = request.build_absolute_uri(reverse("twinspace_calendar_feed", args=[feed.token]))
    return render(request, "twinspace/calendar.html", {"feed_url": url})


@explains_refusals
def calendar_feed(request, token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    body = calendar.ical_feed(selectors.meetings_for_calendar(feed.user), site_url=request.build_absolute_uri("/"),
                              user=feed.user)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- People: pupils, guests, notifications -------------------------------------------------------

@explains_refusals
def people(request, project_id: int):
    space = _space(request, project_id)
    new_code = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "pupil_create":
                pupil, code = services.pupil_create(project_id=project_id, alias=request.POST.get("alias", ""),
                                                    **_who(request))
                new_code = (pupil.alias, code)
            elif action == "pupil_reset" and request.POST.get("pupil_id", "").isdigit():
                pupil, code = services.pupil_reset_code(project_id=project_id,
                                                        pupil_id=int(request.POST["pupil_id"]), **_who(request))
                new_code = (pupil.alias, code)
            elif action == "guest_invite":
                services.guest_invite(project_id=project_id, email=request.POST.get("email", ""),
                                      **_who(request))
                messages.success(request, _("The guest was invited by email."))
            elif action == "subscribe":
                services.subscription_set(project_id=project_id, **_who(request),
                                          subscribed=request.POST.get("subscribed") == "on",
                                          by_email=request.POST.get("by_email") == "on")
                messages.success(request, _("Your notification choice was saved."))
            else:
                raise Http404
        except ApplicationError as error:
            status = show_refusal(request, error).status
        space = _space(request, project_id)
    pupils = selectors.pupils_of(space)
    subscription = (space.project.twinspace_subscriptions.filter(user=space.actor.user).first()
                    if space.can(perms.SUBSCRIBE) else None)
    return _render(request, "twinspace/people.html", space, pupils=pupils, guests=selectors.guests_of(space),
                   new_code=new_code, subscription=subscription, status=status)


@explains_refusals
def pupil_login(request):
    """Pupils sign in here with the code their teacher gave them (no email, no password)."""
    error = ""
    if request.method == "POST":
        pupil = services.pupil_authenticate(code=request.POST.get("code", ""))
        if pupil is not None:
            logout(request)  # a fresh session: never a teacher's and a pupil's at once
            request.session.cycle_key()
            request.session[PUPIL_SESSION_KEY] = pupil.pk
            return redirect("twinspace_home", pupil.project_id)
        error = _("This code does not work. Check it with your teacher.")
    return render(request, "twinspace/pupil_login.html", {"error": error}, status=400 if error else 200)


@require_POST
@explains_refusals
def pupil_logout(request):
    request.session.flush()
    return redirect("twinspace_pupil_login")
