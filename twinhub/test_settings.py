"""Settings for the test suite: development mode, fast password hashing, emails kept in memory."""

import os

os.environ.setdefault("TWINHUB_DEV", "1")

from twinhub.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # behind the outbox
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LANGUAGE_CODE = "en"

# Tasks run eagerly, after the commit, in the test's process. The worker stage of CI (.ci/run)
# names a real broker; the tests marked `celery_worker` then send their tasks to it.
CELERY_BROKER_URL = os.environ.get("TWINHUB_TEST_CELERY_BROKER", "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = True

# The process's own cache, emptied before each test (conftest.py), whatever REDIS_URL says.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 300}}

# A test database need not survive a crash of its server: its commits do not wait for the disk (a commit here
# took 276 µs, 120 µs without the wait; the browser and live-server tests commit every statement).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()
