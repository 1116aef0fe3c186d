"""The npm packages some tests drive (an OpenID Connect provider, axe-core), installed by
`make test` into tests/oidc/node_modules."""

import os
import shutil
from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).resolve().parents[2] / "tests" / "oidc" / "node_modules"
INSTALL = "make tests/oidc/node_modules/.installed (npm ci in tests/oidc; `make test` does it)"


def node_package(name: str, *, needs_node: bool = False) -> Path:
    """The folder of the installed npm package `name`. Where it (or Node.js) is missing, the test
    is skipped, saying how to install it; in CI, where `make test` installs it, it fails instead."""
    folder = NODE_MODULES / name
    missing = None
    if needs_node and shutil.which("node") is None:
        missing = "Node.js is not installed (scripts/system-deps.sh installs it)"
    elif not folder.is_dir():
        missing = f"the npm package {name} is not installed: run {INSTALL}"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    return folder
