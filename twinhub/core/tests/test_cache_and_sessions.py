"""Cache and sessions (decision 16): Redis when REDIS_URL is set, the process's memory otherwise;
sessions in the database read through the cache, so a log-in survives a cache that was emptied."""

import os

import pytest
from django.core.cache import cache

from twinhub.core.cache import cache_invalidate, cached_read
from twinhub.testing import client_for, make_teacher
from twinhub.testing.settings import printed_by_django


def _settings_with(env: dict) -> list[str]:
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    base = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    return printed_by_django(code, env={**base, "TWINHUB_DEV": "1", "DJANGO_SETTINGS_MODULE": "twinhub.settings",
                                        **env}).split()


@pytest.mark.slow
def test_redis_when_redis_url_is_set_memory_otherwise():
    assert _settings_with({"REDIS_URL": "redis://127.0.0.1:6379/1"}) == [
        "twinhub.core.redis_cache.RedisCache", "django.contrib.sessions.backends.cached_db"]
    assert _settings_with({})[0] == "django.core.cache.backends.locmem.LocMemCache"


def test_the_redis_backend_keeps_one_client_per_pool_and_works():
    """Django's backend makes a client per call (decision 45); ours keeps one, and reads, writes,
    counts and deletes as Django's does (on the Redis every machine runs, under a prefix of its own)."""
    import uuid

    from twinhub.core.redis_cache import RedisCache

    redis_cache = RedisCache("redis://127.0.0.1:6379/14", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client  # one server: one pool, read or write
    redis_cache.set("k", {"a": 1})
    assert redis_cache.get("k") == {"a": 1}
    assert redis_cache.get_many(["k", "missing"]) == {"k": {"a": 1}}
    redis_cache.set("n", 1)
    assert redis_cache.incr("n") == 2
    redis_cache.delete_many(["k", "n"])
    assert redis_cache.get("k") is None


@pytest.mark.django_db
def test_a_login_survives_an_emptied_cache():
    client = client_for(make_teacher())
    assert client.get("/notifications/").status_code == 200
    cache.clear()  # a Redis restart: the session is still in the database
    assert client.get("/notifications/").status_code == 200


def test_an_invalidated_namespace_is_computed_again():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached_read("tests.ns", "k", compute) == 1
    assert cached_read("tests.ns", "k", compute) == 1  # from the cache
    cache_invalidate("tests.ns")
    assert cached_read("tests.ns", "k", compute) == 2
    cache.delete("gen:tests.ns")  # the generation evicted: old values must not come back
    assert cached_read("tests.ns", "k", compute) == 3
