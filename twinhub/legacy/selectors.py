"""Reads about the migration: each phase's state, a user's old ids, the notices to show."""

from twinhub.legacy import rules
from twinhub.legacy.format import PHASE_NAMES
from twinhub.legacy.models import LegacyPhase, LegacyProject, LegacyUser, PhaseState


def migration_status() -> list[dict]:
    """Each phase's state (pending, running, done) with its dates, in phase order."""
    rows = {p.name: p for p in LegacyPhase.objects.all()}
    status = []
    for name in PHASE_NAMES:
        phase = rows.get(name)
        status.append({"phase": name, "state": phase.state if phase else PhaseState.PENDING,
                       "started_at": phase.started_at if phase else None,
                       "finished_at": phase.finished_at if phase else None})
    return status


def legacy_ids_for(user) -> list[str]:
    """The old-platform user ids whose data this account holds."""
    if not user or not user.pk:
        return []
    return sorted(LegacyUser.objects.filter(account=user).values_list("legacy_id", flat=True),
                  key=lambda lid: int(lid[1:]))


def dashboard_notices(user) -> list[dict]:
    """For a user with old-platform data: the phases not done yet that still hold some of it."""
    if not legacy_ids_for(user):
        return []
    return [{"phase": s["phase"], "state": s["state"], "text": rules.phase_notice(phase=s["phase"], state=s["state"])}
            for s in migration_status() if s["phase"] != "accounts" and s["state"] != PhaseState.DONE]


def project_notices(project) -> list[dict]:
    """For a project that came from the old platform: TwinSpace and labels still being moved."""
    if not LegacyProject.objects.filter(project=project).exists():
        return []
    return [{"phase": s["phase"], "state": s["state"], "text": rules.phase_notice(phase=s["phase"], state=s["state"])}
            for s in migration_status() if s["phase"] in ("twinspaces", "labels") and s["state"] != PhaseState.DONE]
