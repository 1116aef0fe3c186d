"""kill -9 at any moment, run again: the same database as an uninterrupted run."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from twinhub.testing.legacy_export import write_export
from twinhub.testing.legacy_runs import SLOW_TWINHUB, TWINHUB


def _env(db: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env.update(TWINHUB_DEV="1", DATABASE_URL=f"sqlite:///{db}", **extra)
    return env


def _run(db: Path, *args, **extra):
    return subprocess.run([TWINHUB, *args], env=_env(db, **extra), capture_output=True, text=True, timeout=300)


def _dump(db: Path) -> dict:
    done = _run(db, "shell", "-c", "from twinhub.testing.legacy_dump import print_canonical_dump; print_canonical_dump()")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # the dump is the last line


def _progress(db: Path) -> list:
    conn = sqlite3.connect(db, timeout=20)
    try:
        return conn.execute("select name, lines_done, done from legacy_legacyfile").fetchall()
    finally:
        conn.close()


@pytest.mark.slow  # imports, kills and resumes in subprocesses
@pytest.mark.sqlite_files(why="the import's SQLite path on files of its own; test_postgresql_path kills the "
                               "PostgreSQL path")
def test_kill_minus_9_and_rerun_equals_an_uninterrupted_run(tmp_path, migrated_sqlite):
    export = write_export(tmp_path / "export")
    whole, killed = tmp_path / "whole.sqlite3", tmp_path / "killed.sqlite3"
    shutil.copy(migrated_sqlite, whole)
    shutil.copy(migrated_sqlite, killed)

    done = _run(whole, "import-legacy", str(export), "--no-progress")
    assert done.returncode == 0, done.stderr

    # One line per batch, each held open a moment, so the kills land in the middle of the phases:
    # each run is killed once a few more lines than before are committed.
    for target in (6, 25):
        proc = subprocess.Popen([sys.executable, "-c", SLOW_TWINHUB, "import-legacy", str(export), "--no-progress"],
                                env=_env(killed, TWINHUB_LEGACY_BATCH="1"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while sum(lines for _n, lines, _d in _progress(killed)) < target and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.07)  # somewhere inside the next batch
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert not all(done for _name, _lines, done in _progress(killed))  # stopped part-way
    resumed = _run(killed, "import-legacy", str(export), "--no-progress", TWINHUB_LEGACY_BATCH="3")
    assert resumed.returncode == 0, resumed.stderr

    assert _dump(killed) == _dump(whole)
    again = _run(killed, "import-legacy", str(export), "--no-progress")
    assert "Nothing to do" in again.stdout
