"""Stable names of accounts (see twinhub.core.codes)."""

from enum import StrEnum


class AccountCode(StrEnum):
    ALREADY_JOINED = "already_joined"
    NOT_JOINED = "not_joined"
    INVALID_NAME = "invalid_name"
    TOKEN_SCOPE = "token_scope"


class AccountAudit(StrEnum):
    JOINED = "etwinning.joined"
    AVAILABILITY_CHANGED = "profile.availability_changed"
    TOKEN_CREATED = "api_token.created"
    TOKEN_REVOKED = "api_token.revoked"
    CREDENTIALS_CHANGED = "account.credentials_changed"


class CredentialChange(StrEnum):
    """What ended an account's sessions and tokens (`services.credentials_changed`)."""

    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET = "password_reset"
    ADDRESS_REMOVED = "address_removed"
