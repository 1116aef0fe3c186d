"""Rules of the TwinSpace other than the permission table (`permissions.py`): uploads, pupils,
guests, meetings, pages. Pure functions on plain values, returning a `Refusal` or None."""

from django.utils.translation import gettext as _

from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.core.values import is_email_address
from twinhub.projects.codes import ProjectCode
from twinhub.twinspace.codes import TwinSpaceCode

MB = 1024 * 1024


def _size(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{max(n, 1) // 1024 or 1} KB"


def file_type_refusal(*, kind: str | None, is_svg: bool) -> Refusal | None:
    """The file's content (not its name) must be an image, video, audio, PDF, office document or
    plain text. SVG is refused: it can carry scripts."""
    if is_svg:
        return Refusal(code=TwinSpaceCode.SVG_NOT_ALLOWED, status=400,
                       message=_("SVG images are not accepted: they can contain scripts."),
                       who_must_act=_("you"), next_step=_("Export the image as PNG or JPEG and upload that."))
    if kind is None:
        return Refusal(code=TwinSpaceCode.UNSUPPORTED_FILE_TYPE, status=400,
                       message=_("This type of file is not accepted. The file's content was checked, "
                                 "not its name."),
                       who_must_act=_("you"),
                       next_step=_("Upload images, videos, audio, PDF, office documents or plain text."))
    return None


def upload_size_refusal(*, kind: str, size: int, limits: dict[str, int], used: int, quota: int) -> Refusal | None:
    """Per-file limit by kind, and the project's total storage."""
    limit = limits.get(kind, limits["other"])
    if size > limit:
        return Refusal(code=TwinSpaceCode.FILE_TOO_LARGE, status=413,
                       message=_("This file is %(size)s; the limit for this type of file is %(limit)s.")
                       % {"size": _size(size), "limit": _size(limit)},
                       who_must_act=_("you"), next_step=_("Make the file smaller, or share a link to it instead."))
    if used + size > quota:
        return Refusal(code=TwinSpaceCode.PROJECT_STORAGE_FULL, status=413,
                       message=_("The TwinSpace's storage is full: %(used)s of %(quota)s used.")
                       % {"used": _size(used), "quota": _size(quota)},
                       who_must_act=_("a project administrator"),
                       next_step=_("Delete materials that are no longer needed."))
    return None


def image_pixels_refusal(*, width: int, height: int, max_pixels: int) -> Refusal | None:
    """A small file can hold a huge image (a 164 KB PNG of 169 million pixels): decoding it would
    take the server's memory, so its pixels are counted first."""
    if width * height <= max_pixels:
        return None
    return Refusal(code=TwinSpaceCode.IMAGE_TOO_LARGE, status=413,
                   message=_("This image is %(width)d × %(height)d pixels; the limit is %(limit)d million "
                             "pixels.") % {"width": width, "height": height, "limit": max_pixels // 1_000_000},
                   who_must_act=_("you"), next_step=_("Resize the image (for example to 4000 pixels wide) "
                                                      "and upload it again."))


def pupil_alias_refusal(*, alias: str, taken: bool) -> Refusal | None:
    """An alias, not a full name: children are not identified in the TwinSpace."""
    if not alias or len(alias) > 40:
        return Refusal(code=TwinSpaceCode.INVALID_ALIAS, status=400,
                       message=_("Give the pupil an alias of 1 to 40 characters."),
                       who_must_act=_("the teacher"))
    if "@" in alias:
        return Refusal(code=TwinSpaceCode.INVALID_ALIAS, status=400,
                       message=_("An alias cannot be an email address: pupils have no email in the TwinSpace."),
                       who_must_act=_("the teacher"), next_step=_("Use a first name or a nickname."))
    if taken:
        return Refusal(code=TwinSpaceCode.ALIAS_TAKEN, status=409,
                       message=_("Another pupil of this project already uses the alias “%(alias)s”.")
                       % {"alias": alias},
                       who_must_act=_("the teacher"), next_step=_("Choose a different alias."))
    return None


def guest_invite_refusal(*, email: str, already_invited: bool, is_member: bool) -> Refusal | None:
    if len(email) > 254 or not is_email_address(email):
        return Refusal(code=Code.INVALID_EMAIL, status=400, message=_("Enter a valid email address."),
                       who_must_act=_("you"))
    if is_member:
        return Refusal(code=ProjectCode.ALREADY_MEMBER, status=409,
                       message=_("This person is already a member of the project."))
    if already_invited:
        return Refusal(code=ProjectCode.ALREADY_INVITED, status=409,
                       message=_("This person is already a guest of this TwinSpace."))
    return None


def post_body_refusal(*, body_html: str) -> Refusal | None:
    """A reply says something (its HTML once cleaned)."""
    if body_html.strip():
        return None
    return Refusal(code=Code.EMPTY_MESSAGE, status=400, message=_("Write a message first."), who_must_act=_("you"))


def meeting_refusal(*, title: str, link: str, duration_minutes: int) -> Refusal | None:
    """A meeting needs a title and a secure link to the school's video service."""
    if not title.strip() or len(title.strip()) > 200:
        return Refusal(code=TwinSpaceCode.INVALID_MEETING, status=400, message=_("Give the meeting a title of 1 to 200 characters."),
                       who_must_act=_("you"))
    if not link.startswith("https://") or len(link) > 500 or any(c.isspace() for c in link):
        return Refusal(code=TwinSpaceCode.INVALID_MEETING_LINK, status=400,
                       message=_("The meeting link must be a secure web address starting with https://."),
                       who_must_act=_("you"),
                       next_step=_("Copy the link from the video service your school uses."))
    if not 5 <= duration_minutes <= 600:
        return Refusal(code=TwinSpaceCode.INVALID_MEETING, status=400,
                       message=_("A meeting lasts between 5 minutes and 10 hours."), who_must_act=_("you"))
    return None


def page_parent_refusal(*, parent_project_id: int | None, project_id: int,
                        ancestor_ids: list[int], page_id: int | None) -> Refusal | None:
    """A page's parent is a page of the same TwinSpace, and never the page itself or one below it."""
    if parent_project_id is None:
        return None
    if parent_project_id != project_id:
        return Refusal(code=TwinSpaceCode.INVALID_PARENT, status=400,
                       message=_("The parent page belongs to another TwinSpace."))
    if page_id is not None and page_id in ancestor_ids:
        return Refusal(code=TwinSpaceCode.INVALID_PARENT, status=400,
                       message=_("A page cannot be placed under itself or one of its own sub-pages."))
    return None


def title_refusal(*, title: str) -> Refusal | None:
    if not title.strip() or len(title) > 200:
        return Refusal(code=Code.INVALID_TITLE, status=400, message=_("Give a title of 1 to 200 characters."),
                       who_must_act=_("you"))
    return None
