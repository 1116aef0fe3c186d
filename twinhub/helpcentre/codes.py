"""Stable names of the help centre (see twinhub.core.codes)."""

from enum import StrEnum


class HelpCode(StrEnum):
    ARTICLE_EXISTS = "article_exists"


class HelpAudit(StrEnum):
    REQUEST_CREATED = "support.created"
    REPLIED = "support.replied"
    ASSIGNED = "support.assigned"
    STATUS_CHANGED = "support.status_changed"
    ARTICLE_SAVED = "article.saved"


class HelpNotice(StrEnum):
    NEW_REQUEST = "support.new"
    STAFF_REPLIED = "support.reply"
    TEACHER_REPLIED = "support.user_reply"
    ASSIGNED = "support.assigned"
