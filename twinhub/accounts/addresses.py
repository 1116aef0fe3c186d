"""The one normalisation of e-mail addresses (decision 0025).

Every address is stored and compared in this form: at log-in, sign-up, EU Login, `twinhub
create-account`, the admin, the legacy import and "Claim my old eTwinning data". It is the old
platform's e-mail key (trim, fold İ, I and ı to i, lower-case), so an address typed on either
platform, in any case and with or without Turkish letters, is one address here."""

import re

_FOLD = str.maketrans({"İ": "i", "I": "i", "ı": "i"})
# What Python's own lower-casing makes of İ ("i" + COMBINING DOT ABOVE), e.g. after a library
# lower-cased the address before it reached us.
_DOTTED_I = "i\u0307"
_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def normalize_email(address: str) -> str:
    """The stored and compared form of an address: `legacy FORMAT §6.1`'s e-mail key, and
    idempotent (normalizing a lower-cased address gives the same result)."""
    return (address or "").strip().translate(_FOLD).lower().replace(_DOTTED_I, "i")


def email_is_usable(address: str) -> bool:
    """A deliverable-looking address: one @, no spaces inside, a dotted domain (RFC 6531 letters
    such as ş or ğ allowed)."""
    return bool(_SHAPE.fullmatch((address or "").strip()))
