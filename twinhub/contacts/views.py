from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from twinhub.accounts.choices import AGE_RANGES, LANGUAGES, SUBJECTS, labels
from twinhub.contacts import selectors, services
from twinhub.core.errors import ApplicationError
from twinhub.core.htmx import render_page, wants_fragment
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.core.replica import reads_from_replica
from twinhub.geography.countries import country_choices


@login_required
@explains_refusals
def contacts_page(request):
    return render_page(request, "contacts/contacts.html", _lists(request.user), fragment="contacts/_lists.html")


def _lists(user) -> dict:
    return {"contacts": selectors.contacts_by_name(user), "incoming": selectors.requests_incoming(user),
            "outgoing": selectors.requests_outgoing(user)}


def _after_change(request, status: int = 200):
    """Back to the contacts page; for HTMX its lists and the message (the refusal, with its status)."""
    if wants_fragment(request):
        return render_page(request, "contacts/contacts.html", _lists(request.user), fragment="contacts/_lists.html",
                           status=status)
    return redirect("contacts")


@login_required
@explains_refusals
def teacher_card(request, user_id: int):
    """A member's card, with "Add as contact" or the reason why not (rule 6)."""
    teacher = selectors.teacher_for_viewer(request.user, user_id)
    profile = teacher.profile
    relation = selectors.relations_of(request.user, [teacher.pk]).get(teacher.pk)
    refusal = None if relation else selectors.contact_request_check(request.user, teacher)
    return render(request, "contacts/teacher.html", {
        "teacher": teacher, "profile": profile, "relation": relation, "refusal": refusal,
        "schools": [m for m in teacher.memberships.select_related("school").order_by("requested_at")
                    if m.status in ("pending", "approved")],
        "subject_labels": labels(SUBJECTS, profile.subjects), "language_labels": labels(LANGUAGES, profile.languages),
        "age_labels": labels(AGE_RANGES, profile.age_ranges),
    }, status=200)


@login_required
@require_POST
@explains_refusals
def contact_request_create(request, user_id: int):
    try:
        services.contact_request_send(sender=request.user, to_user_id=user_id,
                                      message=request.POST.get("message", ""))
    except ApplicationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Your contact request was sent."))
    return redirect("teacher_card", user_id=user_id)


_ACTIONS = {
    "accept": (services.contact_request_accept, gettext_lazy("Contact request accepted.")),
    "decline": (services.contact_request_decline, gettext_lazy("Contact request declined.")),
    "withdraw": (services.contact_request_withdraw, gettext_lazy("Contact request withdrawn.")),
}


@login_required
@require_POST
@explains_refusals
def contact_request_action(request, request_id: int, action: str):
    if action not in _ACTIONS:
        raise Http404
    service, done = _ACTIONS[action]
    try:
        service(user=request.user, request_id=request_id)
    except ApplicationError as error:
        return _after_change(request, show_refusal(request, error).status)
    messages.success(request, done)
    return _after_change(request)


@login_required
@require_POST
@explains_refusals
def contact_remove(request, user_id: int):
    try:
        services.contact_remove(user=request.user, other_id=user_id)
    except ApplicationError as error:
        return _after_change(request, show_refusal(request, error).status)
    messages.success(request, _("The contact was removed."))
    return _after_change(request)


def _search_filters(request) -> dict:
    get = request.GET
    available = get.get("available")
    page = get.get("page", "1")
    return {
        "q": get.get("q", "").strip()[:200], "country": get.get("country", "")[:2],
        "subject": get.get("subject", ""), "language": get.get("language", ""),
        "age_range": get.get("age_range", ""),
        "available": True if available == "1" else None,
        "sort": get.get("sort") if get.get("sort") in selectors.SORTS else "name",
        "page": int(page) if page.isdigit() else 1,
    }


@login_required
@explains_refusals
@reads_from_replica
def partner_search(request):
    """Find eTwinners; HTMX swaps only the results."""
    filters = _search_filters(request)
    found = selectors.teachers_search(**filters)
    relation = selectors.relations_of(request.user, [e.user_id for e in found.items])
    rows = [(e, relation.get(e.user_id)) for e in found.items]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"found": found, "rows": rows, "filters": filters, "query": query.urlencode(),
               "country_choices": country_choices(), "subject_choices": SUBJECTS, "language_choices": LANGUAGES,
               "age_choices": AGE_RANGES}
    template = "contacts/_search_results.html" if request.headers.get("HX-Request") else "contacts/search.html"
    return render(request, template, context)


@login_required
@explains_refusals
def mailbox(request):
    return render(request, "contacts/mailbox.html", {"threads": selectors.mailbox_threads(request.user)})


@login_required
@explains_refusals
def mailbox_thread(request, user_id: int):
    """Messages with one contact; writing needs a contact (the rule says why otherwise)."""
    member = selectors.thread_member_for(request.user, user_id)
    if member is None and not selectors.are_contacts(request.user, user_id):
        raise Http404
    if member is not None:
        other = member.other
    else:
        other = selectors.teacher_for_viewer(request.user, user_id)
    status = 200
    if request.method == "POST":
        try:
            services.message_send(sender=request.user, to_user_id=user_id, body=request.POST.get("body", ""))
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            return redirect("mailbox_thread", user_id=user_id)
    if member is not None and member.unread:
        services.thread_mark_read(user=request.user, other_id=user_id)
    return render(request, "contacts/thread.html", {
        "other": other, "messages_list": selectors.thread_messages(member) if member else [],
        "can_write": selectors.are_contacts(request.user, other),
    }, status=status)
