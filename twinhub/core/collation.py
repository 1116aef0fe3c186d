"""Sorting and comparing text the way the reader's language does (decision 23).

Python's `sorted()` compares code points: in Turkish it puts Ç, Ğ, İ, Ö, Ş and Ü after Z, and
`str.lower()` turns "I" into "i" where Turkish wants "ı". ICU's collation (PyICU) knows each
language's alphabet: C < Ç < D, I (ı) < İ (i), U < Ü < V in Turkish; the same letters sort as their
base letters in English. One collator per language, made once per process (they are thread-safe
for comparing once built; sort keys are plain bytes)."""

from collections.abc import Callable, Iterable
from functools import cache
from typing import TypeVar

import icu
from django.utils import translation

T = TypeVar("T")


@cache
def _collator(language: str) -> icu.Collator:
    collator = icu.Collator.createInstance(icu.Locale(language))
    collator.setStrength(icu.Collator.SECONDARY)  # case does not order words, accents and letters do
    return collator


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "en").split("-")[0]


def sort_key(text: str, language: str | None = None) -> bytes:
    """A key that orders text as `language` (default: the active language) does."""
    return _collator(_language(language)).getSortKey(str(text or ""))


def sorted_by_locale(items: Iterable[T], key: Callable[[T], str] = str, language: str | None = None) -> list[T]:
    """`items` in the order of the reader's language, by the text `key` gives."""
    collator = _collator(_language(language))
    return sorted(items, key=lambda item: collator.getSortKey(str(key(item) or "")))


def compare(a: str, b: str, language: str | None = None) -> int:
    """-1, 0 or 1 as `a` sorts before, with or after `b` in the reader's language."""
    return _collator(_language(language)).compare(str(a), str(b))
