import hashlib
import pickle

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.accounts.selectors import has_profile
from twinhub.core.errors import ApplicationError
from twinhub.core.pages import explains_refusals, show_refusal
from twinhub.core.replica import reads_from_replica
from twinhub.helpcentre import dashboard, exports, selectors, services
from twinhub.helpcentre.diagnostics import diagnose
from twinhub.helpcentre.forms import ArticleForm, ReplyForm, StatusForm, SupportRequestForm
from twinhub.helpcentre.models import Article, DashboardExport, SupportStatus
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import capability_holders, staff_reach


def _country(user) -> str:
    return user.profile.country if user.is_authenticated and has_profile(user) else ""


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@login_required
@explains_refusals
def why(request):
    """"Why can't I…?": the platform's own rules, run against this account."""
    about = _person(request)
    findings = diagnose(request.user, about=about)
    articles = selectors.articles_by_topic(language=_language(), country=_country(request.user))
    return render(request, "helpcentre/why.html", {"findings": findings, "articles": articles})


def _person(request):
    """The teacher named by ?person=, if the viewer may see them (the partner-search rule)."""
    from twinhub.contacts.selectors import teacher_for_viewer

    person_id = request.GET.get("person", "")
    if not person_id.isdigit():
        return None
    try:
        return teacher_for_viewer(request.user, int(person_id))
    except ApplicationError:
        return None


@explains_refusals
def articles(request):
    q = request.GET.get("q", "").strip()
    found = selectors.articles_for(language=_language(), country=_country(request.user), q=q)
    return render(request, "helpcentre/articles.html", {"articles": found, "q": q,
                                                        "can_edit": bool(staff_reach(request.user,
                                                                                Capability.EDIT_ARTICLES))})


@explains_refusals
def article(request, slug: str):
    item = selectors.article_get(slug=slug, language=_language(), country=_country(request.user))
    return render(request, "helpcentre/article.html", {"article": item})


@login_required
@require_POST
@explains_refusals
def article_vote(request, article_id: int):
    if not Article.objects.filter(pk=article_id).exists():
        raise Http404
    item = services.article_vote(user=request.user, article_id=article_id, helpful=request.POST.get("helpful") == "yes")
    if request.htmx:
        return render(request, "helpcentre/_vote.html", {"article": item, "voted": True})
    messages.success(request, _("Thank you for your answer."))
    return redirect("help_article", slug=item.slug)


@login_required
@explains_refusals
def article_edit(request, article_id: int | None = None):
    reach = staff_reach(request.user, Capability.EDIT_ARTICLES)
    if not reach:
        raise Http404
    countries = None if reach.everywhere else set(reach.countries)
    instance = Article.objects.filter(pk=article_id).first() if article_id else None
    if article_id and instance is None:
        raise Http404
    initial = ({"title": instance.title, "slug": instance.slug, "language": instance.language,
                "country": instance.country, "topic": instance.topic, "body": instance.body}
               if instance else {"language": _language()})
    form = ArticleForm(request.POST or None, initial=initial, countries=countries)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.article_save(actor=request.user, article_id=article_id, **form.cleaned_data)
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("The article was saved."))
            return redirect("help_article", slug=saved.slug)
    return render(request, "helpcentre/article_edit.html", {"form": form, "article": instance}, status=status)


@login_required
@explains_refusals
def support_new(request):
    form = SupportRequestForm(request.POST or None, needs_country=not has_profile(request.user))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            created = services.support_request_create(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            status = show_refusal(request, error).status
        else:
            messages.success(request, _("Your request was sent to your National Support Service."))
            return redirect("support_detail", request_id=created.pk)
    return render(request, "helpcentre/support_new.html", {
        "form": form, "requests": selectors.own_support_requests(request.user)[:20]}, status=status)


@login_required
@explains_refusals
def support_detail(request, request_id: int):
    item = selectors.support_request_for_user(request.user, request_id)
    is_staff = selectors.can_answer(request.user, item)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.support_reply(actor=request.user, request_id=item.pk, body=form.cleaned_data["body"])
        messages.success(request, _("Your message was sent."))
        return redirect("support_detail", request_id=item.pk)
    staff = capability_holders(Capability.ANSWER_SUPPORT, item.country) if is_staff else []
    return render(request, "helpcentre/support_detail.html", {
        "item": item, "thread": item.messages.select_related("author"), "form": form, "is_staff": is_staff,
        "staff": staff, "status_form": StatusForm(initial={"status": item.status}),
    })


@login_required
@require_POST
@explains_refusals
def support_manage(request, request_id: int):
    try:
        if "assignee" in request.POST:
            assignee = request.POST.get("assignee")
            services.support_assign(actor=request.user, request_id=request_id,
                                    assignee_id=int(assignee) if assignee and assignee.isdigit() else None)
        else:
            services.support_set_status(actor=request.user, request_id=request_id,
                                        status=request.POST.get("status", ""))
    except ApplicationError as error:
        show_refusal(request, error)
    return redirect("support_detail", request_id=request_id)


@login_required
@explains_refusals
def support_queue(request):
    if not selectors.is_support_staff(request.user):
        raise Http404
    status = request.GET.get("status", "")
    assigned = request.GET.get("assigned", "")
    items = selectors.support_queue(request.user, status=status, assigned=assigned)[:100]
    return render(request, "helpcentre/support_queue.html", {
        "items": items, "status": status, "assigned": assigned, "statuses": SupportStatus.choices})


def _tables(request):
    found = services.dashboard_tables_shown(user=request.user, country=request.GET.get("country", "")[:2])
    if found is None:
        raise Http404
    return found


@login_required
@explains_refusals
@reads_from_replica
def nss_dashboard(request):
    scope, tables, as_of = _tables(request)
    buckets = [dashboard.age_bucket_label(low, high) for low, high in dashboard.AGE_BUCKETS]
    return render(request, "helpcentre/dashboard.html", {
        "scope": scope, "tables": tables, "buckets": buckets, "as_of": as_of,
        "charts": {name: _bars(name, rows) for name, rows in tables.items()},
        # The charts and tables are rendered once per set of figures and language (decision 42):
        # the key is the figures themselves, so a recount shows at once.
        "tables_digest": hashlib.sha256(pickle.dumps((tables, buckets), protocol=5)).hexdigest(),
    })


def _bars(name: str, rows: list[dict]) -> dict:
    """Bar lengths (0–100) for the server-side SVG charts."""
    if name == "pending":
        values = [(row["place"], row["total"]) for row in rows[:15]]
    elif name == "projects":
        values = [(str(row["week"]), row["national"] + row["european"], row["national"]) for row in rows]
    else:
        values = [(row["label"], row["count"]) for row in rows]
    peak = max((v[1] for v in values), default=0) or 1
    return {"height": len(values) * 22 + 4, "rows": [
        {"label": v[0], "value": v[1], "width": round(100 * v[1] / peak, 1),
         "part": round(100 * v[2] / peak, 1) if len(v) > 2 else None, "y": i * 22}
        for i, v in enumerate(values)]}


@login_required
@require_POST
@explains_refusals
def nss_dashboard_csv(request, table: str):
    """Ask for a CSV of one table: a task builds it; the exports page offers it when ready."""
    services.dashboard_export_request(user=request.user, table=table, country=request.GET.get("country", ""))
    messages.success(request, _("Your export is being prepared. It appears below when it is ready."))
    return redirect("nss_dashboard_exports")


@login_required
@explains_refusals
def nss_dashboard_exports(request):
    if dashboard.dashboard_scope(request.user) is None:
        raise Http404
    items = exports.dashboard_exports_of(request.user)
    return render(request, "helpcentre/dashboard_exports.html", {
        "items": items, "waiting": any(e.status == DashboardExport.Status.PENDING for e in items)})


@login_required
@explains_refusals
def nss_dashboard_export_download(request, export_id: int):
    export = exports.dashboard_export_for(request.user, export_id)
    response = HttpResponse(export.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="twinhub-{export.table}-{export.created_at:%Y%m%d-%H%M}.csv"'
    return response
