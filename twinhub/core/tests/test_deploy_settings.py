"""Production settings: `check --deploy` is clean, and a missing SECRET_KEY stops the start."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from twinhub.testing.settings import printed_by_django

PROJECT = Path(__file__).resolve().parents[3]


def _production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TWINHUB_DEV", "DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL",
                         "DJANGO_ALLOW_ASYNC_UNSAFE")}  # the test runner sets it; production must not
    env.update(DJANGO_SETTINGS_MODULE="twinhub.settings", ALLOWED_HOSTS="twinhub.example.org",
               SECRET_KEY=secrets.token_urlsafe(64), **extra)
    return env


def _manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PROJECT / "manage.py"), *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     env=_production_env(TWINHUB_VAR_DIR=str(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = _production_env(TWINHUB_VAR_DIR=str(tmp_path))
    del env["SECRET_KEY"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_defaults_are_safe():
    code = ("from django.conf import settings as s; "
            "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
            "s.SECURE_HSTS_SECONDS > 0, s.EMAIL_BACKEND, s.EMAIL_DELIVERY_BACKEND, s.STORAGES['staticfiles']['BACKEND'])")
    assert printed_by_django(code, env=_production_env()).split() == ["False", "True", "True", "True", "True",
                                     "twinhub.core.outbox.OutboxBackend", "django.core.mail.backends.smtp.EmailBackend",
                                     "whitenoise.storage.CompressedManifestStaticFilesStorage"]
