"""Groups, partner-finding posts and moderation under /api/v1/. Every endpoint goes through the
same selectors and services as the pages, so the same table and rules answer."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from twinhub.core.errors import ApplicationError, not_found
from twinhub.groups import rules, selectors, services
from twinhub.groups.models import Group, GroupPost, GroupThread, PartnerPost, Report
from twinhub.schools.selectors import etwinner_refusal_for

router = Router(tags=["groups"])


class GroupIn(Schema):
    title: str = Field(..., max_length=200)
    description: str = Field(..., max_length=4000)
    topic: str = Field(..., max_length=40)
    language: str = Field(..., max_length=8)
    join_policy: str = Field("open", pattern="^(open|etwinners|invitation)$")
    country: str | None = Field(None, max_length=2, description="staff only: the group's country, '' = Europe")


class GroupOut(Schema):
    id: int
    title: str
    description: str
    topic: str
    language: str
    country: str
    join_policy: str
    state: str
    member_count: int
    created_at: datetime


class GroupDetail(GroupOut):
    role: str
    membership: str | None
    allowed: dict[str, bool]
    moderators: list[str]
    join_refusal: dict | None


class GroupFilter(Schema):
    q: str = Field("", max_length=100)
    language: str = Field("", max_length=8)
    topic: str = Field("", max_length=40)
    page: int = Field(1, ge=1, le=500)


class GroupPage(Schema):
    items: list[GroupOut]
    page: int
    has_next: bool


class GroupThreadIn(Schema):
    title: str = Field(..., max_length=200)
    body_html: str = Field(..., max_length=100_000)


class GroupPostIn(Schema):
    body_html: str = Field(..., max_length=100_000)


class GroupPostOut(Schema):
    id: int
    thread_id: int
    author_id: int | None
    author_name: str
    body_html: str
    is_hidden: bool
    created_at: datetime


class GroupThreadOut(Schema):
    id: int
    title: str
    author_name: str
    is_hidden: bool
    last_post_at: datetime | None


class GroupPageIn(Schema):
    title: str = Field(..., max_length=200)
    body_html: str = Field("", max_length=100_000)


class GroupPageOut(Schema):
    id: int
    title: str
    body_html: str
    author_id: int | None
    author_name: str
    is_hidden: bool
    updated_at: datetime
    may: dict[str, bool] = Field(..., description="the changes you may make to it: edit, hide, show, remove")


class GroupMaterialOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    author_id: int | None
    author_name: str
    is_hidden: bool
    created_at: datetime
    may: dict[str, bool]


class GroupMaterialIn(Schema):
    name: str = Field(..., max_length=200)


class GroupMemberOut(Schema):
    user_id: int
    name: str
    status: str
    is_moderator: bool


class MyGroupOut(Schema):
    group_id: int
    title: str
    status: str
    is_moderator: bool


class GroupDecisionIn(Schema):
    approve: bool
    reason: str = Field("", max_length=1000)


class PartnerPostIn(Schema):
    title: str = Field(..., max_length=200)
    idea: str = Field(..., max_length=4000)
    subjects: list[str] = Field(..., max_length=30)
    age_ranges: list[str] = Field(..., max_length=10)
    languages: list[str] = Field(..., max_length=45)
    countries_wanted: list[str] = Field([], max_length=50)
    period_start: date
    period_end: date


class PartnerPostOut(Schema):
    id: int
    author_id: int
    author_name: str
    author_country: str
    title: str
    idea: str
    subjects: list[str]
    age_ranges: list[str]
    languages: list[str]
    countries_wanted: list[str]
    period_start: date
    period_end: date
    state: str
    expires_at: datetime


class PartnerFilter(Schema):
    q: str = Field("", max_length=100)
    subject: str = Field("", max_length=40)
    language: str = Field("", max_length=8)
    age_range: str = Field("", max_length=8)
    country: str = Field("", max_length=2)
    page: int = Field(1, ge=1, le=500)


class PartnerPage(Schema):
    items: list[PartnerPostOut]
    page: int
    has_next: bool


class AnswerIn(Schema):
    body: str = Field(..., max_length=5000)
    contact_request: bool = False


class AnswerOut(Schema):
    answer_id: int
    contact_request_sent: bool
    contact_refusal: dict | None


class GroupMessageIn(Schema):
    body: str = Field(..., max_length=5000)


class SuggestionOut(Schema):
    id: int
    name: str
    country: str


class ReportIn(Schema):
    target: str = Field(..., pattern="^(group_post|group_page|group_material|partner_post|twinspace_post|"
                                     "twinspace_page|twinspace_material|profile)$")
    target_id: int = Field(..., ge=1)
    reason: str = Field(..., max_length=2000)


class ReportOut(Schema):
    id: int
    target: str
    target_id: int
    group_id: int | None
    project_id: int | None
    author_id: int | None
    author_is_pupil: bool
    excerpt: str
    reason: str
    state: str
    decision: str
    created_at: datetime


class ReportDecisionIn(Schema):
    decision: str = Field(..., pattern="^(keep|hide|remove|warn)$")
    note: str = Field("", max_length=2000)


def group_out(g: Group) -> dict:
    return {f: getattr(g, f) for f in ("id", "title", "description", "topic", "language", "country", "join_policy",
                                      "state", "member_count", "created_at")}


def _detail(user, group_id: int) -> dict:
    view = selectors.group_view(user, group_id)
    join_refusal = None
    if view.status != "active" and view.can(rules.JOIN) and view.state_refusal is None:
        refusal = rules.join_refusal(policy=view.group.join_policy, status=view.status,
                                     etwinner_refusal=etwinner_refusal_for(user), moderators=selectors.moderator_names(
                                         view.group))
        join_refusal = refusal.as_dict() if refusal else None
    return {**group_out(view.group), "role": view.role, "membership": view.status, "allowed": view.allowed(),
            "moderators": selectors.moderator_names(view.group), "join_refusal": join_refusal}


def post_out(p: GroupPost) -> dict:
    return {"id": p.pk, "thread_id": p.thread_id, "author_id": p.author_user_id, "author_name": p.author_name,
            "body_html": p.body_html, "is_hidden": p.is_hidden, "created_at": p.created_at}


def thread_out(t: GroupThread) -> dict:
    return {"id": t.pk, "title": t.title, "author_name": t.author_name, "is_hidden": t.is_hidden,
            "last_post_at": t.last_post_at}


def page_out(view: selectors.GroupView, p) -> dict:
    return {"id": p.pk, "title": p.title, "body_html": p.body_html, "author_id": p.author_user_id,
            "author_name": p.author_name, "is_hidden": p.is_hidden, "updated_at": p.updated_at,
            "may": view.changes("page", p)}


def material_out(view: selectors.GroupView, m) -> dict:
    return {"id": m.pk, "name": m.name, "kind": m.kind, "size": m.size, "author_id": m.author_user_id,
            "author_name": m.author_name, "is_hidden": m.is_hidden, "created_at": m.created_at,
            "may": view.changes("material", m)}


def partner_out(p: PartnerPost) -> dict:
    return {"id": p.pk, "author_id": p.author_id, "author_name": p.author.display_name,
            **{f: getattr(p, f) for f in ("author_country", "title", "idea", "subjects", "age_ranges", "languages",
                                          "countries_wanted", "period_start", "period_end", "state", "expires_at")}}


def report_out(r: Report) -> dict:
    return {f: getattr(r, f) for f in ("id", "target", "target_id", "group_id", "project_id", "author_id",
                                      "author_is_pupil", "excerpt", "reason", "state", "decision", "created_at")}


# --- Groups ---------------------------------------------------------------------------------------

@router.get("/groups", response=GroupPage, summary="The group directory (text, language, topic)")
def groups_list(request, filters: Query[GroupFilter]):
    items, has_next = selectors.groups_directory(q=filters.q, language=filters.language, topic=filters.topic,
                                                 page=filters.page)
    return {"items": [group_out(g) for g in items], "page": filters.page, "has_next": has_next}


@router.get("/groups/mine", response=list[MyGroupOut], summary="Your groups (member, invited, asked)")
def groups_mine(request):
    return [{"group_id": m.group_id, "title": m.group.title, "status": m.status, "is_moderator": m.is_moderator}
            for m in selectors.my_groups(request.auth)]


@router.post("/groups", response={201: GroupOut},
             summary="Create a group (NSS, CSS) or propose one (eTwinners; the NSS approves)")
def groups_create(request, payload: GroupIn):
    values = payload.dict(exclude={"country"})
    if payload.country is not None:
        group = services.group_create(actor=request.auth, country=payload.country, **values)
    else:
        group = services.group_propose(actor=request.auth, **values)
    return Status(201, group_out(group))


@router.get("/groups/proposals", response=list[GroupOut], summary="Proposals your NSS role decides")
def groups_proposals(request):
    return [group_out(g) for g in selectors.proposals_for(request.auth)]


@router.post("/groups/{group_id}/decision", response=GroupOut, summary="Approve or reject a proposal (NSS)")
def groups_decide(request, group_id: int, payload: GroupDecisionIn):
    return group_out(services.group_decide_proposal(actor=request.auth, group_id=group_id, approve=payload.approve,
                                                    reason=payload.reason))


@router.get("/groups/{group_id}", response=GroupDetail, summary="A group, your role and what you may do")
def groups_detail(request, group_id: int):
    return _detail(request.auth, group_id)


@router.post("/groups/{group_id}/join", response=GroupDetail,
             summary="Join (or accept an invitation); refusals: membership_pending, group_by_invitation, …")
def groups_join(request, group_id: int):
    services.group_join(user=request.auth, group_id=group_id)
    return _detail(request.auth, group_id)


@router.post("/groups/{group_id}/request", response=GroupDetail, summary="Ask to join an invitation group")
def groups_request(request, group_id: int):
    services.group_request_join(user=request.auth, group_id=group_id)
    return _detail(request.auth, group_id)


@router.post("/groups/{group_id}/leave", response={204: None})
def groups_leave(request, group_id: int):
    services.group_leave(user=request.auth, group_id=group_id)
    return Status(204, None)


@router.post("/groups/{group_id}/archive", response=GroupOut, summary="Archive: the group becomes read-only")
def groups_archive(request, group_id: int):
    return group_out(services.group_archive(actor=request.auth, group_id=group_id))


@router.get("/groups/{group_id}/members", response=list[GroupMemberOut])
def groups_members(request, group_id: int):
    view = selectors.group_view(request.auth, group_id)
    return [{"user_id": m.user_id, "name": m.user.display_name, "status": m.status, "is_moderator": m.is_moderator}
            for m in selectors.members_of(view)]


_MEMBER_ACTIONS = {
    "invite": services.group_invite,
    "accept": lambda **kw: services.group_request_decide(accept=True, **kw),
    "decline": lambda **kw: services.group_request_decide(accept=False, **kw),
    "moderator": services.group_moderator_name,
}


@router.post("/groups/{group_id}/members/{user_id}/{action}", response={204: None},
             summary="Moderators: invite, accept, decline, moderator")
def groups_member_action(request, group_id: int, user_id: int, action: str):
    service = _MEMBER_ACTIONS.get(action)
    if service is None:
        raise HttpError(404, "")
    service(actor=request.auth, group_id=group_id, user_id=user_id)
    return Status(204, None)


@router.delete("/groups/{group_id}/members/{user_id}", response={204: None}, summary="Moderators remove a member")
def groups_member_remove(request, group_id: int, user_id: int):
    services.group_member_remove(actor=request.auth, group_id=group_id, user_id=user_id)
    return Status(204, None)


@router.get("/groups/{group_id}/threads", response=list[GroupThreadOut])
def groups_threads(request, group_id: int):
    view = selectors.group_view(request.auth, group_id)
    return [thread_out(t) for t in selectors.threads_of(view)[:100]]


@router.post("/groups/{group_id}/threads", response={201: GroupThreadOut})
def groups_thread_create(request, group_id: int, payload: GroupThreadIn):
    thread = services.thread_create(user=request.auth, group_id=group_id, title=payload.title,
                                    body_html=payload.body_html)
    return Status(201, thread_out(thread))


@router.get("/groups/{group_id}/threads/{thread_id}", response=list[GroupPostOut])
def groups_thread_posts(request, group_id: int, thread_id: int):
    view = selectors.group_view(request.auth, group_id)
    return [post_out(p) for p in selectors.posts_of(view, selectors.thread_for(view, thread_id))]


@router.post("/groups/{group_id}/threads/{thread_id}", response={201: GroupPostOut})
def groups_reply(request, group_id: int, thread_id: int, payload: GroupPostIn):
    post = services.post_create(user=request.auth, group_id=group_id, thread_id=thread_id, body_html=payload.body_html)
    return Status(201, post_out(post))


@router.post("/groups/{group_id}/posts/{post_id}/hide", response=GroupPostOut, summary="Moderators hide a post")
def groups_post_hide(request, group_id: int, post_id: int):
    return post_out(services.post_moderate(actor=request.auth, group_id=group_id, post_id=post_id, hidden=True))


@router.delete("/groups/{group_id}/posts/{post_id}", response={204: None}, summary="Moderators remove a post")
def groups_post_remove(request, group_id: int, post_id: int):
    services.post_remove(actor=request.auth, group_id=group_id, post_id=post_id)
    return Status(204, None)


@router.post("/groups/{group_id}/posts/{post_id}/show", response=GroupPostOut, summary="Moderators show a post again")
def groups_post_show(request, group_id: int, post_id: int):
    return post_out(services.post_moderate(actor=request.auth, group_id=group_id, post_id=post_id, hidden=False))


# Pages and materials: the same building blocks as a TwinSpace's; `may` lists what you may change.

def _page(request, group_id: int, page_id: int) -> dict:
    view = selectors.group_view(request.auth, group_id)
    return page_out(view, selectors.page_for(view, page_id))


@router.get("/groups/{group_id}/pages", response=list[GroupPageOut])
def groups_pages(request, group_id: int):
    view = selectors.group_view(request.auth, group_id)
    return [page_out(view, p) for p in selectors.pages_of(view, with_text=True)]


@router.post("/groups/{group_id}/pages", response={201: GroupPageOut})
def groups_page_create(request, group_id: int, payload: GroupPageIn):
    page = services.page_create(user=request.auth, group_id=group_id, title=payload.title,
                                body_html=payload.body_html)
    return Status(201, _page(request, group_id, page.pk))


@router.get("/groups/{group_id}/pages/{page_id}", response=GroupPageOut)
def groups_page_detail(request, group_id: int, page_id: int):
    return _page(request, group_id, page_id)


@router.patch("/groups/{group_id}/pages/{page_id}", response=GroupPageOut, summary="Its author or a moderator edits it")
def groups_page_update(request, group_id: int, page_id: int, payload: GroupPageIn):
    services.page_update(actor=request.auth, group_id=group_id, page_id=page_id, title=payload.title,
                         body_html=payload.body_html)
    return _page(request, group_id, page_id)


@router.post("/groups/{group_id}/pages/{page_id}/{change}", response=GroupPageOut,
             summary="Moderators hide a page or show it again (change: hide, show)")
def groups_page_hide(request, group_id: int, page_id: int, change: str):
    if change not in ("hide", "show"):
        raise not_found()
    services.page_hide(actor=request.auth, group_id=group_id, page_id=page_id, hidden=change == "hide")
    return _page(request, group_id, page_id)


@router.delete("/groups/{group_id}/pages/{page_id}", response={204: None},
               summary="Its author or a moderator removes it")
def groups_page_remove(request, group_id: int, page_id: int):
    services.page_remove(actor=request.auth, group_id=group_id, page_id=page_id)
    return Status(204, None)


@router.get("/groups/{group_id}/materials", response=list[GroupMaterialOut])
def groups_materials(request, group_id: int):
    view = selectors.group_view(request.auth, group_id)
    return [material_out(view, m) for m in selectors.materials_of(view)]


def _material(request, group_id: int, material_id: int) -> dict:
    view = selectors.group_view(request.auth, group_id)
    return material_out(view, selectors.material_for(view, material_id))


@router.patch("/groups/{group_id}/materials/{material_id}", response=GroupMaterialOut,
            summary="Its author or a moderator renames it")
def groups_material_rename(request, group_id: int, material_id: int, payload: GroupMaterialIn):
    services.material_rename(actor=request.auth, group_id=group_id, material_id=material_id, name=payload.name)
    return _material(request, group_id, material_id)


@router.post("/groups/{group_id}/materials/{material_id}/{change}", response=GroupMaterialOut,
             summary="Moderators hide a material or show it again (change: hide, show)")
def groups_material_hide(request, group_id: int, material_id: int, change: str):
    if change not in ("hide", "show"):
        raise not_found()
    services.material_hide(actor=request.auth, group_id=group_id, material_id=material_id, hidden=change == "hide")
    return _material(request, group_id, material_id)


@router.delete("/groups/{group_id}/materials/{material_id}", response={204: None},
               summary="Its author or a moderator removes it (and its file)")
def groups_material_remove(request, group_id: int, material_id: int):
    services.material_remove(actor=request.auth, group_id=group_id, material_id=material_id)
    return Status(204, None)


# --- Partner finding ------------------------------------------------------------------------------

@router.get("/partner-posts", response=PartnerPage, summary="Open “looking for partners” posts (eTwinners)")
def partner_posts_list(request, filters: Query[PartnerFilter]):
    items, has_next = selectors.partner_posts_search(request.auth, **filters.dict())
    return {"items": [partner_out(p) for p in items], "page": filters.page, "has_next": has_next}


@router.post("/partner-posts", response={201: PartnerPostOut})
def partner_posts_create(request, payload: PartnerPostIn):
    return Status(201, partner_out(services.partner_post_create(author=request.auth, **payload.dict())))


@router.get("/partner-posts/{post_id}", response=PartnerPostOut)
def partner_posts_detail(request, post_id: int):
    return partner_out(selectors.partner_post_for(request.auth, post_id))


@router.post("/partner-posts/{post_id}/renew", response=PartnerPostOut)
def partner_posts_renew(request, post_id: int):
    return partner_out(services.partner_post_renew(user=request.auth, post_id=post_id))


@router.post("/partner-posts/{post_id}/close", response=PartnerPostOut)
def partner_posts_close(request, post_id: int):
    return partner_out(services.partner_post_close(user=request.auth, post_id=post_id))


@router.post("/partner-posts/{post_id}/answers", response={201: AnswerOut},
             summary="Answer: a conversation with the author, and optionally a contact request (rule 6 decides)")
def partner_posts_answer(request, post_id: int, payload: AnswerIn):
    answer, refusal = services.partner_answer(user=request.auth, post_id=post_id, body=payload.body,
                                              contact_request=payload.contact_request)
    return Status(201, {"answer_id": answer.pk, "contact_request_sent": payload.contact_request and refusal is None,
                        "contact_refusal": refusal.as_dict() if refusal else None})


@router.post("/partner-answers/{answer_id}/messages", response={201: None})
def partner_answers_message(request, answer_id: int, payload: GroupMessageIn):
    services.partner_message_send(user=request.auth, answer_id=answer_id, body=payload.body)
    return Status(201, None)


@router.get("/partner-posts/{post_id}/suggestions", response=list[SuggestionOut],
            summary="eTwinners matching the post (its author only)")
def partner_posts_suggestions(request, post_id: int):
    post = selectors.partner_post_for(request.auth, post_id)
    refusal = rules.partner_author_refusal(is_author=post.author_id == request.auth.pk)
    if refusal is not None:
        raise ApplicationError(refusal)
    return [{"id": e.user_id, "name": e.display_name, "country": e.country} for e in selectors.partner_suggestions(post)]


# --- Moderation ------------------------------------------------------------------------------------

@router.post("/reports", response={201: ReportOut}, summary="Report content or a profile to its moderators")
def reports_create(request, payload: ReportIn):
    return Status(201, report_out(services.report_file(reporter=request.auth, **payload.dict())))


@router.get("/reports/queue", response=list[ReportOut], summary="Reports you decide")
def reports_queue(request):
    return [report_out(r) for r in selectors.moderation_queue(request.auth)[:200]]


@router.post("/reports/{report_id}/decision", response=ReportOut, summary="Keep, hide, remove or warn")
def reports_decide(request, report_id: int, payload: ReportDecisionIn):
    return report_out(services.report_decide(actor=request.auth, report_id=report_id, decision=payload.decision,
                                             note=payload.note))
