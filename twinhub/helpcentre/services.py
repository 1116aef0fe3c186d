"""Writes for the help centre: support requests and their conversation, articles, votes."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from twinhub.accounts.models import User
from twinhub.accounts.selectors import has_profile
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, not_found
from twinhub.core.notifications import notify
from twinhub.geography.countries import COUNTRY_CODES
from twinhub.helpcentre.aggregates import dashboard_tables_for
from twinhub.helpcentre.codes import HelpAudit, HelpNotice
from twinhub.helpcentre.dashboard import dashboard_scope
from twinhub.helpcentre.diagnostics import snapshot
from twinhub.helpcentre.exports import dashboard_table_names
from twinhub.helpcentre.models import (
    Article,
    ArticleVote,
    DashboardExport,
    SupportMessage,
    SupportRequest,
    SupportStatus,
)
from twinhub.helpcentre.rules import (
    article_edit_refusal,
    article_exists_refusal,
    article_values_refusal,
    support_assignee_refusal,
    support_reply_refusal,
    support_request_values_refusal,
    support_staff_refusal,
    support_status_refusal,
)
from twinhub.helpcentre.selectors import (
    can_answer,
    support_request_for_user,
)
from twinhub.helpcentre.tasks import dashboard_export_build, dashboard_snapshot_refresh
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import capability_holders, staff_reach


def _check(refusal) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


def _staff_of(request: SupportRequest):
    return [r.user for r in capability_holders(Capability.ANSWER_SUPPORT, request.country)]


@transaction.atomic
def support_request_create(*, user: User, subject: str, body: str, consent: bool,
                           country: str = "") -> SupportRequest:
    """File a request to the NSS of the user's country (their profile's, or the one they chose
    before joining). The diagnostic snapshot is attached only with consent."""
    country = user.profile.country if has_profile(user) else country
    _check(support_request_values_refusal(country_known=country in COUNTRY_CODES, subject=subject, body=body))
    request = SupportRequest.objects.create(user=user, country=country, subject=subject.strip(),
                                            body=body.strip(), diagnostic=snapshot(user) if consent else None)
    audit_record(actor=user, action=HelpAudit.REQUEST_CREATED, obj=request, country=country, consent=consent)
    for staff in _staff_of(request):
        notify(user=staff, kind=HelpNotice.NEW_REQUEST, params={"subject": request.subject, "id": request.pk},
               url=reverse("support_detail", args=[request.pk]))
    return request


@transaction.atomic
def support_reply(*, actor: User, request_id: int, body: str) -> SupportMessage:
    request = support_request_for_user(actor, request_id)
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    _check(support_reply_refusal(status=request.status, body=body))
    from_staff = actor.pk != request.user_id and can_answer(actor, request)
    message = SupportMessage.objects.create(request=request, author=actor, body=body.strip(), from_staff=from_staff)
    request.status = SupportStatus.WAITING if from_staff else SupportStatus.OPEN
    if from_staff and request.assigned_to_id is None:
        request.assigned_to = actor
    request.save(update_fields=["status", "assigned_to", "updated_at"])
    audit_record(actor=actor, action=HelpAudit.REPLIED, obj=request, from_staff=from_staff)
    if from_staff:
        notify(user=request.user, kind=HelpNotice.STAFF_REPLIED, params={"subject": request.subject, "id": request.pk},
               url=reverse("support_detail", args=[request.pk]), email_template="helpcentre/email/support_reply")
    elif request.assigned_to_id:
        notify(user=request.assigned_to, kind=HelpNotice.TEACHER_REPLIED,
               params={"subject": request.subject, "id": request.pk}, url=reverse("support_detail", args=[request.pk]))
    return message


@transaction.atomic
def support_assign(*, actor: User, request_id: int, assignee_id: int | None) -> SupportRequest:
    request = support_request_for_user(actor, request_id)
    _check(support_staff_refusal(answers_country=can_answer(actor, request)))
    assignee = None
    if assignee_id:
        role = capability_holders(Capability.ANSWER_SUPPORT, request.country).filter(user_id=assignee_id).first()
        _check(support_assignee_refusal(assignee_is_staff_of_country=role is not None))
        assignee = role.user
    request.assigned_to = assignee
    if assignee and request.status == SupportStatus.OPEN:
        request.status = SupportStatus.IN_PROGRESS
    request.save(update_fields=["assigned_to", "status", "updated_at"])
    audit_record(actor=actor, action=HelpAudit.ASSIGNED, obj=request, assignee=assignee_id)
    if assignee and assignee != actor:
        notify(user=assignee, kind=HelpNotice.ASSIGNED, params={"subject": request.subject, "id": request.pk},
               url=reverse("support_detail", args=[request.pk]))
    return request


@transaction.atomic
def support_set_status(*, actor: User, request_id: int, status: str) -> SupportRequest:
    request = support_request_for_user(actor, request_id)
    _check(support_status_refusal(status=status, statuses=SupportStatus.values, is_staff=can_answer(actor, request),
                                  requester_statuses=(SupportStatus.RESOLVED, SupportStatus.OPEN)))
    request.status = status
    request.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=HelpAudit.STATUS_CHANGED, obj=request, status=status)
    return request


@transaction.atomic
def article_save(*, actor: User, slug: str, language: str, country: str, title: str, body: str,
                 topic: str = "", article_id: int | None = None) -> Article:
    _check(article_values_refusal(slug=slug, language=language, site_languages={c for c, _n in settings.LANGUAGES},
                                  country=country, countries=COUNTRY_CODES, title=title, topic=topic, body=body))
    reach = staff_reach(actor, Capability.EDIT_ARTICLES)
    _check(article_edit_refusal(broad=reach.everywhere, nss_countries=reach.countries, country=country))
    if article_id:
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            raise not_found()
        _check(article_edit_refusal(broad=reach.everywhere, nss_countries=reach.countries, country=article.country))
    else:
        article = Article(slug=slug, language=language, country=country)
    article.title, article.body, article.topic, article.updated_by = title.strip(), body.strip(), topic, actor
    article.slug, article.language, article.country = slug, language, country
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        raise ApplicationError(article_exists_refusal()) from None
    audit_record(actor=actor, action=HelpAudit.ARTICLE_SAVED, obj=article, slug=slug, language=language, country=country)
    return article


@transaction.atomic
def article_vote(*, user: User, article_id: int, helpful: bool) -> Article:
    """Count one answer per reader; a changed mind moves the vote."""
    article = Article.objects.select_for_update().get(pk=article_id)
    vote = ArticleVote.objects.filter(article=article, user=user).first()
    if vote is not None and vote.helpful == helpful:
        return article
    if vote is not None:
        old = "helpful_yes" if vote.helpful else "helpful_no"
        Article.objects.filter(pk=article.pk).update(**{old: F(old) - 1})
        vote.helpful = helpful
        vote.save(update_fields=["helpful"])
    else:
        ArticleVote.objects.create(article=article, user=user, helpful=helpful)
    new = "helpful_yes" if helpful else "helpful_no"
    Article.objects.filter(pk=article.pk).update(**{new: F(new) + 1})
    article.refresh_from_db()
    return article


# --- Dashboard exports (decision 15) ------------------------------------------------------------

@transaction.atomic
def dashboard_export_request(*, user: User, table: str, country: str = "") -> DashboardExport:
    """Ask for a CSV of one of the user's dashboard tables; a task builds it after the commit."""
    scope = dashboard_scope(user, country=country)
    if scope is None or table not in dashboard_table_names(scope):
        raise not_found()
    export = DashboardExport.objects.create(requested_by=user, table=table, country=country[:2],
                                            language=translation.get_language() or "en")
    dashboard_export_build.delay(export_id=export.pk)
    return export


def dashboard_tables_shown(*, user: User, country: str = "") -> tuple[dict, dict, object] | None:
    """(scope, tables, as_of) of the dashboard a page shows; an out-of-date snapshot is shown at once
    and its recount sent to the worker (decision 31). None if the user has no dashboard."""
    found = dashboard_tables_for(user, country)
    if found is None:
        return None
    scope, tables, as_of, stale = found
    if stale:
        dashboard_snapshot_refresh.delay(stale=stale)
    return scope, tables, as_of
