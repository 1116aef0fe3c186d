"""A database connection dropped under a running app node (a PostgreSQL restart, a fail-over,
pg_terminate_backend) costs no request: CONN_HEALTH_CHECKS replaces it before it is used."""

import pytest
import requests

from twinhub.testing import needs_postgresql
from twinhub.testing.servers import database_url, gunicorn_node, server_env, terminate_connections

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    needs_postgresql(why="pg_terminate_backend drops a server's connection; SQLite has no server"),
]


def _after_dropped_connections(*, health_checks: bool) -> list[int]:
    """Status of a database-backed page on a node with 2 workers, before and after its
    persistent connections were terminated. The help centre's list reads the database on every
    request (the coordinators directory, once used here, is now served from the cache)."""
    name = f"twinhub-health-{int(health_checks)}"
    env = server_env(DATABASE_URL=database_url(application_name=name), DB_CONN_MAX_AGE="600",
                     DB_CONN_HEALTH_CHECKS="1" if health_checks else "0")
    with gunicorn_node(env=env, workers=2) as base:
        session = requests.Session()
        statuses = [session.get(f"{base}/help/", timeout=30).status_code for _ in range(4)]
        assert terminate_connections(name) >= 1, "the node kept no connection open"
        statuses += [session.get(f"{base}/help/", timeout=30).status_code for _ in range(4)]
    return statuses


def test_the_request_after_a_dropped_connection_succeeds():
    assert _after_dropped_connections(health_checks=True) == [200] * 8


def test_without_health_checks_the_dropped_connection_fails_a_request():
    # What the setting is for: the same node without it answers 500 on the dead connection.
    statuses = _after_dropped_connections(health_checks=False)
    assert statuses[:4] == [200] * 4 and 500 in statuses[4:]
