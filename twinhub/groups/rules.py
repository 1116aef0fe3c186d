"""The rules of Groups, the partner-finding forum and moderation. Pure functions on plain values,
returning a `Refusal` (why, who must act, what next) or None. Services call them; pages, the API
and "Why can't I…?" show what they return.

Who may do what in a group is ONE table (`PERMISSIONS`), read by `group_permission` together with
the group's state; every view, API endpoint and service asks it."""

from collections.abc import Sequence
from datetime import date, datetime

from django.utils.translation import gettext as _

from twinhub.accounts.choices import AGE_RANGE_CODES, LANGUAGE_CODES, SUBJECT_CODES
from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.geography.countries import COUNTRY_CODES
from twinhub.groups.codes import GroupCode

# --- The permission table ------------------------------------------------------------------------

# The role of the person looking at a group (`selectors.group_role`).
MODERATOR = "moderator"   # named moderator of this group (its creator is one)
STAFF = "staff"           # NSS of the group's country, or CSS: may moderate and archive
MEMBER = "member"
OUTSIDER = "outsider"     # logged in, not a member (or only asked / invited)
ANONYMOUS = "anonymous"
ROLES = (MODERATOR, STAFF, MEMBER, OUTSIDER, ANONYMOUS)

VIEW_CARD = "view_card"            # title, description, policy, moderators: the directory's card
VIEW = "view"                      # discussions, pages, materials, members, activity
JOIN = "join"                      # join, ask to join or accept an invitation (the join rule decides which)
LEAVE = "leave"
THREAD_START = "thread_start"
REPLY = "reply"
PAGE_WRITE = "page_write"
MATERIAL_UPLOAD = "material_upload"
REPORT = "report"
MODERATE = "moderate"              # hide or remove anyone's content
MANAGE_MEMBERS = "manage_members"  # invite, accept requests, remove members, name moderators
ARCHIVE = "archive"
ACTIONS = (VIEW_CARD, VIEW, JOIN, LEAVE, THREAD_START, REPLY, PAGE_WRITE, MATERIAL_UPLOAD, REPORT, MODERATE,
           MANAGE_MEMBERS, ARCHIVE)
READ_ACTIONS = frozenset({VIEW_CARD, VIEW})
# What stays possible in an archived group besides reading: leaving it.
ARCHIVED_ALLOWED = frozenset({VIEW_CARD, VIEW, LEAVE})

_CONTRIBUTE = {VIEW_CARD, VIEW, LEAVE, THREAD_START, REPLY, PAGE_WRITE, MATERIAL_UPLOAD, REPORT}
_ALLOWED = {
    MODERATOR: _CONTRIBUTE | {MODERATE, MANAGE_MEMBERS, ARCHIVE},
    # Staff oversee groups of their country without joining them: they read, moderate and archive.
    STAFF: {VIEW_CARD, VIEW, JOIN, REPORT, MODERATE, MANAGE_MEMBERS, ARCHIVE},
    MEMBER: set(_CONTRIBUTE),
    OUTSIDER: {VIEW_CARD, JOIN},
    ANONYMOUS: set(),
}
PERMISSIONS: dict[tuple[str, str], bool] = {
    (role, action): action in _ALLOWED[role] for role in ROLES for action in ACTIONS
}

# Group states (models.GroupState).
PROPOSED, ACTIVE, ARCHIVED, REJECTED = "proposed", "active", "archived", "rejected"


def _not_found() -> Refusal:
    return Refusal(code=Code.NOT_FOUND, status=404, message=_("Not found."))


def group_state_refusal(state: str) -> Refusal | None:
    """Why nothing can be added to this group now (None: it is active). Its pages show it as a banner."""
    if state == ARCHIVED:
        return Refusal(code=GroupCode.GROUP_ARCHIVED, status=409,
                       message=_("This group is archived: it can be read but not changed."),
                       who_must_act=_("the group's moderators"),
                       next_step=_("Nothing to do; an archived group keeps its discussions as they were."))
    if state == PROPOSED:
        return Refusal(code=GroupCode.GROUP_NOT_ACTIVE, status=409,
                       message=_("This group is a proposal waiting for the National Support Service's approval."),
                       who_must_act=_("the National Support Service"),
                       next_step=_("You will be notified when it is decided."))
    if state == REJECTED:
        return Refusal(code=GroupCode.GROUP_NOT_ACTIVE, status=409,
                       message=_("This group was not approved by the National Support Service."),
                       who_must_act=_("the National Support Service"),
                       next_step=_("Read the reason given, and propose a new group if you wish."))
    return None


def group_permission(role: str, action: str, state: str, *, is_proposer: bool = False) -> Refusal | None:
    """None when `role` may do `action` in a group in `state`.

    Active: the table. Archived: read-only (leaving stays possible). Proposed or rejected: only its
    proposer and the staff see it, and nothing can be done in it. Whoever may not even see the
    group's card gets "not found", so a proposal's existence is not revealed."""
    if state in (PROPOSED, REJECTED):
        if role != STAFF and not is_proposer:
            return _not_found()
        return None if action in READ_ACTIONS else group_state_refusal(state)
    if not PERMISSIONS.get((role, action), False):
        if role == ANONYMOUS:
            return Refusal(code=GroupCode.GROUP_SIGN_UP_FIRST, status=403,
                           message=_("Groups are for registered users."),
                           who_must_act=_("you"), next_step=_("Log in or create an account first."))
        if action == VIEW or (role == OUTSIDER and action in _CONTRIBUTE):
            return Refusal(code=GroupCode.NOT_GROUP_MEMBER, status=403,
                           message=_("Only the group's members can do this."),
                           who_must_act=_("you"), next_step=_("Join the group first."))
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only the group's moderators can do this."),
                       who_must_act=_("the group's moderators"),
                       next_step=_("Ask one of the group's moderators."))
    if state == ARCHIVED and action not in ARCHIVED_ALLOWED:
        return group_state_refusal(state)
    return None


# --- Changing a piece of content --------------------------------------------------------------------

# Changing one page, material or post of a group: (what, change) -> the action its author needs to
# do it to their own content; None when only the group's moderators (and staff) may, whoever wrote it.
EDIT, HIDE, SHOW, REMOVE = "edit", "hide", "show", "remove"
CONTENT_CHANGES: dict[tuple[str, str], str | None] = {
    ("page", EDIT): PAGE_WRITE, ("page", HIDE): None, ("page", SHOW): None, ("page", REMOVE): PAGE_WRITE,
    ("material", EDIT): MATERIAL_UPLOAD, ("material", HIDE): None, ("material", SHOW): None,
    ("material", REMOVE): MATERIAL_UPLOAD,
    ("post", HIDE): None, ("post", SHOW): None, ("post", REMOVE): None,
}


def content_change_permission(role: str, what: str, change: str, state: str, *, is_author: bool) -> Refusal | None:
    """None when `role` may make `change` to a `what` of a group in `state`: its author while they may
    still write such content, the moderators always — and nobody once the group is archived."""
    if (what, change) not in CONTENT_CHANGES:
        return _not_found()
    author_action = CONTENT_CHANGES[(what, change)]
    if is_author and author_action and PERMISSIONS.get((role, author_action), False):
        return group_permission(role, author_action, state)  # the author may, unless the group's state forbids
    refusal = group_permission(role, MODERATE, state)
    if refusal is not None and refusal.code == Code.FORBIDDEN and author_action:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Only its author and the group's moderators can do this."),
                       who_must_act=_("its author or the group's moderators"),
                       next_step=_("Ask its author, or report it if something is wrong with it."))
    return refusal


# --- Joining and leaving --------------------------------------------------------------------------

def join_refusal(*, policy: str, status: str | None, etwinner_refusal: Refusal | None,
                 moderators: Sequence[str]) -> Refusal | None:
    """May this user join now? `status` is their membership's ("active", "requested", "invited")
    or None. eTwinners-only groups give rule 1's own explanation (whose approval is missing);
    invitation groups say who invites."""
    if status == "active":
        return Refusal(code=GroupCode.ALREADY_GROUP_MEMBER, status=409, message=_("You are already a member of this group."))
    if status == "invited":
        return None  # joining accepts the invitation
    if policy == "etwinners" and etwinner_refusal is not None:
        return etwinner_refusal
    if policy == "invitation":
        if status == "requested":
            return request_pending_refusal(moderators=moderators)
        names = ", ".join(moderators) or _("the group's moderators")
        return Refusal(code=GroupCode.GROUP_BY_INVITATION, status=403,
                       message=_("This group is by invitation: its moderators (%(names)s) invite members "
                                 "and decide requests to join.") % {"names": names},
                       who_must_act=names,
                       next_step=_("Ask to join: one of the moderators will accept or decline your request."))
    return None


def request_pending_refusal(*, moderators: Sequence[str]) -> Refusal:
    names = ", ".join(moderators) or _("the group's moderators")
    return Refusal(code=GroupCode.GROUP_REQUEST_PENDING, status=409,
                   message=_("You already asked to join; the request is waiting for a moderator."),
                   who_must_act=names, next_step=_("Wait for the answer; you will be notified."))


def join_request_refusal(*, policy: str, status: str | None, moderators: Sequence[str]) -> Refusal | None:
    """Asking to join is for invitation groups only (others are joined directly)."""
    if status == "active":
        return Refusal(code=GroupCode.ALREADY_GROUP_MEMBER, status=409, message=_("You are already a member of this group."))
    if status == "requested":
        return request_pending_refusal(moderators=moderators)
    if policy != "invitation":
        return Refusal(code=Code.INVALID, status=400, message=_("This group needs no request: join it directly."),
                       who_must_act=_("you"))
    return None


def invite_refusal(*, status: str | None, name: str) -> Refusal | None:
    if status == "active":
        return Refusal(code=GroupCode.ALREADY_GROUP_MEMBER, status=409,
                       message=_("%(name)s is already a member of this group.") % {"name": name})
    if status == "invited":
        return Refusal(code=GroupCode.ALREADY_INVITED, status=409,
                       message=_("%(name)s is already invited; the invitation waits for an answer.") % {"name": name},
                       who_must_act=name)
    return None


def leave_refusal(*, status: str | None, is_moderator: bool, other_moderators: int) -> Refusal | None:
    if status is None:
        return Refusal(code=GroupCode.NOT_GROUP_MEMBER, status=409, message=_("You are not a member of this group."))
    if is_moderator and other_moderators == 0:
        return Refusal(code=GroupCode.LAST_MODERATOR, status=409,
                       message=_("You are the group's only moderator: it would have nobody to look after it."),
                       who_must_act=_("you"), next_step=_("Name another member moderator first, then leave."))
    return None


def member_removal_refusal(*, is_self: bool, target_is_moderator: bool, other_moderators: int) -> Refusal | None:
    if is_self:
        return Refusal(code=Code.INVALID, status=400, message=_("To leave the group yourself, use “Leave”."),
                       who_must_act=_("you"))
    if target_is_moderator and other_moderators == 0:
        return Refusal(code=GroupCode.LAST_MODERATOR, status=409,
                       message=_("This is the group's only moderator."),
                       who_must_act=_("the National Support Service"),
                       next_step=_("Name another moderator first."))
    return None


# --- Group values and proposals --------------------------------------------------------------------

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 4000


def group_values_refusal(*, title: str, description: str, topic: str, language: str,
                         join_policy: str) -> Refusal | None:
    problems = []
    if not title.strip() or len(title.strip()) > TITLE_MAX_LENGTH:
        problems.append(_("a title of 1 to 200 characters"))
    if not description.strip() or len(description) > DESCRIPTION_MAX_LENGTH:
        problems.append(_("a description of 1 to 4000 characters"))
    if topic not in SUBJECT_CODES:
        problems.append(_("a topic from the list"))
    if language not in LANGUAGE_CODES:
        problems.append(_("a language from the list"))
    if join_policy not in ("open", "etwinners", "invitation"):
        problems.append(_("who can join"))
    if problems:
        return Refusal(code=GroupCode.INVALID_GROUP, status=400,
                       message=_("The group needs %(what)s.") % {"what": ", ".join(problems)},
                       who_must_act=_("you"))
    return None


def group_create_refusal(*, may_create: bool) -> Refusal | None:
    """Groups are created by the NSS (for their country) and the CSS; teachers propose them."""
    if may_create:
        return None
    return Refusal(code=Code.FORBIDDEN, status=403,
                   message=_("Groups are created by the National Support Services and the Central Support Service."),
                   who_must_act=_("the National Support Service of your country"),
                   next_step=_("Propose the group instead: your National Support Service approves it."))


def proposal_decision_refusal(*, state: str, approve: bool, reason: str) -> Refusal | None:
    if state != PROPOSED:
        return Refusal(code=GroupCode.NOT_A_PROPOSAL, status=409, message=_("This group is not waiting for a decision."))
    if not approve and not reason.strip():
        return Refusal(code=Code.REASON_REQUIRED, status=400,
                       message=_("Say why the group is not approved: the teacher who proposed it reads it."),
                       who_must_act=_("you"))
    return None


# --- Partner finding --------------------------------------------------------------------------------

PARTNER_POST_DAYS = 60           # a post is shown this long, then until its author renews it
PARTNER_POST_REMIND_DAYS = 7     # its author is reminded this long before it expires
PARTNER_POST_MAX_PERIOD_DAYS = 3 * 366


def partner_post_values_refusal(*, title: str, idea: str, subjects: Sequence[str], age_ranges: Sequence[str],
                                languages: Sequence[str], countries_wanted: Sequence[str],
                                period_start: date | None, period_end: date | None, today: date) -> Refusal | None:
    problems = []
    if not title.strip() or len(title.strip()) > TITLE_MAX_LENGTH:
        problems.append(_("a title of 1 to 200 characters"))
    if not idea.strip() or len(idea) > DESCRIPTION_MAX_LENGTH:
        problems.append(_("the idea in 1 to 4000 characters"))
    if not subjects or not set(subjects) <= SUBJECT_CODES:
        problems.append(_("at least one subject from the list"))
    if not age_ranges or not set(age_ranges) <= AGE_RANGE_CODES:
        problems.append(_("the pupils' ages from the list"))
    if not languages or not set(languages) <= LANGUAGE_CODES:
        problems.append(_("at least one language from the list"))
    if not set(countries_wanted) <= COUNTRY_CODES:
        problems.append(_("countries from the list"))
    if period_start is None or period_end is None or period_end < period_start or period_end < today \
            or (period_end - period_start).days > PARTNER_POST_MAX_PERIOD_DAYS:
        problems.append(_("a period that ends after it starts, not in the past and at most three years long"))
    if problems:
        return Refusal(code=GroupCode.INVALID_PARTNER_POST, status=400,
                       message=_("The post needs %(what)s.") % {"what": ", ".join(problems)},
                       who_must_act=_("you"))
    return None


def partner_post_open_refusal(*, state: str, expires_at: datetime, now: datetime, author_name: str) -> Refusal | None:
    """Answers go to open posts that have not expired."""
    if state == "closed":
        return Refusal(code=GroupCode.PARTNER_POST_CLOSED, status=409,
                       message=_("%(name)s closed this post: partners were found.") % {"name": author_name},
                       next_step=_("Look for other posts, or write your own."))
    if expires_at <= now:
        return Refusal(code=GroupCode.PARTNER_POST_EXPIRED, status=409,
                       message=_("This post has expired."), who_must_act=author_name,
                       next_step=_("Its author can renew it; meanwhile look for other posts."))
    return None


def partner_answer_refusal(*, is_author: bool, open_refusal: Refusal | None) -> Refusal | None:
    if is_author:
        return Refusal(code=GroupCode.OWN_PARTNER_POST, status=400, message=_("This is your own post."),
                       who_must_act=_("you"))
    return open_refusal


def partner_author_refusal(*, is_author: bool) -> Refusal | None:
    """Renewing and closing a post is its author's."""
    if is_author:
        return None
    return Refusal(code=Code.FORBIDDEN, status=403, message=_("Only the post's author can do this."),
                   who_must_act=_("the post's author"))


def message_body_refusal(*, body: str) -> Refusal | None:
    if body.strip() and len(body) <= 5000:
        return None
    return Refusal(code=Code.EMPTY_MESSAGE, status=400, message=_("Write a message of up to 5000 characters."),
                   who_must_act=_("you"))


# --- Moderation ----------------------------------------------------------------------------------------

REASON_MAX_LENGTH = 2000


def report_refusal(*, reason: str, is_own: bool, already_reported: bool) -> Refusal | None:
    if is_own:
        return Refusal(code=GroupCode.INVALID_REPORT, status=400, message=_("You cannot report your own content."),
                       who_must_act=_("you"), next_step=_("Edit or delete it yourself."))
    if not reason.strip() or len(reason) > REASON_MAX_LENGTH:
        return Refusal(code=Code.REASON_REQUIRED, status=400,
                       message=_("Say in up to 2000 characters what is wrong: the moderators read it."),
                       who_must_act=_("you"))
    if already_reported:
        return Refusal(code=GroupCode.ALREADY_REPORTED, status=409,
                       message=_("You already reported this; the moderators have not decided yet."),
                       who_must_act=_("the moderators"), next_step=_("You will be told the outcome."))
    return None


HIDEABLE = frozenset({"group_post", "group_page", "group_material", "partner_post", "twinspace_post",
                      "twinspace_page", "twinspace_material"})


def decision_refusal(*, state: str, decision: str, target: str, target_exists: bool) -> Refusal | None:
    """Keep and warn apply to anything; hide and remove to content (a profile is its owner's: the
    NSS deactivates accounts through its own procedure)."""
    if state != "open":
        return Refusal(code=Code.ALREADY_DECIDED, status=409, message=_("This report has already been decided."))
    if decision not in ("keep", "hide", "remove", "warn"):
        return Refusal(code=Code.INVALID, status=400, message=_("Choose keep, hide, remove or warn."),
                       who_must_act=_("you"))
    if decision in ("hide", "remove") and target not in HIDEABLE:
        return Refusal(code=GroupCode.DECISION_NOT_POSSIBLE, status=400,
                       message=_("A profile cannot be hidden or removed from here."),
                       who_must_act=_("you"),
                       next_step=_("Warn its owner, or follow your National Support Service's procedure "
                                   "for deactivating accounts."))
    if decision in ("hide", "remove") and not target_exists:
        return Refusal(code=GroupCode.DECISION_NOT_POSSIBLE, status=409,
                       message=_("The reported content no longer exists."),
                       who_must_act=_("you"), next_step=_("Keep the report to close it."))
    return None
