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


def pytest_runtest_setup(item):
    """`@needs_postgresql(why=…)`: skipped on SQLite, saying why the test needs PostgreSQL."""
    marker = item.get_closest_marker("postgresql")
    if marker is None:
        return
    why = marker.kwargs.get("why")
    if not why:
        raise pytest.UsageError(f"{item.nodeid}: @needs_postgresql needs why=…")
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(f"needs PostgreSQL: {why}")


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
