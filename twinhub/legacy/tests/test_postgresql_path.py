"""The PostgreSQL path of the import (secondary indexes and foreign keys set aside while a big file is imported,
statistics of the changed tables only): the same result as the SQLite path, and kill -9 at any
moment then a rerun gives the same database as an uninterrupted run, indexes and foreign keys included."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import psycopg
import pytest
from django.db import connection

from twinhub.testing import needs_postgresql
from twinhub.testing.legacy_export import write_export
from twinhub.testing.legacy_runs import SLOW_TWINHUB, TWINHUB

pytestmark = [needs_postgresql(why="the fast path (deferred indexes, targeted ANALYZE) is PostgreSQL's"),
              pytest.mark.slow]

DUMP = "from twinhub.testing.legacy_dump import print_canonical_dump; print_canonical_dump()"


def _server() -> dict:
    s = connection.settings_dict
    return {"host": s["HOST"] or "127.0.0.1", "port": s["PORT"] or 5432, "user": s["USER"] or "postgres",
            "password": s["PASSWORD"] or None}


def _url(name: str) -> str:
    s = _server()
    auth = s["user"] + (f":{s['password']}" if s["password"] else "")
    return f"postgres://{auth}@{s['host']}:{s['port']}/{name}"


def _admin(sql: str) -> None:
    with psycopg.connect(**_server(), dbname="postgres", autocommit=True) as conn:
        conn.execute(sql)


def _query(name: str, sql: str) -> list:
    with psycopg.connect(**_server(), dbname=name, autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def _env(url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env.update(TWINHUB_DEV="1", DATABASE_URL=url, **extra)
    return env


def _run(url: str, *args, **extra):
    return subprocess.run([TWINHUB, *args], env=_env(url, **extra), capture_output=True, text=True, timeout=300)


def _dump(url: str) -> dict:
    done = _run(url, "shell", "-c", DUMP)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _indexes(name: str) -> set:
    """The secondary indexes and the foreign keys (with their definitions), by table."""
    return set(_query(name, "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'")) | set(
        _query(name, "SELECT conrelid::regclass::text, conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                     "WHERE contype = 'f' AND connamespace = 'public'::regnamespace"))


def _lines_done(name: str) -> int:
    return sum(n for (n,) in _query(name, "SELECT lines_done FROM legacy_legacyfile"))


@pytest.fixture
def databases():
    base = f"{connection.settings_dict['NAME']}_{os.getpid()}"[:50]
    names = {k: f"{base}_{k}" for k in ("template", "whole", "killed")}
    for name in names.values():
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    yield names
    for name in names.values():
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_kill_minus_9_on_postgresql_equals_an_uninterrupted_run_and_the_sqlite_path(tmp_path, databases,
                                                                                     migrated_sqlite):
    export = write_export(tmp_path / "export")
    _admin(f'CREATE DATABASE "{databases["template"]}"')
    migrated = _run(_url(databases["template"]), "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    for name in ("whole", "killed"):
        _admin(f'CREATE DATABASE "{databases[name]}" TEMPLATE "{databases["template"]}"')
    whole, killed = _url(databases["whole"]), _url(databases["killed"])
    schema = _indexes(databases["template"])

    done = _run(whole, "import-legacy", str(export), "--no-progress")
    assert done.returncode == 0, done.stderr
    assert _indexes(databases["whole"]) == schema  # every index set aside was built again

    # Kill inside users.jsonl.gz (lines 8-17 of the run: its indexes are set aside), then inside
    # twinspace_items.jsonl.gz (lines 51-64), one line per batch held open a moment.
    for target, table in ((9, "schools_membership"), (55, "twinspace_post")):
        proc = subprocess.Popen([sys.executable, "-c", SLOW_TWINHUB, "import-legacy", str(export), "--no-progress"],
                                env=_env(killed, TWINHUB_LEGACY_BATCH="1"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while _lines_done(databases["killed"]) < target and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.07)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        missing = {ix for ix in schema - _indexes(databases["killed"])}
        assert any(t == table for t, _ix in missing), (target, missing)  # the fast path was under way
        assert any(t == table and " FOREIGN KEY " in ix for t, ix in missing), (target, missing)
    resumed = _run(killed, "import-legacy", str(export), "--no-progress", TWINHUB_LEGACY_BATCH="3")
    assert resumed.returncode == 0, resumed.stderr

    assert _indexes(databases["killed"]) == schema
    expected = _dump(whole)
    assert _dump(killed) == expected
    again = _run(killed, "import-legacy", str(export), "--no-progress")
    assert "Nothing to do" in again.stdout

    # The same export through the SQLite path (every index kept, bulk_create) gives the same result.
    shutil.copy(migrated_sqlite, tmp_path / "sqlite.sqlite3")
    sqlite = f"sqlite:///{tmp_path / 'sqlite.sqlite3'}"
    done = _run(sqlite, "import-legacy", str(export), "--no-progress")
    assert done.returncode == 0, done.stderr
    assert _dump(sqlite) == expected
