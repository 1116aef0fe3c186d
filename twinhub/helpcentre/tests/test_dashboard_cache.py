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
