"""Stable names of staff roles (see twinhub.core.codes)."""

from enum import StrEnum


class StaffCode(StrEnum):
    UNKNOWN_USER = "unknown_user"


class StaffAudit(StrEnum):
    ROLE_GRANTED = "staff_role.granted"
    ROLE_REVOKED = "staff_role.revoked"
