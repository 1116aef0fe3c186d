"""Partner search, contact requests, contacts and the mailbox under /api/v1/."""

from datetime import datetime

from ninja import Field, Query, Router, Schema, Status

from twinhub.contacts import selectors, services
from twinhub.contacts.models import ContactRequest
from twinhub.core.replica import reads_from_replica

router = Router(tags=["contacts"])


class TeacherFilter(Schema):
    q: str = Field("", max_length=200)
    country: str = Field("", max_length=2)
    subject: str = ""
    language: str = ""
    age_range: str = ""
    available: bool | None = None
    sort: str = Field("name", pattern="^(name|recent|relevance)$")
    page: int = Field(1, ge=1, le=selectors.MAX_PAGE)


class TeacherOut(Schema):
    id: int
    name: str
    country: str
    schools: str
    subjects: list[str]
    languages: list[str]
    age_ranges: list[str]
    available_for_projects: bool
    relation: str | None = None


class TeacherPage(Schema):
    items: list[TeacherOut]
    page: int
    has_next: bool
    partial: bool = False  # a very broad search: sorted from a bounded set of matches (add words)


class RequestIn(Schema):
    to_user_id: int
    message: str = Field("", max_length=1000)


class RequestOut(Schema):
    id: int
    from_user_id: int
    from_name: str
    to_user_id: int
    to_name: str
    message: str
    status: str
    created_at: datetime


class RequestLists(Schema):
    incoming: list[RequestOut]
    outgoing: list[RequestOut]


class ContactOut(Schema):
    id: int
    name: str
    country: str


class MessageIn(Schema):
    body: str = Field(..., max_length=5000)


class MessageOut(Schema):
    id: int
    sender_id: int
    body: str
    created_at: datetime


class MailboxThreadOut(Schema):
    other_id: int
    other_name: str
    unread: int
    last_message_at: datetime | None


def request_out(r: ContactRequest) -> dict:
    return {"id": r.pk, "from_user_id": r.from_user_id, "from_name": r.from_user.display_name,
            "to_user_id": r.to_user_id, "to_name": r.to_user.display_name, "message": r.message,
            "status": r.status, "created_at": r.created_at}


@router.get("/teachers", response=TeacherPage, summary="Find eTwinners (partner search)")
@reads_from_replica
def teachers_list(request, filters: Query[TeacherFilter]):
    found = selectors.teachers_search(**filters.dict())
    relation = selectors.relations_of(request.auth, [e.user_id for e in found.items])
    return {"page": found.number, "has_next": found.has_next, "partial": found.partial, "items": [
        {"id": e.user_id, "name": e.display_name, "country": e.country, "schools": e.school_names,
         "subjects": e.subjects, "languages": e.languages, "age_ranges": e.age_ranges,
         "available_for_projects": e.available, "relation": relation.get(e.user_id)} for e in found.items]}


@router.post("/contact-requests", response={201: RequestOut},
             summary="Ask an eTwinner to become a contact (refusals: not_etwinner, membership_pending, …)")
def contact_requests_create(request, payload: RequestIn):
    created = services.contact_request_send(sender=request.auth, to_user_id=payload.to_user_id,
                                            message=payload.message)
    return Status(201, request_out(created))


@router.get("/contact-requests", response=RequestLists, summary="Your pending requests, both ways")
def contact_requests_list(request):
    return {"incoming": [request_out(r) for r in selectors.requests_incoming(request.auth).select_related("to_user")],
            "outgoing": [request_out(r) for r in selectors.requests_outgoing(request.auth).select_related("from_user")]}


@router.post("/contact-requests/{request_id}/accept", response=RequestOut)
def contact_requests_accept(request, request_id: int):
    return request_out(services.contact_request_accept(user=request.auth, request_id=request_id))


@router.post("/contact-requests/{request_id}/decline", response=RequestOut)
def contact_requests_decline(request, request_id: int):
    return request_out(services.contact_request_decline(user=request.auth, request_id=request_id))


@router.post("/contact-requests/{request_id}/withdraw", response=RequestOut)
def contact_requests_withdraw(request, request_id: int):
    return request_out(services.contact_request_withdraw(user=request.auth, request_id=request_id))


@router.get("/contacts", response=list[ContactOut], summary="Your contacts")
def contacts_list(request):
    return [{"id": u.pk, "name": u.display_name, "country": getattr(selectors.profile_of(u), "country", "")}
            for u in selectors.contacts_of(request.auth)]


@router.delete("/contacts/{user_id}", response={204: None})
def contacts_remove(request, user_id: int):
    services.contact_remove(user=request.auth, other_id=user_id)
    return Status(204, None)


@router.get("/mailbox", response=list[MailboxThreadOut], summary="Your conversations, newest first")
def mailbox_list(request):
    return [{"other_id": m.other_id, "other_name": m.other.display_name, "unread": m.unread,
             "last_message_at": m.thread.last_message_at} for m in selectors.mailbox_threads(request.auth)]


@router.get("/mailbox/{user_id}", response=list[MessageOut], summary="Messages with one contact (marks read)")
def mailbox_thread(request, user_id: int):
    member = selectors.thread_member_for(request.auth, user_id)
    if member is None:
        return []
    services.thread_mark_read(user=request.auth, other_id=user_id)
    return [{"id": m.pk, "sender_id": m.sender_id, "body": m.body, "created_at": m.created_at}
            for m in selectors.thread_messages(member)]


@router.post("/mailbox/{user_id}", response={201: MessageOut}, summary="Write to a contact (refusal: not_contact)")
def mailbox_send(request, user_id: int, payload: MessageIn):
    m = services.message_send(sender=request.auth, to_user_id=user_id, body=payload.body)
    return Status(201, {"id": m.pk, "sender_id": m.sender_id, "body": m.body, "created_at": m.created_at})
