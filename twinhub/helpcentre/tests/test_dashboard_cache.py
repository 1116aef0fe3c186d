"""The dashboard's aggregates come from the cache, and the page counts a new membership, project or
support request right after it is written."""

import pytest

from twinhub.testing import client_for, make_staff, make_teacher, queries
from twinhub.testing.projects import make_project

pytestmark = pytest.mark.django_db


def _pending_in_ankara(client) -> int:
    rows = client.get("/nss/dashboard/").context["tables"]["pending"]
    return sum(row["total"] for row in rows if row["region"] == "TR-06")


def _projects(client) -> int:
    rows = client.get("/nss/dashboard/").context["tables"]["projects"]
    return sum(row["national"] + row["european"] for row in rows)


def test_the_page_reads_the_cache_and_counts_each_write_at_once():
    client = client_for(make_staff("nss", country="TR"))
    make_teacher(country="TR", region="TR-06", approved=False)
    assert _pending_in_ankara(client) == 1
    with queries() as cached:
        client.get("/nss/dashboard/")
    assert not any("schools_membership" in q for q in cached)  # the aggregates came from the cache

    make_teacher(country="TR", region="TR-06", approved=False)
    assert _pending_in_ankara(client) == 2  # a new membership: counted at once

    before = _projects(client)
    make_project(founder=make_teacher(country="TR"), cofounder=make_teacher(country="IT"))
    assert _projects(client) == before + 1  # a new project: counted at once


def test_with_a_worker_a_write_shows_the_last_figures_as_of_their_time_until_the_worker_recounts(
        django_capture_on_commit_callbacks, monkeypatch):
    """At national scale the page never waits for the GROUP BYs after a write (decision 31): it
    shows the previous snapshot, says when it was counted, and the queued task recounts it."""
    from twinhub.helpcentre import aggregates

    monkeypatch.setattr(aggregates, "tasks_run_in_a_worker", lambda: True)  # as in production
    nss = make_staff("nss", country="TR")
    other_nss = make_staff("nss", country="TR")
    client = client_for(nss)
    make_teacher(country="TR", region="TR-06", approved=False)
    first = client.get("/nss/dashboard/")
    assert "as-of" not in first.content.decode() and _pending_in_ankara(client) == 1

    make_teacher(country="TR", region="TR-06", approved=False)
    with django_capture_on_commit_callbacks() as queued:
        with queries() as read:
            page = client.get("/nss/dashboard/")
    assert not any("schools_membership" in q for q in read)  # the page did not recount
    assert page.context["tables"]["pending"][0]["total"] == 1 and 'id="as-of"' in page.content.decode()
    assert len(queued) == 1  # the refresh, sent to the worker after the commit
    queued[0]()  # the worker runs it (here, eagerly)
    assert _pending_in_ankara(client) == 2
    assert 'id="as-of"' not in client.get("/nss/dashboard/").content.decode()
    with queries() as shared:  # one snapshot per scope: another NSS of Türkiye reads the same one
        assert client_for(other_nss).get("/nss/dashboard/").status_code == 200
    assert not any("schools_membership" in q for q in shared)


def test_the_beat_job_recounts_the_scopes_people_read():
    from twinhub.helpcentre.tasks import dashboard_snapshots_refresh

    client = client_for(make_staff("coordinator", country="TR", region="TR-06"))
    assert _pending_in_ankara(client) == 0
    assert dashboard_snapshots_refresh() == 0  # fresh: nothing to do
    make_teacher(country="TR", region="TR-06", approved=False)
    assert dashboard_snapshots_refresh() == 1  # the coordinator's scope, in the language read
    with queries() as read:
        assert _pending_in_ankara(client) == 1
    assert not any("schools_membership" in q for q in read)
