"""The embedded default (SQLite, `make run`): two requests writing at once queue, never fail with
"database is locked" (issue 12, finding 5)."""

import threading

import pytest
from django.conf import settings
from django.db.utils import ConnectionHandler

from twinhub import settings as project_settings


def _writer(path, options, barrier, errors):
    handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path),
                                             "OPTIONS": options, "TIME_ZONE": None}})
    connection = handler["default"]
    try:
        connection.ensure_connection()
        # What `transaction.atomic()` does on SQLite: BEGIN in the configured transaction mode.
        connection._start_transaction_under_autocommit()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM counter")  # a request reads, then writes
            try:
                barrier.wait(timeout=1)  # both have read (deferred) or one waits for the other (immediate)
            except threading.BrokenBarrierError:
                pass
            cursor.execute("UPDATE counter SET n = n + 1")
        connection.commit()
    except Exception as error:  # noqa: BLE001 - the test reports any failure
        errors.append(error)
    finally:
        connection.close()


def _two_writers(path, options) -> list:
    import sqlite3

    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE IF NOT EXISTS counter (n integer)")
        setup.execute("DELETE FROM counter")
        setup.execute("INSERT INTO counter VALUES (0)")
    barrier, errors = threading.Barrier(2), []
    threads = [threading.Thread(target=_writer, args=(path, options, barrier, errors)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with sqlite3.connect(path) as check:
        return errors, check.execute("SELECT n FROM counter").fetchone()[0]


@pytest.mark.skipif(not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"), reason="SQLite only")
def test_two_concurrent_writers_both_succeed_with_the_embedded_settings(tmp_path, django_db_blocker):
    options = project_settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
    with django_db_blocker.unblock():
        errors, total = _two_writers(tmp_path / "db.sqlite3", {**options, "timeout": 5})
    assert errors == [] and total == 2


def test_without_them_the_second_writer_fails(tmp_path, django_db_blocker):
    """The failure the settings prevent, so the test above cannot pass by accident."""
    with django_db_blocker.unblock():
        errors, total = _two_writers(tmp_path / "db.sqlite3", {"timeout": 5})
    assert errors and "locked" in str(errors[0]) and total == 1
