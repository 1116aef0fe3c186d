"""CSV exports of the dashboard: an export row asked for on the page, built by a task after the
commit in the asker's language, downloaded only by the asker when ready; a re-run builds nothing."""

import pytest

from twinhub.helpcentre.models import DashboardExport
from twinhub.helpcentre.tasks import dashboard_export_build
from twinhub.testing import client_for, db_state, make_staff, make_teacher

pytestmark = pytest.mark.django_db


def test_an_export_waits_for_the_commit_then_is_ready_to_download(django_capture_on_commit_callbacks):
    nss = make_staff("nss", country="TR")
    client = client_for(nss, language="tr")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/nss/dashboard/projects.csv")
    assert response.status_code == 302 and response["Location"] == "/nss/dashboard/exports/"
    export = DashboardExport.objects.get()
    assert export.status == DashboardExport.Status.PENDING and export.language == "tr"
    page = client.get("/nss/dashboard/exports/").content.decode()
    assert 'hx-trigger="every 3s"' in page and f"/nss/dashboard/exports/{export.pk}.csv" not in page
    assert client.get(f"/nss/dashboard/exports/{export.pk}.csv").status_code == 404  # not ready yet

    callbacks[0]()  # the commit: the task builds it
    export.refresh_from_db()
    assert export.status == DashboardExport.Status.READY and export.content.startswith("Hafta,")  # "Week" in Turkish
    page = client.get("/nss/dashboard/exports/").content.decode()
    assert f"/nss/dashboard/exports/{export.pk}.csv" in page and "every 3s" not in page
    download = client.get(f"/nss/dashboard/exports/{export.pk}.csv")
    assert download.status_code == 200 and download.content.decode() == export.content

    before = db_state()
    assert dashboard_export_build(export_id=export.pk) is False  # a re-run changes nothing
    assert db_state() == before


@pytest.mark.parametrize("who", ["other_nss", "teacher"])
def test_only_the_asker_downloads_and_others_cannot_ask(who, django_capture_on_commit_callbacks):
    nss = make_staff("nss", country="TR")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(nss).post("/nss/dashboard/pending.csv")
    export = DashboardExport.objects.get()
    other = make_staff("nss", country="TR") if who == "other_nss" else make_teacher()
    client = client_for(other)
    before = db_state()
    assert client.get(f"/nss/dashboard/exports/{export.pk}.csv").status_code == 404
    if who == "teacher":
        assert client.post("/nss/dashboard/pending.csv").status_code == 404
        assert client.get("/nss/dashboard/exports/").status_code == 404
    assert db_state() == before


def test_a_coordinator_cannot_export_a_national_table():
    coordinator = make_staff("coordinator", country="TR", region="TR-06")
    before = db_state()
    assert client_for(coordinator).post("/nss/dashboard/support.csv").status_code == 404
    assert db_state() == before
    assert client_for(coordinator).get("/nss/dashboard/pending.csv").status_code == 405  # asked for by POST only
