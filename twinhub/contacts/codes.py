"""Stable names of contacts and the mailbox, rule 6 (see twinhub.core.codes)."""

from enum import StrEnum


class ContactCode(StrEnum):
    SELF_CONTACT = "self_contact"
    ALREADY_CONTACTS = "already_contacts"
    NOT_CONTACT = "not_contact"
    REQUEST_PENDING = "request_pending"
    REQUEST_INCOMING = "request_incoming"
    REQUEST_CLOSED = "request_closed"


class ContactAudit(StrEnum):
    REQUESTED = "contact.requested"
    ACCEPTED = "contact.accepted"
    DECLINED = "contact.declined"
    WITHDRAWN = "contact.withdrawn"
    REMOVED = "contact.removed"
    MESSAGE_SENT = "message.sent"


class ContactNotice(StrEnum):
    REQUESTED = "contact.requested"
    ACCEPTED = "contact.accepted"
    DECLINED = "contact.declined"
    MESSAGE_RECEIVED = "message.received"
