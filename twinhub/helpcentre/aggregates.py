"""The NSS and coordinator dashboards' tables, precomputed per scope (decision 31).

Computing them is a GROUP BY over every pending membership and every recent project of a country:
hundreds of milliseconds at national scale, too much for each page view, and a nation writes
memberships every minute, so "forget on write, recompute on the next view" (decision 16) would make
most views pay it. Instead each scope (a country, a province, everywhere) keeps a *snapshot* of its
tables in the shared cache, stamped with the dashboard generation it was computed under (every
counted write bumps that generation: `signals.py`):
- a snapshot of the current generation is fresh and is shown as it is;
- an older one is shown with "as of <time>" while a worker recomputes it (queued once per scope
  and minute); the page never waits for the GROUP BYs;
- no snapshot, or one older than `STALE_LIMIT`: computed in the request, once per scope.
The beat job (`tasks.dashboard_snapshots_refresh`, every 2 minutes) recomputes the stale snapshots
of the scopes read in the last day. Without a worker (`make run`, the tests: tasks run eagerly) a
stale snapshot is recomputed in the request, as before.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from twinhub.core.cache import cache_generation
from twinhub.helpcentre import dashboard
from twinhub.helpcentre.exports import DASHBOARD_CACHE

STALE_LIMIT = timedelta(minutes=15)  # an older snapshot is not shown: the request recomputes it
SNAPSHOT_SECONDS = 24 * 3600
SCOPES_KEY = "dashboard-snapshot:scopes"  # scope key -> (scope, languages, last read), for the beat job
REFRESH_QUEUED_SECONDS = 60


def scope_key(scope: dict) -> str:
    if scope["national"]:
        return "n:" + (",".join(sorted(scope["countries"])) if scope["countries"] is not None else "*")
    return "p:" + ",".join(f"{c}/{r}" for c, r in sorted(scope["provinces"]))


def _snapshot_key(key: str, language: str) -> str:
    return f"dashboard-snapshot:{key}:{language}"


def tables_of_scope(scope: dict) -> dict:
    """The tables of one scope (in the active language)."""
    tables = {"pending": dashboard.pending_memberships(scope)}
    if scope["national"]:
        tables["projects"] = dashboard.projects_per_week(scope)
        tables["labels"] = dashboard.quality_label_pipeline(scope)
        tables["support"] = dashboard.support_load(scope)
    return tables


def snapshot_compute(key: str, scope: dict, language: str) -> dict:
    """Compute and keep one scope's snapshot. The generation is read first: a write during the
    computation leaves the snapshot stale, never wrongly fresh."""
    generation = cache_generation(DASHBOARD_CACHE)
    with translation.override(language):
        tables = tables_of_scope(scope)
    snapshot = {"generation": generation, "computed_at": timezone.now(), "tables": tables}
    cache.set(_snapshot_key(key, language), snapshot, SNAPSHOT_SECONDS)
    return snapshot


def _remember(key: str, scope: dict, language: str) -> None:
    """Note that this scope is read (the beat job refreshes only those), at most once an hour per scope."""
    scopes = cache.get(SCOPES_KEY) or {}
    known = scopes.get(key)
    if known and language in known["languages"] and time.time() - known["read_at"] < 3600:
        return
    languages = set(known["languages"]) if known else set()
    scopes[key] = {"scope": scope, "languages": sorted(languages | {language}), "read_at": time.time()}
    cache.set(SCOPES_KEY, scopes, None)


def tasks_run_in_a_worker() -> bool:
    """False without a broker (`make run`, the tests): nobody would recount a stale snapshot."""
    return not settings.CELERY_TASK_ALWAYS_EAGER


def dashboard_tables_for(user, country: str = "") -> tuple[dict, dict, object, str | None] | None:
    """(scope, tables, as_of, stale) of this user's dashboard; `as_of` is the time the tables were
    counted when they may be out of date (None when fresh), `stale` the snapshot a worker should
    recount (`services.dashboard_tables_shown` queues it); None if the user has no dashboard."""
    scope = dashboard.dashboard_scope(user, country=country)
    if scope is None:
        return None
    key, language = scope_key(scope), translation.get_language() or settings.LANGUAGE_CODE
    _remember(key, scope, language)
    snapshot = cache.get(_snapshot_key(key, language))
    fresh = snapshot is not None and snapshot["generation"] == cache_generation(DASHBOARD_CACHE)
    if fresh:
        return scope, snapshot["tables"], None, None
    usable = (snapshot is not None and timezone.now() - snapshot["computed_at"] < STALE_LIMIT
              and tasks_run_in_a_worker())
    if not usable:
        return scope, snapshot_compute(key, scope, language)["tables"], None, None
    queued = cache.add(f"dashboard-snapshot:queued:{key}:{language}", 1, REFRESH_QUEUED_SECONDS)
    return scope, snapshot["tables"], snapshot["computed_at"], f"{key}|{language}" if queued else None


def refresh(key: str, language: str) -> bool:
    """Recompute one remembered scope's snapshot if it is stale; False if it is fresh or unknown."""
    found = (cache.get(SCOPES_KEY) or {}).get(key)
    if found is None:
        return False
    snapshot = cache.get(_snapshot_key(key, language))
    if snapshot is not None and snapshot["generation"] == cache_generation(DASHBOARD_CACHE):
        return False
    snapshot_compute(key, found["scope"], language)
    return True


def refresh_all() -> int:
    """The beat job: refresh every stale snapshot of a scope read in the last day; forget the others."""
    scopes = cache.get(SCOPES_KEY) or {}
    recent = {key: found for key, found in scopes.items() if time.time() - found["read_at"] < SNAPSHOT_SECONDS}
    if len(recent) != len(scopes):
        cache.set(SCOPES_KEY, recent, None)
    return sum(refresh(key, language) for key, found in recent.items() for language in found["languages"])
