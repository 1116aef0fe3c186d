from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.accounts.forms import JoinForm
from twinhub.accounts.selectors import has_profile
from twinhub.core.errors import ApplicationError, not_found
from twinhub.core.htmx import render_page, wants_fragment
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.core.paging import seek_page
from twinhub.schools import selectors, services
from twinhub.schools.forms import SchoolForm
from twinhub.schools.models import MembershipStatus
from twinhub.schools.rules import duplicate_decision_refusal, queue_refusal
from twinhub.staff.selectors import is_validator

QUEUE_PAGE_SIZE = 50


@explains_refusals
def school_search(request):
    """HTMX partial: schools matching the typed text, to pick one."""
    q = request.GET.get("school_q", "").strip()
    schools = selectors.schools_search(q=q, country=request.GET.get("country", "")) if len(q) >= 2 else []
    return render(request, "schools/_search_results.html", {"schools": schools, "q": q})


@login_required
@explains_refusals
def join(request):
    """"Join eTwinning": the profile, and the school (picked, or created when not listed)."""
    if has_profile(request.user):
        return redirect("dashboard")
    creating = request.POST.get("school_choice") == "new"
    form = JoinForm(request.POST or None, initial={"first_name": request.user.first_name,
                                                   "last_name": request.user.last_name})
    # The new-school fields are checked only when the teacher chose to create the school.
    school_form = SchoolForm(request.POST if creating else None, prefix="new")
    duplicates, status = [], 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and (not creating or school_form.is_valid()):
            data = dict(form.cleaned_data)
            school_id = data.pop("school_id")
            try:
                school = selectors.school_get(school_id) if school_id and not creating else None
                services.etwinning_join(user=request.user, school=school,
                                        new_school=school_form.cleaned_data if creating else None, **data)
            except ApplicationError as error:
                duplicates = getattr(error, "existing", [])
                status = show_refusal(request, error).status
            else:
                messages.success(request, _("Welcome to eTwinning! Your school membership now waits for approval."))
                return redirect("dashboard")
    return render(request, "schools/join.html", {"form": form, "school_form": school_form,
                                                  "duplicates": duplicates, "creating": creating}, status=status)


@login_required
@explains_refusals
def school_add(request):
    """Add a school to the profile: a new pending membership (rule 1)."""
    if not has_profile(request.user):
        return redirect("join")
    school_form = SchoolForm(request.POST or None, prefix="new",
                             initial={"country": request.user.profile.country})
    duplicates, creating = [], request.POST.get("school_choice") == "new"
    status = 200
    if request.method == "POST":
        try:
            if creating:
                if not school_form.is_valid():
                    raise ValueError
                school = services.school_create(user=request.user, **school_form.cleaned_data)
            else:
                school_id = request.POST.get("school_id", "")
                if not school_id.isdigit():
                    messages.error(request, _("Choose your school, or create it if it is not listed."))
                    raise ValueError
                school = selectors.school_get(int(school_id))
            services.membership_request(user=request.user, school=school)
        except ApplicationError as error:
            duplicates = getattr(error, "existing", [])
            status = show_refusal(request, error).status
        except ValueError:
            status = 400
        else:
            messages.success(request, _("The school was added. Your membership is pending approval."))
            return redirect("dashboard")
    return render(request, "schools/add.html", {"school_form": school_form, "duplicates": duplicates,
                                                "creating": creating}, status=status)


@explains_refusals
def principal_confirm(request, token: str):
    """The principal's one-time link: confirm or deny that the teacher works at the school."""
    membership = selectors.membership_for_principal(token)
    status = 200
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("confirm", "deny"):
            return HttpResponseBadRequest()
        try:
            membership = services.principal_answer(token=token, confirmed=answer == "confirm")
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("Thank you. The coordinator will see your answer."))
    return render(request, "schools/principal_confirm.html", {"membership": membership}, status=status)


def _queue_filters(query) -> dict:
    days = query.get("min_age_days", "")
    status = query.get("status", MembershipStatus.PENDING)
    return {
        "status": status if status in MembershipStatus.values else MembershipStatus.PENDING,
        "region": query.get("region", ""),
        "country": query.get("country", ""),
        "school_id": int(query["school"]) if query.get("school", "").isdigit() else None,
        "min_age_days": int(days) if days.isdigit() else None,
        "order": "newest" if query.get("order") == "newest" else "oldest",
    }


def _require_validator(request) -> None:
    refusal = queue_refusal(is_validator=is_validator(request.user))
    if refusal:
        raise ApplicationError(refusal)


@login_required
@explains_refusals
def validation_queue(request):
    """A validator's queue: only memberships of schools in their scope; filter, page, decide."""
    _require_validator(request)
    return _queue_page(request, request.GET, request.get_full_path())


def _queue_page(request, query, path: str, status: int = 200):
    """The queue for `query` (the filters and page of the address `path`); for HTMX its results."""
    filters = _queue_filters(query)
    rows = selectors.validation_queue(request.user, **filters).values_list(*selectors.QUEUE_ROW_FIELDS, named=True)
    page = seek_page(rows, selectors.queue_order(filters["order"]), query.get("after", ""), query.get("before", ""),
                     size=QUEUE_PAGE_SIZE, counted=selectors.queue_count(request.user, rows, filters))
    return render_page(request, "schools/queue.html", {
        "page": page, "filters": filters, "statuses": MembershipStatus.choices, "query": query, "queue_path": path,
        **selectors.queue_filter_choices(request.user),
    }, fragment="schools/_queue_results.html", status=status)


@login_required
@require_POST
@explains_refusals
def validation_decide(request):
    """Bulk approve or reject, one reason for all; all or nothing (see the service)."""
    _require_validator(request)
    ids = [int(i) for i in request.POST.getlist("membership") if i.isdigit()]
    approve = request.POST.get("decision") == "approve"
    status = 200
    if not ids:
        messages.error(request, _("Select at least one membership."))
    else:
        try:
            count = services.memberships_decide_bulk(actor=request.user, membership_ids=ids, approve=approve,
                                                     reason=request.POST.get("reason", ""))
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, (_("%(n)d approved.") if approve else _("%(n)d rejected.")) % {"n": count})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("validation_queue")
    if wants_fragment(request):  # HTMX: the queue the decision was taken on, without a reload (decision 36)
        return _queue_page(request, QueryDict(urlsplit(target).query), target, status=status)
    return redirect(target)


DUPLICATES_PAGE_SIZE = 25


@login_required
@explains_refusals
def possible_duplicates(request):
    """Schools that may be registered twice, kept apart until the NSS merges or dismisses them."""
    if not selectors.may_merge_schools(request.user):
        raise ApplicationError(duplicate_decision_refusal(may_decide=False, open=True))
    page = Paginator(selectors.possible_duplicates(request.user), DUPLICATES_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "schools/duplicates.html", {"page": page})


@login_required
@require_POST
@explains_refusals
def possible_duplicate_decide(request, pair_id: int, action: str):
    decide = {"merge": services.school_duplicate_merge, "dismiss": services.school_duplicate_dismiss}.get(action)
    if decide is None:
        raise not_found()
    try:
        pair = decide(actor=request.user, pair_id=pair_id)
    except ApplicationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Merged: the teachers, projects and labels of the duplicate now belong to %(school)s.")
                         % {"school": pair.school.public_name} if action == "merge" else
                         _("Dismissed: %(school)s and the other registration stay two schools.")
                         % {"school": pair.school.public_name})
    return redirect("possible_duplicates")
