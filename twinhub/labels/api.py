"""Quality Label endpoints: pre-check, applications, windows, policies, evaluation, EQL selection,
School Label and public certificate verification."""

from datetime import date

from ninja import Router, Schema, Status

from twinhub.core.errors import ApplicationError, not_found
from twinhub.core.values import MAX_OFFSET
from twinhub.labels import rules, selectors, services
from twinhub.labels.models import LabelApplication
from twinhub.projects.selectors import project_for_user
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach

router = Router(tags=["labels"])


class ReasonOut(Schema):
    code: str
    message: str
    who_must_act: str = ""
    next_step: str = ""


class PrecheckOut(Schema):
    evaluable: bool
    can_submit: bool
    position_in_year: int
    year: int
    reasons: list[ReasonOut]


class ApplicationIn(Schema):
    pedagogy: str
    curriculum: str
    collaboration: str
    technology: str
    results: str
    evidence_links: list[str] = []


class ApplicationOut(Schema):
    id: int
    project_id: int
    project_title: str
    applicant_id: int
    country: str
    year: int
    position_in_year: int | None
    submitted_at: str
    evaluation_status: str
    evaluator_id: int | None
    deadline: date | None
    scores: dict | None
    total: int | None
    feedback: str
    label_verification_code: str | None


def _reasons(refusals) -> list[dict]:
    return [{"code": r.code, "message": str(r.message), "who_must_act": str(r.who_must_act or ""),
             "next_step": str(r.next_step or "")} for r in refusals]


def _application(a: LabelApplication) -> dict:
    label = getattr(a, "label", None) if a.evaluation_status == "awarded" else None
    return {"id": a.pk, "project_id": a.project_id, "project_title": a.project.title, "applicant_id": a.applicant_id,
            "country": a.country, "year": a.year, "position_in_year": a.position_in_year,
            "submitted_at": a.submitted_at.isoformat(), "evaluation_status": a.evaluation_status,
            "evaluator_id": a.evaluator_id, "deadline": a.deadline, "scores": a.scores, "total": a.total,
            "feedback": a.feedback, "label_verification_code": label.verification_code if label else None}


@router.get("/projects/{project_id}/quality-label/precheck", response=PrecheckOut)
def precheck(request, project_id: int):
    """What would happen if the requesting teacher applied now."""
    check = selectors.precheck_for(request.auth, project_for_user(request.auth, project_id))
    return {"evaluable": check.evaluable, "can_submit": check.blocking is None, "position_in_year": check.position,
            "year": check.year, "reasons": _reasons(check.reasons)}


@router.post("/projects/{project_id}/quality-label/applications", response={201: ApplicationOut})
def application_submit(request, project_id: int, payload: ApplicationIn):
    data = payload.dict()
    links = data.pop("evidence_links")
    application = services.application_submit(user=request.auth, project_id=project_id, texts=data,
                                              evidence_links=links)
    return Status(201, _application(selectors.application_for_user(request.auth, application.pk)))


@router.get("/quality-label/applications/{application_id}", response=ApplicationOut)
def application_detail(request, application_id: int):
    return _application(selectors.application_for_user(request.auth, application_id))


# --- Windows and policies -----------------------------------------------------------------------

class WindowIn(Schema):
    country: str
    year: int
    opens_on: date
    closes_on: date


class WindowOut(Schema):
    id: int
    country: str
    year: int
    opens_on: date
    closes_on: date


@router.get("/quality-label/windows", response=list[WindowOut])
def windows(request, country: str = ""):
    """Application windows are public to every logged-in user (teachers plan by them)."""
    return list(selectors.windows_of(country))


@router.post("/quality-label/windows", response={201: WindowOut})
def window_create(request, payload: WindowIn):
    return Status(201, services.window_create(actor=request.auth, **payload.dict()))


class PolicyIn(Schema):
    national_projects_allowed: bool | None = None
    max_applications_per_year: int | None = None
    max_members_from_country: int | None = None
    no_member_limit: bool = False


class PolicyOut(Schema):
    country: str
    national_projects_allowed: bool
    max_applications_per_year: int
    max_members_from_country: int | None


def _policy(country: str) -> dict:
    p = selectors.policy_for(country)
    return {"country": country, "national_projects_allowed": p.national_projects_allowed,
            "max_applications_per_year": p.max_applications_per_year,
            "max_members_from_country": p.max_members_from_country}


@router.get("/quality-label/policies/{country}", response=PolicyOut)
def policy_detail(request, country: str):
    return _policy(country.upper())


@router.patch("/quality-label/policies/{country}", response=PolicyOut)
def policy_update(request, country: str, payload: PolicyIn):
    changes = {k: v for k, v in payload.dict().items() if v is not None and k != "no_member_limit"}
    if payload.no_member_limit:
        changes["max_members_from_country"] = None
    services.policy_update(actor=request.auth, country=country, **changes)
    return _policy(country.upper())


# --- Evaluation ------------------------------------------------------------------------------

class QueueItemOut(Schema):
    id: int
    project_id: int
    project_title: str
    applicant_name: str
    country: str
    submitted_at: str
    evaluation_status: str
    evaluator_id: int | None
    deadline: date | None
    overdue: bool
    conflict_of_interest: bool


class QueueOut(Schema):
    progress: dict
    items: list[QueueItemOut]


@router.get("/quality-label/queue", response=QueueOut)
def queue(request, country: str = ""):
    """The evaluators' queue: open applications of the NSS's countries, with progress and deadlines."""
    refusal = rules.evaluators_only_refusal(is_evaluator=bool(staff_reach(request.auth, Capability.EVALUATE_LABELS)))
    if refusal:
        raise ApplicationError(refusal)
    q = selectors.evaluator_queue(request.auth, country=country.upper())
    return {"progress": q.progress, "items": [
        {"id": a.pk, "project_id": a.project_id, "project_title": a.project.title,
         "applicant_name": a.applicant.display_name, "country": a.country,
         "submitted_at": a.submitted_at.isoformat(), "evaluation_status": a.evaluation_status,
         "evaluator_id": a.evaluator_id, "deadline": a.deadline,
         "overdue": bool(a.deadline and a.deadline < q.today), "conflict_of_interest": a.conflict}
        for a in q.items]}


class AssignIn(Schema):
    evaluator_id: int
    deadline: date | None = None


@router.post("/quality-label/applications/{application_id}/assign", response=ApplicationOut)
def application_assign(request, application_id: int, payload: AssignIn):
    services.application_assign(actor=request.auth, application_id=application_id, **payload.dict())
    return _application(selectors.application_for_user(request.auth, application_id))


class EvaluationIn(Schema):
    scores: dict[str, int]
    feedback: str = ""
    decision: str  # "award" or "reject"


@router.post("/quality-label/applications/{application_id}/evaluation", response=ApplicationOut)
def application_evaluate(request, application_id: int, payload: EvaluationIn):
    refusal = rules.decision_value_refusal(decision=payload.decision)
    if refusal:
        raise ApplicationError(refusal)
    services.application_evaluate(actor=request.auth, application_id=application_id, scores=payload.scores,
                                  feedback=payload.feedback, award=payload.decision == "award")
    return _application(selectors.application_for_user(request.auth, application_id))


# --- European Quality Label -------------------------------------------------------------------

class EqlProjectOut(Schema):
    project_id: int
    title: str
    scope: str
    nql_countries: list[str]
    average: float | None
    candidate: bool
    reason: ReasonOut | None
    nominated_by: list[str]


class EqlOut(Schema):
    year: int
    state: str
    share_percent: int
    min_average: int
    quotas: dict[str, int]
    nominated: dict[str, int]
    total: int
    candidates: int
    offset: int
    projects: list[EqlProjectOut]


def _eql(year: int, offset: int = 0, limit: int = 200) -> dict:
    selection = selectors.selection_for(year)
    overview = selectors.eql_overview(year, offset=min(max(offset, 0), MAX_OFFSET), limit=min(max(limit, 1), 1000))
    return {"year": year, "state": selection.state if selection else "not_started",
            "share_percent": selectors.eql_share_percent(), "min_average": selectors.eql_min_average(),
            "quotas": overview.quotas, "nominated": overview.nominated, "total": overview.total,
            "candidates": overview.candidates, "offset": offset,
            "projects": [{"project_id": e.project_id, "title": e.title, "scope": e.scope,
                          "nql_countries": e.nql_countries, "average": e.average, "candidate": e.candidacy is None,
                          "reason": _reasons([e.candidacy])[0] if e.candidacy else None,
                          "nominated_by": e.nominated_by} for e in overview.projects]}


def _eql_staff(user) -> None:
    if not (staff_reach(user, Capability.SELECT_EQL) or staff_reach(user, Capability.EVALUATE_LABELS)):
        raise not_found()


@router.get("/quality-label/eql/{year}", response=EqlOut)
def eql_overview(request, year: int, offset: int = 0, limit: int = 200):
    """The year's NQL projects, candidates first, a page at a time (at most 1000)."""
    _eql_staff(request.auth)
    return _eql(year, offset, limit)


@router.post("/quality-label/eql/{year}/start", response=EqlOut)
def eql_start(request, year: int):
    services.eql_selection_start(actor=request.auth, year=year)
    return _eql(year)


class NominationIn(Schema):
    project_id: int
    country: str


@router.post("/quality-label/eql/{year}/nominations", response=EqlOut)
def eql_nominate(request, year: int, payload: NominationIn):
    _eql_staff(request.auth)
    services.eql_nominate(actor=request.auth, year=year, **payload.dict())
    return _eql(year)


@router.post("/quality-label/eql/{year}/confirm", response=EqlOut)
def eql_confirm(request, year: int):
    services.eql_confirm(actor=request.auth, year=year)
    return _eql(year)


@router.get("/projects/{project_id}/quality-label/eql", response={200: ReasonOut | None})
def project_eql_explanation(request, project_id: int):
    """Why a national project is never a European Quality Label candidate (null for European projects)."""
    explanation = selectors.project_eql_explanation(project_for_user(request.auth, project_id))
    return _reasons([explanation])[0] if explanation else None


# --- School Label -------------------------------------------------------------------------------

class EligibilityOut(Schema):
    eligible: bool
    active_teachers: int
    european_nql_projects: int
    reasons: list[ReasonOut]


@router.get("/schools/{school_id}/school-label/eligibility", response=EligibilityOut)
def school_label_eligibility(request, school_id: int):
    school = selectors.approved_school_of(request.auth, school_id)
    e = selectors.school_label_eligibility(school)
    return {"eligible": e.eligible, "active_teachers": e.active_teachers,
            "european_nql_projects": e.european_nql_projects, "reasons": _reasons(e.reasons)}


class SchoolLabelIn(Schema):
    principal_name: str
    principal_declaration: str


class SchoolLabelOut(Schema):
    id: int
    school_id: int
    year: int
    status: str


@router.post("/schools/{school_id}/school-label/applications", response={201: SchoolLabelOut})
def school_label_apply(request, school_id: int, payload: SchoolLabelIn):
    return Status(201, services.school_label_apply(user=request.auth, school_id=school_id, **payload.dict()))


class DecisionIn(Schema):
    decision: str
    reason: str = ""


@router.post("/school-label/applications/{application_id}/decision", response=SchoolLabelOut)
def school_label_decide(request, application_id: int, payload: DecisionIn):
    refusal = rules.decision_value_refusal(decision=payload.decision)
    if refusal:
        raise ApplicationError(refusal)
    return services.school_label_decide(actor=request.auth, application_id=application_id,
                                        award=payload.decision == "award", reason=payload.reason)


# --- Public verification ----------------------------------------------------------------------

class VerificationOut(Schema):
    valid: bool
    kind: str
    kind_label: str
    year: int
    holder: str
    project: str
    country: str


@router.get("/labels/verify/{code}", response=VerificationOut, auth=None)
def verify(request, code: str):
    """Anyone can check a certificate's code, without logging in."""
    label = selectors.label_by_code(code)
    if label is None:
        raise not_found()
    return {"valid": True, "kind": label.kind, "kind_label": str(label.get_kind_display()), "year": label.year,
            "holder": label.holder.display_name if label.holder_id else label.school.public_name,
            "project": label.project.title if label.project_id else "", "country": label.country}
