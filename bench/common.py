"""What the benchmarks share: a fresh PostgreSQL database with Django set up on it, and
percentile timings. Benchmarks print figures; they assert nothing."""

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_database(name: str) -> None:
    """Drop and create `name` on the local PostgreSQL, point Django at it and migrate."""
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql, "postgres"], check=True)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    os.environ.setdefault("TWINHUB_DEV", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "twinhub.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


@dataclass
class Timing:
    p50: float
    p95: float
    result: object = None


def timed(func, repeat: int) -> Timing:
    """Run `func` `repeat` times; milliseconds at the median and the 95th percentile."""
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return Timing(statistics.median(samples), samples[max(0, int(round(0.95 * (len(samples) - 1))))], result)
