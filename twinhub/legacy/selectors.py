"""Reads about the migration: each phase's state, a user's old ids, the notices to show."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from twinhub.core.cache import cached_read
from twinhub.core.prepared import PreparedQuery
from twinhub.core.queries import count_subquery
from twinhub.legacy import rules
from twinhub.legacy.format import PHASE_NAMES
from twinhub.legacy.models import LegacyPhase, LegacyProject, LegacyPupil, LegacyUser, PhaseState

# What each phase moves, as users read it (the phase names are the importer's words).
PHASE_LABELS = {
    "accounts": _("Users, schools and contacts"),
    "projects": _("Projects and their members"),
    "twinspaces": _("TwinSpaces and pupils"),
    "labels": _("Quality Label certificates"),
}


def migration_status() -> list[dict]:
    """Each phase's state (pending, running, done) with its dates, in phase order. Dashboards and
    project pages ask on every request and it changes a few times a year: kept in the shared cache,
    forgotten whenever a phase row is written (core.cache.ForgetsCachedReads)."""
    rows = cached_read(LegacyPhase.CACHED_READS, "all", _phase_rows)
    status = []
    for name in PHASE_NAMES:
        state, started_at, finished_at, planned_for = rows.get(name, (PhaseState.PENDING, None, None, None))
        status.append({"phase": name, "label": PHASE_LABELS.get(name, name), "state": state,
                       "started_at": started_at, "finished_at": finished_at, "planned_for": planned_for})
    return status


def _phase_rows() -> dict[str, tuple]:
    return {p.name: (p.state, p.started_at, p.finished_at, p.planned_for) for p in LegacyPhase.objects.all()}


_LEGACY_IDS = PreparedQuery(lambda account_id: LegacyUser.objects.filter(account_id=account_id)
                            .values_list("legacy_id"), account_id=int)


def legacy_ids_for(user) -> list[str]:
    """The old-platform user ids whose data this account holds (asked on every teacher's home)."""
    if not user or not user.pk:
        return []
    return sorted((lid for lid, in _LEGACY_IDS.rows(account_id=user.pk)), key=lambda lid: int(lid[1:]))


def dashboard_notices(user) -> list[dict]:
    """For a user with old-platform data: the phases not done yet that still hold some of it."""
    if not legacy_ids_for(user):
        return []
    return [{"phase": s["phase"], "state": s["state"], "planned_for": s["planned_for"],
             "text": rules.phase_notice(phase=s["phase"], state=s["state"], planned_for=s["planned_for"])}
            for s in migration_status() if s["phase"] != "accounts" and s["state"] != PhaseState.DONE]


def _project_facts(project_id: int):
    """(TwinSpace content state, pupils waiting for a new code) of a project from the old platform;
    no row for a project created on this one."""
    from twinhub.twinspace.models import TwinSpace

    waiting_pupils = LegacyPupil.objects.filter(pupil__project=OuterRef("project"), pupil__code_reset_at__isnull=True)
    return (LegacyProject.objects.filter(project_id=project_id)
            .annotate(content_state=Subquery(TwinSpace.objects.filter(project=OuterRef("project"))
                                             .order_by("pk").values("content_state")[:1]),
                      waiting=count_subquery(waiting_pupils, "pupil__project"))
            .values_list("content_state", "waiting"))


_PROJECT_FACTS = PreparedQuery(_project_facts, project_id=int)


def project_notices(project) -> list[dict]:
    """For a project that came from the old platform: its TwinSpace while its content state says it
    is still being moved, labels not moved yet, and pupils who still need a new login code.
    One query, on every project page and TwinSpace page: whether the project came from the old
    platform, its TwinSpace's content state and the pupils waiting, read together."""
    from twinhub.twinspace.models import ContentState

    facts = next(iter(_PROJECT_FACTS.rows(project_id=project.pk)), None)
    if facts is None:
        return []
    content_state, waiting = facts
    status = migration_status()
    states = {s["phase"]: s["state"] for s in status}
    planned = {s["phase"]: s["planned_for"] for s in status}
    notices = []
    if content_state == ContentState.AWAITING_MIGRATION or (content_state is None and states["twinspaces"] != "done"):
        notices.append({"phase": "twinspaces", "state": states["twinspaces"],
                        "text": rules.phase_notice(phase="twinspaces", state=states["twinspaces"],
                                                   planned_for=planned["twinspaces"])})
    if states["labels"] != PhaseState.DONE:
        notices.append({"phase": "labels", "state": states["labels"],
                        "text": rules.phase_notice(phase="labels", state=states["labels"], planned_for=planned["labels"])})
    if waiting:
        notices.append({"phase": "pupils", "state": "done", "text": rules.pupil_code_notice(count=waiting)})
    return notices


def legacy_data_refusal_for(user):
    """Why this account shows no old-platform data (None when it holds some): the facts for
    `rules.legacy_data_refusal`, read in a few queries."""
    from allauth.account.models import EmailAddress

    from twinhub.legacy.format import legacy_email_key

    addresses = list(EmailAddress.objects.filter(user=user).order_by("email"))
    verified = [a.email for a in addresses if a.verified]
    unverified = {legacy_email_key(a.email): a.email for a in addresses if not a.verified}
    keys = {legacy_email_key(e) for e in verified} | set(unverified)
    matches = list(LegacyUser.objects.filter(email_key__in=keys).values_list("email_key", "claimed_by_id"))
    return rules.legacy_data_refusal(
        accounts_phase_state=next(s["state"] for s in migration_status() if s["phase"] == "accounts"),
        attached_ids=legacy_ids_for(user),
        verified_emails=verified,
        unverified_matching=sorted({unverified[k] for k, claimed in matches if k in unverified and claimed is None}),
        claimed_elsewhere=any(claimed not in (None, user.pk) for k, claimed in matches
                              if k in {legacy_email_key(e) for e in verified}),
    )


def label_notices(user) -> list[dict]:
    """For "My labels": the labels phase, while it has not landed, for a user with old-platform data."""
    return [notice for notice in dashboard_notices(user) if notice["phase"] == "labels"]
