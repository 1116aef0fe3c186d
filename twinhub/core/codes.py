"""Stable names shared by every app: the generic refusal codes (API clients and the help centre
read them) and the style every app's own names follow.

Each app keeps its own names in `<app>/codes.py`, as `StrEnum`s: refusal codes (`…Code`, a word
or words joined by "_"), audit actions (`…Audit`, "<thing>.<what happened to it>", past tense) and
notification kinds (`…Notice`, "<thing>.<what happened>"). A value is written once, there; code
uses the member, never the string (tests/test_contracts.py checks both)."""

from enum import StrEnum


class Code(StrEnum):
    """Refusal codes any app may give, and the codes of bare HTTP errors in the API."""

    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    INVALID = "invalid"
    INVALID_TITLE = "invalid_title"
    INVALID_EMAIL = "invalid_email"
    EMPTY_MESSAGE = "empty_message"
    REASON_REQUIRED = "reason_required"
    ALREADY_DECIDED = "already_decided"
    # Bare HTTP statuses (twinhub.api.errors).
    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    TOO_LARGE = "too_large"
    RATE_LIMITED = "rate_limited"
    ERROR = "error"
