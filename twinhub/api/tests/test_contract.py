"""The API contract: authentication (token and browser session), the error JSON, the languages
of messages, and the OpenAPI 3 document."""

import json

import pytest
from django.test import Client
from openapi_spec_validator import validate

from twinhub.accounts.models import ApiToken, Profile
from twinhub.accounts.services import api_token_create, api_token_revoke
from twinhub.testing import ApiClient, assert_refused, make_teacher

pytestmark = pytest.mark.django_db


def _get_me(headers: dict, language: str = "en"):
    return Client(HTTP_ACCEPT_LANGUAGE=language).get("/api/v1/me", headers=headers)


def test_openapi_document_is_valid_openapi_3():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert {"get", "patch"} <= set(spec["paths"]["/api/v1/me"])
    assert any(s.get("scheme") == "bearer" for s in spec["components"]["securitySchemes"].values())


def test_a_valid_token_authenticates_and_is_marked_used():
    teacher = make_teacher()
    token, raw = api_token_create(user=teacher, name="script", scopes=["read", "write"])

    response = _get_me({"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200 and response.json()["id"] == teacher.pk
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", [
    None,                              # missing
    "Bearer",                          # no token
    "Bearer th_not-a-real-token",      # unknown
    "Token th_abc",                    # wrong scheme
    "th_abc",                          # no scheme
])
def test_missing_or_malformed_tokens_answer_401_json(header):
    make_teacher()
    response = _get_me({"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert_refused(response, "unauthorized", 401)


def test_a_revoked_token_answers_401_and_leaves_other_tokens_working():
    teacher = make_teacher()
    revoked, revoked_raw = api_token_create(user=teacher, name="old", scopes=["read", "write"])
    _kept, kept_raw = api_token_create(user=teacher, name="new", scopes=["read", "write"])
    api_token_revoke(user=teacher, token_id=revoked.pk)

    assert_refused(_get_me({"Authorization": f"Bearer {revoked_raw}"}), "unauthorized", 401)
    assert _get_me({"Authorization": f"Bearer {kept_raw}"}).status_code == 200


def test_401_message_is_in_the_request_language():
    body = _get_me({}, language="tr").json()
    assert body["code"] == "unauthorized"
    assert "API" in body["message"] and "Giriş yapın" in body["message"], body


def test_browser_session_reads_and_must_send_csrf_to_write():
    teacher = make_teacher(available=False)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    assert browser.get("/api/v1/me").json()["email"] == teacher.email

    refused = browser.patch("/api/v1/me", json.dumps({"available_for_projects": True}),
                            content_type="application/json")
    assert_refused(refused, "forbidden", 403)
    assert not Profile.objects.get(user=teacher).available_for_projects

    browser.get("/dashboard/")  # a page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.patch("/api/v1/me", json.dumps({"available_for_projects": True}),
                             content_type="application/json", headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 200 and accepted.json()["available_for_projects"] is True


def test_token_calls_need_no_csrf():
    teacher = make_teacher()
    client = ApiClient(teacher)
    client.client = Client(enforce_csrf_checks=True)
    assert client.patch("/me", {"bio": "Fizik"}).status_code == 200


def test_an_inactive_account_cannot_use_its_token():
    teacher = make_teacher()
    _t, raw = ApiToken.issue(user=teacher, name="x", scopes=["read"])
    teacher.is_active = False
    teacher.save()
    assert_refused(_get_me({"Authorization": f"Bearer {raw}"}), "unauthorized", 401)


def test_error_shape_for_404_409_and_422_in_both_languages():
    teacher = make_teacher()
    for language in ("en", "tr"):
        client = ApiClient(teacher, language=language)
        body = assert_refused(client.patch("/me", {"subjects": ["alchemy"]}), "invalid", 422)
        assert "alchemy" in body["message"]
        assert_refused(client.patch("/me", {"language": "xx"}), "invalid", 422)
    tr = ApiClient(teacher, language="tr")
    assert "geçerli değil" in tr.patch("/me", {"bio": "x" * 1001}).json()["message"]

    stranger = make_teacher()
    other_token, _raw = api_token_create(user=stranger, name="theirs", scopes=["read", "write"])
    # Revoking someone else's token through the page's service: not found, token untouched.
    from twinhub.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as refused:
        api_token_revoke(user=teacher, token_id=other_token.pk)
    assert refused.value.refusal.status == 404
    other_token.refresh_from_db()
    assert other_token.revoked_at is None


def test_409_not_joined_explains_who_acts_in_turkish():
    from twinhub.accounts.provisioning import verified_user

    newcomer = verified_user(email="yeni@okul.example", password="pw-test-123")
    body = assert_refused(ApiClient(newcomer, language="tr").patch("/me", {"available_for_projects": True}),
                          "not_joined", 409)
    assert "eTwinning'e" in body["next_step"] or "eTwinning" in body["message"]
    assert not Profile.objects.filter(user=newcomer).exists()


def test_unknown_api_path_is_json_404():
    teacher = make_teacher()
    response = ApiClient(teacher).get("/no-such-endpoint")
    assert_refused(response, "not_found", 404)
