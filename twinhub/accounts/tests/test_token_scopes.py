"""Personal tokens carry the scopes chosen at creation (read, write, staff) and an expiry; staff
actions need a staff-scoped token; the tokens page shows scopes, expiry and last use
(issue 12, finding 4)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from twinhub.accounts.models import ApiToken
from twinhub.accounts.services import api_token_create
from twinhub.testing import assert_refused, client_for, db_state, make_staff, make_teacher

pytestmark = pytest.mark.django_db
YEAR = timezone.now().year + 1
WINDOW = {"country": "TR", "year": YEAR, "opens_on": f"{YEAR}-03-01", "closes_on": f"{YEAR}-04-30"}


def _api(raw):
    return {"headers": {"Authorization": f"Bearer {raw}"}, "content_type": "application/json"}


def test_an_nss_token_without_the_staff_scope_cannot_act_as_staff():
    nss = make_staff("nss", country="TR")
    _t, raw = api_token_create(user=nss, name="script", scopes=["read", "write"])
    before = db_state()
    client = Client()
    response = client.post("/api/v1/quality-label/windows", WINDOW, **_api(raw))
    assert_refused(response, "forbidden", 403)
    assert_refused(client.patch("/api/v1/quality-label/policies/TR", {"max_members_from_country": 12}, **_api(raw)),
                   "forbidden", 403)
    assert db_state() == before
    _t, staff_raw = api_token_create(user=nss, name="staff script", scopes=["read", "write", "staff"])
    assert client.post("/api/v1/quality-label/windows", WINDOW, **_api(staff_raw)).status_code == 201


def test_a_read_only_token_cannot_write():
    teacher = make_teacher()
    _t, raw = api_token_create(user=teacher, name="reader", scopes=["read"])
    client = Client()
    assert client.get("/api/v1/me", **_api(raw)).status_code == 200
    before = db_state()
    assert_refused(client.patch("/api/v1/me", {"bio": "changed"}, **_api(raw)), "token_scope", 403)
    assert db_state() == before


def test_an_expired_token_is_refused():
    teacher = make_teacher()
    token, raw = api_token_create(user=teacher, name="short", scopes=["read"], expires_in_days=7)
    assert Client().get("/api/v1/me", **_api(raw)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_refused(Client().get("/api/v1/me", **_api(raw)), "unauthorized", 401)


def test_a_token_without_scopes_is_refused():
    teacher = make_teacher()
    before = db_state()
    with pytest.raises(Exception) as refused:
        api_token_create(user=teacher, name="nothing", scopes=[])
    assert getattr(refused.value, "code", "") == "token_scope"
    assert db_state() == before


def test_the_tokens_page_creates_with_scopes_and_shows_them():
    teacher = make_teacher()
    client = client_for(teacher)
    response = client.post("/settings/tokens/", {"name": "timetable", "scopes": ["read"], "expires_in_days": "30"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=teacher, name="timetable")
    assert token.scopes == ["read"] and token.expires_at is not None
    page = client.get("/settings/tokens/").content.decode()
    assert 'data-token-scopes="read"' in page and "data-token-expires" in page and "Last used" in page
