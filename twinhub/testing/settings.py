"""Settings as another process sees them: Django set up in a fresh interpreter with the environment
given (a production setting, REDIS_URL, the web's entry point), printing what `code` prints."""

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def printed_by_django(code: str, *, env: dict, setup: str = "import django; django.setup()") -> str:
    """What `code` prints after `setup` in a new interpreter with exactly `env`; fails on an error."""
    result = subprocess.run([sys.executable, "-c", f"{setup}; {code}"], cwd=PROJECT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout
