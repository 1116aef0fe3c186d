"""CSV exports of the dashboard's tables: asked for on the page (services.dashboard_export_request),
built by a task (tasks.dashboard_export_build), downloaded by the person who asked (decision 15)."""

import csv
import io

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from twinhub.core.errors import not_found
from twinhub.helpcentre import dashboard
from twinhub.helpcentre.models import DashboardExport


def dashboard_tables(user, country: str = "") -> tuple[dict, dict] | None:
    """The dashboard's scope and tables for this user; None if they have no dashboard."""
    scope = dashboard.dashboard_scope(user, country=country)
    if scope is None:
        return None
    tables = {"pending": dashboard.pending_memberships(scope)}
    if scope["national"]:
        tables["projects"] = dashboard.projects_per_week(scope)
        tables["labels"] = dashboard.quality_label_pipeline(scope)
        tables["support"] = dashboard.support_load(scope)
    return scope, tables


DASHBOARD_CACHE = "helpcentre.dashboard"  # bumped by twinhub/helpcentre/signals.py; aggregates.py reads it


def dashboard_table_names(scope: dict) -> set[str]:
    """The tables a dashboard of this scope shows (national ones: all four)."""
    return {"pending", "projects", "labels", "support"} if scope["national"] else {"pending"}


def dashboard_csv(table: str, rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    if table == "pending":
        labels = [dashboard.age_bucket_label(low, high) for low, high in dashboard.AGE_BUCKETS]
        writer.writerow([_("Country"), _("Region"), _("Pending"), _("Longest wait (days)"), *labels])
        for row in rows:
            writer.writerow([row["country"], row["region"], row["total"], row["waited_days"], *row["buckets"]])
    elif table == "projects":
        writer.writerow([_("Week"), _("National"), _("European")])
        for row in rows:
            writer.writerow([row["week"], row["national"], row["european"]])
    else:
        writer.writerow([_("Status"), _("Count")])
        for row in rows:
            writer.writerow([row["label"], row["count"]])
    return out.getvalue()


def dashboard_export_run(*, export_id: int) -> bool:
    """Build a pending export with its requester's reach today, in the language it was asked in."""
    with transaction.atomic():
        export = (DashboardExport.objects.select_for_update().select_related("requested_by")
                  .filter(pk=export_id, status=DashboardExport.Status.PENDING).first())
        if export is None:
            return False  # built already: a re-run does nothing
        with translation.override(export.language):
            found = dashboard_tables(export.requested_by, export.country)
            if found is None or export.table not in found[1]:
                export.status = DashboardExport.Status.FAILED  # the requester lost the dashboard meanwhile
            else:
                export.content = dashboard_csv(export.table, found[1][export.table])
                export.status = DashboardExport.Status.READY
        export.finished_at = timezone.now()
        export.save(update_fields=["content", "status", "finished_at"])
        return True


def dashboard_exports_of(user, *, limit: int = 10) -> list[DashboardExport]:
    return list(DashboardExport.objects.filter(requested_by=user).defer("content")[:limit])


def dashboard_export_for(user, export_id: int) -> DashboardExport:
    """A ready export, for the person who asked and who still has a dashboard; 404 otherwise."""
    export = DashboardExport.objects.filter(pk=export_id, requested_by=user, status=DashboardExport.Status.READY).first()
    if export is None or dashboard.dashboard_scope(user) is None:
        raise not_found()
    return export
