"""Where one request of each main page spends its time: the pages of bench/pages.py requested in
process through Django's test client (the whole middleware stack, production settings with DEBUG
off, the same Redis cache and sessions), on a database already imported from the legacy generator.

    .venv/bin/python bench/profile_pages.py --database th_pages_s25               # ms and queries
    .venv/bin/python bench/profile_pages.py --database th_pages_s25 --only queue --profile 25
    .venv/bin/python bench/profile_pages.py --database th_pages_s25 --only queue --sql

Prints, per page, the median milliseconds (wall clock, and CPU time of this process: steadier on
a loaded machine) of --repeat requests after 5 warming ones and the number
of queries of one request; --profile N adds the N costliest functions (cProfile, cumulative) over
the requests, --sql the queries of one request. Uses Redis db 9 (emptied at start); asserts nothing."""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from pages import PAGES, environment, prepare  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", help="only the pages whose name contains one of these (comma-separated)")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    parser.add_argument("--tree", action="store_true", help="print pyinstrument's call tree over the requests")
    parser.add_argument("--filter", help="only the functions whose file matches this (e.g. twinhub)")
    parser.add_argument("--sort", default="cumulative", help="cProfile order: cumulative or tottime")
    parser.add_argument("--sql", action="store_true", help="print the queries of one request")
    parser.add_argument("--frame", action="store_true",
                        help="add the page frame alone: the help centre's list, anonymous and as the founder")
    args = parser.parse_args()
    env = environment(args.database, args.redis)
    env["ALLOWED_HOSTS"] = "testserver"
    subprocess.run(["redis-cli", "-u", args.redis, "flushdb"], check=True, stdout=subprocess.DEVNULL)
    keys, ids = prepare(env, quiet=True)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    frame = [("frame: help list (anonymous)", "/help/", None), ("frame: help list (founder)", "/help/", "founder")]
    for name, url, role in PAGES(ids) + (frame if args.frame else []):
        if args.only and not any(part in name for part in args.only.split(",")):
            continue
        client = Client()
        if role:
            client.cookies[settings.SESSION_COOKIE_NAME] = keys[role]
        for _ in range(5):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        connection.queries_log.clear()  # each request starts by clearing it (reset_queries)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = list(captured.captured_queries)  # read now: the next request clears the log
        samples, cpu = [], []
        # CPU time, not wall clock: on a busy machine a wall clock charges a function for the time the
        # process waited for a core.
        profiler = cProfile.Profile(time.process_time) if args.profile else None
        if args.tree:
            from pyinstrument import Profiler

            tree = Profiler(interval=0.0002)
            tree.start()
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            client.get(url)
            if profiler:
                profiler.disable()
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        if args.tree:
            tree.stop()
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        print(f"{name:30} {statistics.median(samples):7.1f} ms ({statistics.median(cpu):5.1f} CPU)  {len(queries):3d} queries ({sql_ms:5.1f} ms)  "
              f"{len(response.content) // 1024} KiB")
        if args.sql:
            for query in queries:
                print(f"   {float(query['time']) * 1000:6.1f} ms  {query['sql'][:400]}")
        if args.tree:
            print(tree.output_text(unicode=False, color=False))
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(*([args.filter] if args.filter else []), args.profile)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
