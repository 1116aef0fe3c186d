"""Contracts the code keeps everywhere, checked over the whole project so a new page or
service cannot forget them (docs/CONVENTIONS.md)."""

import ast
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

TWINHUB = Path(__file__).resolve().parent.parent / "twinhub"


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def _sources(name: str):
    """Every non-test module of the apps called `name` (e.g. "views.py")."""
    for path in sorted(TWINHUB.glob(f"*/{name}")):
        yield path, ast.parse(path.read_text(), filename=str(path))


# --- Pages explain every refusal in full -----------------------------------------------------------

def test_every_page_of_ours_explains_refusals():
    """Each page handler is wrapped in `core.pages.explains_refusals`: a refusal reaches the user
    with who must act and what to do next, and out-of-scope answers 404 in one place."""
    ours = [(route, view) for route, view in _patterns() if view.__module__.startswith("twinhub.")
            and not view.__module__.startswith("twinhub.api")]
    assert len(ours) > 50
    forgotten = [f"{route} ({view.__module__}.{view.__name__})" for route, view in ours
                 if not getattr(view, "explains_refusals", False)]
    assert forgotten == []


def _raises_http404_from_none(tree) -> list[int]:
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Raise) and isinstance(node.cause, ast.Constant) and node.cause.value is None
            and "Http404" in ast.unparse(node.exc)]


def _picks_refusal_message(tree) -> list[int]:
    """`error.refusal.message` (or `.status == 404`) written in a page: the helper's job."""
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in ("message", "status")
            and isinstance(node.value, ast.Attribute) and node.value.attr == "refusal"]


def test_no_page_decides_404_or_picks_the_message_itself():
    found = {}
    for path, tree in _sources("views.py"):
        lines = _raises_http404_from_none(tree) + _picks_refusal_message(tree)
        if lines:
            found[str(path.relative_to(TWINHUB))] = sorted(lines)
    assert found == {}
