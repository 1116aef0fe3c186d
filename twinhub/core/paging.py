"""Keyset ("seek") paging for lists that may hold hundreds of thousands of rows (decision 31).

    page = seek_page(queryset, ["requested_at", "id"], request.GET.get("after", ""),
                     request.GET.get("before", ""), size=50)
    {% load ui %}{% seek_paging page %}

A page is read from where the previous one ended — `WHERE key > last key ORDER BY key LIMIT n + 1` —
so the 500th page costs what the first costs (OFFSET reads and throws away every row before it). The
total is counted only up to `COUNT_CAP` rows: "21–40 of more than 1,000", never `COUNT(*)` over the
whole table; a caller that knows the total (a precomputed aggregate) passes it, and one that keeps
the bounded count in the shared cache (`bounded_count`) passes that. The order's last
field must be unique (the primary key) and every key field non-null.
"""

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q, QuerySet

COUNT_CAP = 1000


@dataclass
class SeekPage:
    object_list: list
    start: int  # 1-based position of the first row; 0 when the page is empty
    size: int
    has_next: bool = False
    has_previous: bool = False
    next_cursor: str = ""
    previous_cursor: str = ""
    total: int | None = None  # exact, when known
    more_than: int = 0  # when total is None: there are more rows than this
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def end(self) -> int:
        return self.start + len(self.object_list) - 1 if self.object_list else 0

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def number(self) -> int:
        return (max(self.start, 1) - 1) // self.size + 1

    @property
    def num_pages(self) -> int | None:
        return None if self.total is None else max(1, -(-self.total // self.size))


def _parse(order: list[str]) -> list[tuple[str, bool]]:
    return [(name.lstrip("-"), name.startswith("-")) for name in order]


def _encode(kind: str, position: int, values: list) -> str:
    raw = json.dumps([kind, position, [v.isoformat() if isinstance(v, date | datetime) else v for v in values]])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, model, keys: list[tuple[str, bool]]) -> tuple[str, int, list] | None:
    """(kind, position, key values) of a cursor this module wrote; None for anything else (a
    hand-edited or stale address shows the first page, never an error)."""
    try:
        kind, position, raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if kind not in ("a", "b") or not isinstance(position, int) or len(raw) != len(keys):
            return None
        values = [model._meta.get_field(name).to_python(value) for (name, _desc), value in zip(keys, raw, strict=True)]
        if any(v is None for v in values):
            return None
        return kind, max(position, 1), values
    except (ValueError, TypeError, ValidationError, FieldDoesNotExist):  # binascii, JSON and UTF-8 errors are ValueErrors
        return None


def _beyond(keys: list[tuple[str, bool]], values: list, *, backwards: bool) -> Q:
    """Rows after the key (before it, backwards) in the order: a range on the first field (an index
    can seek to it) and the tie-breaks on the next ones."""
    def op(desc: bool, strict: bool) -> str:
        forward_lt = desc != backwards
        return ("lt" if forward_lt else "gt") + ("" if strict else "e")

    name0, desc0 = keys[0]
    bound = Q(**{f"{name0}__{op(desc0, strict=False)}": values[0]})
    after = Q(pk__in=[])
    for i, (name, desc) in enumerate(keys):
        step = Q(**{prev: value for (prev, _d), value in zip(keys[:i], values[:i], strict=True)})
        after |= step & Q(**{f"{name}__{op(desc, strict=True)}": values[i]})
    return bound & after


def bounded_count(queryset: QuerySet, count_cap: int = COUNT_CAP) -> int:
    """The rows of `queryset`, counted up to `count_cap + 1` (what `seek_page` counts; a caller
    that keeps the count in a cache passes it back as `counted`)."""
    return queryset.order_by()[:count_cap + 1].count()


def seek_page(queryset: QuerySet, order: list[str], after: str = "", before: str = "", *, size: int,
              count_cap: int = COUNT_CAP, total: int | None = None, counted: int | None = None,
              first_rows: Callable[[], list] | None = None) -> SeekPage:
    """`first_rows`, when given, reads the first page's `size + 1` rows of the ordered queryset
    another way (a query compiled once, decision 54); it is used when no cursor applies."""
    keys = _parse(order)
    model = queryset.model
    cursor = _decode(after, model, keys) if after else _decode(before, model, keys) if before else None
    if cursor is not None and cursor[0] != ("a" if after else "b"):
        cursor = None
    ordered = queryset.order_by(*order)
    if cursor is None:
        rows = first_rows() if first_rows is not None else list(ordered[:size + 1])
        page = SeekPage(rows[:size], 1 if rows else 0, size, has_next=len(rows) > size)
    elif cursor[0] == "a":
        rows = list(ordered.filter(_beyond(keys, cursor[2], backwards=False))[:size + 1])
        page = SeekPage(rows[:size], cursor[1] if rows else 0, size, has_next=len(rows) > size, has_previous=True)
    else:
        reverse = [name[1:] if name.startswith("-") else f"-{name}" for name in order]
        rows = list(queryset.order_by(*reverse).filter(_beyond(keys, cursor[2], backwards=True))[:size + 1])
        earlier = len(rows) > size
        rows = rows[:size][::-1]
        start = max(cursor[1] - len(rows), 1) if earlier else 1
        page = SeekPage(rows, start if rows else 0, size, has_next=True, has_previous=earlier)
    if page.has_next:
        page.next_cursor = _encode("a", page.end + 1, [getattr(page.object_list[-1], n) for n, _d in keys])
    if page.has_previous and page.object_list:
        page.previous_cursor = _encode("b", page.start, [getattr(page.object_list[0], n) for n, _d in keys])
    if total is not None:
        page.total = total
    else:  # counted on every page, the last one too: a page's queries do not depend on where it is
        if counted is None:
            counted = bounded_count(queryset, count_cap)
        page.total, page.more_than = (counted, 0) if counted <= count_cap else (None, count_cap)
    return page
