"""The legacy import started from the admin: a run row, a task after the commit that runs the same
command as the CLI, its output kept; a re-run of the task does nothing; a bad folder is refused."""

import pytest

from twinhub.legacy.models import LegacyImportRun, LegacyPhase, PhaseState
from twinhub.legacy.tasks import legacy_import_run
from twinhub.testing import client_for, db_state

pytestmark = pytest.mark.django_db


def test_an_administrator_starts_an_import_that_a_task_runs_after_the_commit(people, export_dir,
                                                                             django_capture_on_commit_callbacks):
    client = client_for(people.admin)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/admin/legacy/legacyimportrun/add/", {"folder": str(export_dir), "phases": "accounts"})
    assert response.status_code == 302, response.content.decode()[:2000]
    run = LegacyImportRun.objects.get()
    assert run.status == LegacyImportRun.Status.QUEUED and run.requested_by == people.admin
    assert len(callbacks) == 1
    callbacks[0]()
    run.refresh_from_db()
    assert run.status == LegacyImportRun.Status.DONE and "accounts" in run.output
    assert LegacyPhase.objects.get(name="accounts").state == PhaseState.DONE
    before = db_state()
    assert legacy_import_run(run_id=run.pk) == ""  # a re-run leaves everything as it is
    assert db_state() == before


def test_a_folder_without_an_export_is_refused_and_nothing_starts(people, tmp_path):
    client = client_for(people.admin)
    before = db_state()
    response = client.post("/admin/legacy/legacyimportrun/add/", {"folder": str(tmp_path)})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert db_state() == before
