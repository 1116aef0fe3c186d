"""Projects API: the same services and rules as the pages, refusals as `{code, message, …}`."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from ninja import Field, Query, Router, Schema, Status

from twinhub.core.errors import not_found
from twinhub.core.replica import reads_from_replica
from twinhub.core.values import MAX_OFFSET
from twinhub.projects import selectors, services
from twinhub.projects.models import Invitation, Project
from twinhub.projects.rules import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, scope_explanation

router = Router(tags=["projects"])


class MemberOut(Schema):
    user_id: int
    name: str
    role: str
    country: str
    school_id: int | None


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    languages: list[str]
    subjects: list[str]
    age_ranges: list[str]
    planned_start: date | None
    planned_end: date | None
    scope: str | None
    scope_explanation: str
    founder_countries: list[str]
    state: str
    founder_id: int | None
    cofounder_id: int | None
    created_at: datetime


class ProjectDetailOut(ProjectOut):
    members: list[MemberOut]


class ProjectIn(Schema):
    """Scope and state are not inputs: any such field sent is ignored."""

    title: str = Field(..., min_length=1, max_length=TITLE_MAX_LENGTH)
    cofounder_id: int
    description: str = Field("", max_length=DESCRIPTION_MAX_LENGTH)
    languages: list[str] = []
    subjects: list[str] = []
    age_ranges: list[str] = []
    planned_start: date | None = None
    planned_end: date | None = None
    school_id: int | None = None


class ProjectPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=TITLE_MAX_LENGTH)
    description: str | None = Field(None, max_length=DESCRIPTION_MAX_LENGTH)
    languages: list[str] | None = None
    subjects: list[str] | None = None
    age_ranges: list[str] | None = None
    planned_start: date | None = None
    planned_end: date | None = None


class JoinIn(Schema):
    school_id: int | None = None


class InvitationIn(Schema):
    user_id: int


class InvitationOut(Schema):
    id: int
    project_id: int
    project_title: str
    inviter_id: int | None
    invitee_id: int
    status: str
    created_at: datetime


class CandidateOut(Schema):
    user_id: int
    name: str
    can_invite: bool
    code: str | None
    reason: str | None


class LeaveIn(Schema):
    successor_id: int | None = None


class RoleIn(Schema):
    role: str


class DirectoryFilter(Schema):
    q: str = ""
    country: str = ""
    subject: str = ""
    age_range: str = ""
    scope: str = ""
    state: str = ""
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class DirectoryItem(ProjectOut):
    member_countries: list[str]


def project_out(project: Project, *, members=None, countries=None) -> dict:
    data = {
        "id": project.pk, "title": project.title, "description": project.description,
        "languages": project.languages, "subjects": project.subjects, "age_ranges": project.age_ranges,
        "planned_start": project.planned_start, "planned_end": project.planned_end,
        "scope": project.scope or None,
        "scope_explanation": scope_explanation(scope=project.scope, founder_countries=project.founder_countries),
        "founder_countries": project.founder_countries, "state": project.state,
        "founder_id": project.founder_id, "cofounder_id": project.cofounder_id, "created_at": project.created_at,
    }
    if members is not None:
        data["members"] = [{"user_id": m.user_id, "name": m.user.display_name, "role": m.role,
                            "country": m.country, "school_id": m.school_id} for m in members]
    if countries is not None:
        data["member_countries"] = countries
    return data


def invitation_out(inv: Invitation) -> dict:
    return {"id": inv.pk, "project_id": inv.project_id, "project_title": inv.project.title,
            "inviter_id": inv.inviter_id, "invitee_id": inv.invitee_id, "status": inv.status,
            "created_at": inv.created_at}


def _school(school_id):
    if school_id is None:
        return None
    from twinhub.schools.selectors import school_get

    return school_get(school_id)


def _detail(user, project_id) -> dict:
    project = selectors.project_for_user(user, project_id)
    return project_out(project, members=list(project.members.all()))


@router.get("/me/projects", response=list[ProjectOut])
def my_projects(request):
    return [project_out(p) for p in selectors.projects_of(request.user)]


@router.get("/me/invitations", response=list[InvitationOut])
def my_invitations(request):
    return [invitation_out(i) for i in selectors.pending_invitations_of(request.user)]


@router.get("/projects", response=list[DirectoryItem], auth=None)
@reads_from_replica
def directory(request, filters: Query[DirectoryFilter]):
    data = filters.dict()
    limit, offset = data.pop("limit"), data.pop("offset")
    projects = list(selectors.directory_search(**data)[offset:offset + limit])
    countries = selectors.member_countries_by_project(projects)
    return [project_out(p, countries=countries.get(p.pk, [])) for p in projects]


@router.post("/projects", response={201: ProjectDetailOut})
def project_create(request, payload: ProjectIn):
    data = payload.dict()
    cofounder = get_user_model().objects.filter(pk=data.pop("cofounder_id")).first()
    if cofounder is None:
        raise not_found()
    school = _school(data.pop("school_id"))
    project = services.project_create(founder=request.user, cofounder=cofounder, school=school, **data)
    return Status(201, _detail(request.user, project.pk))


@router.get("/projects/{project_id}", response=ProjectDetailOut)
def project_get(request, project_id: int):
    return _detail(request.user, project_id)


@router.patch("/projects/{project_id}", response=ProjectDetailOut)
def project_update(request, project_id: int, payload: ProjectPatch):
    services.project_update(actor=request.user, project_id=project_id, **payload.dict(exclude_unset=True))
    return _detail(request.user, project_id)


@router.post("/projects/{project_id}/accept", response=ProjectDetailOut)
def cofounder_accept(request, project_id: int, payload: JoinIn = None):
    school = _school(payload.school_id if payload else None)
    services.project_cofounder_accept(user=request.user, project_id=project_id, school=school)
    return _detail(request.user, project_id)


@router.post("/projects/{project_id}/decline", response=ProjectDetailOut)
def cofounder_decline(request, project_id: int):
    services.project_cofounder_decline(user=request.user, project_id=project_id)
    return _detail(request.user, project_id)


@router.post("/projects/{project_id}/approve", response=ProjectDetailOut)
def nss_approve(request, project_id: int):
    services.project_nss_approve(user=request.user, project_id=project_id)
    return _detail(request.user, project_id)


def _state_route(action: str):
    @router.post(f"/projects/{{project_id}}/{action}", response=ProjectDetailOut, operation_id=f"project_{action}")
    def state_change(request, project_id: int):
        services.project_state_change(actor=request.user, project_id=project_id, action=action)
        return _detail(request.user, project_id)

    return state_change


project_close, project_reopen, project_archive = (_state_route(a) for a in ("close", "reopen", "archive"))


@router.get("/projects/{project_id}/candidates", response=list[CandidateOut])
def invite_candidates(request, project_id: int):
    """Every contact, with why they cannot be invited (rule 7). Administrators only."""
    from twinhub.core.errors import ApplicationError
    from twinhub.projects.rules import admin_refusal

    project = selectors.project_for_user(request.user, project_id)
    refusal = admin_refusal(is_admin=selectors.is_project_admin(request.user, project))
    if refusal:
        raise ApplicationError(refusal)
    return [{"user_id": c.user.pk, "name": c.user.display_name, "can_invite": c.refusal is None,
             "code": c.refusal.code if c.refusal else None,
             "reason": str(c.refusal.message) if c.refusal else None}
            for c in selectors.invite_candidates(request.user, project)]


@router.post("/projects/{project_id}/invitations", response={201: InvitationOut})
def invite(request, project_id: int, payload: InvitationIn):
    invitation = services.project_invite(actor=request.user, project_id=project_id, user_id=payload.user_id)
    return Status(201, invitation_out(invitation))


@router.post("/invitations/{invitation_id}/accept", response=ProjectDetailOut)
def invitation_accept(request, invitation_id: int, payload: JoinIn = None):
    school = _school(payload.school_id if payload else None)
    member = services.invitation_accept(user=request.user, invitation_id=invitation_id, school=school)
    return _detail(request.user, member.project_id)


@router.post("/invitations/{invitation_id}/decline", response=InvitationOut)
def invitation_decline(request, invitation_id: int):
    return invitation_out(services.invitation_decline(user=request.user, invitation_id=invitation_id))


@router.post("/projects/{project_id}/leave", response={204: None})
def leave(request, project_id: int, payload: LeaveIn = None):
    services.project_leave(user=request.user, project_id=project_id,
                           successor_id=payload.successor_id if payload else None)
    return Status(204, None)


@router.delete("/projects/{project_id}/members/{user_id}", response={204: None})
def member_remove(request, project_id: int, user_id: int):
    services.project_member_remove(actor=request.user, project_id=project_id, user_id=user_id)
    return Status(204, None)


@router.post("/projects/{project_id}/members/{user_id}/role", response=ProjectDetailOut)
def member_role(request, project_id: int, user_id: int, payload: RoleIn):
    services.project_member_set_role(actor=request.user, project_id=project_id, user_id=user_id,
                                     role=payload.role)
    return _detail(request.user, project_id)
