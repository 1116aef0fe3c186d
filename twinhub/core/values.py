"""Small checks of plain values that several apps' rules share."""

import email_validator


def is_email_address(value: str) -> bool:
    """An address mail can be sent to: syntax and IDNA domain checked by email-validator (which
    refuses what Django's looser check let through, e.g. a domain label too long once encoded).
    Reserved `.test` names are allowed: the demo and the tests use them. No DNS look-up."""
    try:
        email_validator.validate_email(value, check_deliverability=False, test_environment=True)
    except (email_validator.EmailNotValidError, UnicodeError, TypeError):
        return False
    return True


# The deepest offset a list answers (API `offset` parameters): deeper than any real list, and far
# below what the database's 64-bit OFFSET overflows on.
MAX_OFFSET = 100_000
