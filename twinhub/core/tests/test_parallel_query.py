"""Decision 47: the web's PostgreSQL connections ask for no parallel query (a page reads few rows;
starting parallel workers cost more than it saved); other processes keep the server's setting unless
DB_PARALLEL_WORKERS_PER_QUERY says otherwise."""

import os

import pytest

from twinhub.testing.settings import printed_by_django

OPTIONS = "from django.conf import settings as s; print(repr(s.DATABASES['default'].get('OPTIONS', {}).get('options')))"


def _options(entry: str, **env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("DB_PARALLEL_WORKERS_PER_QUERY", "DJANGO_SETTINGS_MODULE")}
    return printed_by_django(OPTIONS, setup=entry, env={
        **base, "TWINHUB_DEV": "1", "DJANGO_SETTINGS_MODULE": "twinhub.settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:5432/not_opened", **env}).strip()


@pytest.mark.slow  # three interpreters start Django
def test_the_web_asks_for_no_parallel_workers_and_other_processes_keep_the_servers_setting():
    assert _options("import twinhub.wsgi") == "'-c max_parallel_workers_per_gather=0'"
    assert _options("import django; django.setup()") == "None"  # the import, Celery, commands
    assert _options("import django; django.setup()", DB_PARALLEL_WORKERS_PER_QUERY="2") == (
        "'-c max_parallel_workers_per_gather=2'")
    assert _options("import django; django.setup()", DB_PARALLEL_WORKERS_PER_QUERY="lots") == "None"
