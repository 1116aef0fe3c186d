"""Help centre's background work: the dashboard's CSV exports (decision 15), its precomputed tables
(decision 31)."""

from datetime import timedelta

from twinhub.core.tasks import periodic, task
from twinhub.helpcentre.aggregates import refresh, refresh_all
from twinhub.helpcentre.exports import dashboard_export_run


@task
def dashboard_export_build(*, export_id: int) -> bool:
    """Build one export (idempotent: a built one is left as it is)."""
    return dashboard_export_run(export_id=export_id)


@task
def dashboard_snapshot_refresh(*, stale: str) -> bool:
    """Recompute one scope's dashboard tables, queued by a page that showed them out of date
    (idempotent: a fresh snapshot is left as it is)."""
    key, _sep, language = stale.rpartition("|")
    return refresh(key, language)


@periodic(timedelta(minutes=2))
@task
def dashboard_snapshots_refresh() -> int:
    """Keep the dashboards that people read up to date (decision 31)."""
    return refresh_all()
