"""Schools merged by the import against the re-registrations the export planted (decision 0026).

    .venv/bin/python bench/school_merges.py                                  # the default seeds and scales
    .venv/bin/python bench/school_merges.py --export 0.01:777123 --export /work/data/legacy-0.25:0.25:4242

Each export is `SCALE:SEED` (generated into /tmp with ../shared/legacy/generate.py when missing) or a
folder holding one. Its accounts phase is imported into a fresh PostgreSQL database; the script prints,
next to the manifest's planned `school_reregistered` (the baseline), the schools merged and the pairs
listed as possible duplicates. When the generator is here it also replays the export's plan to say which
merges were wrong, which planned re-registrations are missing from the file and which were listed instead
of merged. It asserts nothing; the last line is key=value pairs per export."""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
TWINHUB = str(ROOT / ".venv" / "bin" / "twinhub")
# The old platform's export generator, beside the checkout (or the worktree's parent), or where
# TWINHUB_LEGACY_GENERATOR says.
GENERATOR = Path(os.environ.get("TWINHUB_LEGACY_GENERATOR") or next(
    (p for p in (ROOT.parent / "shared/legacy/generate.py", ROOT.parent.parent / "shared/legacy/generate.py")
     if p.exists()), ROOT.parent / "shared/legacy/generate.py"))
DEFAULT = ["0.01:777123", "0.01:1", "0.01:42", "0.05:5", "0.05:9"]
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def export_folder(spec: str) -> tuple[Path, float | None, int | None]:
    """`SCALE:SEED`, or `FOLDER` / `FOLDER:SCALE:SEED` (the scale and seed that made it, to replay its plan)."""
    parts = spec.split(":")
    if "/" in parts[0]:
        return (Path(parts[0]), float(parts[1]), int(parts[2])) if len(parts) == 3 else (Path(parts[0]), None, None)
    scale, seed = float(parts[0]), int(parts[1])
    folder = Path(f"/tmp/school-merges-{scale}-{seed}")
    if not (folder / "manifest.json").exists():
        if not GENERATOR.exists():
            sys.exit(f"No export for {spec}: the generator {GENERATOR} is not here; pass a folder")
        subprocess.run([sys.executable, str(GENERATOR), str(folder), "--scale", str(scale), "--seed", str(seed),
                        "--jobs", "1"], check=True, capture_output=True)
    return folder, scale, seed


def planted_copies(scale: float, seed: int) -> dict[str, str]:
    """{copy id: first id} of the re-registrations the generator planted (its plan, replayed)."""
    sys.path.insert(0, str(GENERATOR.parent))
    sys.dont_write_bytecode = True
    import generate

    plan = generate.Plan(seed, scale)
    copies = {generate.sid(s): generate.sid(o) for s, o in plan.school_copy_of.items()}

    def first(sid: str) -> str:
        while sid in copies:
            sid = copies[sid]
        return sid
    return {copy: first(copy) for copy in copies}


def fresh_database(name: str, template: str | None = None) -> str:
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def run(cmd, env) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return time.perf_counter() - start


def measure(spec: str, template: str, db: str) -> dict:
    folder, scale, seed = export_folder(spec)
    manifest = json.loads((folder / "manifest.json").read_text())
    planned = manifest.get("generator", {}).get("anomaly_counts", {}).get("plan", {}).get("school_reregistered")
    dsn = fresh_database(db, template)
    env = {**os.environ, "TWINHUB_DEV": "1", "DATABASE_URL": dsn}
    seconds = run([TWINHUB, "import-legacy", str(folder), "--phase", "accounts", "--no-progress"], env)
    with psycopg.connect(dsn) as conn:
        merged = dict(conn.execute("SELECT legacy_id, merged_into FROM legacy_legacyschool "
                                   "WHERE merged_into <> ''").fetchall())
        schools = conn.execute("SELECT count(*) FROM legacy_legacyschool").fetchone()[0]
        listed = conn.execute(
            "SELECT a.legacy_id, b.legacy_id FROM schools_possibleduplicate p "
            "JOIN legacy_legacyschool a ON a.school_id = p.school_id AND a.merged_into = '' "
            "JOIN legacy_legacyschool b ON b.school_id = p.duplicate_id AND b.merged_into = ''").fetchall()
    figures = {"export": spec, "schools": schools, "planned": planned, "merged": len(merged),
               "listed": len(listed), "seconds": round(seconds, 1)}
    if scale is not None and seed is not None and GENERATOR.exists():
        copies = planted_copies(float(scale), int(seed))
        first = lambda sid: copies.get(sid, sid)  # noqa: E731
        figures["wrong"] = sum(1 for a, b in merged.items() if first(a) != first(b))
        present = {sid for sid in copies if sid in merged} | {b for _a, b in listed} | {a for a, _b in listed}
        figures["planned_not_in_file"] = sum(1 for sid in copies if not _in_file(folder, sid))
        figures["planned_listed"] = sum(1 for a, b in listed if first(a) == first(b))
        figures["planned_missed"] = sum(1 for sid in copies if sid not in present and _in_file(folder, sid))
    return figures


_FILE_IDS: dict[Path, set[str]] = {}


def _in_file(folder: Path, sid: str) -> bool:
    if folder not in _FILE_IDS:
        import gzip

        ids = set()
        with gzip.open(folder / "schools.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                try:
                    ids.add(json.loads(line)["legacy_id"])
                except (ValueError, KeyError, TypeError):
                    pass
        _FILE_IDS[folder] = ids
    return sid in _FILE_IDS[folder]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--export", action="append", help="SCALE:SEED or a folder (repeatable)")
    parser.add_argument("--db", default="th_merges_bench")
    args = parser.parse_args()
    template = args.db + "_template"
    dsn = fresh_database(template)
    run([TWINHUB, "migrate", "-v0"], {**os.environ, "TWINHUB_DEV": "1", "DATABASE_URL": dsn})
    rows = []
    for spec in args.export or DEFAULT:
        figures = measure(spec, template, args.db)
        rows.append(figures)
        extra = ""
        if "wrong" in figures:
            extra = (f"  wrong {figures['wrong']}, planned but not in the file {figures['planned_not_in_file']}, "
                     f"planned and listed {figures['planned_listed']}, planned and missed {figures['planned_missed']}")
        print(f"{spec:32s} schools {figures['schools']:>7,}  planned {figures['planned']!s:>5}  merged "
              f"{figures['merged']:>5}  listed {figures['listed']:>4}{extra}  ({figures['seconds']} s)", flush=True)
    for name in (args.db, template):
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(" ".join(f"[{r['export']}] " + " ".join(f"{k}={v}" for k, v in r.items() if k != "export") for r in rows))


if __name__ == "__main__":
    main()
