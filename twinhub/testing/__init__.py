"""The one test base. Tests import what they need from here:

- named users per role (`people` fixture, see `People`), `make_teacher` / `make_staff` for more,
  all built through the real provisioning code;
- `client_for(user)` (a logged-in browser) and `ApiClient(user)` with `assert_refused`;
- `db_state()` to prove a refusal changed nothing, `queries()` / `page_queries()` /
  `assert_same_queries()` to hold a page's query count, printing the queries when it is wrong;
- `race()` and `needs_postgresql()` for the concurrency tests.

Builders of one area's state live beside it: `twinhub.testing.projects`, `.labels`, `.schools`,
`.twinspace`, `.legacy_export`, `.files`, `.browser`. Fixtures are in the root conftest.py.
`twinhub/testing/tests/test_example.py` shows the habits."""

from twinhub.testing.api import ApiClient, assert_refused
from twinhub.testing.concurrency import (
    LOCKED,
    REFUSED,
    ROW_LOCKS_NEED_POSTGRESQL,
    WON,
    needs_postgresql,
    race,
)
from twinhub.testing.database import DbState, Queries, assert_same_queries, db_state, page_queries, queries
from twinhub.testing.people import PASSWORD, STAFF, TEACHERS, People, client_for, make_staff, make_teacher

__all__ = [
    "LOCKED", "PASSWORD", "REFUSED", "ROW_LOCKS_NEED_POSTGRESQL", "STAFF", "TEACHERS", "WON", "ApiClient", "DbState", "People", "Queries",
    "assert_refused", "assert_same_queries", "client_for", "db_state", "make_staff", "make_teacher",
    "needs_postgresql", "page_queries", "queries", "race",
]
