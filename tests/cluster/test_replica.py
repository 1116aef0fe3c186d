"""A real streaming replica (pg_createcluster + pg_basebackup on loopback): with DATABASE_REPLICA_URL,
the partner search reads from the replica, other pages and a browser that just wrote read from the
primary. The replica's replay is paused to make its lag visible."""

import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import requests

from twinhub.testing import needs_postgresql
from twinhub.testing.replica import set_replay, streaming_pair, wait_until_replayed
from twinhub.testing.servers import database_url, gunicorn_node, server_env

pytestmark = [
    pytest.mark.slow,
    # Asks pytest-django for the test database, which `pair` copies (it only creates the databases the
    # collected tests ask for: run alone, this module would copy none).
    pytest.mark.django_db(transaction=True),
    needs_postgresql(why="a streaming replica is a PostgreSQL server copying another"),
]
DATABASE = "th_cluster_replica_test"
PASSWORD = "replica-test-pw"
PIN_SECONDS = 2
TWINHUB = str(Path(sys.executable).with_name("twinhub"))


@pytest.fixture(scope="module")
def pair(django_db_setup, django_db_blocker):
    with streaming_pair() as (primary, replica):
        with psycopg.connect(primary + "postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        # The migrated test database, copied (faster than migrating again).
        with django_db_blocker.unblock():
            dump = subprocess.run(["pg_dump", "--no-owner", database_url()], check=True, capture_output=True,
                                  timeout=120).stdout
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", primary + DATABASE], input=dump, check=True,
                       stdout=subprocess.DEVNULL, timeout=120)
        env = server_env(DATABASE_URL=primary + DATABASE, DATABASE_REPLICA_URL=replica + DATABASE,
                         DEBUG="1", DB_CONN_MAX_AGE="60", DATABASE_REPLICA_PIN_SECONDS=str(PIN_SECONDS))
        create_account(env, "ayla@test.example", "Ayla Arar", "FR")
        create_account(env, "bruno@test.example", "Bruno Rossi", "IT")
        wait_until_replayed()
        yield primary + DATABASE, env


def create_account(env: dict, email: str, name: str, country: str) -> None:
    subprocess.run([TWINHUB, "create-account", email, "--country", country, "--approved", "--available",
                    "--name", name, "--password", PASSWORD], env=env, check=True, timeout=120,
                   stdout=subprocess.DEVNULL)


def log_in(base: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30)
    response = session.post(f"{base}/accounts/login/", allow_redirects=False, timeout=30, data={
        "login": "ayla@test.example", "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert response.status_code == 302
    # Logging in is a write: the browser reads from the primary until the pin expires.
    assert "twinhub_primary" in session.cookies
    time.sleep(PIN_SECONDS + 0.5)
    assert "twinhub_primary" not in [cookie.name for cookie in session.cookies if not cookie.is_expired()]
    return session


def found(session: requests.Session, base: str, name: str) -> bool:
    response = session.get(f"{base}/teachers/", params={"q": name.split()[-1]}, timeout=30)
    assert response.status_code == 200
    return name in response.text


def test_search_reads_the_replica_and_a_browser_that_wrote_reads_the_primary(pair):
    primary, env = pair
    with gunicorn_node(env=env, workers=1) as base:
        ayla = log_in(base)
        assert found(ayla, base, "Bruno Rossi")

        set_replay(paused=True)
        try:
            create_account(env, "carla@test.example", "Carla Verdi", "ES")
            with psycopg.connect(primary) as conn:
                carla = conn.execute("SELECT id FROM accounts_user WHERE email = 'carla@test.example'").fetchone()[0]
            # Her card is an ordinary page: read from the primary, it knows her.
            card = ayla.get(f"{base}/teachers/{carla}/", timeout=30)
            assert card.status_code == 200 and "Carla Verdi" in card.text
            # The search reads the replica, which has not replayed her yet.
            assert not found(ayla, base, "Carla Verdi")

            # A browser that has just written (any POST) reads from the primary for a while.
            writer = requests.Session()
            writer.cookies.update(ayla.cookies)
            response = writer.post(f"{base}/i18n/setlang/", data={
                "language": "en", "next": "/", "csrfmiddlewaretoken": writer.cookies["csrftoken"]},
                allow_redirects=False, timeout=30)
            assert response.status_code == 302 and "twinhub_primary" in writer.cookies
            assert found(writer, base, "Carla Verdi")
            assert not found(ayla, base, "Carla Verdi"), "a browser that did not write still reads the replica"
        finally:
            set_replay(paused=False)
        wait_until_replayed()
        assert found(ayla, base, "Carla Verdi")
