"""TwinSpace API: pages, materials, forum posts and pupils, with the same permission table as the
pages (every call goes through `selectors.space_for` and the services). Teachers and guests use a
token or their browser session; pupils their pupil session."""

from datetime import datetime

from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import SessionAuth

from twinhub.accounts.api_auth import BearerToken, BrowserSession
from twinhub.core.errors import not_found
from twinhub.twinspace import permissions as perms
from twinhub.twinspace import selectors, services
from twinhub.twinspace.models import Pupil


class PupilSession(SessionAuth):
    """A pupil signed in at the pupil log-in page (CSRF-checked like the browser session)."""

    def authenticate(self, request, key):
        return selectors.current_pupil(request)


router = Router(tags=["twinspace"], auth=[BearerToken(), BrowserSession(), PupilSession()])


def _who(request) -> dict:
    if isinstance(request.auth, Pupil):
        return {"user": None, "pupil": request.auth}
    return {"user": request.auth, "pupil": None}


def _space(request, project_id: int) -> selectors.Space:
    return selectors.space_for(project_id, **_who(request))


class PageOut(Schema):
    id: int
    parent_id: int | None
    position: int
    title: str
    is_public: bool
    is_hidden: bool


class PageDetailOut(PageOut):
    body_html: str
    author: str = Field(..., alias="author_name")
    updated_at: datetime


class PageIn(Schema):
    title: str = Field(..., max_length=200)
    body_html: str = ""
    parent_id: int | None = None
    is_public: bool = False


class PagePatch(Schema):
    title: str | None = Field(None, max_length=200)
    body_html: str | None = None
    parent_id: int | None = None
    position: int | None = Field(None, ge=0)
    is_public: bool | None = None
    is_hidden: bool | None = None


@router.get("/twinspace/{project_id}/pages", response=list[PageOut])
def pages_list(request, project_id: int):
    return selectors.pages_of(_space(request, project_id))


@router.post("/twinspace/{project_id}/pages", response={201: PageDetailOut})
def page_create(request, project_id: int, payload: PageIn):
    return Status(201, services.page_create(project_id=project_id, **payload.dict(), **_who(request)))


@router.get("/twinspace/{project_id}/pages/{page_id}", response=PageDetailOut)
def page_get(request, project_id: int, page_id: int):
    return selectors.page_for(_space(request, project_id), page_id)


@router.patch("/twinspace/{project_id}/pages/{page_id}", response=PageDetailOut)
def page_update(request, project_id: int, page_id: int, payload: PagePatch):
    fields = payload.dict(exclude_unset=True)
    hidden = fields.pop("is_hidden", None)
    page = None
    if hidden is not None:
        page = services.page_hide(project_id=project_id, page_id=page_id, hidden=hidden, **_who(request))
    if fields or page is None:
        page = services.page_update(project_id=project_id, page_id=page_id, **fields, **_who(request))
    return page


@router.delete("/twinspace/{project_id}/pages/{page_id}", response={204: None})
def page_delete(request, project_id: int, page_id: int):
    services.page_delete(project_id=project_id, page_id=page_id, **_who(request))
    return Status(204, None)


class MaterialOut(Schema):
    id: int
    name: str
    kind: str
    content_type: str
    size: int
    author: str = Field(..., alias="author_name")
    is_hidden: bool
    created_at: datetime


@router.get("/twinspace/{project_id}/materials", response=list[MaterialOut])
def materials_list(request, project_id: int):
    return list(selectors.materials_of(_space(request, project_id)))


@router.post("/twinspace/{project_id}/materials", response={201: MaterialOut})
def material_upload(request, project_id: int, file: File[UploadedFile], name: Form[str] = ""):
    return Status(201, services.material_upload(project_id=project_id, upload=file, name=name, **_who(request)))


@router.delete("/twinspace/{project_id}/materials/{material_id}", response={204: None})
def material_delete(request, project_id: int, material_id: int):
    services.material_delete(project_id=project_id, material_id=material_id, **_who(request))
    return Status(204, None)


class ThreadOut(Schema):
    id: int
    title: str
    author: str = Field(..., alias="author_name")
    guests_may_reply: bool
    last_post_at: datetime | None
    unread: bool = False


class ThreadIn(Schema):
    title: str = Field(..., max_length=200)
    body_html: str
    guests_may_reply: bool = False


class PostOut(Schema):
    id: int
    thread_id: int
    body_html: str
    author: str = Field(..., alias="author_name")
    created_at: datetime
    is_hidden: bool


class PostIn(Schema):
    body_html: str


@router.get("/twinspace/{project_id}/threads", response=list[ThreadOut])
def threads_list(request, project_id: int):
    return list(selectors.threads_of(_space(request, project_id)))


@router.post("/twinspace/{project_id}/threads", response={201: ThreadOut})
def thread_create(request, project_id: int, payload: ThreadIn):
    return Status(201, services.thread_create(project_id=project_id, **payload.dict(), **_who(request)))


@router.get("/twinspace/{project_id}/threads/{thread_id}/posts", response=list[PostOut])
def posts_list(request, project_id: int, thread_id: int):
    space = _space(request, project_id)
    thread = selectors.thread_for(space, thread_id)
    posts = list(selectors.posts_of(space, thread))
    services.thread_mark_read(space=space, thread=thread)
    return posts


@router.post("/twinspace/{project_id}/threads/{thread_id}/posts", response={201: PostOut})
def post_create(request, project_id: int, thread_id: int, payload: PostIn):
    return Status(201, services.post_create(project_id=project_id, thread_id=thread_id, body_html=payload.body_html,
                                     **_who(request)))


@router.patch("/twinspace/{project_id}/threads/{thread_id}/posts/{post_id}", response=PostOut)
def post_update(request, project_id: int, thread_id: int, post_id: int, payload: PostIn):
    """Authors edit their own posts; moderators anyone's (the permission table decides)."""
    if selectors.post_for(_space(request, project_id), post_id).thread_id != thread_id:
        raise not_found()
    return services.post_update(project_id=project_id, post_id=post_id, body_html=payload.body_html,
                                **_who(request))


class GuestOut(Schema):
    id: int
    email: str


@router.get("/twinspace/{project_id}/guests", response=list[GuestOut])
def guests_list(request, project_id: int):
    space = _space(request, project_id)
    space.require(perms.GUEST_MANAGE)  # guests' addresses are for those who manage them
    return list(selectors.guests_of(space))


@router.delete("/twinspace/{project_id}/guests/{guest_id}", response={204: None})
def guest_remove(request, project_id: int, guest_id: int):
    services.guest_remove(project_id=project_id, guest_id=guest_id, **_who(request))
    return Status(204, None)


class PupilOut(Schema):
    id: int
    alias: str
    created_at: datetime
    is_active: bool


class PupilCreatedOut(PupilOut):
    login_code: str


class PupilIn(Schema):
    alias: str = Field(..., max_length=40)


def _with_code(pupil, code) -> dict:
    return {"id": pupil.pk, "alias": pupil.alias, "created_at": pupil.created_at, "is_active": pupil.is_active,
            "login_code": code}


@router.get("/twinspace/{project_id}/pupils", response=list[PupilOut])
def pupils_list(request, project_id: int):
    return list(selectors.pupils_of(_space(request, project_id)))


@router.post("/twinspace/{project_id}/pupils", response={201: PupilCreatedOut})
def pupil_create(request, project_id: int, payload: PupilIn):
    pupil, code = services.pupil_create(project_id=project_id, alias=payload.alias, user=_who(request)["user"])
    return Status(201, _with_code(pupil, code))


@router.post("/twinspace/{project_id}/pupils/{pupil_id}/reset-code", response=PupilCreatedOut)
def pupil_reset_code(request, project_id: int, pupil_id: int):
    pupil, code = services.pupil_reset_code(project_id=project_id, pupil_id=pupil_id, user=_who(request)["user"])
    return _with_code(pupil, code)
