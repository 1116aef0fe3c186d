"""The public directory of coordinators per province and NSS contacts per country, as a page
and as GET /api/v1/coordinators."""

import pytest

from twinhub.staff.services import staff_role_grant
from twinhub.testing import STAFF, ApiClient, make_teacher, queries

pytestmark = [pytest.mark.django_db, pytest.mark.people("teacher", *STAFF)]  # every validator exists


@pytest.fixture
def hidden(people):
    """A second coordinator of Ankara who chose not to be listed; the listed one gave a public address."""
    hidden = make_teacher()
    staff_role_grant(manager=people["nss_tr"], email=hidden.email, kind="coordinator", country="TR",
                     region="TR-06", listed=False)
    staff_role_grant(manager=people["nss_tr"], email=people["coordinator"].email, kind="coordinator",
                     country="TR", region="TR-06", public_email="ankara@meb.example", public_phone="0312 111")
    return hidden


def test_page_lists_coordinators_per_province_and_nss_per_country(people, hidden, client):
    with queries(at_most=3):
        page = client.get("/coordinators/").content.decode()
    ankara = page[page.index('id="TR-06"'):page.index('id="TR-07"')]
    assert people["coordinator"].display_name in ankara and "ankara@meb.example" in ankara
    assert "0312 111" in ankara and people["coordinator_tr34"].display_name not in ankara
    assert hidden.email not in page
    italy = page[page.index('id="nss-IT"'):]
    assert people["nss_it"].email in italy[:600]


def test_page_in_turkish(people, hidden, client):
    page = client.get("/coordinators/", HTTP_ACCEPT_LANGUAGE="tr").content.decode()
    assert "Ulusal Destek Servisleri" in page and "il koordinatörleri" in page


def test_api_by_province(people, hidden):
    rows = ApiClient().get("/coordinators", {"region": "TR-06"}).json()
    assert [(r["name"], r["email"], r["kind"]) for r in rows] == [
        (people["coordinator"].display_name, "ankara@meb.example", "coordinator")]


def test_api_by_country(people, hidden):
    rows = ApiClient().get("/coordinators", {"country": "IT"}).json()
    assert [(r["kind"], r["email"]) for r in rows] == [("nss", people["nss_it"].email)]
    tr = ApiClient().get("/coordinators", {"country": "TR"}).json()
    assert {r["region"] for r in tr if r["kind"] == "coordinator"} == {"TR-06", "TR-34"}
