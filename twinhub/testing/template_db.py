"""One migrated test database per run, copied into each test worker (decision 50).

`make test` runs pytest-xdist workers, each with its own test database. Migrating one takes about 17 s
of CPU (the model states of every migration rendered), and every worker did it at once at the start of
each stage: four migrations competing for two cores before the first test ran. Now the first worker to
take the lock builds its database by migrations, as before, and leaves a copy (the template); every
other worker copies the template instead of migrating:

- PostgreSQL: `CREATE DATABASE test_<name>_gwN WITH TEMPLATE test_<name>_template` (Django's own
  `TEST["TEMPLATE"]` setting), a file copy inside the server;
- SQLite: the worker's in-memory database is filled from a file with SQLite's backup API.

A copy is the same database as a migration would build: the tables, the rows the data migrations and
`post_migrate` wrote (content types, permissions, help articles), the sequences. Only a run with
several workers, a fresh database and migrations uses it; `-n 0`, `--reuse-db` and `--nomigrations`
build as before. The lock and the SQLite template live in the run's temporary folder (one per run,
shared by its workers); the PostgreSQL template is dropped by the run's controller at the end."""

import fcntl
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPLATE_SUFFIX = "_template"


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def postgresql_template_name(settings_dict: dict) -> str:
    """The template's name: the test database's without the worker suffix (`test_<name>_template`)."""
    return f"test_{settings_dict['NAME']}{TEMPLATE_SUFFIX}"[:63]


def _in_memory(connection) -> bool:
    return connection.creation.is_in_memory_db(connection.creation._get_test_db_name())


def can_use_template(connection) -> bool:
    vendor = connection.vendor
    return vendor == "postgresql" or (vendor == "sqlite" and _in_memory(connection))


def install(connection, folder: Path) -> None:
    """Make `connection.creation.create_test_db` build from the run's template (the first caller makes it)."""
    creation = connection.creation
    build: Callable = creation.create_test_db
    alias = connection.alias
    done = folder / f"template-{alias}.done"
    template = postgresql_template_name(connection.settings_dict)  # before the test name replaces NAME

    def create_test_db(verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if keepdb:
            return build(verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=keepdb)
        with _locked(folder / f"template-{alias}.lock"):
            if not done.exists():
                name = build(verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=False)
                _save_template(connection, folder, template)
                done.write_text(name)
                return name
            return _copy_template(connection, folder, template, verbosity, serialize)

    creation.create_test_db = create_test_db


def _save_template(connection, folder: Path, template: str) -> None:
    if connection.vendor == "postgresql":
        source = connection.settings_dict["NAME"]
        connection.close()  # CREATE DATABASE … TEMPLATE needs the source without connections
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{template}"')
            cursor.execute(f'CREATE DATABASE "{template}" WITH TEMPLATE "{source}"')
        connection.ensure_connection()
    else:
        partial = folder / f".template-{connection.alias}.sqlite3.{os.getpid()}"
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        partial.replace(folder / f"template-{connection.alias}.sqlite3")


def _copy_template(connection, folder: Path, template: str, verbosity: int, serialize: bool) -> str:
    """What `create_test_db` does, with the copy in place of `migrate`."""
    from django.conf import settings
    from django.core.management import call_command

    creation = connection.creation
    name = creation._get_test_db_name()
    if verbosity >= 1:
        creation.log(f"Copying the test database for alias {creation._get_database_display_str(verbosity, name)} "
                     "from the run's template...")
    test_settings = connection.settings_dict["TEST"]
    if connection.vendor == "postgresql":
        test_settings["TEMPLATE"] = template
        try:
            creation._create_test_db(verbosity, autoclobber=True, keepdb=False)
        finally:
            del test_settings["TEMPLATE"]
    else:
        creation._create_test_db(verbosity, autoclobber=True, keepdb=False)
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(folder / f"template-{connection.alias}.sqlite3")
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    if serialize:
        connection._test_serialized_contents = creation.serialize_db_to_string()
    call_command("createcachetable", database=connection.alias)
    return name


def drop_postgresql_template(settings_dict: dict) -> None:
    """At the end of a run, from the controller: the workers have made their copies and dropped them."""
    import psycopg

    template = postgresql_template_name(settings_dict)
    with psycopg.connect(host=settings_dict["HOST"] or None, port=settings_dict["PORT"] or None,
                         user=settings_dict["USER"] or None, password=settings_dict["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{template}"')


def migrated_sqlite_file(folder: Path) -> Path:
    """A SQLite file migrated by `twinhub migrate` (the production settings), made once per run under a
    lock and shared by the workers, for the tests that run the console script against their own file:
    each copies it (`shutil.copy`) rather than migrating a new one in a subprocess (about 20 s each)."""
    import subprocess

    from twinhub.testing.legacy_runs import TWINHUB

    path = folder / "migrated.sqlite3"
    with _locked(folder / "migrated.sqlite3.lock"):
        if not path.exists():
            partial = folder / f".migrated.sqlite3.{os.getpid()}"
            env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
            env.update(TWINHUB_DEV="1", DATABASE_URL=f"sqlite:///{partial}")
            done = subprocess.run([TWINHUB, "migrate", "-v0"], env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            partial.replace(path)
    return path
