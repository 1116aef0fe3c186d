"""Writes about projects. Each service checks its rule (`projects.rules`) and records the change."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.accounts.rules import photo_refusal
from twinhub.contacts.selectors import are_contacts
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.images import NotAnImage, fitted_jpeg, image_size
from twinhub.core.notifications import notify
from twinhub.projects import rules, selectors
from twinhub.projects.codes import ProjectAudit, ProjectNotice
from twinhub.projects.models import (
    CountryProjectPolicy,
    Invitation,
    InvitationStatus,
    MemberRole,
    Project,
    ProjectMember,
    ProjectState,
)
from twinhub.schools.models import Membership, MembershipStatus, School
from twinhub.schools.selectors import etwinner_refusal_for
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach

EDITABLE_FIELDS = ("title", "description", "languages", "subjects", "age_ranges", "planned_start", "planned_end")


def _raise(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


def _joining_school(user, school=None):
    """The approved school the user joins with: the given one, or their first approved school."""
    qs = Membership.objects.filter(user=user, status=MembershipStatus.APPROVED).select_related("school")
    if school is not None:
        qs = qs.filter(school=school)
    membership = qs.order_by("requested_at", "id").first()
    _raise(rules.school_choice_refusal(school_is_approved_for_user=membership is not None))
    return membership.school


def _user(user_id: int):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise not_found()
    return user


def _project_url(project) -> str:
    return reverse("project_detail", args=[project.pk])


@transaction.atomic
def project_create(*, founder: User, title: str, cofounder: User, description: str = "",
                   languages: Sequence[str] = (), subjects: Sequence[str] = (),
                   age_ranges: Sequence[str] = (), planned_start: date | None = None,
                   planned_end: date | None = None, school: School | None = None) -> Project:
    """Start a project: the founder joins with an approved school; the co-founder (a contact and an
    eTwinner) is asked to accept. No scope yet: it is decided when the co-founder accepts."""
    _raise(etwinner_refusal_for(founder))
    _raise(rules.cofounder_refusal(
        is_self=cofounder.pk == founder.pk, is_contact=are_contacts(founder, cofounder),
        etwinner_refusal=etwinner_refusal_for(cofounder, person=cofounder.display_name),
        cofounder_name=cofounder.display_name))
    _raise(rules.project_values_refusal(title=title, description=description, languages=languages,
                                        subjects=subjects, age_ranges=age_ranges, planned_start=planned_start,
                                        planned_end=planned_end))
    joining = _joining_school(founder, school)
    project = Project.objects.create(
        title=title.strip(), description=description, languages=list(languages), subjects=list(subjects),
        age_ranges=list(age_ranges), planned_start=planned_start, planned_end=planned_end,
        founder=founder, cofounder=cofounder)
    ProjectMember.objects.create(project=project, user=founder, school=joining, country=joining.country,
                                 role=MemberRole.FOUNDER)
    audit_record(actor=founder, action=ProjectAudit.CREATED, obj=project, cofounder=cofounder.pk)
    notify(user=cofounder, kind=ProjectNotice.COFOUNDER_ASKED, url=_project_url(project),
           params={"project": project.title, "founder": founder.display_name})
    return project


@transaction.atomic
def project_cofounder_accept(*, user: User, project_id: int, school: School | None = None) -> Project:
    """The co-founder accepts: they join, and the scope is decided, once and for ever (rule 2)."""
    project = selectors.project_for_user(user, project_id, for_update=True)
    _raise(rules.cofounder_answer_refusal(is_cofounder=project.cofounder_id == user.pk, state=project.state))
    _raise(etwinner_refusal_for(user))
    joining = _joining_school(user, school)
    ProjectMember.objects.create(project=project, user=user, school=joining, country=joining.country,
                                 role=MemberRole.FOUNDER)
    countries = selectors.founder_countries_of([project])[project.pk]
    project.founder_countries = countries
    project.scope = rules.scope_for_founders(countries)
    if rules.needs_nss_approval(selectors.country_policies(countries), countries):
        project.state = ProjectState.AWAITING_APPROVAL
    else:
        project.state, project.activated_at = ProjectState.OPEN, timezone.now()
    project.save(update_fields=["founder_countries", "scope", "state", "activated_at"])
    audit_record(actor=user, action=ProjectAudit.COFOUNDER_ACCEPTED, obj=project, scope=project.scope,
                 founder_countries=countries)
    if project.founder_id:
        notify(user=project.founder, kind=ProjectNotice.COFOUNDER_ACCEPTED, url=_project_url(project),
               params={"project": project.title, "cofounder": user.display_name})
    return project


@transaction.atomic
def project_cofounder_decline(*, user: User, project_id: int) -> Project:
    project = selectors.project_for_user(user, project_id, for_update=True)
    _raise(rules.cofounder_answer_refusal(is_cofounder=project.cofounder_id == user.pk, state=project.state))
    project.state = ProjectState.DECLINED
    project.save(update_fields=["state"])
    audit_record(actor=user, action=ProjectAudit.COFOUNDER_DECLINED, obj=project)
    if project.founder_id:
        notify(user=project.founder, kind=ProjectNotice.COFOUNDER_DECLINED, url=_project_url(project),
               params={"project": project.title, "cofounder": user.display_name})
    return project


IMPORT_CHUNK = 2000


@transaction.atomic
def project_scopes_decide_imported(*, project_ids: Iterable[int]) -> int:
    """Rule 2 for projects that came from the old platform already started: the same rule on the
    same input as `project_cofounder_accept` — the countries of the founders' memberships, known
    once the members are imported. A founder without a membership keeps the country given at
    import (their account's). Returns how many projects changed."""
    ids, changed = sorted(project_ids), []
    for start in range(0, len(ids), IMPORT_CHUNK):
        projects = list(Project.objects.filter(pk__in=ids[start:start + IMPORT_CHUNK])
                        .only("id", "founder_id", "cofounder_id", "founder_countries", "scope"))
        members = selectors.founder_countries_of(projects)
        for project in projects:
            given = list(project.founder_countries or [])
            countries = [country or (given[i] if i < len(given) else None)
                         for i, country in enumerate(members[project.pk])]
            countries = [c for c in countries if c] or given
            scope = rules.scope_for_founders(countries)
            if (countries, scope) != (given, project.scope):
                project.founder_countries, project.scope = countries, scope
                changed.append(project)
    Project.objects.bulk_update(changed, ["founder_countries", "scope"], batch_size=500)
    return len(changed)


@transaction.atomic
def project_nss_approve(*, user: User, project_id: int) -> Project:
    project = selectors.project_for_user(user, project_id, for_update=True)
    _raise(rules.nss_approval_refusal(is_nss_of_founder_country=selectors.is_nss_for_project(user, project),
                                      state=project.state))
    project.state, project.activated_at = ProjectState.OPEN, timezone.now()
    project.save(update_fields=["state", "activated_at"])
    audit_record(actor=user, action=ProjectAudit.NSS_APPROVED, obj=project)
    return project


@transaction.atomic
def country_policy_set(*, actor: User, country: str, require_nss_approval: bool) -> CountryProjectPolicy:
    if not staff_reach(actor, Capability.APPROVE_PROJECTS).covers(country):
        raise not_found()
    policy, _created = CountryProjectPolicy.objects.update_or_create(
        country=country, defaults={"require_nss_approval": require_nss_approval, "updated_by": actor})
    audit_record(actor=actor, action=ProjectAudit.POLICY_UPDATED, obj=policy, require_nss_approval=require_nss_approval)
    return policy


# --- Invitations (rule 7) ---------------------------------------------------------------------------

@transaction.atomic
def project_invite(*, actor: User, project_id: int, user_id: int) -> Invitation:
    project = selectors.project_for_user(actor, project_id, for_update=True)
    invitee = _user(user_id)
    _raise(rules.invitation_refusal(
        inviter_is_admin=selectors.is_project_admin(actor, project), project_state=project.state,
        is_contact=are_contacts(actor, invitee),
        is_member=ProjectMember.objects.filter(project=project, user=invitee).exists(),
        has_pending_invitation=Invitation.objects.filter(project=project, invitee=invitee,
                                                         status=InvitationStatus.PENDING).exists(),
        invitee_etwinner_refusal=etwinner_refusal_for(invitee, person=invitee.display_name),
        invitee_available=selectors.is_available(invitee),
        invitee_name=invitee.display_name))
    invitation = Invitation.objects.create(project=project, inviter=actor, invitee=invitee)
    audit_record(actor=actor, action=ProjectAudit.INVITED, obj=invitation, project=project.pk, invitee=invitee.pk)
    notify(user=invitee, kind=ProjectNotice.INVITED, url=reverse("my_projects"),
           params={"project": project.title, "inviter": actor.display_name})
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, invitation_id: int, school: School | None = None) -> ProjectMember:
    """Join the project with an approved school; that school's country counts for this member for ever.
    The invitation row is locked, and (project, user) is unique: two acceptances make one member."""
    invitation = selectors.invitation_for_user(user, invitation_id, for_update=True)
    _raise(rules.invitation_answer_refusal(is_invitee=True, status=invitation.status))
    project = invitation.project
    _raise(rules.project_open_refusal(state=project.state))
    _raise(etwinner_refusal_for(user))
    joining = _joining_school(user, school)
    try:
        with transaction.atomic():
            member = ProjectMember.objects.create(project=project, user=user, school=joining,
                                                  country=joining.country, role=MemberRole.MEMBER)
    except IntegrityError:
        _raise(rules.already_member_refusal())
    invitation.status, invitation.decided_at = InvitationStatus.ACCEPTED, timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    audit_record(actor=user, action=ProjectAudit.JOINED, obj=member, project=project.pk, country=member.country)
    if invitation.inviter_id:
        notify(user=invitation.inviter, kind=ProjectNotice.INVITATION_ACCEPTED, url=_project_url(project),
               params={"project": project.title, "person": user.display_name})
    return member


@transaction.atomic
def invitation_decline(*, user: User, invitation_id: int) -> Invitation:
    invitation = selectors.invitation_for_user(user, invitation_id, for_update=True)
    _raise(rules.invitation_answer_refusal(is_invitee=True, status=invitation.status))
    invitation.status, invitation.decided_at = InvitationStatus.DECLINED, timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    audit_record(actor=user, action=ProjectAudit.INVITATION_DECLINED, obj=invitation)
    return invitation


# --- Members and states -------------------------------------------------------------------------

def _member_or_404(project, user_id: int) -> ProjectMember:
    member = ProjectMember.objects.select_for_update().filter(project=project, user_id=user_id).first()
    if member is None:
        raise not_found()
    return member


@transaction.atomic
def project_leave(*, user: User, project_id: int, successor_id: int | None = None) -> None:
    """Leave the project. A founder hands the founder role over to another (non-founder) member."""
    project = selectors.project_for_user(user, project_id, for_update=True)
    member = _member_or_404(project, user.pk)
    successor = None
    if member.role == MemberRole.FOUNDER and successor_id:
        successor = (ProjectMember.objects.select_for_update()
                     .filter(project=project, user_id=successor_id).exclude(role=MemberRole.FOUNDER).first())
    _raise(rules.leave_refusal(role=member.role, successor_ok=successor is not None))
    if successor is not None:
        successor.role = MemberRole.FOUNDER
        successor.save(update_fields=["role"])
        # The founder fields name the current founders; scope and founder_countries stay as decided.
        field = "founder" if project.founder_id == user.pk else "cofounder"
        setattr(project, f"{field}_id", successor.user_id)
        project.save(update_fields=[field])
    member.delete()
    audit_record(actor=user, action=ProjectAudit.LEFT, obj=project, user=user.pk,
                 successor=successor.user_id if successor else None)


@transaction.atomic
def project_member_remove(*, actor: User, project_id: int, user_id: int) -> None:
    project = selectors.project_for_user(actor, project_id, for_update=True)
    actor_is_admin = selectors.is_project_admin(actor, project)
    _raise(rules.admin_refusal(is_admin=actor_is_admin))
    member = _member_or_404(project, user_id)
    _raise(rules.removal_refusal(actor_is_admin=actor_is_admin, target_role=member.role,
                                 is_self=member.user_id == actor.pk))
    member.delete()
    audit_record(actor=actor, action=ProjectAudit.MEMBER_REMOVED, obj=project, user=user_id)
    notify(user=member.user, kind=ProjectNotice.REMOVED, url=reverse("my_projects"),
           params={"project": project.title})


@transaction.atomic
def project_member_set_role(*, actor: User, project_id: int, user_id: int, role: str) -> ProjectMember:
    project = selectors.project_for_user(actor, project_id, for_update=True)
    actor_member = selectors.project_member_of(actor, project)
    _raise(rules.admin_refusal(is_admin=actor_member is not None and actor_member.role in rules.ADMIN_ROLES))
    member = _member_or_404(project, user_id)
    _raise(rules.role_change_refusal(actor_role=actor_member.role, target_role=member.role, new_role=role))
    member.role = role
    member.save(update_fields=["role"])
    audit_record(actor=actor, action=ProjectAudit.ROLE_CHANGED, obj=member, role=role)
    return member


STATE_CHANGE_AUDIT = {"close": ProjectAudit.CLOSED, "reopen": ProjectAudit.REOPENED, "archive": ProjectAudit.ARCHIVED}


@transaction.atomic
def project_state_change(*, actor: User, project_id: int, action: str) -> Project:
    """close / reopen / archive, by the project's administrators."""
    if action not in rules.TRANSITIONS:
        raise not_found()
    project = selectors.project_for_user(actor, project_id, for_update=True)
    _raise(rules.state_change_refusal(is_admin=selectors.is_project_admin(actor, project), state=project.state,
                                      action=action))
    project.state = rules.TRANSITIONS[action][1]
    project.save(update_fields=["state"])
    audit_record(actor=actor, action=STATE_CHANGE_AUDIT[action], obj=project)
    return project


@transaction.atomic
def project_update(*, actor: User, project_id: int, **fields: object) -> Project:
    """Administrators edit the description fields. Scope, state and founders are not editable here.
    A text or list given as None is left as it is; a date given as None is cleared."""
    project = selectors.project_for_user(actor, project_id, for_update=True)
    _raise(rules.admin_refusal(is_admin=selectors.is_project_admin(actor, project)))
    changes = {k: v for k, v in fields.items()
               if k in EDITABLE_FIELDS and (v is not None or k in ("planned_start", "planned_end"))}
    # Only what changes is checked (an imported project may hold older values), the dates as a pair.
    _raise(rules.project_values_refusal(**{**changes, **{key: changes.get(key, getattr(project, key))
                                                         for key in ("planned_start", "planned_end")}}))
    for key, value in changes.items():
        setattr(project, key, value.strip() if key == "title" else value)
    if changes:
        project.save(update_fields=list(changes))
        audit_record(actor=actor, action=ProjectAudit.UPDATED, obj=project, fields=list(changes))
    return project


COVER_SIZE = (1200, 400)


@transaction.atomic
def project_cover_set(*, actor: User, project_id: int, upload: UploadedFile | None) -> Project:
    """Administrators set the cover picture (cropped to 3:1), or remove it with `upload=None`."""
    project = selectors.project_for_user(actor, project_id, for_update=True)
    _raise(rules.admin_refusal(is_admin=selectors.is_project_admin(actor, project)))
    old = project.cover.name if project.cover else ""
    if upload is None:
        project.cover = ""
    else:
        try:
            width, height = image_size(upload)
        except NotAnImage:
            width = height = None
        _raise(photo_refusal(size=upload.size or 0, width=width, height=height))
        try:
            data = fitted_jpeg(upload, width=COVER_SIZE[0], height=COVER_SIZE[1])
        except NotAnImage:
            _raise(photo_refusal(size=upload.size or 0, width=None, height=None))
            raise
        project.cover.save("cover.jpg", ContentFile(data), save=False)
    project.save(update_fields=["cover"])
    if old:
        storage = project.cover.storage
        transaction.on_commit(lambda: storage.delete(old))
    return project
