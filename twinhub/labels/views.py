from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from twinhub.core.certificates import certificate_by_code
from twinhub.core.errors import ApplicationError
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.labels import rules, selectors, services
from twinhub.labels.certificates import certificate_language, certificate_pdf, certificate_stored_pdf
from twinhub.labels.codes import LabelCode
from twinhub.labels.forms import (
    ApplicationForm,
    AssignForm,
    EvaluationForm,
    SchoolLabelDecisionForm,
    SchoolLabelForm,
)
from twinhub.labels.models import SelectionState
from twinhub.projects.models import ProjectMember
from twinhub.projects.selectors import project_for_user
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import capability_holders, staff_reach


@login_required
@explains_refusals
def project_label_page(request, project_id: int):
    """The project's Quality Label page: the pre-check, the application form, the teacher's
    applications, and for a national project why it is never an EQL candidate."""
    project = project_for_user(request.user, project_id)
    form, status = ApplicationForm(request.POST or None), 200
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(user=request.user, project_id=project.pk, texts=form.texts(),
                                                      evidence_links=form.links())
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("Your application was submitted."))
            return redirect("label_application", application_id=application.pk)
    elif request.method == "POST":
        status = 400
    check = selectors.precheck_for(request.user, project)
    return render(request, "labels/project_label.html", {
        "project": project, "check": check, "form": form,
        "applications": selectors.project_applications(project).filter(applicant=request.user),
        "eql_explanation": selectors.project_eql_explanation(project),
    }, status=status)


def _evaluator_choices(application):
    """The NSS colleagues of the application's country, each marked when they are in the project."""
    roles = list(capability_holders(Capability.EVALUATE_LABELS, application.country))
    members = set(ProjectMember.objects.filter(project_id=application.project_id,
                                               user_id__in=[r.user_id for r in roles])
                  .values_list("user_id", flat=True))
    return [(r.user, r.user_id in members) for r in roles]


@login_required
@explains_refusals
def application_page(request, application_id: int):
    application = selectors.application_for_user(request.user, application_id)
    is_evaluator = staff_reach(request.user, Capability.EVALUATE_LABELS).covers(application.country)
    evaluation_form, assign_form, status = EvaluationForm(), AssignForm(), 200
    if request.method == "POST" and is_evaluator:
        action = request.POST.get("action")
        try:
            if action == "assign":
                assign_form = AssignForm(request.POST)
                if assign_form.is_valid():
                    services.application_assign(actor=request.user, application_id=application.pk,
                                                evaluator_id=assign_form.cleaned_data["evaluator"],
                                                deadline=assign_form.cleaned_data["deadline"])
                    messages.success(request, _("The application was assigned."))
                    return redirect("label_application", application_id=application.pk)
            elif action == "evaluate":
                evaluation_form = EvaluationForm(request.POST)
                if evaluation_form.is_valid():
                    services.application_evaluate(actor=request.user, application_id=application.pk,
                                                  scores=evaluation_form.scores(),
                                                  feedback=evaluation_form.cleaned_data["feedback"],
                                                  award=evaluation_form.cleaned_data["decision"] == "award")
                    messages.success(request, _("The evaluation was saved."))
                    return redirect("label_application", application_id=application.pk)
            status = 400
        except ApplicationError as error:
            status = show_refusal(request, error).status
    evaluation_refusal = None
    if is_evaluator:
        evaluation_refusal = rules.evaluator_refusal(
            is_nss_of_country=True, is_project_member=selectors.is_project_member(request.user.pk,
                                                                                  application.project_id),
            status=application.evaluation_status)
    return render(request, "labels/application.html", {
        "application": application, "is_evaluator": is_evaluator,
        "evaluation_refusal": evaluation_refusal, "evaluation_form": evaluation_form, "assign_form": assign_form,
        "evaluators": _evaluator_choices(application) if is_evaluator and evaluation_refusal is None
        or (evaluation_refusal and evaluation_refusal.code == LabelCode.CONFLICT_OF_INTEREST) else [],
        "label": getattr(application, "label", None) if application.evaluation_status == "awarded" else None,
        "criteria": [(str(label), (application.scores or {}).get(key)) for key, label in rules.CRITERIA.items()],
        "sub_criteria": [(str(label), (application.scores or {}).get(key))
                         for key, label in rules.SUB_CRITERIA.items()],
        "criterion_max": rules.CRITERION_MAX, "sub_max": rules.SUB_CRITERION_MAX, "sub_min": rules.SUB_CRITERION_MIN,
    }, status=status)


@login_required
@explains_refusals
def queue_page(request):
    if not staff_reach(request.user, Capability.EVALUATE_LABELS):
        raise Http404
    queue = selectors.evaluator_queue(request.user, country=request.GET.get("country", "").upper())
    return render(request, "labels/queue.html", {"queue": queue})


@login_required
@explains_refusals
def my_labels(request):
    return render(request, "labels/mine.html", {
        "labels": selectors.labels_of(request.user),
        "applications": selectors.applications_of(request.user),
        "not_evaluated": selectors.not_evaluated_applications_of(request.user),
        "eligible_schools": selectors.eligible_schools_of(request.user),
    })


@login_required
@explains_refusals
def certificate_download(request, label_id: int):
    label = selectors.label_for_user(request.user, label_id)
    language = certificate_language(label, fallback=request.LANGUAGE_CODE)
    pdf = certificate_stored_pdf(label, language) or certificate_pdf(label, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{label.verification_code}.pdf"'
    return response


@explains_refusals
def verify_page(request):
    """Public: anyone checks a certificate's verification code without logging in."""
    code = request.GET.get("code", "").strip()[:32]
    certificate = certificate_by_code(code) if code else None
    return render(request, "labels/verify.html", {"code": code, "certificate": certificate},
                  status=404 if code and certificate is None else 200)


@login_required
@explains_refusals
def school_label_page(request, school_id: int):
    """The invitation for an eligible school's teachers, with the principal's declaration."""
    school = selectors.approved_school_of(request.user, school_id)
    form, status = SchoolLabelForm(request.POST or None), 200
    if request.method == "POST" and form.is_valid():
        try:
            services.school_label_apply(user=request.user, school_id=school.pk, **form.cleaned_data)
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("The School Label application was sent to the National Support Service."))
            return redirect("school_label", school_id=school.pk)
    return render(request, "labels/school_label.html", {
        "school": school, "eligibility": selectors.school_label_eligibility(school), "form": form,
        "applications": school.label_applications.all(),
    }, status=status)


# --- European Quality Label selection and School Label decisions (staff pages) -----------------

def _year(request) -> int:
    year = request.GET.get("year", "")
    if year and not year.isdigit():
        raise Http404
    return int(year or timezone.localdate().year)


def _page(request) -> int:
    try:
        return max(int(request.GET.get("page") or 1), 1)
    except ValueError:
        return 1


PAGE_SIZE = 100


@login_required
@explains_refusals
def eql_selection_page(request):
    """CSS: start the year's selection, see the NQL projects (candidates first, with why the
    others are not), the quotas and nominations of each country, and confirm."""
    if not staff_reach(request.user, Capability.SELECT_EQL):
        raise Http404
    year, page = _year(request), _page(request)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "start":
                services.eql_selection_start(actor=request.user, year=year)
                messages.success(request, _("The European Quality Label selection %(year)s is open for "
                                            "nominations.") % {"year": year})
                return redirect(f"{reverse('eql_selection')}?year={year}")
            if action == "confirm":
                labels = services.eql_confirm(actor=request.user, year=year)
                messages.success(request, _("The selection is confirmed: %(n)s European Quality Labels were "
                                            "awarded.") % {"n": len(labels)})
                return redirect(f"{reverse('eql_selection')}?year={year}")
            status = 400
        except ApplicationError as error:
            status = show_refusal(request, error).status
    overview = selectors.eql_overview(year, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    countries = sorted(overview.quotas)
    return render(request, "labels/eql_selection.html", {
        "year": year, "selection": selectors.selection_for(year), "overview": overview,
        "quotas": [(c, overview.quotas[c], overview.nominated.get(c, 0)) for c in countries],
        "page": page, "has_next": page * PAGE_SIZE < overview.total,
        "share": selectors.eql_share_percent(), "threshold": selectors.eql_min_average(),
    }, status=status)


@login_required
@explains_refusals
def eql_nominations_page(request):
    """NSS: nominate the country's best NQL projects, within the quota; each row says, through the
    nomination rule, whether it can be nominated and why not."""
    countries = sorted(staff_reach(request.user, Capability.EVALUATE_LABELS).countries)
    if not countries:
        raise Http404
    country = (request.GET.get("country") or countries[0]).upper()
    if country not in countries:
        raise Http404
    year, page = _year(request), _page(request)
    status = 200
    if request.method == "POST":
        project_id = request.POST.get("project_id", "")
        if not project_id.isdigit():
            raise Http404
        try:
            services.eql_nominate(actor=request.user, year=year, project_id=int(project_id), country=country)
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("The project was nominated for the European Quality Label."))
            return redirect(f"{reverse('eql_nominations')}?country={country}&year={year}")
    selection = selectors.selection_for(year)
    overview = selectors.eql_overview(year, country=country, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    quota, nominated = overview.quotas.get(country, 0), overview.nominated.get(country, 0)
    selection_open = selection is not None and selection.state == SelectionState.NOMINATING
    rows = []
    for project in overview.projects:
        done = country in project.nominated_by
        rows.append((project, done, None if done else rules.nomination_refusal(
            candidacy=project.candidacy, has_country_nql=country in project.nql_countries, average=project.average,
            threshold=selectors.eql_min_average(), nominated_so_far=nominated, quota=quota,
            selection_open=selection_open)))
    return render(request, "labels/eql_nominations.html", {
        "year": year, "country": country, "countries": countries, "selection": selection, "rows": rows,
        "quota": quota, "nominated": nominated, "remaining": max(quota - nominated, 0),
        "total": overview.total, "page": page, "has_next": page * PAGE_SIZE < overview.total,
        "share": selectors.eql_share_percent(), "threshold": selectors.eql_min_average(),
    }, status=status)


@login_required
@explains_refusals
def school_label_decisions_page(request):
    """NSS: the School Label applications of the country's schools, with the principal's
    declaration; award, or reject with the reason."""
    if not staff_reach(request.user, Capability.DECIDE_SCHOOL_LABEL):
        raise Http404
    form, status = SchoolLabelDecisionForm(request.POST or None), 200
    if request.method == "POST":
        if form.is_valid():
            try:
                application = selectors.school_label_application_for_user(request.user,
                                                                          form.cleaned_data["application_id"])
                services.school_label_decide(actor=request.user, application_id=application.pk,
                                             award=form.cleaned_data["decision"] == "award",
                                             reason=form.cleaned_data["reason"])
            except ApplicationError as error:
                status = show_refusal(request, error).status
            else:
                messages.success(request, _("The decision was saved."))
                return redirect("school_label_decisions")
        else:
            status = 400
    applications = list(selectors.school_label_applications_for(request.user)[:PAGE_SIZE])
    return render(request, "labels/school_label_decisions.html", {
        "pending": [a for a in applications if a.status == "pending"],
        "decided": [a for a in applications if a.status != "pending"],
        "form": form,
    }, status=status)
