"""No test module imports another test module (or a conftest): what tests share is built in the
test base, twinhub/testing/, and fixtures come from conftest.py files through pytest."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _test_files() -> list[Path]:
    files = [*ROOT.glob("twinhub/**/tests/*.py"), *ROOT.glob("tests/**/*.py")]
    return sorted(f for f in files if "node_modules" not in f.parts)


def _imported_modules(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def test_no_test_module_imports_another():
    offenders = []
    for path in _test_files():
        for module in _imported_modules(path):
            parts = module.split(".")
            if module.startswith(".") or "tests" in parts or "conftest" in parts or parts[0] == "tests":
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not offenders, "\n".join(offenders)


def test_the_check_sees_the_test_modules():
    assert len(_test_files()) > 80
