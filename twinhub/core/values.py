"""Small checks of plain values that several apps' rules share."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email


def is_email_address(value: str) -> bool:
    """Django's own e-mail check (the one `EmailField` uses), as a yes or no for a rule."""
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True
