"""Writes in the TwinSpace. Each loads the space with `space_for(..., lock=True)` (the project
and TwinSpace rows locked, so concurrent requests see each other's effect), asks the permission
table, writes, and records activity and audit in the same transaction."""

import hashlib
import hmac
import io
import secrets
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from twinhub.accounts.models import User
from twinhub.core.audit import audit_record
from twinhub.core.errors import ApplicationError, Refusal, not_found
from twinhub.core.notifications import send_templated_email
from twinhub.core.sanitize import sanitize_html
from twinhub.projects.models import ProjectMember
from twinhub.twinspace import filetypes, rules, selectors
from twinhub.twinspace import permissions as perms
from twinhub.twinspace.codes import TwinSpaceAudit
from twinhub.twinspace.models import (
    Activity,
    CalendarFeed,
    Guest,
    Material,
    MaterialBlock,
    Meeting,
    Page,
    Post,
    Pupil,
    Subscription,
    Thread,
    ThreadRead,
    TwinSpace,
)
from twinhub.twinspace.tasks import activity_fan_out

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud to children
THUMBNAIL_SIZE = (320, 320)


def _raise(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ApplicationError(refusal)


def _space(project_id: int, user, pupil, action: str | None = None) -> selectors.Space:
    space = selectors.space_for(project_id, user=user, pupil=pupil, lock=True)
    if action:
        space.require(action)
    return space


def _authorship(space: selectors.Space) -> dict:
    return {"author_user": space.actor.user if space.actor.pupil is None else None,
            "author_pupil": space.actor.pupil}


def _is_author(space: selectors.Space, obj) -> bool:
    if space.actor.pupil is not None:
        return obj.author_pupil_id == space.actor.pupil.pk
    return space.actor.user is not None and obj.author_user_id == space.actor.user.pk


def _audit_actor(space):
    return space.actor.user


def _activity(space: selectors.Space, kind: str, url: str, **params) -> None:
    """The feed row now; a notification to each teacher who asked for one (not the author) from a
    task after the commit, so a project with many subscribers does not hold the request."""
    params = {"title": space.project.title, **params}
    activity = Activity.objects.create(project=space.project, kind=kind, actor_name=space.actor.name, params=params,
                                       url=url)
    activity_fan_out.delay(activity_id=activity.pk,
                           author_user_id=space.actor.user.pk if space.actor.user is not None else None)


# --- Pages ----------------------------------------------------------------------------------

def _parent(space, parent_id: int | None, page_id: int | None = None) -> Page | None:
    if parent_id is None:
        return None
    parent = Page.objects.filter(pk=parent_id).select_related("parent").first()
    if parent is None:
        raise not_found()
    _raise(rules.page_parent_refusal(parent_project_id=parent.project_id, project_id=space.project.pk,
                                     ancestor_ids=selectors.page_ancestor_ids(parent), page_id=page_id))
    return parent


@transaction.atomic
def page_create(*, project_id: int, title: str, body_html: str = "", parent_id: int | None = None,
                is_public: bool = False, user: User | None = None, pupil: Pupil | None = None) -> Page:
    space = _space(project_id, user, pupil, perms.PAGE_WRITE)
    if is_public:
        space.require(perms.PAGE_PUBLISH)
    _raise(rules.title_refusal(title=title))
    parent = _parent(space, parent_id)
    position = Page.objects.filter(project=space.project, parent=parent).count()
    page = Page.objects.create(project=space.project, parent=parent, position=position, title=title.strip(),
                               body_html=sanitize_html(body_html), is_public=is_public, **_authorship(space))
    url = reverse("twinspace_page", args=[project_id, page.pk])
    _activity(space, "page_created", url, page=page.title)
    audit_record(actor=_audit_actor(space), action=TwinSpaceAudit.PAGE_CREATED, obj=page)
    return page


@transaction.atomic
def page_update(*, project_id: int, page_id: int, user: User | None = None, pupil: Pupil | None = None,
                **fields: object) -> Page:
    space = _space(project_id, user, pupil)
    page = selectors.page_for(space, page_id)
    _raise(perms.content_change_permission(space.actor.role, perms.PAGE_WRITE, space.project.state,
                                           space.twinspace.content_state, is_author=_is_author(space, page)))
    if "is_public" in fields and fields["is_public"] != page.is_public:
        space.require(perms.PAGE_PUBLISH)
        page.is_public = bool(fields["is_public"])
    if "title" in fields:
        _raise(rules.title_refusal(title=fields["title"]))
        page.title = fields["title"].strip()
    if "body_html" in fields:
        page.body_html = sanitize_html(fields["body_html"])
    if "parent_id" in fields:
        page.parent = _parent(space, fields["parent_id"], page_id=page.pk)
    if "position" in fields:
        page.position = max(0, int(fields["position"]))
    page.save()
    _activity(space, "page_updated", reverse("twinspace_page", args=[project_id, page.pk]), page=page.title)
    audit_record(actor=_audit_actor(space), action=TwinSpaceAudit.PAGE_UPDATED, obj=page)
    return page


@transaction.atomic
def page_delete(*, project_id: int, page_id: int, user: User | None = None,
                pupil: Pupil | None = None) -> None:
    space = _space(project_id, user, pupil)
    page = selectors.page_for(space, page_id)
    _raise(perms.content_change_permission(space.actor.role, perms.PAGE_WRITE, space.project.state,
                                           space.twinspace.content_state, is_author=_is_author(space, page)))
    audit_record(actor=_audit_actor(space), action=TwinSpaceAudit.PAGE_DELETED, obj=page, title=page.title)
    page.delete()


HIDING_AUDIT = {  # (what, hidden): the audit action
    ("page", True): TwinSpaceAudit.PAGE_HIDDEN, ("page", False): TwinSpaceAudit.PAGE_SHOWN,
    ("material", True): TwinSpaceAudit.MATERIAL_HIDDEN, ("material", False): TwinSpaceAudit.MATERIAL_SHOWN,
    ("post", True): TwinSpaceAudit.POST_HIDDEN, ("post", False): TwinSpaceAudit.POST_SHOWN,
}


def _set_hidden(space, obj, hidden: bool, what: str) -> None:
    space.require(perms.MODERATE)
    obj.is_hidden = hidden
    obj.save(update_fields=["is_hidden"])
    audit_record(actor=_audit_actor(space), action=HIDING_AUDIT[(what, hidden)], obj=obj)


@transaction.atomic
def page_hide(*, project_id: int, page_id: int, hidden: bool, user: User | None = None,
              pupil: Pupil | None = None) -> Page:
    space = _space(project_id, user, pupil)
    page = selectors.page_for(space, page_id)
    _set_hidden(space, page, hidden, "page")
    return page


# --- Materials -------------------------------------------------------------------------------

def upload_limits() -> dict[str, int]:
    return {"image": settings.TWINSPACE_MAX_IMAGE_BYTES, "video": settings.TWINSPACE_MAX_VIDEO_BYTES,
            "other": settings.TWINSPACE_MAX_FILE_BYTES}


def _thumbnail(upload) -> bytes:
    """A small JPEG preview; opening and decoding the image also proves it is one."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            _raise(rules.image_pixels_refusal(width=image.width, height=image.height,
                                              max_pixels=settings.TWINSPACE_MAX_IMAGE_PIXELS))
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            image.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ApplicationError(rules.file_type_refusal(kind=None, is_svg=False)) from error
    finally:
        upload.seek(0)


def sniff_upload(*, upload: UploadedFile) -> tuple[str | None, str, bool]:
    """(kind, content type, looks like SVG) from the file's first bytes, never from its name."""
    upload.seek(0)
    head = upload.read(filetypes.HEAD_BYTES)
    upload.seek(0)
    kind, mime = filetypes.detect(head)
    return kind, mime, filetypes.looks_like_svg(head)


def checked_upload(*, upload: UploadedFile, sniffed: tuple[str | None, str, bool], used: int,
                   quota: int) -> tuple[str, str, bytes | None]:
    """The material building block's checks, for any space that stores files (a TwinSpace, a
    Group): type from content, size per kind and the space's quota. Returns (kind, content type,
    thumbnail JPEG or None); raises the rule's refusal."""
    kind, mime, is_svg = sniffed
    _raise(rules.file_type_refusal(kind=kind, is_svg=is_svg))
    _raise(rules.upload_size_refusal(kind=kind, size=upload.size, limits=upload_limits(), used=used, quota=quota))
    return kind, mime, (_thumbnail(upload) if kind == "image" else None)


def material_upload(*, project_id: int, upload: UploadedFile, name: str = "", user: User | None = None,
                    pupil: Pupil | None = None) -> Material:
    """Type from content; size limits per kind and per project (checked under the TwinSpace lock)."""
    sniffed = sniff_upload(upload=upload)
    with transaction.atomic():
        space = _space(project_id, user, pupil, perms.MATERIAL_UPLOAD)
        kind, mime, thumb = checked_upload(upload=upload, sniffed=sniffed, used=space.twinspace.storage_used,
                                           quota=settings.TWINSPACE_PROJECT_QUOTA_BYTES)
        display_name = (name or getattr(upload, "name", "") or "file").strip()[:200]
        material = Material(project=space.project, name=display_name, kind=kind, content_type=mime,
                            size=upload.size, **_authorship(space))
        material.file.save("upload", upload, save=False)
        if thumb:
            material.thumbnail.save("thumb", ContentFile(thumb), save=False)
        # A file written to storage by a transaction that then fails is removed again.
        stored = [material.file.name] + ([material.thumbnail.name] if thumb else [])
        try:
            material.save()
            space.twinspace.__class__.objects.filter(pk=space.twinspace.pk).update(
                storage_used=F("storage_used") + upload.size)
            url = reverse("twinspace_materials", args=[project_id])
            _activity(space, "material_uploaded", url, material=material.name)
            audit_record(actor=_audit_actor(space), action=TwinSpaceAudit.MATERIAL_UPLOADED, obj=material,
                         size=material.size, content_type=mime)
        except Exception:
            for path in stored:
                material.file.storage.delete(path)
            raise
    return material


@transaction.atomic
def material_delete(*, project_id: int, material_id: int, user: User | None = None,
                    pupil: Pupil | None = None) -> None:
    space = _space(project_id, user, pupil)
    material = selectors.material_for(space, material_id)
    _raise(perms.content_change_permission(space.actor.role, perms.MATERIAL_UPLOAD, space.project.state,
                                           space.twinspace.content_state, is_author=_is_author(space, material)))
    audit_record(actor=_audit_actor(space), action=TwinSpaceAudit.MATERIAL_DELETED, obj=material, name=material.name)
    discard_material(material=material)


def discard_material(*, material: MaterialBlock) -> None:
    """Delete any space's material block: its row now, its files once the transaction commits (a
    rollback keeps them), and a TwinSpace's storage count. The caller has checked permission and
    written the audit row."""
    if isinstance(material, Material):
        TwinSpace.objects.filter(project_id=material.project_id).update(storage_used=F("storage_used") - material.size)
    paths = [material.file.name] + ([material.thumbnail.name] if material.thumbnail else [])
    storage = material.file.storage
    material.delete()
    transaction.on_commit(lambda: [storage.delete(p) for p in paths])


@transaction.atomic
def material_hide(*, project_id: int, material_id: int, hidden: bool, user: User | None = None,
                  pupil: Pupil | None = None) -> Material:
    space = _space(project_id, user, pupil)
    material = selectors.material_for(space, material_id)
    _set_hidden(space, material, hidden, "material")
    return material


# --- Forums ----------------------------------------------------------------------------------

@transaction.atomic
def thread_create(*, project_id: int, title: str, body_html: str, guests_may_reply: bool = False,
                  user: User | None = None, pupil: Pupil | None = None) -> Thread:
    space = _space(project_id, user, pupil, perms.THREAD_START)
    _raise(rules.title_refusal(title=title))
    if guests_may_reply:
        space.require(perms.GUEST_MANAGE)
    now = timezone.now()
    thread = Thread.objects.create(project=space.project, title=title.strip(), guests_may_reply=guests_may_reply,
                                   last_post_at=now, **_authorship(space))
    Post.objects.create(thread=thread, body_html=sanitize_html(body_html), **_authorship(space))
    ThreadRead.objects.create(thread=thread, reader=space.actor.reader_key, read_at=now)
    _activity(space, "thread_started", reverse("twinspace_thread", args=[project_id, thread.pk]),
              thread=thread.title)
    audit_record(actor=_audit_actor(space), action=TwinSpaceAudit.THREAD_CREATED, obj=thread)
    return thread


@transaction.atomic
def post_create(*, project_id: int, thread_id: int, body_html: str, user: User | None = None,
                pupil: Pupil | None = None) -> Post:
    space = _space(project_id, user, pupil)
    thread = selectors.thread_for(space, thread_id)
    _raise(perms.reply_permission(space.actor.role, space.project.state, space.twinspace.content_state,
                                  guests_may_reply=thread.guests_may_reply))
    body = sanitize_html(body_html)
    _raise(rules.post_body_refusal(body_html=body))
    post = Post.objects.create(thread=thread, body_html=body, **_authorship(space))
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    ThreadRead.objects.update_or_create(thread=thread, reader=space.actor.reader_key,
                                        defaults={"read_at": post.created_at})
    _activity(space, "post_created", reverse("twinspace_thread", args=[project_id, thread.pk]),
              thread=thread.title)
    audit_record(actor=_audit_actor(space), action=TwinSpaceAudit.POST_CREATED, obj=post)
    return post


@transaction.atomic
def post_update(*, project_id: int, post_id: int, body_html: str, user: User | None = None,
                pupil: Pupil | None = None) -> Post:
    space = _space(project_id, user, pupil)
    post = selectors.post_for(space, post_id)
    _raise(perms.content_change_permission(space.actor.role, perms.REPLY, space.project.state,
                                           space.twinspace.content_state, is_author=_is_author(space, post)))
    post.body_html = sanitize_html(body_html)
    _raise(rules.post_body_refusal(body_html=post.body_html))
    post.edited_at = timezone.now()
    post.save(update_fields=["body_html", "edited_at"])
    audit_record(actor=_audit_actor(space), action=TwinSpaceAudit.POST_UPDATED, obj=post)
    return post


@transaction.atomic
def post_hide(*, project_id: int, post_id: int, hidden: bool, user: User | None = None,
              pupil: Pupil | None = None) -> Post:
    space = _space(project_id, user, pupil)
    post = selectors.post_for(space, post_id)
    _set_hidden(space, post, hidden, "post")
    return post


def thread_mark_read(*, space: selectors.Space, thread: Thread) -> None:
    """Reading is not a change of content: allowed in archived TwinSpaces too."""
    if space.actor.reader_key and space.can(perms.VIEW):
        ThreadRead.objects.update_or_create(thread=thread, reader=space.actor.reader_key,
                                            defaults={"read_at": timezone.now()})


# --- Meetings and calendar ---------------------------------------------------------------------

@transaction.atomic
def meeting_schedule(*, project_id: int, title: str, starts_at: datetime, link: str,
                     duration_minutes: int = 60, user: User | None = None,
                     pupil: Pupil | None = None) -> Meeting:
    space = _space(project_id, user, pupil, perms.MEETING_SCHEDULE)
    _raise(rules.meeting_refusal(title=title, link=link.strip(), duration_minutes=duration_minutes))
    meeting = Meeting.objects.create(project=space.project, title=title.strip(), starts_at=starts_at,
                                     link=link.strip(), duration_minutes=duration_minutes, created_by=user)
    _activity(space, "meeting_scheduled", reverse("twinspace_meetings", args=[project_id]), meeting=meeting.title)
    audit_record(actor=user, action=TwinSpaceAudit.MEETING_SCHEDULED, obj=meeting)
    return meeting


def calendar_feed_for(*, user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})
    return feed


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    feed = calendar_feed_for(user=user)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token"])
    return feed


# --- Pupils -----------------------------------------------------------------------------------

def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _login_key(code: str) -> str:
    """Keyed hash of a login code: lets the code be looked up without storing it."""
    return hmac.new(settings.SECRET_KEY.encode(), _normalise_code(code).encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def pupil_create(*, project_id: int, alias: str, user: User | None = None,
                 pupil: Pupil | None = None) -> tuple[Pupil, str]:
    """A pupil account and its login code, shown once to the teacher."""
    space = _space(project_id, user, pupil, perms.PUPIL_MANAGE)
    alias = alias.strip()
    taken = Pupil.objects.filter(project=space.project, alias__iexact=alias).exists()
    _raise(rules.pupil_alias_refusal(alias=alias, taken=taken))
    code = _new_code()
    try:
        with transaction.atomic():
            pupil = Pupil.objects.create(project=space.project, alias=alias, login_key=_login_key(code),
                                         created_by=user)
    except IntegrityError:  # a concurrent request took the alias
        _raise(rules.pupil_alias_refusal(alias=alias, taken=True))
    audit_record(actor=user, action=TwinSpaceAudit.PUPIL_CREATED, obj=pupil)
    return pupil, code


@transaction.atomic
def pupil_reset_code(*, project_id: int, pupil_id: int, user: User | None = None,
                     pupil: Pupil | None = None) -> tuple[Pupil, str]:
    space = _space(project_id, user, pupil, perms.PUPIL_MANAGE)
    pupil = selectors.pupil_for(space, pupil_id)
    code = _new_code()
    pupil.login_key = _login_key(code)
    pupil.code_reset_at = timezone.now()
    pupil.save(update_fields=["login_key", "code_reset_at"])
    audit_record(actor=user, action=TwinSpaceAudit.PUPIL_CODE_RESET, obj=pupil)
    return pupil, code


def pupil_authenticate(*, code: str) -> Pupil | None:
    """The active pupil with this login code, or None."""
    if len(_normalise_code(code)) != 12:
        return None
    return Pupil.objects.filter(login_key=_login_key(code), is_active=True).select_related("project").first()


# --- Guests and subscriptions --------------------------------------------------------------------

@transaction.atomic
def guest_invite(*, project_id: int, email: str, user: User | None = None,
                 pupil: Pupil | None = None) -> Guest:
    space = _space(project_id, user, pupil, perms.GUEST_MANAGE)
    email = email.strip().lower()
    _raise(rules.guest_invite_refusal(
        email=email, already_invited=Guest.objects.filter(project=space.project, email__iexact=email).exists(),
        is_member=ProjectMember.objects.filter(project=space.project, user__email__iexact=email).exists()))
    guest = Guest.objects.create(project=space.project, email=email, invited_by=user)
    audit_record(actor=user, action=TwinSpaceAudit.GUEST_INVITED, obj=guest)
    url = reverse("twinspace_home", args=[project_id])
    params = {"title": space.project.title, "inviter": user.display_name}
    transaction.on_commit(lambda: send_templated_email(
        to=email, language=settings.LANGUAGE_CODE, template="twinspace/email/guest_invited",
        context={"params": params, "url": url}))
    return guest


@transaction.atomic
def guest_remove(*, project_id: int, guest_id: int, user: User | None = None,
                 pupil: Pupil | None = None) -> None:
    space = _space(project_id, user, pupil, perms.GUEST_MANAGE)
    guest = selectors.guests_of(space).filter(pk=guest_id).first()
    if guest is None:
        raise not_found()
    audit_record(actor=user, action=TwinSpaceAudit.GUEST_REMOVED, obj=guest, email=guest.email)
    guest.delete()


@transaction.atomic
def subscription_set(*, project_id: int, user: User | None = None, pupil: Pupil | None = None,
                     subscribed: bool, by_email: bool = False) -> Subscription | None:
    """Teachers choose to hear about the TwinSpace's activity, in-app and optionally by email."""
    space = _space(project_id, user, pupil, perms.SUBSCRIBE)
    if not subscribed:
        Subscription.objects.filter(project=space.project, user=user).delete()
        return None
    sub, _created = Subscription.objects.update_or_create(project=space.project, user=user,
                                                          defaults={"by_email": by_email})
    return sub
