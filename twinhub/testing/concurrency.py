"""Requests at the same instant, for the tests that show a rule holds under concurrency."""

import threading
from collections.abc import Callable

import pytest
from django.db import OperationalError, connection

from twinhub.core.errors import ApplicationError

WON, REFUSED, LOCKED = "won", "refused", "locked"

# The shared reason of the tests that show a row lock at work.
ROW_LOCKS_NEED_POSTGRESQL = (
    "SQLite's shared in-memory test database turns a concurrent writer away ('database table is locked') "
    "instead of queueing it behind a row lock, so only PostgreSQL shows the loser waiting and then "
    "getting the rule's refusal; run with DATABASE_URL=postgres://…")


def needs_postgresql(why: str):
    """Mark a test that means something only on PostgreSQL; on SQLite it is skipped with `why`."""
    return pytest.mark.postgresql(why=why)


def race(calls: list[Callable[[], object]], *, timeout: float = 60) -> list[tuple[str, object]]:
    """Run the calls in threads released at the same instant, each on its own database connection.

    Each outcome is ("won", what the call returned) or ("refused", the refusal code); on SQLite
    also ("locked", message) for a writer the database turned away. Anything else - an
    IntegrityError from a unique constraint, a deadlock, a thread still running after `timeout`
    seconds - fails the test: a race must be decided by the rule, not by an accident."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(i: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=timeout)
            outcomes[i] = (WON, call())
        except ApplicationError as error:
            outcomes[i] = (REFUSED, error.code)
        except OperationalError as error:
            if connection.vendor == "sqlite" and "locked" in str(error):
                outcomes[i] = (LOCKED, str(error))
            else:
                errors.append(error)
        except BaseException as error:  # noqa: BLE001 (reported to the test below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call), daemon=True) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    stuck = sum(thread.is_alive() for thread in threads)
    assert not stuck, f"{stuck} of {len(calls)} calls still running after {timeout} s"
    if errors:
        raise AssertionError(f"{len(errors)} of {len(calls)} calls failed with an unexpected error "
                             f"(outcomes: {outcomes}): {errors[0]!r}") from errors[0]
    return outcomes
