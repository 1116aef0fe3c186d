"""Rules of the legacy migration (rules 3, 4, 5). Pure functions: the importer, the claim
flow, the pages and the API all call these."""

from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinhub.core.codes import Code
from twinhub.core.errors import Refusal
from twinhub.legacy.codes import LegacyCode
from twinhub.legacy.format import PHASE_NAMES, PHASES

# A phase reads references made by the phases before it.
REQUIRES = {"accounts": (), "projects": ("accounts",), "twinspaces": ("projects",), "labels": ("projects",)}


def phase_of(file_name: str) -> str:
    return next(phase for phase, files in PHASES.items() if file_name in files)


def phase_plan_refusal(*, wanted, states: dict[str, str], unavailable) -> Refusal | None:
    """Phases may run months apart, but never before the phases whose records they refer to."""
    for phase in wanted:
        if phase not in PHASE_NAMES:
            return Refusal(code=LegacyCode.UNKNOWN_PHASE, status=400,
                           message=_("Unknown phase %(phase)s.") % {"phase": phase},
                           next_step=_("Phases: %(phases)s.") % {"phases": ", ".join(PHASE_NAMES)})
        if phase in unavailable:
            return Refusal(code=LegacyCode.PHASE_UNAVAILABLE, status=409,
                           message=_("The %(phase)s phase cannot run on this platform yet.") % {"phase": phase})
        for needed in REQUIRES[phase]:
            if states.get(needed) != "done" and needed not in wanted:
                return Refusal(code=LegacyCode.PHASE_ORDER, status=409,
                               message=_("The %(phase)s phase needs the %(needed)s phase first.")
                               % {"phase": phase, "needed": needed},
                               next_step=_("Run: twinhub import-legacy DIR --phase %(needed)s") % {"needed": needed})
    return None


def claim_refusal(*, claimed_by_someone_else: bool) -> Refusal | None:
    """Old-platform data belongs to one account: once claimed, nobody else can claim it."""
    if claimed_by_someone_else:
        return Refusal(code=LegacyCode.LEGACY_ALREADY_CLAIMED, status=409,
                       message=_("The old eTwinning data of this e-mail address already belongs to another account."),
                       who_must_act=_("the National Support Service"),
                       next_step=_("If this is your address, contact your National Support Service."),
                       help_topic="legacy-claim")
    return None


def phase_notice(*, phase: str, state: str, planned_for: date | None = None) -> str:
    """What a user whose data sits in a phase not yet imported is told (empty when done): that the
    data exists, when its phase runs, and that nothing is needed from them."""
    if state == "done":
        return ""
    state_text = _("in progress") if state == "running" else _("not started yet")
    if phase == "twinspaces":
        text = _("This TwinSpace is still being moved from the old platform (moving: %(state)s).") % {
            "state": state_text}
    elif phase == "labels":
        text = _("Your Quality Label certificates will appear when the labels phase is complete "
                 "(moving: %(state)s).") % {"state": state_text}
    elif phase == "projects":
        text = _("Your projects from the old platform will appear when the projects phase is complete "
                 "(moving: %(state)s).") % {"state": state_text}
    else:
        text = _("Your data from the old platform is still being moved (moving: %(state)s).") % {"state": state_text}
    when = ""
    if planned_for is not None and state != "running":
        when = " " + _("Its move is planned for %(date)s.") % {"date": formats.date_format(planned_for, "DATE_FORMAT")}
    return f"{text}{when} " + _("Your data is kept safe; nothing is needed from you.")


MIGRATION_CODES = {
    ("projects", "pending"): LegacyCode.MIGRATION_PROJECTS_PENDING,
    ("projects", "running"): LegacyCode.MIGRATION_PROJECTS_RUNNING,
    ("twinspaces", "pending"): LegacyCode.MIGRATION_TWINSPACES_PENDING,
    ("twinspaces", "running"): LegacyCode.MIGRATION_TWINSPACES_RUNNING,
    ("labels", "pending"): LegacyCode.MIGRATION_LABELS_PENDING,
    ("labels", "running"): LegacyCode.MIGRATION_LABELS_RUNNING,
}


def phase_refusal(*, phase: str, state: str, planned_for: date | None = None) -> Refusal | None:
    """Rule 5 as a refusal: why some of the user's old data is not here yet (None once the phase is
    done). The words are `phase_notice`'s; the code says which phase and how far it is."""
    code = MIGRATION_CODES.get((phase, state))
    if code is None:
        return None
    return Refusal(code=code, message=phase_notice(phase=phase, state=state, planned_for=planned_for),
                   who_must_act=_("the platform's operators"),
                   next_step=_("Nothing to do: it appears by itself when the phase is complete."),
                   help_topic="migration")


def new_address_refusal(*, usable: bool, already_held: bool, addresses_held: int, limit: int) -> Refusal | None:
    """An address to add to the account (to claim old data with it): a real address, within the
    account's number of addresses. Whether another account uses it is not said here (issue 12):
    that account's owner is told by mail instead, and the address never verifies here."""
    if not usable:
        return Refusal(code=Code.INVALID_EMAIL, status=400, message=_("Enter a valid e-mail address."),
                       who_must_act=_("you"))
    if not already_held and addresses_held >= limit:
        return Refusal(code=LegacyCode.TOO_MANY_ADDRESSES, status=409,
                       message=_("Your account already has %(limit)d e-mail addresses, the most it can hold.")
                       % {"limit": limit},
                       who_must_act=_("you"),
                       next_step=_("Remove an address you no longer use (Account, E-mail addresses), then add "
                                   "the new one."))
    return None


def pupil_code_notice(*, count: int) -> str:
    """Pupil accounts arrive from the old platform without their login codes (they were never exported)."""
    return ngettext(
        "%(count)d pupil account came from the old platform without its login code: a teacher of the project "
        "must generate a new login code for it (Pupils, New code) before the pupil can log in.",
        "%(count)d pupil accounts came from the old platform without their login codes: a teacher of the project "
        "must generate a new login code for each (Pupils, New code) before they can log in.", count) % {"count": count}


def legacy_data_refusal(*, accounts_phase_state: str, attached_ids: list[str], verified_emails: list[str],
                        unverified_matching: list[str], claimed_elsewhere: bool) -> Refusal | None:
    """Rules 3 and 4, explained to one account: old-platform data attaches only to a verified
    address whose e-mail key equals the old one; a second account made with another address sees
    nothing. None when this account holds old data."""
    if attached_ids:
        return None
    if accounts_phase_state != "done":
        return Refusal(code=LegacyCode.LEGACY_NOT_IMPORTED, status=409,
                       message=phase_notice(phase="accounts", state=accounts_phase_state),
                       who_must_act=_("the platform's operators"),
                       next_step=_("Nothing to do yet: your data attaches by itself when it arrives."),
                       help_topic="legacy-data")
    if claimed_elsewhere:
        return claim_refusal(claimed_by_someone_else=True)
    if unverified_matching:
        return Refusal(code=LegacyCode.LEGACY_EMAIL_UNVERIFIED, status=409,
                       message=_("Old-platform data is waiting for %(emails)s, but you have not verified that "
                                 "address yet.") % {"emails": ", ".join(unverified_matching)},
                       who_must_act=_("you"),
                       next_step=_("Open the link in the verification email we sent there (or send it again from "
                                   "your email addresses page)."), help_topic="legacy-data")
    return Refusal(code=LegacyCode.LEGACY_NO_MATCH, status=404,
                   message=_("None of your verified addresses (%(emails)s) is the address of an account on the old "
                             "platform. People who miss their old data have usually made a second account with "
                             "another address.") % {"emails": ", ".join(verified_emails) or "—"},
                   who_must_act=_("you"),
                   next_step=_("If you used another address on the old platform, you don't need a second account: "
                               "use “Claim my old eTwinning data” to add and verify that address here."),
                   help_topic="legacy-data")
