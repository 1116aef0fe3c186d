"""Benchmark of `twinhub import-legacy` on PostgreSQL.

    .venv/bin/python bench/import_legacy/run.py --scale 0.05

Generates --scale S data (with ../shared/legacy/generate.py, or --data DIR), imports it phase by
phase into a fresh database, reruns it (nothing to do), and measures in the same run the physical
floor: a plain COPY of the same lines into bare tables, before and after the import (the mean). Prints rows/second per phase, wall time,
peak memory, and the ratio; the last line is key=value pairs."""

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
TWINHUB = str(ROOT / ".venv" / "bin" / "twinhub")
GENERATOR = ROOT.parent / "shared" / "legacy" / "generate.py"
PHASES = {"accounts": ("schools.jsonl.gz", "users.jsonl.gz", "contacts.jsonl.gz"),
          "projects": ("projects.jsonl.gz", "project_members.jsonl.gz"),
          "twinspaces": ("pupils.jsonl.gz", "twinspace_items.jsonl.gz"),
          "labels": ("quality_labels.jsonl.gz",)}


def lines_in(folder: Path, name: str) -> int:
    with gzip.open(folder / name, "rb") as handle:
        return sum(1 for _line in handle)


def run(cmd, env):
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return time.perf_counter() - start, done.stdout


def copy_floor(dsn: str, folder: Path) -> tuple[int, float]:
    """COPY every line of the same files into bare one-column tables: the physical floor."""
    rows = 0
    start = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        for files in PHASES.values():
            for name in files:
                table = "floor_" + name.split(".")[0]
                conn.execute(f"DROP TABLE IF EXISTS {table}")
                conn.execute(f"CREATE TABLE {table} (line text)")
                with conn.cursor() as cur, cur.copy(f"COPY {table} (line) FROM STDIN") as copy, \
                        gzip.open(folder / name, "rb") as handle:
                    for raw in handle:
                        copy.write_row((raw[:-1].decode(),))
                        rows += 1
        seconds = time.perf_counter() - start
        for files in PHASES.values():  # the import must not find (nor analyse) them
            for name in files:
                conn.execute(f"DROP TABLE floor_{name.split('.')[0]}")
    return rows, seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", help="an existing export folder (else generated into /tmp)")
    parser.add_argument("--db", default="twinhub_bench_import")
    args = parser.parse_args()

    folder = Path(args.data or f"/tmp/legacy-bench-{args.scale}-{args.seed}")
    if not (folder / "manifest.json").exists():
        if not GENERATOR.exists():
            sys.exit(f"No data: pass --data DIR (the generator {GENERATOR} is not here)")
        subprocess.run([sys.executable, str(GENERATOR), str(folder), "--scale", str(args.scale), "--seed",
                        str(args.seed), "--jobs", "2"], check=True, capture_output=True)

    scale = json.loads((folder / "manifest.json").read_text()).get("scale", args.scale)
    print(f"data {folder} (scale {scale}); load average at start {os.getloadavg()[0]:.1f} (2 cores)")
    admin = "postgres://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.db}"')
    dsn = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    env = {**os.environ, "TWINHUB_DEV": "1", "DATABASE_URL": dsn}
    run([TWINHUB, "migrate", "-v0"], env)
    migrate_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    # The floor before and after the import: the machine is shared, its load changes during a run.
    floor_before = copy_floor(dsn, folder)
    counts = {p: sum(lines_in(folder, f) for f in files) for p, files in PHASES.items()}
    total_rows = sum(counts.values())
    wall = 0.0
    for phase in PHASES:
        seconds, _out = run([TWINHUB, "import-legacy", str(folder), "--phase", phase, "--no-progress"], env)
        wall += seconds
        print(f"phase {phase:9s} rows={counts[phase]:>9,} seconds={seconds:8.1f} rows_per_s={counts[phase] / seconds:>9,.0f}")
    peak_rss_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rerun_s, out = run([TWINHUB, "import-legacy", str(folder), "--no-progress"], env)
    assert "Nothing to do" in out, out
    floor_after = copy_floor(dsn, folder)
    copy_rows, copy_s = floor_after[0], (floor_before[1] + floor_after[1]) / 2
    load = os.getloadavg()[1]
    rate, copy_rate = total_rows / wall, copy_rows / copy_s
    print(f"import: {total_rows:,} rows in {wall:.1f} s ({rate:,.0f} rows/s); peak RSS {peak_rss_mib:.0f} MiB "
          f"(migrate alone {migrate_rss / 1024:.0f} MiB); rerun (nothing to do) {rerun_s:.1f} s")
    print(f"COPY floor: {copy_rows:,} rows in {copy_s:.1f} s (mean of {floor_before[1]:.1f} s before the import "
          f"and {floor_after[1]:.1f} s after) ({copy_rate:,.0f} rows/s); "
          f"import is {copy_rate / rate:.1f}x slower than COPY; load average (5 min) {load:.1f}")
    print(f"scale={scale} rows={total_rows} wall_s={wall:.1f} peak_rss_mib={peak_rss_mib:.0f} "
          f"rows_per_s={rate:.0f} copy_rows_per_s={copy_rate:.0f} ratio={copy_rate / rate:.2f} rerun_s={rerun_s:.1f} load5={load:.1f}")


if __name__ == "__main__":
    main()
