"""Who may do what in a TwinSpace: ONE table, plus the project's state, in `twinspace_permission`.

Every view, API endpoint and service asks this function; templates only show what it allowed.
"""

from django.utils.translation import gettext as _

from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.twinspace.codes import TwinSpaceCode

# Roles of the person looking at a TwinSpace (see `selectors.twinspace_actor`).
ADMIN, MEMBER, PUPIL, GUEST, PUBLIC = "admin", "member", "pupil", "guest", "public"
ROLES = (ADMIN, MEMBER, PUPIL, GUEST, PUBLIC)

# Actions.
VIEW = "view"                          # the whole TwinSpace: pages, materials, forums, meetings, feed
VIEW_PUBLIC = "view_public"            # title, description and the pages marked public
PAGE_WRITE = "page_write"              # create pages, edit one's own
PAGE_PUBLISH = "page_publish"          # mark a page public
MATERIAL_UPLOAD = "material_upload"
THREAD_START = "thread_start"
REPLY = "reply"                        # reply in a forum thread (a guest only where the thread allows)
MODERATE = "moderate"                  # hide, edit or delete anyone's content
MEETING_SCHEDULE = "meeting_schedule"
PUPIL_MANAGE = "pupil_manage"          # create pupil accounts, reset their login codes
GUEST_MANAGE = "guest_manage"          # invite and remove guests
SUBSCRIBE = "subscribe"                # ask for notifications of the TwinSpace's activity
ACTIONS = (VIEW, VIEW_PUBLIC, PAGE_WRITE, PAGE_PUBLISH, MATERIAL_UPLOAD, THREAD_START, REPLY, MODERATE,
           MEETING_SCHEDULE, PUPIL_MANAGE, GUEST_MANAGE, SUBSCRIBE)
READ_ACTIONS = frozenset({VIEW, VIEW_PUBLIC})

_ALLOWED = {
    ADMIN: set(ACTIONS),
    # Teachers moderate: they are responsible for the pupils' safety in the TwinSpace.
    MEMBER: {VIEW, VIEW_PUBLIC, PAGE_WRITE, MATERIAL_UPLOAD, THREAD_START, REPLY, MODERATE, PUPIL_MANAGE,
             SUBSCRIBE},
    PUPIL: {VIEW, VIEW_PUBLIC, PAGE_WRITE, MATERIAL_UPLOAD, THREAD_START, REPLY},
    GUEST: {VIEW, VIEW_PUBLIC, REPLY},
    PUBLIC: {VIEW_PUBLIC},
}
PERMISSIONS: dict[tuple[str, str], bool] = {
    (role, action): action in _ALLOWED[role] for role in ROLES for action in ACTIONS
}

# Project states (twinhub.projects.models.ProjectState).
OPEN, ARCHIVED, CLOSED = "open", "archived", "closed"
AWAITING_MIGRATION = "awaiting_migration"


def _not_found() -> Refusal:
    return Refusal(code=Code.NOT_FOUND, status=404, message=_("Not found."))


def state_refusal(state: str, content_state: str = "ready") -> Refusal | None:
    """Why nothing can be changed in this TwinSpace now, whoever asks (None: it is open for work).
    The TwinSpace's pages show it as their banner; `twinspace_permission` refuses changes with it."""
    if state not in (OPEN, ARCHIVED):
        return Refusal(code=TwinSpaceCode.TWINSPACE_CLOSED, status=409,
                       message=_("This TwinSpace is closed: only its administrators can see it, "
                                 "and nothing can be changed."),
                       who_must_act=_("a project administrator"),
                       next_step=_("Reopen the project to work in its TwinSpace again."))
    if state == ARCHIVED:
        return Refusal(code=TwinSpaceCode.TWINSPACE_ARCHIVED, status=409,
                       message=_("This TwinSpace is archived: it can be read but not changed."),
                       who_must_act=_("a project administrator"),
                       next_step=_("Nothing to do; an archived project keeps its work as it was."))
    if content_state == AWAITING_MIGRATION:
        return Refusal(code=TwinSpaceCode.TWINSPACE_AWAITING_MIGRATION, status=409,
                       message=_("This TwinSpace is still being moved from the old platform. "
                                 "You can add content once the move is finished."),
                       who_must_act=_("the National Support Service"),
                       next_step=_("Come back later; the move finishes without anything for you to do."))
    return None


def twinspace_permission(role: str, action: str, state: str, content_state: str = "ready") -> Refusal | None:
    """None when `role` may do `action` in a TwinSpace whose project is in `state`.

    Open: the table. Archived: read-only for everyone. Closed (and not yet started): only the
    administrators see it, read-only. Waiting for migrated content: read-only. Someone who may
    not even read gets 'not found', so a TwinSpace's existence is not revealed.
    """
    if state not in (OPEN, ARCHIVED):
        if role != ADMIN:
            return _not_found()
        return None if action in READ_ACTIONS else state_refusal(state, content_state)
    if not PERMISSIONS.get((role, action), False):
        if action != VIEW_PUBLIC and not PERMISSIONS.get((role, VIEW), False):
            return _not_found()
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Your role in this TwinSpace does not allow this."),
                       who_must_act=_("a project administrator"),
                       next_step=_("Ask a teacher of the project if you need to do this."))
    if action in READ_ACTIONS:
        return None
    return state_refusal(state, content_state)


def content_change_permission(role: str, write_action: str, state: str, content_state: str, *,
                              is_author: bool) -> Refusal | None:
    """Editing or deleting a page, material or post: its author may (with the right to write it),
    a moderator may always."""
    if is_author and twinspace_permission(role, write_action, state, content_state) is None:
        return None
    return twinspace_permission(role, MODERATE, state, content_state)


def reply_permission(role: str, state: str, content_state: str, *, guests_may_reply: bool) -> Refusal | None:
    """Guests comment only in threads that allow them."""
    refusal = twinspace_permission(role, REPLY, state, content_state)
    if refusal is None and role == GUEST and not guests_may_reply:
        return Refusal(code=TwinSpaceCode.GUESTS_NOT_ALLOWED_HERE, status=403,
                       message=_("Guests cannot reply in this thread."),
                       who_must_act=_("a project administrator"),
                       next_step=_("Reply in a thread that is open to guests."))
    return refusal


def oversight_permission(role: str, action: str, state: str) -> Refusal | None:
    """Seeing what one manages (hidden content, the pupils' list) stays possible, read-only, when
    the TwinSpace is archived or closed: the role needs `action` in the table and the right to read."""
    refusal = twinspace_permission(role, VIEW, state)
    if refusal is None and not PERMISSIONS[(role, action)]:
        return Refusal(code=Code.FORBIDDEN, status=403,
                       message=_("Your role in this TwinSpace does not allow this."),
                       who_must_act=_("a project administrator"))
    return refusal


def page_read_permission(role: str, state: str, *, is_public: bool, is_hidden: bool) -> Refusal | None:
    """A page: the TwinSpace's readers see it; others only when it is public. Hidden content only
    its moderators (a hidden page is still shown to them so they can restore it)."""
    view = twinspace_permission(role, VIEW, state)
    if is_hidden:
        return _not_found() if oversight_permission(role, MODERATE, state) else None
    if view is None:
        return None
    if is_public:
        return twinspace_permission(role, VIEW_PUBLIC, state)
    return _not_found()
