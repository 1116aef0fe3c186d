"""Writes about labels. Each service calls its rule, raises `ApplicationError(refusal)` and
records the change in the audit log in the same transaction."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.notifications import notify
from twinhub.labels import rules, selectors
from twinhub.labels.codes import LabelAudit, LabelNotice
from twinhub.labels.models import (
    ApplicationWindow,
    CountryLabelPolicy,
    EqlNomination,
    EqlSelection,
    EvaluationStatus,
    Label,
    LabelApplication,
    LabelKind,
    SchoolLabelApplication,
    SchoolLabelStatus,
    SelectionState,
    YearCounter,
)
from twinhub.labels.tasks import certificate_render
from twinhub.projects.models import Project
from twinhub.projects.selectors import project_for_user
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach


def _raise(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


# --- Windows and policies -----------------------------------------------------------------------

@transaction.atomic
def window_create(*, actor: User, country: str, year: int, opens_on: date,
                  closes_on: date) -> ApplicationWindow:
    country = country.upper()
    _raise(rules.nss_country_refusal(manages_country=staff_reach(actor, Capability.LABEL_SETTINGS).covers(country),
                                     country=country))
    _raise(rules.window_refusal_for_dates(year=year, opens_on=opens_on, closes_on=closes_on))
    window = ApplicationWindow.objects.create(country=country, year=year, opens_on=opens_on, closes_on=closes_on,
                                              created_by=actor)
    audit_record(actor=actor, action=LabelAudit.WINDOW_CREATED, obj=window, country=country,
                 opens_on=str(opens_on), closes_on=str(closes_on))
    return window


@transaction.atomic
def policy_update(*, actor: User, country: str, **changes: object) -> CountryLabelPolicy:
    country = country.upper()
    _raise(rules.nss_country_refusal(manages_country=staff_reach(actor, Capability.LABEL_SETTINGS).covers(country),
                                     country=country))
    current = selectors.policy_for(country)
    values = {
        "national_projects_allowed": current.national_projects_allowed,
        "max_applications_per_year": current.max_applications_per_year,
        "max_members_from_country": current.max_members_from_country,
    }
    values.update({k: v for k, v in changes.items() if k in values})
    _raise(rules.policy_values_refusal(max_applications_per_year=values["max_applications_per_year"],
                                       max_members_from_country=values["max_members_from_country"]))
    policy, _created = CountryLabelPolicy.objects.select_for_update().update_or_create(
        country=country, defaults={**values, "updated_by": actor})
    audit_record(actor=actor, action=LabelAudit.POLICY_UPDATED, obj=policy, **values)
    return policy


# --- Applying ---------------------------------------------------------------------------------

@transaction.atomic
def application_submit(*, user: User, project_id: int, texts: dict[str, str],
                       evidence_links: list[str]) -> LabelApplication:
    """Submit an NQL application. The teacher's year counter is locked first, so two submissions at
    the same moment take consecutive positions; an application over a limit is kept, as not evaluated."""
    project = project_for_user(user, project_id)
    _raise(rules.application_form_refusal(texts=texts, evidence_links=evidence_links))
    check = selectors.precheck_for(user, project, lock=True)
    _raise(check.blocking)
    application = LabelApplication.objects.create(
        project=project, applicant=user, country=check.country, year=check.year,
        position_in_year=check.position, evaluation_status=rules.evaluation_status_for(check.reasons),
        members_from_country=check.members_from_country, yearly_limit=check.policy.max_applications_per_year,
        member_limit=check.policy.max_members_from_country,
        evidence_links=list(evidence_links), **{k: texts[k].strip() for k in rules.CRITERIA})
    YearCounter.objects.filter(user=user, year=check.year).update(submitted=check.position)
    audit_record(actor=user, action=LabelAudit.APPLICATION_SUBMITTED, obj=application, project=project.pk,
                 position=check.position, status=application.evaluation_status)
    return application


# --- Evaluating -------------------------------------------------------------------------------

@transaction.atomic
def application_assign(*, actor: User, application_id: int, evaluator_id: int,
                       deadline: date | None) -> LabelApplication:
    """An NSS evaluator of the country assigns an application (to a colleague or to themselves)."""
    application = selectors.application_for_user(actor, application_id, for_update=True)
    _raise(rules.evaluator_refusal(
        is_nss_of_country=staff_reach(actor, Capability.EVALUATE_LABELS).covers(application.country),
        is_project_member=False, status=application.evaluation_status))
    evaluator = get_user_model().objects.filter(pk=evaluator_id).first()
    if evaluator is None:
        raise not_found()
    _raise(rules.evaluator_refusal(
        is_nss_of_country=staff_reach(evaluator, Capability.EVALUATE_LABELS).covers(application.country),
        is_project_member=selectors.is_project_member(evaluator.pk, application.project_id),
        status=application.evaluation_status))
    application.evaluator, application.deadline = evaluator, deadline
    application.evaluation_status = EvaluationStatus.IN_EVALUATION
    application.save(update_fields=["evaluator", "deadline", "evaluation_status"])
    audit_record(actor=actor, action=LabelAudit.APPLICATION_ASSIGNED, obj=application, evaluator=evaluator.pk,
                 deadline=str(deadline or ""))
    if evaluator.pk != actor.pk:
        notify(user=evaluator, kind=LabelNotice.APPLICATION_ASSIGNED, params={"deadline": str(deadline or "—")},
               url=reverse("label_application", args=[application.pk]))
    return application


@transaction.atomic
def application_evaluate(*, actor: User, application_id: int, scores: dict, feedback: str,
                         award: bool) -> LabelApplication:
    """Score, give feedback and award or reject. Awarding creates the teacher's label (the certificate)."""
    application = selectors.application_for_user(actor, application_id, for_update=True)
    _raise(rules.evaluator_refusal(
        is_nss_of_country=staff_reach(actor, Capability.EVALUATE_LABELS).covers(application.country),
        is_project_member=selectors.is_project_member(actor.pk, application.project_id),
        status=application.evaluation_status))
    _raise(rules.scores_refusal(scores))
    if award:
        _raise(rules.award_refusal(scores))
    now = timezone.now()
    application.scores = {k: scores[k] for k in (*rules.CRITERIA, *rules.SUB_CRITERIA)}
    application.total = rules.total_score(scores)
    application.feedback = feedback.strip()
    application.evaluation_status = EvaluationStatus.AWARDED if award else EvaluationStatus.REJECTED
    application.decided_by, application.decided_at = actor, now
    if application.evaluator_id is None:
        application.evaluator = actor
    application.save()
    if award:
        label = Label.objects.create(kind=LabelKind.NQL, year=application.year, country=application.country,
                                     holder_id=application.applicant_id, project_id=application.project_id,
                                     application=application, awarded_at=now)
        certificate_render.delay(label_id=label.pk)
    audit_record(actor=actor, action=LabelAudit.APPLICATION_EVALUATED, obj=application,
                 status=application.evaluation_status, total=application.total)
    notify(user=application.applicant, kind=LabelNotice.APPLICATION_DECIDED,
           params={"project": application.project.title, "status": application.evaluation_status},
           url=reverse("label_application", args=[application.pk]), email_template=None)
    return application


# --- European Quality Label -------------------------------------------------------------------

def _css_only(actor) -> None:
    _raise(rules.selection_staff_refusal(may_select=bool(staff_reach(actor, Capability.SELECT_EQL))))


@transaction.atomic
def eql_selection_start(*, actor: User, year: int) -> EqlSelection:
    _css_only(actor)
    selection, created = EqlSelection.objects.get_or_create(year=year, defaults={"started_by": actor})
    if created:
        audit_record(actor=actor, action=LabelAudit.EQL_SELECTION_STARTED, obj=selection, year=year)
    return selection


@transaction.atomic
def eql_nominate(*, actor: User, year: int, project_id: int, country: str) -> EqlNomination:
    """An NSS nominates one of its country's NQL projects, within its quota. The selection row is
    locked so two nominations at once cannot both take the last place of the quota."""
    country = country.upper()
    _raise(rules.nominating_country_refusal(
        is_nss_of_country=staff_reach(actor, Capability.EVALUATE_LABELS).covers(country), country=country))
    selection = selectors.selection_for(year, for_update=True)
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        raise not_found()
    facts = selectors.eql_project_facts(project, year)
    country_projects = selectors.nql_project_counts(year).get(country, 0)
    _raise(rules.nomination_refusal(
        candidacy=facts.candidacy, has_country_nql=country in facts.nql_countries, average=facts.average,
        threshold=selectors.eql_min_average(),
        nominated_so_far=EqlNomination.objects.filter(selection=selection, country=country).count() if selection else 0,
        quota=rules.nomination_quota(country_projects, selectors.eql_share_percent()),
        selection_open=selection is not None and selection.state == SelectionState.NOMINATING))
    nomination, _created = EqlNomination.objects.get_or_create(selection=selection, project=project, country=country,
                                                               defaults={"nominated_by": actor})
    audit_record(actor=actor, action=LabelAudit.EQL_NOMINATED, obj=nomination, project=project.pk, country=country)
    return nomination


@transaction.atomic
def eql_confirm(*, actor: User, year: int) -> list[Label]:
    """CSS confirms: the teachers holding an NQL of each nominated project receive the EQL."""
    _css_only(actor)
    selection = selectors.selection_for(year, for_update=True)
    _raise(rules.selection_open_refusal(
        selection_open=selection is not None and selection.state == SelectionState.NOMINATING))
    project_ids = set(EqlNomination.objects.filter(selection=selection).values_list("project_id", flat=True))
    now = timezone.now()
    holders = (Label.objects.filter(kind=LabelKind.NQL, year=year, project_id__in=project_ids)
               .select_related("project", "holder"))
    created = [Label(kind=LabelKind.EQL, year=year, country=nql.country, holder=nql.holder, project=nql.project,
                     awarded_at=now) for nql in holders]
    Label.objects.bulk_create(created)
    for label in created:
        certificate_render.delay(label_id=label.pk)
    selection.state, selection.confirmed_by, selection.confirmed_at = SelectionState.CONFIRMED, actor, now
    selection.save()
    audit_record(actor=actor, action=LabelAudit.EQL_SELECTION_CONFIRMED, obj=selection, projects=sorted(project_ids), labels=len(created))
    for label in created:
        notify(user=label.holder, kind=LabelNotice.EQL_AWARDED, params={"project": label.project.title, "year": year},
               url=reverse("my_labels"))
    return created


# --- eTwinning School Label -------------------------------------------------------------------

@transaction.atomic
def school_label_apply(*, user: User, school_id: int, principal_name: str,
                       principal_declaration: str) -> SchoolLabelApplication:
    school = selectors.approved_school_of(user, school_id)
    eligibility = selectors.school_label_eligibility(school)
    if eligibility.reasons:
        raise ApplicationError(eligibility.reasons[0])
    _raise(rules.school_label_declaration_refusal(principal_name=principal_name,
                                                  principal_declaration=principal_declaration))
    year = timezone.localdate().year
    _raise(rules.school_label_once_refusal(
        already_applied=SchoolLabelApplication.objects.filter(school=school, year=year).exists(), year=year))
    application = SchoolLabelApplication.objects.create(
        school=school, year=year, applicant=user, principal_name=principal_name.strip(),
        principal_declaration=principal_declaration.strip())
    audit_record(actor=user, action=LabelAudit.SCHOOL_LABEL_SUBMITTED, obj=application, school=school.pk)
    return application


@transaction.atomic
def school_label_decide(*, actor: User, application_id: int, award: bool,
                        reason: str = "") -> SchoolLabelApplication:
    application = selectors.school_label_application_for_user(actor, application_id, for_update=True)
    _raise(rules.school_label_decision_refusal(
        is_nss_of_country=staff_reach(actor, Capability.DECIDE_SCHOOL_LABEL).covers(application.school.country),
        status=application.status))
    _raise(rules.school_label_reason_refusal(award=award, reason=reason))
    now = timezone.now()
    application.status = SchoolLabelStatus.AWARDED if award else SchoolLabelStatus.REJECTED
    application.decision_reason = reason.strip()
    application.decided_by, application.decided_at = actor, now
    application.save()
    if award:
        label = Label.objects.create(kind=LabelKind.SCHOOL, year=application.year,
                                     country=application.school.country, school=application.school, awarded_at=now)
        certificate_render.delay(label_id=label.pk)
    audit_record(actor=actor, action=LabelAudit.SCHOOL_LABEL_DECIDED, obj=application, status=application.status)
    return application
