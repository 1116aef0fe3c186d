"""Profile `twinhub import-legacy` phase by phase on a fresh PostgreSQL database.

    .venv/bin/python bench/import_legacy/profile_import.py --data /tmp/legacy-bench-0.02-1 [--top 25]

Prints each phase's wall time and its top functions by own time (cProfile)."""

import argparse
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
TWINHUB = str(ROOT / ".venv" / "bin" / "twinhub")
PHASES = ("accounts", "projects", "twinspaces", "labels")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--db", default="twinhub_bench_import")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--phase", action="append", help="profile only these phases (the others run unprofiled)")
    args = parser.parse_args()
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.db}"')
    env = {**os.environ, "TWINHUB_DEV": "1", "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}"}
    subprocess.run([TWINHUB, "migrate", "-v0"], env=env, check=True)
    for phase in PHASES:
        out = f"/tmp/h8c-profile-{phase}.pstats"
        profiled = not args.phase or phase in args.phase
        cmd = [sys.executable, *(["-m", "cProfile", "-o", out] if profiled else []), TWINHUB, "import-legacy",
               args.data, "--phase", phase, "--no-progress"]
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(done.stderr[-3000:])
        print(f"== {phase}: {time.perf_counter() - start:.1f} s{'' if profiled else ' (not profiled)'}")
        if profiled:
            pstats.Stats(out).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
