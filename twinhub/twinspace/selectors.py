"""Reads of the TwinSpace, always through `space_for`, which resolves who is asking (teacher,
pupil, guest or anyone) and refuses with 'not found' whoever may not even see the public part."""

from dataclasses import dataclass

from django.db.models import BooleanField, Case, F, OuterRef, Q, Subquery, Value, When

from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.prepared import PreparedQuery
from twinhub.core.queries import count_subquery
from twinhub.projects.models import Project, ProjectMember
from twinhub.twinspace import permissions as perms
from twinhub.twinspace.models import (
    Activity,
    Guest,
    Material,
    Meeting,
    Page,
    Post,
    Pupil,
    Thread,
    ThreadRead,
    TwinSpace,
)

PUPIL_SESSION_KEY = "twinspace_pupil_id"


@dataclass(frozen=True)
class Actor:
    role: str
    user: object = None
    pupil: Pupil | None = None

    @property
    def reader_key(self) -> str:
        if self.pupil is not None:
            return f"p{self.pupil.pk}"
        return f"u{self.user.pk}" if self.user is not None else ""

    @property
    def name(self) -> str:
        return (self.pupil or self.user).display_name


@dataclass
class Space:
    """A project's TwinSpace as seen by one actor."""

    project: Project
    twinspace: TwinSpace
    actor: Actor

    def permission(self, action: str) -> Refusal | None:
        return perms.twinspace_permission(self.actor.role, action, self.project.state,
                                          self.twinspace.content_state)

    def can(self, action: str) -> bool:
        return self.permission(action) is None

    def require(self, action: str) -> None:
        refusal = self.permission(action)
        if refusal is not None:
            raise ApplicationError(refusal)

    @property
    def state_refusal(self) -> Refusal | None:
        """The banner of a TwinSpace where nothing can be changed now, as the rule words it."""
        return perms.state_refusal(self.project.state, self.twinspace.content_state)

    def allowed(self) -> dict[str, bool]:
        """Every action's answer, for templates (which only show what is allowed)."""
        return {action: self.can(action) for action in perms.ACTIONS}


def current_pupil(request) -> Pupil | None:
    """The pupil signed in at the pupil log-in page, if any (cached on the request)."""
    if not hasattr(request, "_twinspace_pupil"):
        pupil_id = request.session.get(PUPIL_SESSION_KEY)
        request._twinspace_pupil = (Pupil.objects.filter(pk=pupil_id, is_active=True).first()
                                    if isinstance(pupil_id, int) else None)
    return request._twinspace_pupil


# Every TwinSpace page reads these three (decision 54).
_PROJECT = PreparedQuery(lambda project_id: Project.objects.filter(pk=project_id).order_by("pk")[:1], project_id=int)
_ROLE = PreparedQuery(lambda project_id, user_id: ProjectMember.objects.filter(project_id=project_id, user_id=user_id)
                      .values_list("role")[:1], project_id=int, user_id=int)
_TWINSPACE = PreparedQuery(lambda project_id: TwinSpace.objects.filter(project_id=project_id).order_by("pk")[:1],
                           project_id=int)


def actor_for(project: Project, *, user=None, pupil: Pupil | None = None) -> Actor:
    if user is not None and user.is_authenticated:
        role = next((role for role, in _ROLE.rows(project_id=project.pk, user_id=user.pk)), None)
        if role is not None:
            return Actor(perms.ADMIN if role in ("founder", "admin") else perms.MEMBER, user=user)
        if Guest.objects.filter(project=project, email__iexact=user.email).exists():
            return Actor(perms.GUEST, user=user)
        return Actor(perms.PUBLIC, user=user)
    if pupil is not None and pupil.project_id == project.pk:
        return Actor(perms.PUPIL, pupil=pupil)
    return Actor(perms.PUBLIC)


def space_for(project_id: int, *, user=None, pupil: Pupil | None = None, lock: bool = False) -> Space:
    """The TwinSpace of a project for this actor, or 'not found'. Reading never creates rows;
    with `lock` (writes) the TwinSpace row is created if needed and locked (storage quota)."""
    if lock:
        project = Project.objects.select_for_update().filter(pk=project_id).first()
    else:
        project = _PROJECT.first(project_id=project_id)
    if project is None:
        raise not_found()
    actor = actor_for(project, user=user, pupil=pupil)
    if lock:
        TwinSpace.objects.get_or_create(project=project)
        twinspace = TwinSpace.objects.select_for_update().get(project=project)
    else:
        twinspace = _TWINSPACE.first(project_id=project.pk) or TwinSpace(project=project)
    space = Space(project=project, twinspace=twinspace, actor=actor)
    space.require(perms.VIEW_PUBLIC)
    return space


def _visible(qs, space: Space):
    """Hidden content is shown to moderators only."""
    refusal = perms.oversight_permission(space.actor.role, perms.MODERATE, space.project.state)
    return qs if refusal is None else qs.filter(is_hidden=False)


def pages_of(space: Space) -> list[Page]:
    """The page tree, flattened in reading order with a `depth` on each page (one query)."""
    qs = Page.objects.filter(project=space.project).only(
        "id", "parent_id", "position", "title", "is_public", "is_hidden", "project_id")
    if not space.can(perms.VIEW):
        qs = qs.filter(is_public=True)
    pages = list(_visible(qs, space))
    children: dict[int | None, list[Page]] = {}
    for page in pages:
        children.setdefault(page.parent_id, []).append(page)
    ordered: list[Page] = []

    def walk(parent_id, depth):
        for page in children.get(parent_id, []):
            page.depth = depth
            ordered.append(page)
            walk(page.pk, depth + 1)

    walk(None, 0)
    return ordered


def page_for(space: Space, page_id: int) -> Page:
    page = (Page.objects.select_related("author_user", "author_pupil")
            .filter(project=space.project, pk=page_id).first())
    if page is None:
        raise not_found()
    refusal = perms.page_read_permission(space.actor.role, space.project.state, is_public=page.is_public,
                                         is_hidden=page.is_hidden)
    if refusal is not None:
        raise ApplicationError(refusal)
    return page


def page_ancestor_ids(page: Page) -> list[int]:
    ids, current = [], page
    while current is not None and len(ids) < 50:
        ids.append(current.pk)
        current = current.parent
    return ids


def materials_of(space: Space):
    space.require(perms.VIEW)
    return _visible(Material.objects.filter(project=space.project), space).select_related(
        "author_user", "author_pupil")


def material_for(space: Space, material_id: int) -> Material:
    material = materials_of(space).filter(pk=material_id).first()
    if material is None:
        raise not_found()
    return material


def threads_of(space: Space):
    """Threads, newest activity first, each with `unread` for the asking reader."""
    space.require(perms.VIEW)
    qs = _visible(Thread.objects.filter(project=space.project), space).select_related("author_user",
                                                                                       "author_pupil")
    read_at = ThreadRead.objects.filter(thread=OuterRef("pk"), reader=space.actor.reader_key).values("read_at")[:1]
    return qs.annotate(read_at=Subquery(read_at)).annotate(unread=Case(
        When(Q(last_post_at__isnull=False) & (Q(read_at__isnull=True) | Q(last_post_at__gt=F("read_at"))),
             then=Value(True)),
        default=Value(False), output_field=BooleanField()))


def thread_for(space: Space, thread_id: int) -> Thread:
    thread = threads_of(space).filter(pk=thread_id).first()
    if thread is None:
        raise not_found()
    return thread


def posts_of(space: Space, thread: Thread):
    return _visible(Post.objects.filter(thread=thread), space).select_related("author_user", "author_pupil")


def post_for(space: Space, post_id: int) -> Post:
    space.require(perms.VIEW)
    post = (_visible(Post.objects.filter(thread__project=space.project, pk=post_id), space)
            .select_related("thread").first())
    if post is None:
        raise not_found()
    return post


def meetings_of(space: Space, *, upcoming_since=None):
    space.require(perms.VIEW)
    qs = Meeting.objects.filter(project=space.project)
    return qs.filter(starts_at__gte=upcoming_since) if upcoming_since else qs


def activity_of(space: Space, limit: int = 20) -> list[Activity]:
    space.require(perms.VIEW)
    return list(Activity.objects.filter(project=space.project)[:limit])


def pupils_of(space: Space):
    refusal = perms.oversight_permission(space.actor.role, perms.PUPIL_MANAGE, space.project.state)
    if refusal is not None:
        raise ApplicationError(refusal)
    return Pupil.objects.filter(project=space.project)


def pupil_for(space: Space, pupil_id: int) -> Pupil:
    pupil = Pupil.objects.filter(project=space.project, pk=pupil_id).first()
    if pupil is None:
        raise not_found()
    return pupil


def guests_of(space: Space):
    return Guest.objects.filter(project=space.project)


def meetings_for_calendar(user):
    """Meetings of every project where the user is a teacher and the TwinSpace is readable."""
    project_ids = ProjectMember.objects.filter(user=user).values("project_id")
    return (Meeting.objects.filter(project_id__in=project_ids, project__state__in=[perms.OPEN, perms.ARCHIVED])
            .select_related("project").order_by("starts_at", "id"))


def _roles_and_unread(user_id: int, reader: str):
    read_at = ThreadRead.objects.filter(thread=OuterRef("pk"), reader=reader).values("read_at")[:1]
    unread = (Thread.objects.filter(project=OuterRef("project_id"), is_hidden=False, last_post_at__isnull=False)
              .annotate(read_at=Subquery(read_at))
              .filter(Q(read_at__isnull=True) | Q(last_post_at__gt=F("read_at"))))
    return ProjectMember.objects.filter(user_id=user_id).annotate(unread=count_subquery(unread, "project")) \
        .values_list("project_id", "role", "unread")


_ROLES_AND_UNREAD = PreparedQuery(_roles_and_unread, user_id=int, reader=str)


def twinspace_roles_and_unread(user) -> tuple[dict[int, str], dict[int, int]]:
    """For a teacher's home and project pages, in each project the user is a member of: their
    TwinSpace role, and how many threads have posts they have not read (as `threads_of` marks them).
    One query, whatever the number of projects; compiled once (it is on every project page)."""
    if not user.is_authenticated:
        return {}, {}
    roles, counts = {}, {}
    for pid, role, n in _ROLES_AND_UNREAD.rows(user_id=user.pk, reader=Actor(role="", user=user).reader_key):
        roles[pid] = perms.ADMIN if role in ("founder", "admin") else perms.MEMBER
        if n:
            counts[pid] = n
    return roles, counts
