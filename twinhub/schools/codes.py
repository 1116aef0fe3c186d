"""Stable names of schools and memberships, rule 1 (see twinhub.core.codes)."""

from enum import StrEnum


class SchoolCode(StrEnum):
    NOT_ETWINNER = "not_etwinner"
    MEMBERSHIP_PENDING = "membership_pending"
    MEMBERSHIP_EXISTS = "membership_exists"
    NOT_VALIDATOR = "not_validator"
    ALREADY_ANSWERED = "already_answered"
    SCHOOL_EXISTS = "school_exists"
    SCHOOL_REQUIRED = "school_required"
    INVALID_SCHOOL = "invalid_school"
    INVALID_SCHOOL_TYPE = "invalid_school_type"
    INVALID_COUNTRY = "invalid_country"
    INVALID_REGION = "invalid_region"
    REGION_REQUIRED = "region_required"
    NOT_DUPLICATE_DECIDER = "not_duplicate_decider"
    DUPLICATE_DECIDED = "duplicate_decided"


class SchoolAudit(StrEnum):
    SCHOOL_CREATED = "school.created"
    MEMBERSHIP_REQUESTED = "membership.requested"
    MEMBERSHIP_APPROVED = "membership.approved"
    MEMBERSHIP_REJECTED = "membership.rejected"
    MEMBERSHIP_WAITING = "membership.waiting"  # to its deciders: a new membership waits for them
    PRINCIPAL_ANSWERED = "membership.principal_answered"
    DUPLICATE_MERGED = "school.duplicate_merged"
    DUPLICATE_DISMISSED = "school.duplicate_dismissed"


class SchoolNotice(StrEnum):
    MEMBERSHIP_APPROVED = "membership.approved"
    MEMBERSHIP_REJECTED = "membership.rejected"
    MEMBERSHIP_WAITING = "membership.waiting"  # to its deciders: a new membership waits for them
