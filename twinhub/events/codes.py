"""Stable names of events, certificates of participation, the project gallery and kits
(see twinhub.core.codes)."""

from enum import StrEnum


class EventCode(StrEnum):
    NOT_ORGANISER = "event_not_organiser"
    CANNOT_ORGANISE = "event_cannot_organise"
    INVALID_EVENT = "invalid_event"
    EVENT_CANCELLED = "event_cancelled"
    REGISTRATION_CLOSED = "registration_closed"
    ALREADY_REGISTERED = "already_registered"
    NOT_REGISTERED = "not_registered"
    EVENT_NOT_STARTED = "event_not_started"
    NO_CERTIFICATE = "no_certificate"
    NOT_LEARNING_EVENT = "not_learning_event"
    GALLERY_NOT_FOUNDER = "gallery_not_founder"
    GALLERY_NO_LABEL = "gallery_no_label"
    INVALID_KIT = "invalid_kit"
    CAPACITY_BELOW_TAKEN = "event_capacity_below_taken"


class EventAudit(StrEnum):
    CREATED = "event.created"
    UPDATED = "event.updated"
    CANCELLED = "event.cancelled"
    REGISTERED = "event_registration.created"
    WAITLISTED = "event_registration.waitlisted"
    PROMOTED = "event_registration.promoted"
    WITHDRAWN = "event_registration.cancelled"
    ATTENDANCE_MARKED = "event_registration.attendance_marked"
    ACTIVITY_POSTED = "event_activity.posted"
    ACTIVITY_COMPLETED = "event_activity.completed"
    MATERIAL_ADDED = "event_material.added"
    DISCUSSION_OPENED = "event.discussion_opened"
    GALLERY_CONSENTED = "gallery_consent.given"
    GALLERY_WITHDRAWN = "gallery_consent.withdrawn"
    GALLERY_ENTRY_SAVED = "gallery_entry.saved"
    KIT_SAVED = "kit.saved"


class EventNotice(StrEnum):
    REGISTERED = "event.registered"
    WAITLISTED = "event.waitlisted"
    PROMOTED = "event.promoted"
    CANCELLED = "event.cancelled"
    REMINDER_DAY = "event.reminder_day"
    REMINDER_HOUR = "event.reminder_hour"
    ATTENDED = "event.attended"
    RESCHEDULED = "event.rescheduled"
