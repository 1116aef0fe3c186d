"""Running `twinhub import-legacy` as its own process, for the tests that kill it with SIGKILL."""

import sys
from pathlib import Path

TWINHUB = str(Path(sys.executable).parent / "twinhub")

# `twinhub …` with every batch held open for a moment before it commits, so that a kill lands in
# the middle of a phase, often inside a transaction. The production code knows nothing of it.
SLOW_TWINHUB = """
import os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinhub.settings")
django.setup()
from twinhub import cli
from twinhub.legacy import loader

commit = loader._commit

def slow_commit(*args, **kwargs):
    commit(*args, **kwargs)
    time.sleep(0.15)

loader._commit = slow_commit
cli.main(["twinhub", *sys.argv[1:]])
"""
