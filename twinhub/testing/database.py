"""What the database holds and what a request asked of it: snapshots to prove a refusal changed
nothing, and query counts that print the queries when they are not what the test expects."""

import difflib
import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Besides TwinHub's own apps, the tables of the login library (addresses, linked EU Login accounts).
_OTHER_APPS = {"account", "socialaccount"}
# What logging a test's browser in or issuing its API token changes, whatever the request does.
_LEFT_OUT_TABLES = {"accounts.ApiToken"}
_LEFT_OUT_COLUMNS = {"accounts.User": {"last_login"}}


def snapshot_models() -> list[type[Model]]:
    return [model for model in apps.get_models()
            if (model.__module__.startswith("twinhub.") or model._meta.app_label in _OTHER_APPS)
            and model._meta.label not in _LEFT_OUT_TABLES]


@functools.cache
def _select(model: type[Model]) -> str:
    """SELECT every column worth comparing, in key order: plain SQL, as a snapshot of fifty-odd
    tables is taken around many requests."""
    left_out = _LEFT_OUT_COLUMNS.get(model._meta.label, set())
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in model._meta.concrete_fields
                        if field.attname not in left_out)
    return f"SELECT {columns} FROM {quote(model._meta.db_table)} ORDER BY {quote(model._meta.pk.column)}"


class DbState(dict):
    """Every row of some tables, by table: `db_state() == before` proves nothing changed, and a
    failing comparison names the tables that changed and the rows added or removed."""

    def changes(self, other: "DbState") -> list[str]:
        lines = []
        for table in sorted(set(self) | set(other)):
            old, new = ([repr(row) for row in state.get(table, [])] for state in (self, other))
            if old == new:
                continue
            lines.append(f"{table}:")
            lines += [f"  - {row}" for row in old if row not in new][:10]
            lines += [f"  + {row}" for row in new if row not in old][:10]
        return lines


def db_state(*models: type[Model]) -> DbState:
    """Every row of `models` (by default every TwinHub table and the login library's, but for
    API tokens and the time of the last login), each as a tuple of its columns, in key order."""
    with connection.cursor() as cursor:
        state = DbState()
        for model in models or snapshot_models():
            cursor.execute(_select(model))
            state[model._meta.label] = cursor.fetchall()
        return state


class Queries(list):
    """The SQL of the queries run inside `queries()`, in order."""

    def report(self) -> str:
        return "\n".join(f"{n:3}. {sql}" for n, sql in enumerate(self, 1))


@contextmanager
def queries(*, at_most: int | None = None, exactly: int | None = None) -> Iterator[Queries]:
    """Capture the queries of a block; fail, listing them, when there are more than `at_most`
    or other than `exactly`."""
    captured = Queries()
    with CaptureQueriesContext(connection) as context:
        yield captured
    captured += [query["sql"] for query in context.captured_queries]
    if at_most is not None:
        assert len(captured) <= at_most, f"{len(captured)} queries, at most {at_most} expected:\n{captured.report()}"
    if exactly is not None:
        assert len(captured) == exactly, f"{len(captured)} queries, {exactly} expected:\n{captured.report()}"


def page_queries(client: Client, url: str, data: dict | None = None, *, warm: bool = True, **extra) -> Queries:
    """GET a page that must answer 200; the queries it ran. `warm`: GET it once before, so the
    shared cache holds what the page frame keeps there (the menu's facts about the person, decision
    40) and the count is that of every later request, as in production."""
    if warm:
        client.get(url, data, **extra)
    with queries() as captured:
        response = client.get(url, data, **extra)
    assert response.status_code == 200, (url, response.status_code)
    captured.response = response
    return captured


def _shape(sql: str) -> str:
    """A query with its values taken out, to compare the queries of two runs."""
    return re.sub(r"\b\d+\b|'[^']*'", "?", sql)


def assert_same_queries(before: Queries, after: Queries) -> None:
    """A page asked as many queries with more data: else the difference is printed."""
    if len(after) != len(before):
        diff = difflib.unified_diff([_shape(q) for q in before], [_shape(q) for q in after],
                                    "with less data", "with more data", lineterm="", n=1)
        raise AssertionError(f"{len(before)} queries became {len(after)}:\n" + "\n".join(diff))
