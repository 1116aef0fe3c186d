"""The NSS dashboard's charts and tables rendered once per set of figures and language (decision 42):
new figures show at once, each language gets its own, and the forms keep the reader's own CSRF token."""

import re

import pytest

from twinhub.testing import client_for, make_staff, make_teacher

pytestmark = pytest.mark.django_db


def _pending_cell(page: str, place: str) -> str:
    row = re.search(rf"<tr><td>{re.escape(place)}</td><td>(\d+)</td>", page)
    return row.group(1) if row else ""


def test_new_figures_show_at_once_in_each_language():
    nss = make_staff("nss", country="TR")
    make_teacher(country="TR", region="TR-06", approved=False)
    english, turkish = client_for(nss), client_for(nss, language="tr")
    assert _pending_cell(english.get("/nss/dashboard/").content.decode(), "Ankara (TR-06)") == "1"
    make_teacher(country="TR", region="TR-06", approved=False)
    assert _pending_cell(english.get("/nss/dashboard/").content.decode(), "Ankara (TR-06)") == "2"
    page = turkish.get("/nss/dashboard/").content.decode()
    assert _pending_cell(page, "Ankara (TR-06)") == "2" and "En uzun bekleme (gün)" in page and "Longest wait" not in page


def test_each_reader_gets_their_own_csrf_token():
    first, second = client_for(make_staff("nss", country="TR")), client_for(make_staff("nss", country="TR"))
    for client in (first, second):
        client.get("/nss/dashboard/")  # the cached fragments are there for the second reader
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', c.get("/nss/dashboard/").content.decode())
              for c in (first, second)]
    assert tokens[0] and tokens[1] and not set(tokens[0]) & set(tokens[1])
