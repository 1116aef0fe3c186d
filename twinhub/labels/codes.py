"""Stable names of the Quality Labels (rule 8), the European Quality Label and the School Label
(see twinhub.core.codes)."""

from enum import StrEnum


class LabelCode(StrEnum):
    NOT_MEMBER = "not_member"
    PROJECT_NOT_STARTED = "project_not_started"
    ALREADY_APPLIED = "already_applied"
    NATIONAL_NOT_ALLOWED = "national_not_allowed"
    WINDOW_CLOSED = "window_closed"
    OVER_YEARLY_LIMIT = "over_yearly_limit"
    TOO_MANY_MEMBERS_FROM_COUNTRY = "too_many_members_from_country"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    INVALID_SCORES = "invalid_scores"
    BELOW_MINIMUM = "below_minimum"
    NOT_CANDIDATE = "not_candidate"
    SELECTION_CLOSED = "selection_closed"
    NO_COUNTRY_NQL = "no_country_nql"
    BELOW_THRESHOLD = "below_threshold"
    QUOTA_REACHED = "quota_reached"
    SCHOOL_TOO_NEW = "school_too_new"
    TOO_FEW_ACTIVE_TEACHERS = "too_few_active_teachers"
    NO_EUROPEAN_NQL = "no_european_nql"


class LabelAudit(StrEnum):
    WINDOW_CREATED = "label_window.created"
    POLICY_UPDATED = "label_policy.updated"
    APPLICATION_SUBMITTED = "label_application.submitted"
    APPLICATION_ASSIGNED = "label_application.assigned"
    APPLICATION_EVALUATED = "label_application.evaluated"
    EQL_SELECTION_STARTED = "eql_selection.started"
    EQL_NOMINATED = "eql_nomination.created"
    EQL_SELECTION_CONFIRMED = "eql_selection.confirmed"
    SCHOOL_LABEL_SUBMITTED = "school_label_application.submitted"
    SCHOOL_LABEL_DECIDED = "school_label_application.decided"


class LabelNotice(StrEnum):
    APPLICATION_ASSIGNED = "label_application.assigned"
    APPLICATION_DECIDED = "label_application.decided"
    EQL_AWARDED = "label.eql_awarded"
    WINDOW_OPENED = "label_window.opened"
    WINDOW_CLOSING = "label_window.closing"

