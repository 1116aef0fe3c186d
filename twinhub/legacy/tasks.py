"""Legacy's background work: an import started from the admin runs in a worker (decision 15)."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from twinhub.core.tasks import task
from twinhub.legacy.models import LegacyImportRun


@task(autoretry_for=())
def legacy_import_run(*, run_id: int) -> str:
    """Run one queued import (idempotent: a run already started or finished is left alone)."""
    with transaction.atomic():
        run = LegacyImportRun.objects.select_for_update().filter(pk=run_id, status=LegacyImportRun.Status.QUEUED).first()
        if run is None:
            return ""
        run.status, run.started_at = LegacyImportRun.Status.RUNNING, timezone.now()
        run.save(update_fields=["status", "started_at"])
    output = io.StringIO()
    phases = [p.strip() for p in run.phases.split(",") if p.strip()]
    try:
        call_command("import_legacy", run.folder, *[f"--phase={p}" for p in phases], "--no-progress", stdout=output)
    except (CommandError, OSError) as error:
        run.status = LegacyImportRun.Status.FAILED
        output.write(f"\n{error}\n")
    else:
        run.status = LegacyImportRun.Status.DONE
    run.output, run.finished_at = output.getvalue()[-100_000:], timezone.now()
    run.save(update_fields=["status", "output", "finished_at"])
    return run.status
