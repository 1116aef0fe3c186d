"""Hot, rarely-changing reads kept in the shared cache (decision 16), invalidated on write.

    coordinators = cached_read("staff.directory", "all", directory_build)
    cache_invalidate("staff.directory")      # from a post_save/post_delete receiver

Each namespace has a generation number in the cache, and a value is stored with the generation it
was computed under; a value of another generation is out of date. So invalidating is one `incr` and
every key of the namespace is forgotten at once, on every app server, and a read is one round trip
(the generation and the value together).
An invalidation happens at once and again when the writing transaction commits: a reader that
recomputed between the two (from data not committed yet) cannot keep a stale value.
"""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import models, transaction

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
    generation_key, value_key = _generation_key(namespace), f"{namespace}:{key}"
    found = cache.get_many([generation_key, value_key])
    generation = found.get(generation_key)
    if generation is None:
        generation = _generation(namespace)
    stored = found.get(value_key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == generation:
        return stored[1]
    value = compute()  # read after the generation: a write that commits meanwhile bumps it
    cache.set(value_key, (generation, value), timeout)
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


class ForgetsCachedReadsQuerySet(models.QuerySet):
    """The queryset of a model whose rows feed cached reads (`model.CACHED_READS`, a namespace):
    writes in bulk forget them as saves do (`ForgetsCachedReads`)."""

    def update(self, **kwargs):
        changed = super().update(**kwargs)
        cache_invalidate(self.model.CACHED_READS)
        return changed

    def delete(self):
        deleted = super().delete()
        cache_invalidate(self.model.CACHED_READS)
        return deleted

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        cache_invalidate(self.model.CACHED_READS)
        return created

    def bulk_update(self, *args, **kwargs):
        changed = super().bulk_update(*args, **kwargs)
        cache_invalidate(self.model.CACHED_READS)
        return changed


class ForgetsCachedReads(models.Model):
    """A model whose rows feed the cached reads of the namespace CACHED_READS: any write, whatever
    its path (a service, the admin, a management command, a test), forgets them."""

    CACHED_READS = ""
    objects = ForgetsCachedReadsQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache_invalidate(self.CACHED_READS)

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        cache_invalidate(self.CACHED_READS)
        return deleted
