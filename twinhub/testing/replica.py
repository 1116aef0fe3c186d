"""A PostgreSQL primary and its streaming read replica on loopback, made for one test with Debian's
cluster tools (pg_createcluster, pg_basebackup) and dropped afterwards.

The primary is a cluster of its own (not the shared server the other tests use), so that it can
allow replication connections without touching that server's pg_hba.conf."""

import contextlib
import glob
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

PRIMARY, REPLICA = "th_cluster_primary", "th_cluster_replica"
PRIMARY_PORT = int(os.environ.get("TWINHUB_TEST_PRIMARY_PORT", "5443"))
REPLICA_PORT = int(os.environ.get("TWINHUB_TEST_REPLICA_PORT", "5442"))


def _version() -> str | None:
    versions = sorted((Path(p).parents[1].name for p in glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup")),
                      key=lambda v: [int(x) for x in v.split(".")])
    return versions[-1] if versions else None


def why_not() -> str | None:
    """Why a streaming replica cannot be made here, or None."""
    if not shutil.which("pg_createcluster") or _version() is None:
        return "Debian's postgresql-common (pg_createcluster) and PostgreSQL's server are not installed"
    if os.geteuid() != 0:
        return "pg_createcluster writes /etc/postgresql and /var/lib/postgresql: it needs root"
    return None


def _run(*argv: str, as_postgres: bool = False) -> None:
    command = ["runuser", "-u", "postgres", "--", *argv] if as_postgres else list(argv)
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")


def _drop(version: str, name: str) -> None:
    if Path(f"/etc/postgresql/{version}/{name}").exists():
        subprocess.run(["pg_dropcluster", "--stop", version, name], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)


def url(port: int, database: str = "postgres") -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{database}"


def wait_until_replayed(*, timeout: float = 30) -> None:
    """Wait until the replica has replayed everything the primary wrote so far."""
    with psycopg.connect(url(PRIMARY_PORT), autocommit=True) as primary:
        target = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    deadline = time.monotonic() + timeout
    with psycopg.connect(url(REPLICA_PORT), autocommit=True) as replica:
        while time.monotonic() < deadline:
            if replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]).fetchone()[0]:
                return
            time.sleep(0.1)
    raise TimeoutError("the replica did not catch up")


def set_replay(*, paused: bool) -> None:
    """Pause or resume the replica's replay: while paused it shows the data of that moment."""
    with psycopg.connect(url(REPLICA_PORT), autocommit=True) as replica:
        replica.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")


@contextlib.contextmanager
def streaming_pair() -> Iterator[tuple[str, str]]:
    """Start a primary (port 5443) and a streaming replica of it (5442); yield the URL prefix of
    each (append the database name); drop both afterwards. Skips the test, saying why, where
    PostgreSQL's cluster tools cannot run."""
    reason = why_not()
    if reason:
        pytest.skip(f"no streaming replica here: {reason}")
    version = _version()
    for name in (REPLICA, PRIMARY):
        _drop(version, name)
    try:
        _run("pg_createcluster", version, PRIMARY, "-p", str(PRIMARY_PORT), "--start", "--",
             "--auth-local=trust", "--auth-host=trust")
        _run("pg_createcluster", version, REPLICA, "-p", str(REPLICA_PORT), "--",
             "--auth-local=trust", "--auth-host=trust")
        data = Path(f"/var/lib/postgresql/{version}/{REPLICA}")
        for item in data.iterdir():  # pg_basebackup fills the (empty) folder postgres owns
            shutil.rmtree(item) if item.is_dir() else item.unlink()
        # -R: standby.signal and primary_conninfo, so the copy starts as a streaming replica.
        _run(f"/usr/lib/postgresql/{version}/bin/pg_basebackup", "-h", "127.0.0.1", "-p", str(PRIMARY_PORT),
             "-U", "postgres", "-D", str(data), "-R", "-X", "stream", "-c", "fast", as_postgres=True)
        _run("pg_ctlcluster", version, REPLICA, "start")
        with psycopg.connect(url(REPLICA_PORT), autocommit=True) as replica:
            assert replica.execute("SELECT pg_is_in_recovery()").fetchone()[0], "the copy is not a standby"
        yield f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/", f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/"
    finally:
        for name in (REPLICA, PRIMARY):
            _drop(version, name)
