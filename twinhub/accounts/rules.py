"""Rules about accounts: what "Join eTwinning" needs, and which email addresses count."""

from django.utils.translation import gettext as _

from twinhub.accounts.choices import AGE_RANGE_CODES, LANGUAGE_CODES, SUBJECT_CODES
from twinhub.core.errors import Refusal


def profile_values_refusal(*, subjects=(), languages=(), age_ranges=()) -> Refusal | None:
    for values, known, label in ((subjects, SUBJECT_CODES, _("subject")),
                                 (languages, LANGUAGE_CODES, _("language")),
                                 (age_ranges, AGE_RANGE_CODES, _("age range"))):
        unknown = sorted(set(values) - known)
        if unknown:
            return Refusal(code="invalid", status=422,
                           message=_("Unknown %(what)s: %(values)s") % {"what": label, "values": ", ".join(unknown)})
    return None


def already_joined_refusal(*, has_profile: bool) -> Refusal | None:
    if has_profile:
        return Refusal(code="already_joined", message=_("You have already joined eTwinning."))
    return None


def not_joined_refusal(*, has_profile: bool) -> Refusal | None:
    """The eTwinning profile (subjects, availability…) exists only after "Join eTwinning"."""
    if not has_profile:
        return Refusal(code="not_joined", message=_("You have not joined eTwinning yet."),
                       who_must_act=_("You"), next_step=_("Open “Join eTwinning” and fill in your profile."),
                       status=409)
    return None
