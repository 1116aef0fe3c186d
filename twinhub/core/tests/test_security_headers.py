"""Security headers on every page with the production settings (issue 12, decision 20): an enforced
Content-Security-Policy, HSTS, X-Frame-Options, Referrer-Policy, Permissions-Policy, nosniff."""

import json
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[3]
PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/coordinators/", "/help/", "/projects/",
         "/twinspace/pupils/login/", "/no-such-page/", "/api/v1/openapi.json", "/api/v1/me"]

SCRIPT = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
call_command("migrate", verbosity=0)
static = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
          "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=static):  # no collectstatic here: the headers do not depend on it
    client = Client()
    out = {}
    for path in json.loads(sys.argv[1]):
        response = client.get(path, secure=True)
        out[path] = {"status": response.status_code, **{k.lower(): v for k, v in response.headers.items()}}
print(json.dumps(out))
"""


@pytest.mark.slow
def test_every_page_carries_the_security_headers_in_production(tmp_path, migrated_sqlite):
    env = {k: v for k, v in os.environ.items()
           if k not in ("TWINHUB_DEV", "DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL",
                        "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "CELERY_BROKER_URL")}
    database = tmp_path / "db.sqlite3"  # a copy of the run's migrated file: the script's `migrate` has nothing to do
    shutil.copy(migrated_sqlite, database)
    env.update(DJANGO_SETTINGS_MODULE="twinhub.settings", ALLOWED_HOSTS="testserver",
               SECRET_KEY=secrets.token_urlsafe(64), TWINHUB_VAR_DIR=str(tmp_path),
               DATABASE_URL=f"sqlite:///{database}", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    result = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(PAGES)], cwd=PROJECT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    for path, headers in pages.items():
        assert headers["status"] < 500, (path, headers["status"])
        csp = headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0], (path, csp)
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, (path, csp)
        assert "content-security-policy-report-only" not in headers, path
        assert headers.get("strict-transport-security", "").startswith("max-age=31536000"), (path, headers)
        assert headers.get("x-frame-options") == "DENY", path
        assert headers.get("referrer-policy") == "same-origin", path
        assert headers.get("x-content-type-options") == "nosniff", path
        assert "camera=()" in headers.get("permissions-policy", "") and "geolocation=()" in headers["permissions-policy"], path


def test_no_template_has_inline_script_or_event_handlers():
    """The policy allows no inline script: behaviours are data-* attributes (static/js/behaviours.js)."""
    import re

    handler = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
    found = []
    for template in (PROJECT / "twinhub").glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        found += [f"{template.relative_to(PROJECT)}: {m.group(0)}" for m in handler.finditer(text)]
        found += [f"{template.relative_to(PROJECT)}: {m.group(0)}" for m in inline_script.finditer(text)]
    assert not found, "\n".join(found)
