import os
from pathlib import Path

import pytest

os.environ.setdefault("TWINHUB_DEV", "1")
# Playwright's sync API runs an event loop; Django's ORM in the same test must be allowed.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent


def _compile_catalogues() -> None:
    """Compile each app's .po into the .mo Django reads, where missing or older: `pytest` right
    after `make install` then tests the Turkish pages (`make messages` does the same with msgfmt).
    Written to a temporary name and renamed, so parallel runs never read half a file."""
    import polib

    for po in sorted(ROOT.glob("twinhub/**/locale/*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")
        polib.pofile(str(po)).save_as_mofile(str(partial))
        partial.replace(mo)


def pytest_configure(config):
    _compile_catalogues()


def _run_folder(tmp_path_factory) -> Path:
    """The run's own temporary folder, shared by its xdist workers (each has a sub-folder of it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request, tmp_path_factory,
                                 django_db_use_migrations, django_db_keepdb, django_db_createdb):
    """With several workers, one migrates its test database and the others copy it (decision 50)."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or not django_db_use_migrations or django_db_keepdb:
        return
    from django.db import connections

    from twinhub.testing import template_db

    for alias in connections:
        connection = connections[alias]
        if not connection.settings_dict.get("TEST", {}).get("MIRROR") and template_db.can_use_template(connection):
            template_db.install(connection, _run_folder(tmp_path_factory))


def pytest_sessionfinish(session):
    """The xdist controller drops the PostgreSQL template its workers copied (decision 50)."""
    config = session.config
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None) or config.option.reuse_db:
        return
    from django.conf import settings

    default = settings.DATABASES["default"]
    if default["ENGINE"].endswith("postgresql"):
        from twinhub.testing.template_db import drop_postgresql_template

        drop_postgresql_template(default)


def _order(item) -> int:
    """Longest first: browser journeys, then other slow tests, then the rest (decision 50)."""
    if item.get_closest_marker("e2e"):
        return 0
    return 1 if item.get_closest_marker("slow") else 2


def pytest_collection_modifyitems(config, items):
    """xdist hands tests out in collection order; a two-minute test collected last kept one worker busy
    after the others had finished. The sort is stable, so each worker collects the same order."""
    items.sort(key=_order)


def pytest_runtest_setup(item):
    """`@needs_postgresql(why=…)`: skipped on SQLite, saying why the test needs PostgreSQL.
    `@pytest.mark.sqlite_files(why=…)`: a test that makes SQLite files of its own, so that it does the same
    work whatever the suite's database; it runs where the suite's database is SQLite (CI's SQLite stage)
    and the PostgreSQL stage skips it, saying why, instead of repeating it (decision 50)."""
    for name, vendor, says in (("postgresql", "postgresql", "needs PostgreSQL"),
                               ("sqlite_files", "sqlite", "the SQLite run covers it")):
        marker = item.get_closest_marker(name)
        if marker is None:
            continue
        why = marker.kwargs.get("why")
        if not why:
            raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.{name} needs why=…")
        from django.db import connection

        if connection.vendor != vendor:
            pytest.skip(f"{says}: {why}")


def pytest_assertrepr_compare(op, left, right):
    """`db_state() == before` names the tables that changed and the rows added or removed."""
    from twinhub.testing import DbState

    if op == "==" and isinstance(left, DbState) and isinstance(right, DbState):
        return ["the database changed (- before, + after):", *right.changes(left)]
    return None


@pytest.fixture(autouse=True)
def _knowledge_base(request):
    """A transactional test (a live server, a browser) ends by emptying every table, and with them the
    help articles a data migration wrote; a later test in the same process would find none, so which
    tests pass would depend on how xdist shares them out. Put them back before each database test."""
    if "django_db_setup" not in request.fixturenames:
        return
    request.getfixturevalue("django_db_setup")
    from importlib import import_module

    from django.apps import apps

    from twinhub.helpcentre.models import Article

    with request.getfixturevalue("django_db_blocker").unblock():
        if not Article.objects.filter(country="").exists():
            import_module("twinhub.helpcentre.migrations.0002_initial_articles").add_articles(apps, None)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a value cached by another test's data is not this one's."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a request with another language leaves it active in the thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate-limit and lock-out counters do not carry over."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def people(request, db):
    """The named users per role (see twinhub.testing.People), made when a test first names them;
    `@pytest.mark.people("teacher", "coordinator", …)` on a test or module makes those at the start."""
    from twinhub.testing import People

    cast = People()
    for marker in request.node.iter_markers("people"):
        cast.make(*marker.args)
    return cast


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A SQLite file `twinhub migrate` made, once per run: copy it, don't write to it."""
    from twinhub.testing.template_db import migrated_sqlite_file

    return migrated_sqlite_file(_run_folder(tmp_path_factory))


@pytest.fixture
def api():
    from twinhub.testing import ApiClient

    return ApiClient


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (Playwright cannot download browsers here)."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(request):
    """E-mails link to SITE_URL: in a browser test, that is the live server the browser uses."""
    if "live_server" in request.fixturenames:
        request.getfixturevalue("settings").SITE_URL = request.getfixturevalue("live_server").url
