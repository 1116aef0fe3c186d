"""Every service (a public function of an app's services.py) takes keyword arguments only, each
with its type, and says what it returns: a call reads as a sentence, and a wrong call fails at once."""

import importlib
import inspect
from pathlib import Path

import pytest

TWINHUB = Path(__file__).resolve().parent.parent / "twinhub"
MODULES = sorted(f"twinhub.{path.parent.name}.services" for path in TWINHUB.glob("*/services.py"))


def _services(module_name: str):
    module = importlib.import_module(module_name)
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if not name.startswith("_") and function.__module__ == module_name:
            yield name, function


@pytest.mark.parametrize("module_name", MODULES)
def test_services_take_typed_keyword_arguments(module_name):
    problems = []
    for name, function in _services(module_name):
        signature = inspect.signature(function)
        for parameter in signature.parameters.values():
            if parameter.kind not in (parameter.KEYWORD_ONLY, parameter.VAR_KEYWORD):
                problems.append(f"{name}: {parameter.name} is not keyword-only (put it after *)")
            if parameter.annotation is parameter.empty:
                problems.append(f"{name}: {parameter.name} has no type")
        if signature.return_annotation is signature.empty:
            problems.append(f"{name}: no return type")
    assert not problems, "\n".join(problems)


def test_every_app_with_services_is_checked():
    assert len(MODULES) >= 9 and "twinhub.projects.services" in MODULES
