from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.core.errors import ApplicationError
from twinhub.schools import selectors, services
from twinhub.schools.forms import SchoolForm
from twinhub.schools.models import MembershipStatus, School
from twinhub.staff.selectors import is_validator


def school_search(request):
    """HTMX partial: schools matching the typed text, to pick one."""
    q = request.GET.get("school_q", "").strip()
    schools = selectors.schools_search(q=q, country=request.GET.get("country", "")) if len(q) >= 2 else []
    return render(request, "schools/_search_results.html", {"schools": schools, "q": q})


@login_required
def school_add(request):
    """Add a school to the profile: a new pending membership (rule 1)."""
    if not selectors.has_profile(request.user):
        return redirect("join")
    school_form = SchoolForm(request.POST or None, prefix="new",
                             initial={"country": request.user.profile.country})
    duplicates, creating = [], request.POST.get("school_choice") == "new"
    if request.method == "POST":
        try:
            if creating:
                if not school_form.is_valid():
                    raise ValueError
                school = services.school_create(user=request.user, **school_form.cleaned_data)
            else:
                school = School.objects.filter(pk=request.POST.get("school_id") or 0).first()
                if school is None:
                    messages.error(request, _("Choose your school, or create it if it is not listed."))
                    raise ValueError
            services.membership_request(user=request.user, school=school)
        except ApplicationError as error:
            duplicates = getattr(error, "existing", [])
            messages.error(request, error.refusal.message)
        except ValueError:
            pass
        else:
            messages.success(request, _("The school was added. Your membership is pending approval."))
            return redirect("dashboard")
    return render(request, "schools/add.html", {"school_form": school_form, "duplicates": duplicates,
                                                "creating": creating})


def principal_confirm(request, token: str):
    """The principal's one-time link: confirm or deny that the teacher works at the school."""
    membership = selectors.Membership.objects.select_related("user", "school").filter(principal_token=token).first()
    if membership is None:
        raise Http404
    if request.method == "POST":
        answered = services.principal_answer(token=token, confirmed=request.POST.get("answer") == "confirm")
        if answered is None:
            messages.info(request, _("This link has already been used."))
        else:
            messages.success(request, _("Thank you. The coordinator will see your answer."))
        membership.refresh_from_db()
    return render(request, "schools/principal_confirm.html", {"membership": membership})


def _queue_filters(request) -> dict:
    days = request.GET.get("min_age_days", "")
    return {
        "status": request.GET.get("status", MembershipStatus.PENDING),
        "region": request.GET.get("region", ""),
        "country": request.GET.get("country", ""),
        "school_id": int(request.GET["school"]) if request.GET.get("school", "").isdigit() else None,
        "min_age_days": int(days) if days.isdigit() else None,
        "order": "newest" if request.GET.get("order") == "newest" else "oldest",
    }


@login_required
def validation_queue(request):
    if not is_validator(request.user):
        raise Http404
    filters = _queue_filters(request)
    page = Paginator(selectors.validation_queue(request.user, **filters), 50).get_page(request.GET.get("page"))
    return render(request, "schools/queue.html", {
        "page": page, "filters": filters, "statuses": MembershipStatus.choices,
        "regions": selectors.queue_regions(request.user),
    })


@login_required
@require_POST
def validation_decide(request):
    if not is_validator(request.user):
        raise Http404
    ids = [int(i) for i in request.POST.getlist("membership") if i.isdigit()]
    approve = request.POST.get("decision") == "approve"
    if not ids:
        messages.error(request, _("Select at least one membership."))
    else:
        try:
            count = services.memberships_decide_bulk(actor=request.user, membership_ids=ids, approve=approve,
                                                     reason=request.POST.get("reason", ""))
        except ApplicationError as error:
            messages.error(request, error.refusal.message)
        else:
            messages.success(request, (_("%(n)d approved.") if approve else _("%(n)d rejected.")) % {"n": count})
    return redirect(request.POST.get("next") or "validation_queue")
