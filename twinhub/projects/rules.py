"""Rules of projects: scope (rule 2), members, states and invitations (rule 7).

Pure functions on plain values. Services enforce them, pages explain them, the API returns them.
"""

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from twinhub.accounts.rules import vocabulary_refusal
from twinhub.contacts.codes import ContactCode
from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.geography.countries import country_name
from twinhub.projects.codes import ProjectCode
from twinhub.projects.models import ProjectState  # labels only
from twinhub.schools.codes import SchoolCode

NATIONAL, EUROPEAN = "national", "european"
FOUNDER, ADMIN, MEMBER = "founder", "admin", "member"
ADMIN_ROLES = (FOUNDER, ADMIN)


# --- Scope (rule 2) ---------------------------------------------------------------------------

def scope_for_founders(countries: Sequence[str]) -> str:
    """National when every founder's country is the same, European otherwise.
    Called once, when the co-founder accepts; the result is never recomputed."""
    return NATIONAL if len(set(countries)) <= 1 else EUROPEAN


def scope_explanation(*, scope: str, founder_countries: Sequence[str]) -> str:
    """Why a project has its scope, in the words every page, the API and the help centre show
    ("" while the co-founder has not accepted yet)."""
    if scope == NATIONAL:
        names = ", ".join(sorted({country_name(c) for c in founder_countries})) or "?"
        return _("This is a national project: both founders were in %(country)s when the co-founder accepted. "
                 "The scope was decided then and never changes, even when teachers from other countries join. "
                 "A national project can receive the National Quality Label but can never be nominated for "
                 "the European Quality Label.") % {"country": names}
    if scope == EUROPEAN:
        return _("This is a European project: its founders were in different countries when the co-founder "
                 "accepted. The scope never changes.")
    return ""


def national_project_refusal(*, scope: str, founder_countries: Sequence[str]) -> Refusal | None:
    """Rule 2's consequence: a national project is never a European Quality Label candidate.
    None for a European project (or one whose scope is not decided yet)."""
    if scope != NATIONAL:
        return None
    return Refusal(code=ProjectCode.NATIONAL_PROJECT, status=409,
                   message=scope_explanation(scope=scope, founder_countries=founder_countries),
                   who_must_act=_("nobody: the scope of a project never changes"),
                   next_step=_("For the European Quality Label, found a new project with a partner from another "
                               "country."),
                   help_topic="national-project")


# --- A project's description ---------------------------------------------------------------------

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 5000


def title_refusal(*, title: str) -> Refusal | None:
    if not title.strip():
        return Refusal(code=Code.INVALID_TITLE, status=422, message=_("Give the project a title."),
                       who_must_act=_("you"))
    if len(title.strip()) > TITLE_MAX_LENGTH:
        return Refusal(code=Code.INVALID_TITLE, status=422,
                       message=_("A project's title has at most %(max)s characters.") % {"max": TITLE_MAX_LENGTH},
                       who_must_act=_("you"), next_step=_("Shorten the title; say more in the description."))
    return None


def planned_dates_refusal(*, planned_start: date | None, planned_end: date | None) -> Refusal | None:
    """A project ends after it starts (either date may be left open)."""
    if planned_start and planned_end and planned_end < planned_start:
        return Refusal(code=ProjectCode.INVALID_DATES, status=422,
                       message=_("The planned end must be after the planned start."),
                       who_must_act=_("you"), next_step=_("Correct the planned start or end."))
    return None


def project_values_refusal(*, title: str | None = None, description: str | None = None, languages=(),
                           subjects=(), age_ranges=(), planned_start: date | None = None,
                           planned_end: date | None = None) -> Refusal | None:
    """Every value of a project's description, as the form, the API and the services see it.
    None means "not given" (an update that leaves the value as it is)."""
    if title is not None:
        refused = title_refusal(title=title)
        if refused:
            return refused
    if description is not None and len(description) > DESCRIPTION_MAX_LENGTH:
        return Refusal(code=Code.INVALID, status=422,
                       message=_("A project's description has at most %(max)s characters.")
                       % {"max": DESCRIPTION_MAX_LENGTH}, who_must_act=_("you"))
    return (vocabulary_refusal(subjects=subjects or (), languages=languages or (), age_ranges=age_ranges or ())
            or planned_dates_refusal(planned_start=planned_start, planned_end=planned_end))


# --- Creating and starting ----------------------------------------------------------------------

def cofounder_refusal(*, is_self: bool, is_contact: bool, etwinner_refusal: Refusal | None,
                      cofounder_name: str) -> Refusal | None:
    """The co-founder must be another teacher among the founder's contacts, and an eTwinner."""
    if is_self:
        return Refusal(code=ProjectCode.INVALID_COFOUNDER, status=400,
                       message=_("You cannot be your own co-founder."),
                       who_must_act=_("you"), next_step=_("Choose a co-founder among your contacts."))
    if not is_contact:
        return Refusal(code=ContactCode.NOT_CONTACT, status=403,
                       message=_("%(person)s is not one of your contacts.") % {"person": cofounder_name},
                       who_must_act=_("you"),
                       next_step=_("Send %(person)s a contact request first; once accepted you can "
                                   "start a project together.") % {"person": cofounder_name})
    return etwinner_refusal


def cofounder_answer_refusal(*, is_cofounder: bool, state: str) -> Refusal | None:
    if not is_cofounder:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only the invited co-founder can accept or decline this project."),
                       who_must_act=_("the co-founder"))
    if state != "awaiting_cofounder":
        return Refusal(code=Code.ALREADY_DECIDED, status=409,
                       message=_("This project has already been accepted or declined."))
    return None


def needs_nss_approval(policies: dict[str, bool], founder_countries: Sequence[str]) -> bool:
    """NSS of either founder's country may require approval before a new project starts."""
    return any(policies.get(c, False) for c in founder_countries)


def nss_approval_refusal(*, is_nss_of_founder_country: bool, state: str) -> Refusal | None:
    if not is_nss_of_founder_country:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only the National Support Service of a founder's country approves this project."),
                       who_must_act=_("the National Support Service of a founder's country"))
    if state != "awaiting_approval":
        return Refusal(code=Code.ALREADY_DECIDED, status=409,
                       message=_("This project is not waiting for approval."))
    return None


# --- Members --------------------------------------------------------------------------------

def admin_refusal(*, is_admin: bool) -> Refusal | None:
    """Inviting, removing, closing and re-opening are for the project's administrators."""
    if is_admin:
        return None
    return Refusal(code=Code.FORBIDDEN, status=403,
                   message=_("Only the project's founders and administrators can do this."),
                   who_must_act=_("a founder or administrator of the project"),
                   next_step=_("Ask a founder or administrator of the project."))


def school_choice_refusal(*, school_is_approved_for_user: bool) -> Refusal | None:
    if school_is_approved_for_user:
        return None
    return Refusal(code=SchoolCode.INVALID_SCHOOL, status=400,
                   message=_("Join with one of your schools where your membership is approved."),
                   who_must_act=_("you"))


def leave_refusal(*, role: str, successor_ok: bool) -> Refusal | None:
    """A founder who leaves hands the founder role over to another member of the project."""
    if role != FOUNDER or successor_ok:
        return None
    return Refusal(code=ProjectCode.HANDOVER_REQUIRED, status=409,
                   message=_("A founder who leaves must hand the founder role over to another member."),
                   who_must_act=_("you"),
                   next_step=_("Choose a member who becomes founder in your place. If you are the only "
                               "member left, close the project instead."))


def removal_refusal(*, actor_is_admin: bool, target_role: str, is_self: bool) -> Refusal | None:
    refusal = admin_refusal(is_admin=actor_is_admin)
    if refusal:
        return refusal
    if is_self:
        return Refusal(code=Code.INVALID, status=400, message=_("To leave the project, use “Leave project”."))
    if target_role == FOUNDER:
        return Refusal(code=ProjectCode.CANNOT_REMOVE_FOUNDER, status=409,
                       message=_("A founder cannot be removed; founders hand over their role when they leave."),
                       who_must_act=_("the founder"))
    return None


def role_change_refusal(*, actor_role: str, target_role: str, new_role: str) -> Refusal | None:
    """Founders make members administrators and back."""
    if actor_role != FOUNDER:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only founders can change who administers the project."),
                       who_must_act=_("a founder of the project"))
    if target_role == FOUNDER or new_role not in (ADMIN, MEMBER):
        return Refusal(code=Code.INVALID, status=400, message=_("This role cannot be given here."))
    return None


# --- States -----------------------------------------------------------------------------------

TRANSITIONS = {"close": ("open", "closed"), "reopen": ("closed", "open"), "archive": ("closed", "archived")}


def state_change_refusal(*, is_admin: bool, state: str, action: str) -> Refusal | None:
    """Administrators close and re-open a project; a closed project can be archived (for ever)."""
    refusal = admin_refusal(is_admin=is_admin)
    if refusal:
        return refusal
    source, _target = TRANSITIONS[action]
    if state != source:
        return Refusal(code=ProjectCode.INVALID_STATE, status=409,
                       message=_("This cannot be done while the project is “%(state)s”.")
                       % {"state": ProjectState(state).label})
    return None


def project_open_refusal(*, state: str) -> Refusal | None:
    if state == "open":
        return None
    return Refusal(code=ProjectCode.PROJECT_NOT_OPEN, status=409,
                   message=_("The project is not open: nobody can join it now."),
                   who_must_act=_("a founder or administrator of the project"),
                   next_step=_("An administrator can re-open a closed project."))


# --- Invitations (rule 7) -------------------------------------------------------------------

def invitation_refusal(*, inviter_is_admin: bool, project_state: str, is_contact: bool, is_member: bool,
                       has_pending_invitation: bool, invitee_etwinner_refusal: Refusal | None,
                       invitee_available: bool, invitee_name: str) -> Refusal | None:
    """May this administrator invite this person now? One function for the greyed-out invite
    list, the service and the API error."""
    refusal = admin_refusal(is_admin=inviter_is_admin) or project_open_refusal(state=project_state)
    if refusal:
        return refusal
    if not is_contact:
        return Refusal(code=ContactCode.NOT_CONTACT, status=403,
                       message=_("%(person)s is not one of your contacts.") % {"person": invitee_name},
                       who_must_act=_("you"),
                       next_step=_("Send %(person)s a contact request first.") % {"person": invitee_name})
    if is_member:
        return already_member_refusal(person=invitee_name)
    if invitee_etwinner_refusal is not None:
        return invitee_etwinner_refusal
    refusal = availability_refusal(available=invitee_available, person=invitee_name)
    if refusal:
        return refusal
    if has_pending_invitation:
        return Refusal(code=ProjectCode.ALREADY_INVITED, status=409,
                       message=_("%(person)s has already been invited and has not answered yet.")
                       % {"person": invitee_name}, who_must_act=invitee_name)
    return None


def already_member_refusal(*, person: str | None = None) -> Refusal:
    """`person` names someone else; None speaks to the member themself."""
    if person is None:
        return Refusal(code=ProjectCode.ALREADY_MEMBER, status=409,
                       message=_("You are already a member of this project."),
                       next_step=_("Open the project from your projects page."))
    return Refusal(code=ProjectCode.ALREADY_MEMBER, status=409,
                   message=_("%(person)s is already a member of this project.") % {"person": person})


def availability_refusal(*, available: bool, person: str | None = None) -> Refusal | None:
    """Rule 7: only teachers who switched on "Available for eTwinning projects" can be invited.
    `person` names the invitee; None speaks to the teacher themself."""
    if available:
        return None
    if person is None:
        return Refusal(code=ProjectCode.NOT_AVAILABLE, status=409,
                       message=_("You have not switched on “Available for eTwinning projects”: nobody can "
                                 "invite you to a project, and you do not appear in your contacts' invitation lists."),
                       who_must_act=_("you"), next_step=_("Switch it on in your profile."),
                       help_topic="invite-list")
    return Refusal(code=ProjectCode.NOT_AVAILABLE, status=409,
                   message=_("%(person)s has not switched on “Available for eTwinning projects”.") % {"person": person},
                   who_must_act=person,
                   next_step=_("%(person)s can switch it on in their profile; then invite again.") % {"person": person},
                   help_topic="invite-list")


def invitation_answer_refusal(*, is_invitee: bool, status: str) -> Refusal | None:
    if not is_invitee:
        return Refusal(code=Code.FORBIDDEN, status=403, message=_("This invitation is for someone else."))
    if status != "pending":
        return Refusal(code=Code.ALREADY_DECIDED, status=409,
                       message=_("This invitation has already been answered or withdrawn."))
    return None
