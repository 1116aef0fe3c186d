"""The NSS / coordinator dashboard: scoped, bounded in queries, exported as CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from twinhub.schools.models import Membership
from twinhub.testing import client_for, make_staff, make_teacher, queries

pytestmark = pytest.mark.django_db


def _exported(user, table: str) -> str:
    """Ask for the export on the page, let its task run after the commit, download it."""
    from django.test import TestCase

    from twinhub.helpcentre.models import DashboardExport

    client = client_for(user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(f"/nss/dashboard/{table}.csv").status_code == 302
    export = DashboardExport.objects.filter(requested_by=user).latest("pk")
    response = client.get(f"/nss/dashboard/exports/{export.pk}.csv")
    assert response.status_code == 200
    return response.content.decode()




def _pending(n, *, region="TR-06", days=0, country="TR"):
    for _ in range(n):
        teacher = make_teacher(country=country, region=region, approved=False)
        Membership.objects.filter(user=teacher).update(requested_at=timezone.now() - timedelta(days=days))


def test_pending_by_region_and_age():
    _pending(2, region="TR-06", days=2)
    _pending(1, region="TR-06", days=40)
    _pending(1, region="TR-34", days=100)
    _pending(1, country="IT", days=1)
    rows = list(csv.reader(io.StringIO(_exported(make_staff("nss", country="TR"), "pending"))))
    body = {(r[0], r[1]): r for r in rows[1:]}
    assert set(body) == {("TR", "TR-06"), ("TR", "TR-34")}
    assert body[("TR", "TR-06")][2:4] == ["3", "40"]
    assert body[("TR", "TR-06")][4:] == ["2", "0", "1", "0"]
    assert body[("TR", "TR-34")][4:] == ["0", "0", "0", "1"]


def test_coordinator_sees_only_their_province():
    _pending(2, region="TR-06")
    _pending(3, region="TR-34")
    page = client_for(make_staff("coordinator", country="TR", region="TR-06")).get("/nss/dashboard/").content.decode()
    assert "Ankara (TR-06)" in page and "TR-34" not in page
    assert 'id="support"' not in page  # coordinators validate memberships; support is the NSS's


def test_teacher_has_no_dashboard():
    assert client_for(make_teacher()).get("/nss/dashboard/").status_code == 404
    assert client_for(make_teacher()).post("/nss/dashboard/pending.csv").status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_dashboard_queries_do_not_grow_with_rows(rows):
    for i in range(rows):
        _pending(1, region=f"TR-{(i % 81) + 1:02d}", days=i)
    client = client_for(make_staff("nss", country="TR"))
    client.get("/nss/dashboard/")  # warm the session
    with queries(at_most=14):
        response = client.get("/nss/dashboard/")
    assert response.status_code == 200


def test_css_can_narrow_to_a_country():
    _pending(1, region="TR-06")
    _pending(1, country="IT")
    client = client_for(make_staff("css"))
    page = client.get("/nss/dashboard/", {"country": "IT"}).content.decode()
    assert "Italy" in page and "TR-06" not in page
