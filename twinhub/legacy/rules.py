"""Rules of the legacy migration (rules 3, 4, 5). Pure functions: the importer, the claim
flow, the pages and the API all call these."""

from django.utils.translation import gettext as _

from twinhub.core.errors import Refusal
from twinhub.legacy.format import PHASE_NAMES, PHASES

# A phase reads references made by the phases before it.
REQUIRES = {"accounts": (), "projects": ("accounts",), "twinspaces": ("projects",), "labels": ("projects",)}


def phase_of(file_name: str) -> str:
    return next(phase for phase, files in PHASES.items() if file_name in files)


def phase_plan_refusal(*, wanted, states: dict[str, str], unavailable) -> Refusal | None:
    """Phases may run months apart, but never before the phases whose records they refer to."""
    for phase in wanted:
        if phase not in PHASE_NAMES:
            return Refusal(code="unknown_phase", status=400,
                           message=_("Unknown phase %(phase)s.") % {"phase": phase},
                           next_step=_("Phases: %(phases)s.") % {"phases": ", ".join(PHASE_NAMES)})
        if phase in unavailable:
            return Refusal(code="phase_unavailable", status=409,
                           message=_("The %(phase)s phase cannot run on this platform yet.") % {"phase": phase})
        for needed in REQUIRES[phase]:
            if states.get(needed) != "done" and needed not in wanted:
                return Refusal(code="phase_order", status=409,
                               message=_("The %(phase)s phase needs the %(needed)s phase first.")
                               % {"phase": phase, "needed": needed},
                               next_step=_("Run: twinhub import-legacy DIR --phase %(needed)s") % {"needed": needed})
    return None


def claim_refusal(*, claimed_by_someone_else: bool) -> Refusal | None:
    """Old-platform data belongs to one account: once claimed, nobody else can claim it."""
    if claimed_by_someone_else:
        return Refusal(code="legacy_already_claimed", status=409,
                       message=_("The old eTwinning data of this e-mail address already belongs to another account."),
                       who_must_act=_("the National Support Service"),
                       next_step=_("If this is your address, contact your National Support Service."),
                       help_topic="legacy-claim")
    return None


def phase_notice(*, phase: str, state: str) -> str:
    """What a user whose data sits in a phase not yet imported is told (empty when done)."""
    if state == "done":
        return ""
    state_text = _("in progress") if state == "running" else _("not started yet")
    if phase == "twinspaces":
        return _("This TwinSpace is still being moved from the old platform (moving: %(state)s).") % {
            "state": state_text}
    if phase == "labels":
        return _("Your Quality Label certificates will appear when the labels phase is complete "
                 "(moving: %(state)s).") % {"state": state_text}
    if phase == "projects":
        return _("Your projects from the old platform will appear when the projects phase is complete "
                 "(moving: %(state)s).") % {"state": state_text}
    return _("Your data from the old platform is still being moved (moving: %(state)s).") % {"state": state_text}
