"""Contracts the code keeps everywhere, checked over the whole project so a new page or
service cannot forget them (docs/CONVENTIONS.md)."""

import ast
from pathlib import Path

import pytest
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


# --- Contracts as named constants ------------------------------------------------------------------

def _modules():
    """Every non-test, non-migration module of the apps (the `…codes.py` modules hold the strings)."""
    for path in sorted(TWINHUB.rglob("*.py")):
        parts = path.relative_to(TWINHUB).parts
        if "tests" in parts or "migrations" in parts or parts[0] == "testing" or path.name == "codes.py":
            continue
        yield path, ast.parse(path.read_text(), filename=str(path))


def _is_text(node) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _call_name(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def _literal_contracts(tree) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            keywords = {k.arg: k.value for k in node.keywords}
            if name in ("Refusal", "refuse", "audit_record", "notify", "notification_kind"):
                candidates = [keywords.get("code"), keywords.get("action"), keywords.get("kind")]
                if name in ("refuse", "notification_kind") and node.args:
                    candidates.append(node.args[0])
                found += [(node.lineno, f"{name}: {ast.unparse(c)}") for c in candidates if c is not None and _is_text(c)]
            if name in ("filter", "exclude", "get") and _is_text(keywords.get("kind")) \
                    and "Notification" in ast.unparse(node.func):
                found.append((node.lineno, f"notification kind {ast.unparse(keywords['kind'])}"))
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "code" \
                and any(_is_text(c) for c in node.comparators):
            found.append((node.lineno, f"compares a code with {ast.unparse(node.comparators[0])}"))
    return found


def test_refusal_codes_audit_actions_and_notification_kinds_are_named_constants():
    found = {str(path.relative_to(TWINHUB)): lines for path, tree in _modules() if (lines := _literal_contracts(tree))}
    assert found == {}


def _paths(tree) -> list[tuple[int, str]]:
    return [(node.lineno, ast.unparse(node)) for node in ast.walk(tree)
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("/"))
            or (isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant)
                and str(node.values[0].value).startswith("/"))]


def test_services_build_urls_with_reverse():
    found = {}
    for path in sorted(TWINHUB.glob("*/services.py")):
        if lines := _paths(ast.parse(path.read_text())):
            found[str(path.relative_to(TWINHUB))] = lines
    assert found == {}


def _enums(suffix: str):
    import importlib
    from enum import StrEnum

    for path in sorted(TWINHUB.glob("*/codes.py")):
        module = importlib.import_module(f"twinhub.{path.parent.name}.codes")
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum \
                    and (name.endswith(suffix) or (suffix == "Code" and name == "Code")):
                yield value


@pytest.mark.parametrize("suffix, pattern", [("Code", r"[a-z][a-z_]*"), ("Audit", r"[a-z][a-z_]*\.[a-z][a-z_]*"),
                                             ("Notice", r"[a-z][a-z_]*\.[a-z][a-z_]*")])
def test_each_name_has_one_home_and_one_style(suffix, pattern):
    import re

    homes: dict[str, list[str]] = {}
    for enum in _enums(suffix):
        for member in enum:
            assert re.fullmatch(pattern, member.value), f"{enum.__name__}.{member.name} = {member.value!r}"
            homes.setdefault(member.value, []).append(enum.__name__)
    assert homes, suffix
    assert {value: where for value, where in homes.items() if len(where) > 1} == {}


def test_every_notification_kind_reads_and_every_reader_has_a_kind():
    from twinhub.core.notification_kinds import registered_kinds

    kinds = {member.value for enum in _enums("Notice") for member in enum}
    assert registered_kinds() == kinds


def test_only_rules_build_refusals():
    """A refusal is built by the rule that enforces it (`rules.py`, the TwinSpace's `permissions.py`),
    so its words exist once; services, selectors, views and APIs raise what a rule returned."""
    found = sorted(str(path.relative_to(TWINHUB)) for path, tree in _modules()
                   if path.name not in ("rules.py", "permissions.py") and path != TWINHUB / "core" / "errors.py"
                   and any(isinstance(node, ast.Call) and _call_name(node) in ("Refusal", "refuse")
                           for node in ast.walk(tree)))
    assert found == []
