"""Reads of Groups, partner-finding posts and reports, always permission-checked: a group through
`group_view` (who is asking, their role, the table's answer), a post through `partner_post_for`
(eTwinners only), a report through `report_for_moderator` (its queue's people only)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from twinhub.contacts.models import TeacherSearchEntry
from twinhub.contacts.selectors import teacher_for_viewer
from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.queries import list_contains
from twinhub.groups import rules
from twinhub.groups.models import (
    Group,
    GroupActivity,
    GroupMaterial,
    GroupMembership,
    GroupPage,
    GroupPost,
    GroupState,
    GroupThread,
    MemberStatus,
    PartnerAnswer,
    PartnerMessage,
    PartnerPost,
    PartnerPostState,
    Report,
    ReportState,
)
from twinhub.projects.models import ProjectMember
from twinhub.schools.selectors import etwinner_refusal_for
from twinhub.staff.rules import Capability
from twinhub.staff.selectors import staff_reach
from twinhub.twinspace import selectors as twinspace_selectors
from twinhub.twinspace.models import Material as TwinSpaceMaterial
from twinhub.twinspace.models import Page as TwinSpacePage
from twinhub.twinspace.models import Post as TwinSpacePost

PAGE_SIZE = 20
THREAD_KINDS = ("thread_created", "post_created")  # feed entries about a discussion (params: thread_id)


# --- Groups ---------------------------------------------------------------------------------------

@dataclass
class GroupView:
    """A group as seen by one user."""

    group: Group
    role: str
    membership: GroupMembership | None
    user: object = None

    @property
    def is_proposer(self) -> bool:
        return self.user is not None and self.group.created_by_id == getattr(self.user, "pk", None)

    def permission(self, action: str) -> Refusal | None:
        return rules.group_permission(self.role, action, self.group.state, is_proposer=self.is_proposer)

    def can(self, action: str) -> bool:
        return self.permission(action) is None

    def require(self, action: str) -> None:
        refusal = self.permission(action)
        if refusal is not None:
            raise ApplicationError(refusal)

    @property
    def state_refusal(self) -> Refusal | None:
        return rules.group_state_refusal(self.group.state)

    @property
    def status(self) -> str | None:
        return self.membership.status if self.membership else None

    def allowed(self) -> dict[str, bool]:
        return {action: self.can(action) for action in rules.ACTIONS}

    def change_permission(self, what: str, change: str, obj) -> Refusal | None:
        """May this user edit, hide, show or remove this page, material or post (`rules.CONTENT_CHANGES`)?"""
        return rules.content_change_permission(self.role, what, change, self.group.state,
                                               is_author=obj.author_user_id == getattr(self.user, "pk", None))

    def changes(self, what: str, obj) -> dict[str, bool]:
        """The changes this user may make to one piece of content, for its page's buttons."""
        return {change: self.change_permission(what, change, obj) is None
                for (kind, change) in rules.CONTENT_CHANGES if kind == what}


def is_network_staff_for(user, country: str) -> bool:
    """NSS of the country (or CSS, everywhere): the staff of a group, a proposal or an author."""
    reach = staff_reach(user, Capability.MODERATE_NETWORK)
    return reach.everywhere or (bool(country) and reach.covers(country))


def group_role(user, group: Group, membership: GroupMembership | None) -> str:
    if user is None or not user.is_authenticated:
        return rules.ANONYMOUS
    if membership is not None and membership.status == MemberStatus.ACTIVE:
        if membership.is_moderator:
            return rules.MODERATOR
        member = True
    else:
        member = False
    if is_network_staff_for(user, group.country):
        return rules.STAFF
    return rules.MEMBER if member else rules.OUTSIDER


def group_view(user, group_id: int, *, lock: bool = False) -> GroupView:
    """The group for this user, or "not found" when they may not even see its card."""
    qs = Group.objects.select_for_update() if lock else Group.objects.all()
    group = qs.filter(pk=group_id).first()
    if group is None:
        raise not_found()
    membership = None
    if user is not None and user.is_authenticated:
        membership = GroupMembership.objects.filter(group=group, user=user).first()
    view = GroupView(group=group, role=group_role(user, group, membership), membership=membership, user=user)
    refusal = view.permission(rules.VIEW_CARD)
    if refusal is not None and refusal.status == 404:
        raise ApplicationError(refusal)
    return view


def moderator_names(group: Group) -> list[str]:
    return [m.user.display_name for m in GroupMembership.objects.filter(
        group=group, is_moderator=True, status=MemberStatus.ACTIVE).select_related("user")]


def groups_directory(*, q: str = "", language: str = "", topic: str = "", page: int = 1) -> tuple[list[Group], bool]:
    """Active and archived groups matching the filters, one page, newest activity first; and
    whether there is a next page (no total count)."""
    # A learning event's discussion group (Event.discussion, related name "event") belongs to the
    # event and is reached from it, not listed here.
    qs = Group.objects.filter(state__in=[GroupState.ACTIVE, GroupState.ARCHIVED], event__isnull=True)
    if language:
        qs = qs.filter(language=language)
    if topic:
        qs = qs.filter(topic=topic)
    for word in q.split()[:8]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    page = max(1, min(page, 500))
    start = (page - 1) * PAGE_SIZE
    rows = list(qs.order_by("state", "-last_activity_at", "-id")[start:start + PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def my_groups(user) -> QuerySet[GroupMembership]:
    """The user's groups: member of, invited to, asked to join."""
    return (GroupMembership.objects.filter(user=user).exclude(group__state=GroupState.REJECTED)
            .select_related("group").order_by("status", "-group__last_activity_at"))


def my_proposals(user) -> QuerySet[Group]:
    return Group.objects.filter(created_by=user, state__in=[GroupState.PROPOSED, GroupState.REJECTED])


def proposals_for(user) -> QuerySet[Group]:
    """Proposals the user's NSS role decides."""
    reach = staff_reach(user, Capability.MODERATE_NETWORK)
    if not reach:
        return Group.objects.none()
    qs = Group.objects.filter(state=GroupState.PROPOSED).select_related("created_by")
    return qs if reach.everywhere else qs.filter(country__in=reach.countries)


def _visible(qs, view: GroupView):
    return qs if view.can(rules.MODERATE) else qs.filter(is_hidden=False)


def threads_of(view: GroupView) -> QuerySet[GroupThread]:
    view.require(rules.VIEW)
    return _visible(GroupThread.objects.filter(group=view.group), view).select_related("author_user")


def thread_for(view: GroupView, thread_id: int) -> GroupThread:
    view.require(rules.VIEW)
    thread = _visible(GroupThread.objects.filter(group=view.group, pk=thread_id), view).first()
    if thread is None:
        raise not_found()
    return thread


def posts_of(view: GroupView, thread: GroupThread) -> QuerySet[GroupPost]:
    return _visible(thread.posts.all(), view).select_related("author_user")


def post_for(view: GroupView, post_id: int) -> GroupPost:
    view.require(rules.VIEW)
    post = (_visible(GroupPost.objects.filter(thread__group=view.group, pk=post_id), view)
            .select_related("thread", "author_user").first())
    if post is None:
        raise not_found()
    return post


def pages_of(view: GroupView, *, with_text: bool = False) -> QuerySet[GroupPage]:
    """The group's pages: titles for the group's home, the whole pages (and authors) for the API."""
    view.require(rules.VIEW)
    qs = _visible(GroupPage.objects.filter(group=view.group), view)
    return qs.select_related("author_user") if with_text else qs.only("id", "title", "is_hidden", "group_id")


def page_for(view: GroupView, page_id: int) -> GroupPage:
    view.require(rules.VIEW)
    page = _visible(GroupPage.objects.filter(group=view.group, pk=page_id), view).select_related("author_user").first()
    if page is None:
        raise not_found()
    return page


def materials_of(view: GroupView) -> QuerySet[GroupMaterial]:
    view.require(rules.VIEW)
    return _visible(GroupMaterial.objects.filter(group=view.group), view).select_related("author_user")


def material_for(view: GroupView, material_id: int) -> GroupMaterial:
    view.require(rules.VIEW)
    material = _visible(GroupMaterial.objects.filter(group=view.group, pk=material_id), view).first()
    if material is None:
        raise not_found()
    return material


def members_of(view: GroupView, *, status: str = MemberStatus.ACTIVE) -> QuerySet[GroupMembership]:
    view.require(rules.VIEW if status == MemberStatus.ACTIVE else rules.MANAGE_MEMBERS)
    return GroupMembership.objects.filter(group=view.group, status=status).select_related("user")


def activity_of(view: GroupView, limit: int = 20) -> list[GroupActivity]:
    """The feed; a hidden discussion's entries only for those who see hidden content."""
    view.require(rules.VIEW)
    qs = GroupActivity.objects.filter(group=view.group)
    if not view.can(rules.MODERATE):
        hidden = list(GroupThread.objects.filter(group=view.group, is_hidden=True).values_list("pk", flat=True))
        if hidden:
            qs = qs.exclude(Q(kind__in=THREAD_KINDS) & Q(params__thread_id__in=hidden))
    return list(qs[:limit])


# --- Partner finding ------------------------------------------------------------------------------

def require_etwinner(user) -> None:
    """The partner-finding forum is for eTwinners: rule 1's explanation otherwise."""
    refusal = etwinner_refusal_for(user)
    if refusal is not None:
        raise ApplicationError(refusal)


def _live_posts(now: datetime):
    return PartnerPost.objects.filter(state=PartnerPostState.OPEN, is_hidden=False, expires_at__gt=now)


def partner_posts_search(user, *, q: str = "", subject: str = "", language: str = "", age_range: str = "",
                         country: str = "", page: int = 1) -> tuple[list[PartnerPost], bool]:
    """Open, unexpired posts matching the filters (country: the author's or one they want)."""
    require_etwinner(user)
    qs = _live_posts(timezone.now()).select_related("author")
    qs = list_contains(qs, "subjects", subject)
    qs = list_contains(qs, "languages", language)
    qs = list_contains(qs, "age_ranges", age_range)
    if country:
        qs = qs.filter(Q(author_country=country) | Q(pk__in=list_contains(PartnerPost.objects.all(),
                                                                          "countries_wanted", country).values("pk")))
    for word in q.lower().split()[:8]:
        qs = qs.filter(document__contains=word)
    page = max(1, min(page, 500))
    start = (page - 1) * PAGE_SIZE
    rows = list(qs.order_by("-created_at", "-id")[start:start + PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def my_partner_posts(user) -> QuerySet[PartnerPost]:
    return PartnerPost.objects.filter(author=user).order_by("-created_at")


def partner_post_for(user, post_id: int) -> PartnerPost:
    """A post for an eTwinner; a hidden post only for its author and the staff of its country."""
    post = PartnerPost.objects.filter(pk=post_id).select_related("author").first()
    if post is None or not is_network_staff_for(user, post.author_country):
        require_etwinner(user)  # staff of the author's country read it to decide reports
    if post is None:
        raise not_found()
    if post.is_hidden and post.author_id != user.pk and not is_network_staff_for(user, post.author_country):
        raise not_found()
    return post


def answers_of(user, post: PartnerPost) -> QuerySet[PartnerAnswer]:
    """The author sees every answer; someone who answered, their own."""
    qs = post.answers.select_related("author")
    return qs if post.author_id == user.pk else qs.filter(author=user)


def answer_for(user, answer_id: int) -> PartnerAnswer:
    answer = PartnerAnswer.objects.filter(pk=answer_id).select_related("post", "post__author", "author").first()
    if answer is None or user.pk not in (answer.author_id, answer.post.author_id):
        raise not_found()
    return answer


def messages_of(answer: PartnerAnswer) -> QuerySet[PartnerMessage]:
    return answer.messages.select_related("sender")


SUGGESTIONS = 6


def partner_suggestions(post: PartnerPost, *, limit: int = SUGGESTIONS) -> list[TeacherSearchEntry]:
    """eTwinners available for projects whose profile shares the post's first subject, age range
    and a language (from the partner-search index), preferring the countries wanted."""
    qs = TeacherSearchEntry.objects.filter(available=True).exclude(user_id=post.author_id)
    qs = list_contains(qs, "subjects", (post.subjects or [""])[0])
    qs = list_contains(qs, "age_ranges", (post.age_ranges or [""])[0])
    if post.languages:
        language_q = Q()
        for code in post.languages[:5]:
            language_q |= Q(pk__in=list_contains(TeacherSearchEntry.objects.all(), "languages", code).values("pk"))
        qs = qs.filter(language_q)
    if post.countries_wanted:
        qs = qs.filter(country__in=post.countries_wanted)
    return list(qs.order_by("-joined_at", "user_id")[:limit])


# --- Moderation ---------------------------------------------------------------------------------

def moderation_scope_q(user) -> Q:
    """The reports this user decides: of groups they moderate; of TwinSpaces where they teach;
    and, as NSS (CSS everywhere), of authors of their country, except pupils' content, which is
    seen only inside its TwinSpace."""
    scope = Q(group_id__in=GroupMembership.objects.filter(user=user, is_moderator=True, status=MemberStatus.ACTIVE)
              .values("group_id"))
    scope |= Q(project_id__in=ProjectMember.objects.filter(user=user).values("project_id"))
    reach = staff_reach(user, Capability.MODERATE_NETWORK)
    if reach:
        staff_q = Q(author_is_pupil=False)
        if not reach.everywhere:
            staff_q &= Q(author_country__in=reach.countries)
        scope |= staff_q
    return scope


def moderation_queue(user, *, state: str = ReportState.OPEN) -> QuerySet[Report]:
    return (Report.objects.filter(moderation_scope_q(user), state=state)
            .select_related("reporter", "author", "group", "project").order_by("created_at", "id"))


def report_for_moderator(user, report_id: int, *, for_update: bool = False) -> Report:
    qs = Report.objects.select_for_update() if for_update else Report.objects.all()
    report = qs.filter(moderation_scope_q(user), pk=report_id).first()
    if report is None:
        raise not_found()
    return report


def my_reports(user) -> QuerySet[Report]:
    return Report.objects.filter(reporter=user).order_by("-created_at")


# Where each kind of reported content lives: its model, the path to its space, and how a person's own
# permission reads it there (a group's table, the TwinSpace's `space_for`).
_GROUP_CONTENT = {
    "group_post": (GroupPost, "thread__group_id", post_for),
    "group_page": (GroupPage, "group_id", page_for),
    "group_material": (GroupMaterial, "group_id", material_for),
}
_TWINSPACE_CONTENT = {
    "twinspace_post": (TwinSpacePost, "thread__project_id", twinspace_selectors.post_for),
    "twinspace_page": (TwinSpacePage, "project_id", twinspace_selectors.page_for),
    "twinspace_material": (TwinSpaceMaterial, "project_id", twinspace_selectors.material_for),
}
REPORTED_MODELS = {"partner_post": PartnerPost, **{t: m for t, (m, _f, _r) in _GROUP_CONTENT.items()},
                   **{t: m for t, (m, _f, _r) in _TWINSPACE_CONTENT.items()}}


@dataclass
class ReportedContent:
    item: object            # the post, page, material, partner post or user (a profile)
    group: Group | None = None
    project: object = None


def reported_content(user, target: str, target_id: int, *, action: str = rules.VIEW) -> ReportedContent:
    """A piece of reportable content read through this person's own permission where it lives ("not
    found" or the place's refusal when they may not see it there); in a group they need `action`
    too (REPORT to file a report)."""
    if target in _GROUP_CONTENT:
        model, space_field, read = _GROUP_CONTENT[target]
        group_id = model.objects.filter(pk=target_id).values_list(space_field, flat=True).first()
        if group_id is None:
            raise not_found()
        view = group_view(user, group_id)
        view.require(action)
        return ReportedContent(item=read(view, target_id), group=view.group)
    if target in _TWINSPACE_CONTENT:
        model, space_field, read = _TWINSPACE_CONTENT[target]
        project_id = model.objects.filter(pk=target_id).values_list(space_field, flat=True).first()
        if project_id is None:
            raise not_found()
        space = twinspace_selectors.space_for(project_id, user=user)
        return ReportedContent(item=read(space, target_id), project=space.project)
    if target == "partner_post":
        return ReportedContent(item=partner_post_for(user, target_id))
    if target == "profile":
        return ReportedContent(item=teacher_for_viewer(user, target_id))
    raise not_found()


def reported_content_address(report: Report) -> tuple[str, tuple] | None:
    """Where the reported content is read (a URL name and its arguments), or None when it no longer
    exists. A pupil's content is read in its TwinSpace, by those who may enter it."""
    target, pk = report.target, report.target_id
    if target == "group_post":
        thread_id = GroupPost.objects.filter(pk=pk).values_list("thread_id", flat=True).first()
        return ("group_thread", (report.group_id, thread_id)) if thread_id else None
    if target == "twinspace_post":
        thread_id = TwinSpacePost.objects.filter(pk=pk).values_list("thread_id", flat=True).first()
        return ("twinspace_thread", (report.project_id, thread_id)) if thread_id else None
    model = REPORTED_MODELS.get(target)
    if model is not None and not model.objects.filter(pk=pk).exists():
        return None
    return {"group_page": ("group_page", (report.group_id, pk)),
            "group_material": ("group_materials", (report.group_id,)),
            "partner_post": ("partner_post", (pk,)),
            "twinspace_page": ("twinspace_page", (report.project_id, pk)),
            "twinspace_material": ("twinspace_materials", (report.project_id,)),
            "profile": ("teacher_card", (pk,))}[target]
