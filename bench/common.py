"""What the benchmarks share: a fresh PostgreSQL database with Django set up on it, percentile
timings, and ApacheBench on one page. Benchmarks print figures; they assert nothing."""

import contextlib
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
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


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to the log-in page) is an answer to report, not to follow


def ab(url: str, session: str | None, *, clients: int, seconds: int, around=None) -> tuple[float, int, int, int]:
    """Requests/s, p50 and p99 (ms) and failed or non-200 requests of `ab` on `url`. `around`, a context
    manager factory, wraps the measured run only (not the warming requests)."""
    cookie = ["-C", f"sessionid={session}"] if session else []
    try:
        status = urllib.request.build_opener(NoRedirect).open(
            urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"} if session else {})).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        sys.exit(f"{url} answers {status}, not 200: the figures would not be the page's")
    subprocess.run(["ab", "-q", "-k", "-n", "40", "-c", "2", *cookie, url], check=True, capture_output=True)  # warm
    # -l: pages differ in length from one request to the next (CSRF tokens); not a failure.
    with around() if around else contextlib.nullcontext():
        out = subprocess.run(["ab", "-q", "-k", "-l", "-c", str(clients), "-t", str(seconds), "-n", "1000000", *cookie,
                              url], check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    p50 = int(re.search(r"^\s*50%\s+(\d+)", out, re.M).group(1))
    p99 = int(re.search(r"^\s*99%\s+(\d+)", out, re.M).group(1))
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    return rate, p50, p99, failed + (int(non2xx.group(1)) if non2xx else 0)
