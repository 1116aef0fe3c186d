"""Rules about accounts: what "Join eTwinning" needs, and which email addresses count."""

from collections.abc import Collection

from django.utils.translation import gettext as _

from twinhub.accounts.choices import AGE_RANGE_CODES, LANGUAGE_CODES, SUBJECT_CODES, SchoolRole, TokenScope
from twinhub.accounts.codes import AccountCode
from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.geography.countries import COUNTRY_CODES

NAME_MAX_LENGTH = 150
TOKEN_NAME_MAX_LENGTH = 80
BIO_MAX_LENGTH = 1000


def vocabulary_refusal(*, subjects=(), languages=(), age_ranges=()) -> Refusal | None:
    """Subjects, languages and age ranges come from the platform's vocabularies (`accounts.choices`):
    a profile's and a project's alike."""
    for values, known, label in ((subjects, SUBJECT_CODES, _("subject")),
                                 (languages, LANGUAGE_CODES, _("language")),
                                 (age_ranges, AGE_RANGE_CODES, _("age range"))):
        unknown = sorted({str(v) for v in values} - known)
        if unknown:
            return Refusal(code=Code.INVALID, status=422,
                           message=_("Unknown %(what)s: %(values)s") % {"what": label, "values": ", ".join(unknown)},
                           who_must_act=_("you"),
                           next_step=_("Choose among the values the form offers."))
    return None


def profile_values_refusal(*, site_languages: Collection[str], first_name: str | None = None,
                           last_name: str | None = None, language: str | None = None, role: str | None = None,
                           country: str | None = None, bio: str | None = None, subjects=(), languages=(),
                           age_ranges=()) -> Refusal | None:
    """Every value of the account and the eTwinning profile, as the forms, the API and the services
    see it. None means "not given" (left as it is)."""
    for name in (first_name, last_name):
        if name is not None and not (0 < len(name.strip()) <= NAME_MAX_LENGTH):
            return Refusal(code=AccountCode.INVALID_NAME, status=422,
                           message=_("Give your first and last name (at most %(max)s characters each).")
                           % {"max": NAME_MAX_LENGTH}, who_must_act=_("you"))
    if language is not None and language not in site_languages:
        return _invalid(_("language of emails and notifications"), language)
    if role is not None and role not in SchoolRole.values:
        return _invalid(_("role at school"), role)
    if country is not None and country not in COUNTRY_CODES:
        return _invalid(_("country"), country)
    if bio is not None and len(bio) > BIO_MAX_LENGTH:
        return Refusal(code=Code.INVALID, status=422,
                       message=_("The short bio has at most %(max)s characters.") % {"max": BIO_MAX_LENGTH},
                       who_must_act=_("you"))
    return vocabulary_refusal(subjects=subjects or (), languages=languages or (), age_ranges=age_ranges or ())


def _invalid(what: str, value) -> Refusal:
    return Refusal(code=Code.INVALID, status=422,
                   message=_("Unknown %(what)s: %(values)s") % {"what": what, "values": value},
                   who_must_act=_("you"), next_step=_("Choose among the values the form offers."))


def token_name_refusal(*, name: str) -> Refusal | None:
    if len(name.strip()) > TOKEN_NAME_MAX_LENGTH:
        return Refusal(code=Code.INVALID, status=422,
                       message=_("A token's name has at most %(max)s characters.") % {"max": TOKEN_NAME_MAX_LENGTH},
                       who_must_act=_("you"))
    return None


TOKEN_LIFETIMES_DAYS = (7, 30, 90, 365)


def token_scopes_refusal(*, scopes: Collection[str], lifetime_days: int | None,
                         lifetimes: Collection[int] = TOKEN_LIFETIMES_DAYS) -> Refusal | None:
    """A new token names what it may do (at least one known scope) and a lifetime offered."""
    if not scopes or set(scopes) - set(TokenScope.values):
        return Refusal(code=AccountCode.TOKEN_SCOPE, status=400,
                       message=_("Choose what the token may do: read, write or staff actions."),
                       who_must_act=_("you"))
    if lifetime_days is not None and lifetime_days not in lifetimes:
        return Refusal(code=AccountCode.TOKEN_SCOPE, status=400,
                       message=_("Choose how long the token lasts."), who_must_act=_("you"))
    return None


def token_use_refusal(*, writes: bool, scopes: Collection[str]) -> Refusal | None:
    """A token reads only with the read scope and changes things only with the write scope."""
    needed = TokenScope.WRITE if writes else TokenScope.READ
    if needed in scopes:
        return None
    return Refusal(code=AccountCode.TOKEN_SCOPE, status=403,
                   message=_("This API token may not change anything.") if writes
                   else _("This API token may not read."),
                   who_must_act=_("you"),
                   next_step=_("Create a token with the “%(scope)s” scope on the API tokens page.")
                   % {"scope": needed.label})


def already_joined_refusal(*, has_profile: bool) -> Refusal | None:
    if has_profile:
        return Refusal(code=AccountCode.ALREADY_JOINED, message=_("You have already joined eTwinning."))
    return None


def not_joined_refusal(*, has_profile: bool) -> Refusal | None:
    """The eTwinning profile (subjects, availability…) exists only after "Join eTwinning"."""
    if not has_profile:
        return Refusal(code=AccountCode.NOT_JOINED, message=_("You have not joined eTwinning yet."),
                       who_must_act=_("You"), next_step=_("Open “Join eTwinning” and fill in your profile."),
                       status=409)
    return None


PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_SIZE = 256  # the stored square's side, in pixels


def photo_refusal(*, size: int, width: int | None, height: int | None) -> Refusal | None:
    """A profile photo is an image (JPEG, PNG, WebP, GIF…) of at most 8 MB and 40 megapixels;
    `width` is None when the file is not an image at all."""
    if size > PHOTO_MAX_BYTES:
        return Refusal(code=Code.TOO_LARGE, status=413,
                       message=_("The photo is larger than %(mb)d MB.") % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)},
                       who_must_act=_("you"), next_step=_("Choose a smaller photo, or make this one smaller."))
    if width is None or height is None:
        return Refusal(code=Code.INVALID, status=422, message=_("This file is not a picture we can read."),
                       who_must_act=_("you"), next_step=_("Choose a JPEG, PNG or WebP photo."))
    if width * height > PHOTO_MAX_PIXELS:
        return Refusal(code=Code.TOO_LARGE, status=413, message=_("The photo has too many pixels."),
                       who_must_act=_("you"), next_step=_("Choose a smaller photo, or make this one smaller."))
    return None
