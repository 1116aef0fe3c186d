from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.accounts.choices import AGE_RANGES, SUBJECTS
from twinhub.contacts.selectors import contacts_by_name, contacts_of
from twinhub.core.errors import ApplicationError, not_found
from twinhub.core.files import private_file_response
from twinhub.core.htmx import render_page, wants_fragment
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.core.replica import reads_from_replica
from twinhub.geography.countries import country_choices
from twinhub.projects import rules, selectors, services
from twinhub.projects.forms import PREFILL_SESSION_KEY, ProjectCreateForm
from twinhub.projects.models import CountryProjectPolicy, Scope
from twinhub.schools.selectors import etwinner_refusal_for
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach


def _int_or_none(value):
    return int(value) if value and str(value).isdigit() else None


@login_required
@explains_refusals
def my_projects(request, status: int = 200):
    """Also what accepting or declining an invitation answers HTMX: the lists, changed (decision 36)."""
    page = selectors.my_projects_page(request.user, request.GET.get("after", ""), request.GET.get("before", ""))
    return render_page(request, "projects/mine.html", {
        "projects": page.object_list, "page": page, "invitations": list(selectors.pending_invitations_of(request.user)),
        "refusal": etwinner_refusal_for(request.user)}, fragment="projects/_mine_lists.html", status=status)


@login_required
@explains_refusals
def project_new(request):
    refusal = etwinner_refusal_for(request.user)
    prefill = request.session.pop(PREFILL_SESSION_KEY, None) if request.method == "GET" else None
    form = ProjectCreateForm(request.POST or None, contacts=contacts_by_name(request.user),
                             initial=prefill if isinstance(prefill, dict) else None)
    status = 200
    if request.method == "POST" and refusal is None and form.is_valid():
        data = dict(form.cleaned_data)
        cofounder_id = data.pop("cofounder")
        cofounder = next((c for c in contacts_of(request.user) if c.pk == cofounder_id), None)
        if cofounder is None:
            raise Http404
        try:
            project = services.project_create(founder=request.user, cofounder=cofounder, **data)
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("The project was created. It starts when your co-founder accepts."))
            return redirect("project_detail", project_id=project.pk)
    return render(request, "projects/new.html", {"form": form, "refusal": refusal}, status=status)


def _detail_context(request, project):
    me = selectors.project_member_of(request.user, project)
    members = list(project.members.all())
    return {
        "project": project, "members": members, "me": me,
        "is_admin": me is not None and me.role in rules.ADMIN_ROLES,
        "is_founder": me is not None and me.role == rules.FOUNDER,
        "awaiting_my_answer": project.state == "awaiting_cofounder" and project.cofounder_id == request.user.pk,
        "can_approve": project.state == "awaiting_approval" and selectors.is_nss_for_project(request.user, project),
        "scope_explanation": rules.scope_explanation(scope=project.scope, founder_countries=project.founder_countries),
        "successors": [m for m in members if m.role != rules.FOUNDER],
    }


@login_required
@explains_refusals
def project_detail(request, project_id: int):
    project = selectors.project_page_for_user(request.user, project_id)
    return render(request, "projects/detail.html", _detail_context(request, project))


@login_required
@explains_refusals
def project_cover(request, project_id: int):
    """GET: the cover picture, for whoever may see the project. POST: administrators change or remove it."""
    if request.method == "POST":
        upload = None if request.POST.get("action") == "remove" else request.FILES.get("cover")
        if upload is None and request.POST.get("action") != "remove":
            messages.error(request, _("Choose a picture first."))
        else:
            try:
                services.project_cover_set(actor=request.user, project_id=project_id, upload=upload)
            except ApplicationError as error:
                show_refusal(request, error)
            else:
                messages.success(request, _("The cover picture was saved.") if upload else _("The cover picture was removed."))
        return redirect("project_detail", project_id)
    project = selectors.project_for_user(request.user, project_id)
    if not project.cover:
        raise not_found()
    return private_file_response(file=project.cover, filename="cover.jpg", content_type="image/jpeg", inline=True)


@login_required
@require_POST
@explains_refusals
def project_action(request, project_id: int, action: str):
    """One POST endpoint per button on the project page; each calls one service."""
    user, post = request.user, request.POST
    calls = {
        "accept": lambda: services.project_cofounder_accept(user=user, project_id=project_id),
        "decline": lambda: services.project_cofounder_decline(user=user, project_id=project_id),
        "approve": lambda: services.project_nss_approve(user=user, project_id=project_id),
        "close": lambda: services.project_state_change(actor=user, project_id=project_id, action="close"),
        "reopen": lambda: services.project_state_change(actor=user, project_id=project_id, action="reopen"),
        "archive": lambda: services.project_state_change(actor=user, project_id=project_id, action="archive"),
        "leave": lambda: services.project_leave(user=user, project_id=project_id,
                                                successor_id=_int_or_none(post.get("successor_id"))),
        "remove": lambda: services.project_member_remove(actor=user, project_id=project_id,
                                                         user_id=_int_or_none(post.get("user_id")) or 0),
        "role": lambda: services.project_member_set_role(actor=user, project_id=project_id,
                                                         user_id=_int_or_none(post.get("user_id")) or 0,
                                                         role=post.get("role", "")),
    }
    if action not in calls:
        raise Http404
    try:
        calls[action]()
    except ApplicationError as error:
        refusal = show_refusal(request, error)
        project = selectors.project_page_for_user(user, project_id)
        return render(request, "projects/detail.html", _detail_context(request, project), status=refusal.status)
    messages.success(request, _("Done."))
    if action == "leave":
        return redirect("my_projects")
    try:
        selectors.project_for_user(user, project_id)
    except ApplicationError:
        return redirect("my_projects")
    return redirect("project_detail", project_id=project_id)


@login_required
@explains_refusals
def project_invite_page(request, project_id: int):
    """Every contact, those who cannot be invited greyed out with the reason (rule 7)."""
    project = selectors.project_for_user(request.user, project_id)
    if not selectors.is_project_admin(request.user, project):
        raise Http404
    status = 200
    if request.method == "POST":
        try:
            invitation = services.project_invite(actor=request.user, project_id=project.pk,
                                                 user_id=_int_or_none(request.POST.get("user_id")) or 0)
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("%(person)s was invited.") % {"person": invitation.invitee.display_name})
            return redirect("project_invite", project_id=project.pk)
    return render(request, "projects/invite.html", {
        "project": project, "candidates": selectors.invite_candidates(request.user, project),
    }, status=status)


@login_required
@require_POST
@explains_refusals
def invitation_answer(request, invitation_id: int, action: str):
    """Without JavaScript the answer goes to the project (or back to My projects); with HTMX it stays
    on My projects, whose lists are answered."""
    htmx = wants_fragment(request)
    try:
        if action == "accept":
            member = services.invitation_accept(user=request.user, invitation_id=invitation_id)
            messages.success(request, _("You joined the project."))
            return my_projects(request) if htmx else redirect("project_detail", project_id=member.project_id)
        if action == "decline":
            services.invitation_decline(user=request.user, invitation_id=invitation_id)
            messages.success(request, _("You declined the invitation."))
            return my_projects(request) if htmx else redirect("my_projects")
    except ApplicationError as error:
        refusal = show_refusal(request, error)
        return my_projects(request, status=refusal.status) if htmx else redirect("my_projects")
    raise Http404


@explains_refusals
@reads_from_replica
def directory(request):
    """The public project directory (networking area)."""
    g = request.GET
    filters = {key: g.get(key, "").strip() for key in ("q", "country", "subject", "age_range", "scope", "state")}
    page = selectors.directory_page(after=g.get("after", ""), before=g.get("before", ""), **filters)
    projects = page.object_list
    countries = selectors.member_countries_by_project(projects)
    rows = [(p, countries.get(p.pk, [])) for p in projects]
    return render_page(request, "projects/directory.html", {
        "rows": rows, "page": page, "filters": filters, "country_choices": country_choices(),
        "subject_choices": SUBJECTS, "age_choices": AGE_RANGES, "scope_choices": Scope.choices,
        "state_choices": [(s.value, s.label) for s in selectors.PUBLIC_STATES]},
        fragment="projects/_directory_results.html")


@login_required
@explains_refusals
def approval_page(request):
    """NSS: the per-country setting and the projects waiting for approval."""
    countries = sorted(staff_reach(request.user, Capability.APPROVE_PROJECTS).countries)
    if not countries:
        raise Http404
    if request.method == "POST":
        country = request.POST.get("country", "")
        services.country_policy_set(actor=request.user, country=country,
                                    require_nss_approval=request.POST.get("require") == "on")
        messages.success(request, _("The setting was saved."))
        return redirect("project_approval")
    policies = selectors.country_policies(countries)
    names = dict(country_choices())
    return render(request, "projects/approval.html", {
        "policies": [(c, names.get(c, c), policies.get(c, False)) for c in countries],
        "projects": selectors.approval_projects_for(request.user),
        "policy_model": CountryProjectPolicy})
