"""Stable names of the TwinSpace (see twinhub.core.codes)."""

from enum import StrEnum


class TwinSpaceCode(StrEnum):
    TWINSPACE_CLOSED = "twinspace_closed"
    TWINSPACE_ARCHIVED = "twinspace_archived"
    TWINSPACE_AWAITING_MIGRATION = "twinspace_awaiting_migration"
    GUESTS_NOT_ALLOWED_HERE = "guests_not_allowed_here"
    UNSUPPORTED_FILE_TYPE = "unsupported_file_type"
    SVG_NOT_ALLOWED = "svg_not_allowed"
    FILE_TOO_LARGE = "file_too_large"
    IMAGE_TOO_LARGE = "image_too_large"
    PROJECT_STORAGE_FULL = "project_storage_full"
    INVALID_ALIAS = "invalid_alias"
    ALIAS_TAKEN = "alias_taken"
    INVALID_MEETING = "invalid_meeting"
    INVALID_MEETING_LINK = "invalid_meeting_link"
    INVALID_PARENT = "invalid_parent"


class TwinSpaceAudit(StrEnum):
    PAGE_CREATED = "twinspace.page_created"
    PAGE_UPDATED = "twinspace.page_updated"
    PAGE_DELETED = "twinspace.page_deleted"
    PAGE_HIDDEN = "twinspace.page_hidden"
    PAGE_SHOWN = "twinspace.page_shown"
    MATERIAL_UPLOADED = "twinspace.material_uploaded"
    MATERIAL_DELETED = "twinspace.material_deleted"
    MATERIAL_HIDDEN = "twinspace.material_hidden"
    MATERIAL_SHOWN = "twinspace.material_shown"
    THREAD_CREATED = "twinspace.thread_created"
    POST_CREATED = "twinspace.post_created"
    POST_UPDATED = "twinspace.post_updated"
    POST_HIDDEN = "twinspace.post_hidden"
    POST_SHOWN = "twinspace.post_shown"
    MEETING_SCHEDULED = "twinspace.meeting_scheduled"
    PUPIL_CREATED = "twinspace.pupil_created"
    PUPIL_CODE_RESET = "twinspace.pupil_code_reset"
    GUEST_INVITED = "twinspace.guest_invited"
    GUEST_REMOVED = "twinspace.guest_removed"


class TwinSpaceNotice(StrEnum):
    ACTIVITY = "twinspace.activity"
