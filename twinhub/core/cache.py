"""Hot, rarely-changing reads kept in the shared cache (decision 16), invalidated on write.

    coordinators = cached_read("staff.directory", "all", directory_build)
    cache_invalidate("staff.directory")      # from a post_save/post_delete receiver

Each namespace has a generation number in the cache; a key is read under the current generation, so
invalidating is one `incr` and every key of the namespace is forgotten at once, on every app server.
An invalidation happens at once and again when the writing transaction commits: a reader that
recomputed between the two (from data not committed yet) cannot keep a stale value.
"""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")
DEFAULT_TIMEOUT = 300  # seconds: a missed invalidation (a write outside Django) heals by itself


def _generation_key(namespace: str) -> str:
    return f"gen:{namespace}"


def _generation(namespace: str) -> int:
    # A fresh number (not 1) when the generation was evicted: old keys never come back to life.
    return cache.get_or_set(_generation_key(namespace), time.time_ns, timeout=None)


def cache_generation(namespace: str) -> int:
    """The namespace's current generation: a value computed under another one is out of date."""
    return _generation(namespace)


def cached_read(namespace: str, key: str, compute: Callable[[], T], *, timeout: int = DEFAULT_TIMEOUT) -> T:
    full_key = f"{namespace}:{_generation(namespace)}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def _bump(namespace: str) -> None:
    try:
        cache.incr(_generation_key(namespace))
    except ValueError:  # evicted or never read: a fresh number
        cache.set(_generation_key(namespace), time.time_ns(), timeout=None)


def cache_invalidate(*namespaces: str) -> None:
    for namespace in namespaces:
        _bump(namespace)
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda namespace=namespace: _bump(namespace))
