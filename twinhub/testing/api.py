"""The JSON API as a test calls it: a personal token, JSON in and out, refusals checked by code."""

import json

from django.test import Client

from twinhub.accounts.models import ApiToken, User


class ApiClient:
    """Calls /api/v1 with a personal token of `user` (none for None), JSON in and out."""

    def __init__(self, user: User | None = None, language: str = "en",
                 scopes: tuple[str, ...] = ("read", "write", "staff")):
        self.client = Client(HTTP_ACCEPT_LANGUAGE=language)
        self.headers = {}
        if user is not None:
            _token, raw = ApiToken.issue(user=user, name="test", scopes=list(scopes))
            self.headers = {"Authorization": f"Bearer {raw}"}

    def _call(self, method: str, path: str, data=None):
        kwargs = {"headers": self.headers}
        if data is not None:
            if method == "get":
                return getattr(self.client, method)(f"/api/v1{path}", data, **kwargs)
            kwargs.update(data=json.dumps(data), content_type="application/json")
        return getattr(self.client, method)(f"/api/v1{path}", **kwargs)

    def get(self, path, params=None):
        return self._call("get", path, params)

    def post(self, path, data=None):
        return self._call("post", path, data if data is not None else {})

    def patch(self, path, data):
        return self._call("patch", path, data)

    def delete(self, path):
        return self._call("delete", path)


def assert_refused(response, code: str, status: int | None = None) -> dict:
    """The API refused with this stable code (and status), and said why."""
    body = response.json()
    assert body.get("code") == code, f"expected code {code!r}, got {response.status_code} {body}"
    if status is not None:
        assert response.status_code == status, f"expected {status}, got {response.status_code} {body}"
    assert body.get("message"), body
    return body
