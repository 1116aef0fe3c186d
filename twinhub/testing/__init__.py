"""The one test base: named users per role built through the real provisioning code,
API helpers, and refusal assertions. Import in tests; fixtures live in conftest.py."""

import itertools
import json

from django.test import Client

from twinhub.accounts.models import ApiToken, User
from twinhub.portal.provisioning import provision_account

_seq = itertools.count(1)


def make_teacher(*, country: str = "TR", region: str = "TR-06", approved: bool = True, available: bool = False,
                 school_number: str = "", email: str | None = None, name: str = "") -> User:
    n = next(_seq)
    user, _raw = provision_account(
        email=email or f"teacher{n}@test.example", password="pw-test-123", name=name or f"Teacher {n}",
        country=country, region=region if country == "TR" else "", school_number=school_number or f"{n}00",
        approved=approved, available=available)
    return User.objects.get(pk=user.pk)


def make_staff(kind: str, *, country: str = "", region: str = "", email: str | None = None) -> User:
    n = next(_seq)
    user, _raw = provision_account(email=email or f"{kind}{n}@test.example", password="pw-test-123",
                                   name=f"{kind.title()} {n}", country=country or "BE", region=region, role=kind)
    return User.objects.get(pk=user.pk)


class ApiClient:
    """Calls /api/v1 with a personal token, JSON in and out."""

    def __init__(self, user: User | None = None, language: str = "en"):
        self.client = Client(HTTP_ACCEPT_LANGUAGE=language)
        self.headers = {}
        if user is not None:
            _token, raw = ApiToken.issue(user=user, name="test")
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


def race(calls, *, timeout: float = 60) -> list[tuple[str, object]]:
    """Run the calls in threads released at the same instant (each on its own database
    connection). Each outcome is ("won", result), ("refused", refusal code) or ("locked", error)
    — the last only on SQLite, whose writers are turned away rather than queued."""
    import threading

    from django.db import OperationalError, connection

    from twinhub.core.errors import ApplicationError

    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            outcomes[i] = ("won", call())
        except ApplicationError as error:
            outcomes[i] = ("refused", error.code)
        except OperationalError as error:  # SQLite: "database table is locked"
            outcomes[i] = ("locked", str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
