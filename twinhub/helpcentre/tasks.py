"""Help centre's background work: the dashboard's CSV exports (decision 15)."""

from twinhub.core.tasks import task
from twinhub.helpcentre.exports import dashboard_export_run


@task
def dashboard_export_build(*, export_id: int) -> bool:
    """Build one export (idempotent: a built one is left as it is)."""
    return dashboard_export_run(export_id=export_id)
