"""Stable names of projects: scope (rule 2), members, invitations (rule 7) (see twinhub.core.codes)."""

from enum import StrEnum


class ProjectCode(StrEnum):
    NATIONAL_PROJECT = "national_project"
    INVALID_COFOUNDER = "invalid_cofounder"
    INVALID_DATES = "invalid_dates"
    INVALID_STATE = "invalid_state"
    HANDOVER_REQUIRED = "handover_required"
    CANNOT_REMOVE_FOUNDER = "cannot_remove_founder"
    PROJECT_NOT_OPEN = "project_not_open"
    NOT_AVAILABLE = "not_available"
    ALREADY_MEMBER = "already_member"
    ALREADY_INVITED = "already_invited"


class ProjectAudit(StrEnum):
    CREATED = "project.created"
    COFOUNDER_ACCEPTED = "project.cofounder_accepted"
    COFOUNDER_DECLINED = "project.cofounder_declined"
    NSS_APPROVED = "project.nss_approved"
    POLICY_UPDATED = "project_policy.updated"
    INVITED = "project.invited"
    JOINED = "project.joined"
    INVITATION_DECLINED = "project.invitation_declined"
    LEFT = "project.left"
    MEMBER_REMOVED = "project.member_removed"
    ROLE_CHANGED = "project.role_changed"
    CLOSED = "project.closed"
    REOPENED = "project.reopened"
    ARCHIVED = "project.archived"
    UPDATED = "project.updated"


class ProjectNotice(StrEnum):
    COFOUNDER_ASKED = "project.cofounder_asked"
    COFOUNDER_ACCEPTED = "project.cofounder_accepted"
    COFOUNDER_DECLINED = "project.cofounder_declined"
    INVITED = "project.invited"
    INVITATION_ACCEPTED = "project.invitation_accepted"
    REMOVED = "project.removed"
