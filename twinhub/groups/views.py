"""Pages of Groups, the partner-finding forum and moderation: parse, call one service or selector,
render. Refusals are shown in full (core.pages)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from twinhub.accounts.choices import AGE_RANGES, LANGUAGES, SUBJECTS, labels
from twinhub.contacts.selectors import contact_request_check
from twinhub.core.errors import ApplicationError
from twinhub.core.pages import attempt, explains_refusals, page_number, show_refusal
from twinhub.core.sanitize import text_to_html
from twinhub.geography.countries import country_choices
from twinhub.groups import rules, selectors, services
from twinhub.groups.models import Decision, JoinPolicy, MemberStatus, ReportTarget
from twinhub.twinspace.views import material_response

CHOICES = {"subjects": SUBJECTS, "languages": LANGUAGES, "age_ranges": AGE_RANGES}


def _choices():
    return {"subject_choices": SUBJECTS, "language_choices": LANGUAGES, "age_choices": AGE_RANGES,
            "country_choices": country_choices(), "policy_choices": JoinPolicy.choices}


# --- Directory, my groups, creating and proposing ------------------------------------------------------

@login_required
@explains_refusals
def directory(request):
    q, language, topic = (request.GET.get(k, "").strip()[:100] for k in ("q", "language", "topic"))
    page = page_number(request)
    groups, has_next = selectors.groups_directory(q=q, language=language, topic=topic, page=page)
    topics, languages = dict(SUBJECTS), dict(LANGUAGES)
    rows = [(group, topics.get(group.topic, ""), languages.get(group.language, "")) for group in groups]
    return render(request, "groups/directory.html", {
        "rows": rows, "has_next": has_next, "page": page, "q": q, "language": language, "topic": topic,
        **_choices()})


@login_required
@explains_refusals
def mine(request):
    return render(request, "groups/mine.html", {
        "memberships": selectors.my_groups(request.user), "proposals": selectors.my_proposals(request.user)})


@login_required
@explains_refusals
def group_new(request):
    """NSS and CSS create a group; an eTwinner proposes one to their NSS."""
    is_staff = bool(selectors.is_network_staff_for(request.user, "")) or any(
        selectors.is_network_staff_for(request.user, code) for code, _name in country_choices())
    status = 200
    values = {k: request.POST.get(k, "") for k in ("title", "description", "topic", "language", "join_policy",
                                                  "country")}
    if request.method == "POST":
        fields = {k: values[k] for k in ("title", "description", "topic", "language", "join_policy")}
        if is_staff:
            outcome = attempt(request, lambda: services.group_create(actor=request.user, country=values["country"],
                                                                     **fields), done=_("The group was created."))
        else:
            outcome = attempt(request, lambda: services.group_propose(actor=request.user, **fields),
                              done=_("Your proposal was sent to your National Support Service."))
        if outcome.ok:
            return redirect("group_home", group_id=outcome.result.pk)
        status = outcome.status
    return render(request, "groups/new.html", {"is_staff": is_staff, "values": values, **_choices()}, status=status)


@login_required
@explains_refusals
def proposals(request):
    return render(request, "groups/proposals.html", {"proposals": selectors.proposals_for(request.user)})


@login_required
@require_POST
@explains_refusals
def proposal_decide(request, group_id: int, decision: str):
    attempt(request, lambda: services.group_decide_proposal(
        actor=request.user, group_id=group_id, approve=decision == "approve", reason=request.POST.get("reason", "")),
        done=_("The proposal was decided."))
    return redirect("group_proposals")


# --- Inside a group -------------------------------------------------------------------------------------

def _context(view: selectors.GroupView, *, here: str = "", **extra) -> dict:
    """A group page's context: the table's answers, the state's banner, and the breadcrumbs (Groups ›
    the group › `here`)."""
    trail = [(_("Groups"), reverse("groups")), (view.group.title, reverse("group_home", args=[view.group.pk]))]
    if here:
        trail.append((here, ""))
    return {"view": view, "group": view.group, "can": view.allowed(), "state_refusal": view.state_refusal,
            "moderators": selectors.moderator_names(view.group), "breadcrumbs": trail, **extra}


def _join_refusal(request, view: selectors.GroupView):
    """What the join rule says to this user now (shown instead of a button that would fail)."""
    from twinhub.schools.selectors import etwinner_refusal_for

    if view.status == MemberStatus.ACTIVE or not view.can(rules.JOIN) or view.state_refusal:
        return None
    return rules.join_refusal(policy=view.group.join_policy, status=view.status,
                              etwinner_refusal=etwinner_refusal_for(request.user)
                              if view.group.join_policy == "etwinners" else None,
                              moderators=selectors.moderator_names(view.group))


@login_required
@explains_refusals
def home(request, group_id: int):
    view = selectors.group_view(request.user, group_id)
    context = {"join_refusal": _join_refusal(request, view)}
    if view.can(rules.VIEW):
        context.update(threads=selectors.threads_of(view)[:30], pages=selectors.pages_of(view),
                       activity=selectors.activity_of(view))
    return render(request, "groups/home.html", _context(view, topic=dict(SUBJECTS).get(view.group.topic, ""),
                                                        language=dict(LANGUAGES).get(view.group.language, ""),
                                                        **context))


_GROUP_ACTIONS = {
    "join": (services.group_join, "user", gettext_lazy("Welcome to the group.")),
    "request": (services.group_request_join, "user", gettext_lazy("Your request was sent to the group's moderators.")),
    "leave": (services.group_leave, "user", gettext_lazy("You left the group.")),
    "archive": (services.group_archive, "actor", gettext_lazy("The group is archived: it is now read-only.")),
}


@login_required
@require_POST
@explains_refusals
def group_action(request, group_id: int, action: str):
    if action not in _GROUP_ACTIONS:
        return redirect("group_home", group_id=group_id)
    service, who, done = _GROUP_ACTIONS[action]
    attempt(request, lambda: service(**{who: request.user}, group_id=group_id), done=done)
    if action == "leave":
        return redirect("my_groups")
    return redirect("group_home", group_id=group_id)


@login_required
@explains_refusals
def thread_new(request, group_id: int):
    view = selectors.group_view(request.user, group_id)
    view.require(rules.THREAD_START)
    status = 200
    if request.method == "POST":
        outcome = attempt(request, lambda: services.thread_create(
            user=request.user, group_id=group_id, title=request.POST.get("title", ""),
            body_html=text_to_html(request.POST.get("body", ""))))
        if outcome.ok:
            return redirect("group_thread", group_id=group_id, thread_id=outcome.result.pk)
        status = outcome.status
    return render(request, "groups/thread_new.html", _context(view, here=_("Start a discussion"), values=request.POST),
                  status=status)


@login_required
@explains_refusals
def thread(request, group_id: int, thread_id: int):
    view = selectors.group_view(request.user, group_id)
    item = selectors.thread_for(view, thread_id)
    status = 200
    if request.method == "POST":
        outcome = attempt(request, lambda: services.post_create(
            user=request.user, group_id=group_id, thread_id=thread_id,
            body_html=text_to_html(request.POST.get("body", ""))))
        if outcome.ok:
            return redirect("group_thread", group_id=group_id, thread_id=thread_id)
        status = outcome.status
    return render(request, "groups/thread.html", _context(view, here=item.title, thread=item,
                                                          posts=selectors.posts_of(view, item)), status=status)


@login_required
@require_POST
@explains_refusals
def post_moderate(request, group_id: int, post_id: int, action: str):
    view = selectors.group_view(request.user, group_id)
    post = selectors.post_for(view, post_id)
    if action in ("hide", "show"):
        attempt(request, lambda: services.post_moderate(actor=request.user, group_id=group_id, post_id=post_id,
                                                        hidden=action == "hide"))
    elif action == "remove":
        if attempt(request, lambda: services.post_remove(actor=request.user, group_id=group_id, post_id=post_id),
                   done=_("The post was removed.")).ok:
            return redirect("group_home", group_id=group_id)
    return redirect("group_thread", group_id=group_id, thread_id=post.thread_id)


@login_required
@explains_refusals
def page_new(request, group_id: int):
    view = selectors.group_view(request.user, group_id)
    view.require(rules.PAGE_WRITE)
    status = 200
    if request.method == "POST":
        outcome = attempt(request, lambda: services.page_create(
            user=request.user, group_id=group_id, title=request.POST.get("title", ""),
            body_html=request.POST.get("body", "")))
        if outcome.ok:
            return redirect("group_page", group_id=group_id, page_id=outcome.result.pk)
        status = outcome.status
    return render(request, "groups/page_new.html", _context(view, here=_("Add a page"), values=request.POST),
                  status=status)


@login_required
@explains_refusals
def page(request, group_id: int, page_id: int):
    view = selectors.group_view(request.user, group_id)
    item = selectors.page_for(view, page_id)
    return render(request, "groups/page.html", _context(view, here=item.title, page=item,
                                                        changes=view.changes("page", item)))


@login_required
@explains_refusals
def page_edit(request, group_id: int, page_id: int):
    view = selectors.group_view(request.user, group_id)
    item = selectors.page_for(view, page_id)
    refusal = view.change_permission("page", rules.EDIT, item)
    if refusal is not None:
        raise ApplicationError(refusal)
    status, values = 200, {"title": item.title, "body": item.body_html}
    if request.method == "POST":
        values = {"title": request.POST.get("title", ""), "body": request.POST.get("body", "")}
        outcome = attempt(request, lambda: services.page_update(
            actor=request.user, group_id=group_id, page_id=page_id, title=values["title"], body_html=values["body"]),
            done=_("The page was saved."))
        if outcome.ok:
            return redirect("group_page", group_id=group_id, page_id=page_id)
        status = outcome.status
    return render(request, "groups/page_new.html", _context(view, here=item.title, page=item, values=values),
                  status=status)


@login_required
@require_POST
@explains_refusals
def page_action(request, group_id: int, page_id: int, action: str):
    """Hide, show again or remove a page (its author removes their own; moderators anything)."""
    if action == "remove":
        if attempt(request, lambda: services.page_remove(actor=request.user, group_id=group_id, page_id=page_id),
                   done=_("The page was removed.")).ok:
            return redirect("group_home", group_id=group_id)
    elif action in ("hide", "show"):
        attempt(request, lambda: services.page_hide(actor=request.user, group_id=group_id, page_id=page_id,
                                                     hidden=action == "hide"))
    return redirect("group_page", group_id=group_id, page_id=page_id)


@login_required
@explains_refusals
def materials(request, group_id: int):
    view = selectors.group_view(request.user, group_id)
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a file to upload."))
            status = 400
        else:
            outcome = attempt(request, lambda: services.material_upload(
                user=request.user, group_id=group_id, upload=upload, name=request.POST.get("name", "")))
            if outcome.ok:
                return redirect("group_materials", group_id=group_id)
            status = outcome.status
    rows = [(m, view.changes("material", m)) for m in selectors.materials_of(view)]
    return render(request, "groups/materials.html", _context(view, here=_("Materials"), rows=rows), status=status)


_MATERIAL_ACTIONS = {
    "hide": lambda request, **kw: services.material_hide(hidden=True, **kw),
    "show": lambda request, **kw: services.material_hide(hidden=False, **kw),
    "remove": lambda request, **kw: services.material_remove(**kw),
    "rename": lambda request, **kw: services.material_rename(name=request.POST.get("name", ""), **kw),
}


@login_required
@require_POST
@explains_refusals
def material_action(request, group_id: int, material_id: int, action: str):
    """Rename, hide, show again or remove a material (its author renames and removes their own)."""
    service = _MATERIAL_ACTIONS.get(action)
    if service is not None:
        attempt(request, lambda: service(request, actor=request.user, group_id=group_id, material_id=material_id),
                done=_("Done."))
    return redirect("group_materials", group_id=group_id)


@login_required
@explains_refusals
def material_file(request, group_id: int, material_id: int):
    view = selectors.group_view(request.user, group_id)
    return material_response(selectors.material_for(view, material_id))


@login_required
@explains_refusals
def members(request, group_id: int):
    view = selectors.group_view(request.user, group_id)
    status = 200
    if request.method == "POST":
        from twinhub.accounts.models import User

        invitee = User.objects.filter(email__iexact=request.POST.get("email", "").strip()).first()
        if invitee is None:
            view.require(rules.MANAGE_MEMBERS)
            messages.error(request, _("Nobody on TwinHub has this e-mail address."))
            status = 400
        else:
            outcome = attempt(request, lambda: services.group_invite(actor=request.user, group_id=group_id,
                                                                     user_id=invitee.pk),
                              done=_("The invitation was sent."))
            if outcome.ok:
                return redirect("group_members", group_id=group_id)
            status = outcome.status
    context = {"members": selectors.members_of(view)}
    if view.can(rules.MANAGE_MEMBERS):
        context.update(requests=selectors.members_of(view, status=MemberStatus.REQUESTED),
                       invited=selectors.members_of(view, status=MemberStatus.INVITED))
    return render(request, "groups/members.html", _context(view, here=_("Members"), **context), status=status)


_MEMBER_ACTIONS = {
    "accept": lambda **kw: services.group_request_decide(accept=True, **kw),
    "decline": lambda **kw: services.group_request_decide(accept=False, **kw),
    "remove": services.group_member_remove,
    "moderator": services.group_moderator_name,
}


@login_required
@require_POST
@explains_refusals
def member_action(request, group_id: int, user_id: int, action: str):
    service = _MEMBER_ACTIONS.get(action)
    if service is not None:
        attempt(request, lambda: service(actor=request.user, group_id=group_id, user_id=user_id), done=_("Done."))
    return redirect("group_members", group_id=group_id)


# --- Partner finding ------------------------------------------------------------------------------------

@login_required
@explains_refusals
def partner_posts(request):
    filters = {k: request.GET.get(k, "").strip()[:100] for k in ("q", "subject", "language", "age_range", "country")}
    page = page_number(request)
    try:
        posts, has_next = selectors.partner_posts_search(request.user, page=page, **filters)
    except ApplicationError as error:  # not an eTwinner yet: the menu leads here, so say why, in full
        return render(request, "groups/partner_posts_refused.html", {"refusal": error.refusal})
    return render(request, "groups/partner_posts.html", {
        "posts": posts, "has_next": has_next, "page": page, "filters": filters,
        "mine": selectors.my_partner_posts(request.user)[:20], **_choices()})


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@login_required
@explains_refusals
def partner_post_new(request):
    selectors.require_etwinner(request.user)
    status = 200
    if request.method == "POST":
        outcome = attempt(request, lambda: services.partner_post_create(
            author=request.user, title=request.POST.get("title", ""), idea=request.POST.get("idea", ""),
            subjects=request.POST.getlist("subjects"), age_ranges=request.POST.getlist("age_ranges"),
            languages=request.POST.getlist("languages"), countries_wanted=request.POST.getlist("countries"),
            period_start=_date(request.POST.get("period_start", "")),
            period_end=_date(request.POST.get("period_end", ""))))
        if outcome.ok:
            return redirect("partner_post", post_id=outcome.result.pk)
        status = outcome.status
    return render(request, "groups/partner_post_new.html", {"values": request.POST, **_choices()}, status=status)


@login_required
@explains_refusals
def partner_post(request, post_id: int):
    post = selectors.partner_post_for(request.user, post_id)
    is_author = post.author_id == request.user.pk
    status = 200
    if request.method == "POST":
        asks_contact = request.POST.get("contact_request") == "on"
        outcome = attempt(request, lambda: services.partner_answer(
            user=request.user, post_id=post_id, body=request.POST.get("body", ""), contact_request=asks_contact),
            done=_("Your answer was sent to %(name)s.") % {"name": post.author.display_name})
        if outcome.ok:
            answer, contact_refusal = outcome.result
            if asks_contact:
                if contact_refusal is None:
                    messages.success(request, _("Your contact request was sent too."))
                else:
                    show_refusal(request, contact_refusal)
            return redirect("partner_answer", answer_id=answer.pk)
        status = outcome.status
    return render(request, "groups/partner_post.html", {
        "breadcrumbs": [(_("Looking for partners"), reverse("partner_posts")), (post.title, "")],
        "post": post, "is_author": is_author, "answers": selectors.answers_of(request.user, post),
        "suggestions": selectors.partner_suggestions(post) if is_author else [],
        "contact_refusal": None if is_author else contact_request_check(request.user, post.author),
        "subject_labels": labels(SUBJECTS, post.subjects), "language_labels": labels(LANGUAGES, post.languages),
        "age_labels": labels(AGE_RANGES, post.age_ranges),
        "country_labels": [name for code, name in country_choices() if code in post.countries_wanted],
    }, status=status)


@login_required
@require_POST
@explains_refusals
def partner_post_action(request, post_id: int, action: str):
    service = {"renew": services.partner_post_renew, "close": services.partner_post_close}.get(action)
    if service is not None:
        attempt(request, lambda: service(user=request.user, post_id=post_id), done=_("Done."))
    return redirect("partner_post", post_id=post_id)


@login_required
@explains_refusals
def partner_answer(request, answer_id: int):
    answer = selectors.answer_for(request.user, answer_id)
    status = 200
    if request.method == "POST":
        outcome = attempt(request, lambda: services.partner_message_send(user=request.user, answer_id=answer_id,
                                                                         body=request.POST.get("body", "")))
        if outcome.ok:
            return redirect("partner_answer", answer_id=answer_id)
        status = outcome.status
    other = answer.post.author if request.user.pk == answer.author_id else answer.author
    return render(request, "groups/partner_answer.html", {
        "answer": answer, "other": other, "messages_list": selectors.messages_of(answer)}, status=status)


# --- Moderation ----------------------------------------------------------------------------------------

@login_required
@explains_refusals
def report(request, target: str, target_id: int):
    status = 200
    if target not in ReportTarget.values:
        return render(request, "groups/report.html", {"invalid": True}, status=404)
    if request.method == "POST":
        outcome = attempt(request, lambda: services.report_file(
            reporter=request.user, target=target, target_id=target_id, reason=request.POST.get("reason", "")),
            done=_("Thank you: the moderators will look at it, and you will be told the outcome."))
        if outcome.ok:
            return redirect("my_reports")
        status = outcome.status
    return render(request, "groups/report.html", {"target": target, "target_label": ReportTarget(target).label,
                                                  "target_id": target_id}, status=status)


@login_required
@explains_refusals
def moderation_queue(request):
    return render(request, "groups/moderation_queue.html", {
        "reports": selectors.moderation_queue(request.user)[:100], "decisions": Decision.choices})


@login_required
@explains_refusals
def report_content(request, report_id: int):
    """From the queue to the reported content, where it lives (for the report's deciders only)."""
    report = selectors.report_for_moderator(request.user, report_id)
    address = selectors.reported_content_address(report)
    if address is None:
        messages.info(request, _("The reported content no longer exists: keep the report to close it."))
        return redirect("moderation_queue")
    try:
        selectors.reported_content(request.user, report.target, report.target_id)
    except ApplicationError:  # an NSS deciding for an author of their country, outside the group or project
        messages.info(request, _("It was written where you cannot enter: decide from the words shown here."))
        return redirect("moderation_queue")
    name, args = address
    return redirect(name, *args)


@login_required
@require_POST
@explains_refusals
def report_decide(request, report_id: int):
    attempt(request, lambda: services.report_decide(actor=request.user, report_id=report_id,
                                                    decision=request.POST.get("decision", ""),
                                                    note=request.POST.get("note", "")),
            done=_("The report was decided; the reporter is told the outcome."))
    return redirect("moderation_queue")


@login_required
@explains_refusals
def my_reports(request):
    return render(request, "groups/my_reports.html", {"reports": selectors.my_reports(request.user)[:100]})
