"""Stable names of the old platform's import and claims, rules 3–5 (see twinhub.core.codes)."""

from enum import StrEnum


class LegacyCode(StrEnum):
    LEGACY_NOT_IMPORTED = "legacy_not_imported"
    LEGACY_NO_MATCH = "legacy_no_match"
    LEGACY_EMAIL_UNVERIFIED = "legacy_email_unverified"
    LEGACY_ALREADY_CLAIMED = "legacy_already_claimed"
    EMAIL_TAKEN = "email_taken"  # no longer answered: it told whether an address had an account
    TOO_MANY_ADDRESSES = "too_many_addresses"
    UNKNOWN_PHASE = "unknown_phase"
    PHASE_ORDER = "phase_order"
    PHASE_UNAVAILABLE = "phase_unavailable"
    # Rule 5: a phase that still holds some of the user's data, and how far it is.
    MIGRATION_PROJECTS_PENDING = "migration_projects_pending"
    MIGRATION_PROJECTS_RUNNING = "migration_projects_running"
    MIGRATION_TWINSPACES_PENDING = "migration_twinspaces_pending"
    MIGRATION_TWINSPACES_RUNNING = "migration_twinspaces_running"
    MIGRATION_LABELS_PENDING = "migration_labels_pending"
    MIGRATION_LABELS_RUNNING = "migration_labels_running"


class LegacyAudit(StrEnum):
    EMAIL_ADDED = "legacy.email_added"
    CLAIMED = "legacy.claimed"
    CLAIM_KEPT_APART = "legacy.claim_kept_apart"
