"""Benchmark: partner search (`twinhub.contacts.selectors.teachers_search`) over the whole
platform's teachers on PostgreSQL, next to a plain primary-key lookup measured in the same run.

    .venv/bin/python bench/search_teachers.py [--scale 1.0] [--legacy DIR] [--database twinhub_bench_search]

Teachers come from the shared legacy generator's `users.jsonl.gz` (and `schools.jsonl.gz` for the
school names) when `--legacy DIR` holds them, e.g. a folder made by
`python3 /work/shared/legacy/generate.py DIR --scale 1.0 --seed 1`; otherwise from a synthetic
generator with the same shape (country weights with Türkiye a third, 1-4 subjects, 1-3 age
ranges, languages, 40 % available, 90 % validated). `--scale 1.0` = 1.2 million teachers.

Rows are loaded with COPY; the search index is then built by the application's own code
(`search_index_rebuild`, the path a bulk import takes), then ANALYZE. Each search runs `--repeat`
times with varied values through the real selector (ORM included). Prints figures; asserts nothing.
The database is dropped and created afresh.
"""

import argparse
import gzip
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL_USERS = 1_200_000
BIOS = ["Robotics and coding club", "STEM, climate and water projects", "Storytelling, drama and music",
        "Media literacy and citizenship", "Mathematics through games", "Cultural heritage and history",
        "Healthy lifestyle and sport", "English through songs and art", ""]


# --- Source data -------------------------------------------------------------------------------

def legacy_rows(folder: Path, limit: int):
    """(schools, users) from the legacy export: malformed lines and duplicate ids skipped."""
    schools, seen = {}, set()
    with gzip.open(folder / "schools.jsonl.gz", "rb") as f:
        for line in f:
            try:
                s = json.loads(line)
                schools[int(s["legacy_id"][1:])] = s
            except (ValueError, KeyError, TypeError):
                continue
    users = []
    with gzip.open(folder / "users.jsonl.gz", "rb") as f:
        for line in f:
            if len(users) >= limit:
                break
            try:
                u = json.loads(line)
                uid = int(u["legacy_id"][1:])
            except (ValueError, KeyError, TypeError):
                continue
            if uid in seen:
                continue
            seen.add(uid)
            users.append(u)
    return schools, users


def synthetic_rows(limit: int):
    rng = random.Random(1)
    countries = ["TR"] * 33 + ["IT"] * 8 + ["PL"] * 7 + ["ES"] * 6 + ["RO"] * 6 + ["FR"] * 5 + ["GR"] * 5 + \
        ["PT", "UA", "DE", "HR", "BG", "CZ", "SK", "AZ", "RS", "LT", "LV", "EE", "FI", "SE", "BE", "NL", "AT"] * 2
    lang_of = {"TR": "tr", "IT": "it", "PL": "pl", "ES": "es", "RO": "ro", "FR": "fr", "GR": "el"}
    subjects = ["Mathematics / Geometry", "Foreign Languages", "Primary School Subjects", "Natural Sciences",
                "History", "Art", "Informatics / ICT", "Environmental Education", "Music", "Physics"]
    ages = ["4-6", "7-9", "10-12", "13-15", "16-19"]
    first = ["Ayşe", "Mehmet", "Fatma", "Mustafa", "Elif", "Marco", "Anna", "Maria", "Piotr", "Elena", "Jean",
             "Sofia", "Ioana", "Nikos", "Zeynep", "Emre", "Giulia", "Agnieszka", "Carmen", "Andrei"]
    last = ["Yılmaz", "Kaya", "Demir", "Şahin", "Rossi", "Bianchi", "Nowak", "Kowalski", "García", "Popescu",
            "Papadopoulos", "Martin", "Öztürk", "Aydın", "Russo", "López", "Ionescu", "Dubois", "Silva", "Horvat"]
    n_schools = max(limit // 5, 10)
    schools = {}
    for s in range(1, n_schools + 1):
        c = rng.choice(countries)
        schools[s] = {"name": f"{rng.choice(['Atatürk', 'Fermi', 'Kopernik', 'Cervantes', 'Eminescu'])} "
                              f"{rng.choice(['İlkokulu', 'Liceo', 'School', 'Gimnazjum'])} {s}",
                      "country": c, "region": "TR-06" if c == "TR" else None, "city": "City",
                      "school_type": "primary"}
    users = []
    for i in range(1, limit + 1):
        c = rng.choice(countries)
        a = rng.randrange(5)
        users.append({
            "legacy_id": f"U{i}", "first_name": rng.choice(first), "last_name": rng.choice(last), "country": c,
            "school_ids": [f"S{rng.randrange(1, n_schools + 1)}"], "role": "teacher",
            "languages": [lang_of.get(c, "en")] + (["en"] if rng.random() < 0.8 else []),
            "subjects": rng.sample(subjects, rng.randint(1, 4)), "age_ranges": ages[a:a + rng.randint(1, 3)],
            "available_for_projects": rng.random() < 0.4, "validated": rng.random() < 0.9,
            "registered_at": f"20{rng.randint(5, 24):02d}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00Z",
            "status": "active"})
    return schools, users


# --- Loading -----------------------------------------------------------------------------------

def _copy(connection, table: str, columns: list[str], rows) -> int:
    buf = io.StringIO()
    n = 0
    for row in rows:
        buf.write("\t".join("\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", " ")
                            .replace("\n", " ") for v in row) + "\n")
        n += 1
    buf.seek(0)
    with connection.cursor() as cursor:
        with cursor.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            while chunk := buf.read(1 << 20):
                copy.write(chunk)
    return n


def load(connection, schools: dict, users: list) -> tuple[int, int, int]:
    from twinhub.schools.rules import school_name_key

    needed = {int(sid[1:]) for u in users for sid in (u.get("school_ids") or []) if sid[1:].isdigit()}
    school_ids = sorted(needed & set(schools))
    _copy(connection, "schools_school",
          ["id", "legal_name", "public_name", "country", "region", "city", "school_type", "school_number",
           "principal_name", "principal_email", "name_key", "created_at"],
          ((sid, schools[sid]["name"][:255], schools[sid]["name"][:255], schools[sid]["country"],
            schools[sid].get("region") or "", (schools[sid].get("city") or "")[:120],
            (schools[sid].get("school_type") or "other").replace("-", "_"), "", "Principal",
            "principal@bench.example", school_name_key(schools[sid]["name"])[:255], "2020-01-01T00:00:00Z")
           for sid in school_ids))
    known = set(school_ids)
    _copy(connection, "accounts_user",
          ["id", "password", "is_superuser", "first_name", "last_name", "is_staff", "is_active", "date_joined",
           "email", "language"],
          ((int(u["legacy_id"][1:]), "!", "f", (u["first_name"] or "").strip()[:150],
            (u["last_name"] or "").strip()[:150], "f", "f" if u.get("status") == "banned" else "t",
            u["registered_at"].rstrip("Z") + "Z", f"u{u['legacy_id'][1:]}@bench.example", "") for u in users))
    _copy(connection, "accounts_profile",
          ["user_id", "role", "country", "subjects", "languages", "age_ranges", "bio", "available_for_projects",
           "joined_at"],
          ((int(u["legacy_id"][1:]), (u.get("role") or "teacher").replace("-", "_"), u["country"],
            json.dumps(u.get("subjects") or []), json.dumps(u.get("languages") or []),
            json.dumps(u.get("age_ranges") or []), BIOS[int(u["legacy_id"][1:]) % len(BIOS)],
            "t" if u.get("available_for_projects") else "f", u["registered_at"].rstrip("Z") + "Z") for u in users))
    memberships = 0

    def membership_rows():
        nonlocal memberships
        for u in users:
            uid = int(u["legacy_id"][1:])
            for sid in dict.fromkeys(u.get("school_ids") or []):
                if sid[1:].isdigit() and int(sid[1:]) in known:
                    memberships += 1
                    yield (uid, int(sid[1:]), "approved" if u.get("validated") else "pending",
                           u["registered_at"].rstrip("Z") + "Z", "", "awaiting", f"bench{uid}-{sid}", "", "")
    _copy(connection, "schools_membership",
          ["user_id", "school_id", "status", "requested_at", "reason", "principal_answer", "principal_token",
           "school_country", "school_region"],
          membership_rows())
    with connection.cursor() as cursor:  # each membership's copy of its school's place (decision 55)
        cursor.execute("UPDATE schools_membership m SET school_country = s.country, school_region = s.region "
                       "FROM schools_school s WHERE s.id = m.school_id")
    with connection.cursor() as cursor:
        for table in ("accounts_user", "schools_school", "accounts_profile", "schools_membership"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
    return len(school_ids), len(users), memberships


# --- Measuring ---------------------------------------------------------------------------------

def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def timed(call, repeat: int) -> list[float]:
    call()  # warm the plan cache and the pages once
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1.2 million teachers")
    parser.add_argument("--legacy", default=os.environ.get("TWINHUB_LEGACY_DIR", ""),
                        help="folder with the legacy generator's users.jsonl.gz and schools.jsonl.gz")
    parser.add_argument("--database", default="twinhub_bench_search")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--explain", action="store_true", help="print PostgreSQL's plan of each search")
    parser.add_argument("--reuse", action="store_true",
                        help="measure again on the database loaded by an earlier run (no drop, no load)")
    parser.add_argument("--rebuild", choices=["no", "again", "empty"], default="no",
                        help="with --reuse: time search_index_rebuild() over the loaded data, either again on "
                             "the filled index (idempotent re-run) or from an emptied index (a first build)")
    args = parser.parse_args()
    limit = int(FULL_USERS * args.scale)

    if not args.reuse:
        for sql in (f"DROP DATABASE IF EXISTS {args.database}", f"CREATE DATABASE {args.database}"):
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql, "postgres"], check=True)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    os.environ.setdefault("TWINHUB_DEV", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "twinhub.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from twinhub.accounts.models import User
    from twinhub.contacts.models import TeacherSearchEntry
    from twinhub.contacts.search_index import search_index_rebuild
    from twinhub.contacts.selectors import teachers_search

    call_command("migrate", verbosity=0)
    folder = Path(args.legacy) if args.legacy else None
    if folder and (folder / "users.jsonl.gz").exists():
        source = f"legacy export {folder}"
        read = lambda: legacy_rows(folder, limit)  # noqa: E731
    else:
        source = "synthetic generator"
        read = lambda: synthetic_rows(limit)  # noqa: E731
    if args.reuse:
        # Only the names used as search terms are needed: read the source, load nothing.
        _schools, users = read()
        indexed = TeacherSearchEntry.objects.count()
        n_users = User.objects.count()
        print(f"source: {source} (reusing database {args.database}: {n_users} users, {indexed} indexed)")
        if args.rebuild != "no":
            if args.rebuild == "empty":
                with connection.cursor() as cursor:
                    cursor.execute("TRUNCATE contacts_teachersearchentry")
            t0 = time.perf_counter()
            indexed = search_index_rebuild()
            t1 = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE contacts_teachersearchentry")
            print(f"search index rebuild ({'from an empty index' if args.rebuild == 'empty' else 'again, filled'}): "
                  f"{indexed} eTwinners in {t1 - t0:.1f}s ({indexed / (t1 - t0):,.0f} rows/s)")
    else:
        t0 = time.perf_counter()
        schools, users = read()
        t1 = time.perf_counter()
        n_schools, n_users, n_memberships = load(connection, schools, users)
        t2 = time.perf_counter()
        indexed = search_index_rebuild()
        t3 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE contacts_teachersearchentry")
            cursor.execute("ANALYZE")
        print(f"source: {source}")
        print(f"read {len(users)} users in {t1 - t0:.1f}s; COPY {n_users} users + profiles, {n_schools} schools, "
              f"{n_memberships} memberships in {t2 - t1:.1f}s")
        print(f"search index: {indexed} eTwinners (approved membership) built in {t3 - t2:.1f}s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('contacts_teachersearchentry'))")
        print(f"search table + indexes: {cursor.fetchone()[0]}")

    # Filter values drawn from the data itself, most common first (legacy vocabularies differ from ours).
    with connection.cursor() as cursor:
        def common(column, n=6):
            cursor.execute(f"SELECT v, count(*) FROM contacts_teachersearchentry, "
                           f"jsonb_array_elements_text({column}) v GROUP BY v ORDER BY 2 DESC LIMIT {n}")
            return [r[0] for r in cursor.fetchall()]
        subjects, languages, ages = common("subjects"), common("languages"), common("age_ranges", 5)
        cursor.execute("SELECT country FROM contacts_teachersearchentry GROUP BY 1 ORDER BY count(*) DESC LIMIT 8")
        countries = [r[0] for r in cursor.fetchall()]
    names = [u["first_name"] for u in users[:: max(1, len(users) // 300)] if u.get("first_name")]
    surnames = [u["last_name"] for u in users[7:: max(1, len(users) // 300)] if u.get("last_name")]
    rng = random.Random(2)
    pick = rng.choice

    searches = {
        "text: one name": lambda: dict(q=pick(names)),
        "text: first + last name": lambda: dict(q=f"{pick(names)} {pick(surnames)}"),
        "text: name prefix (3 letters)": lambda: dict(q=pick(surnames)[:3]),
        "text: school word + country": lambda: dict(q=pick(["school", "lisesi", "liceo", "primary"]),
                                                     country=pick(countries)),
        "country + subject": lambda: dict(country=pick(countries), subject=pick(subjects)),
        "language + age range + available": lambda: dict(language=pick(languages), age_range=pick(ages),
                                                         available=True),
        "combined (text+country+subject+available)": lambda: dict(q=pick(names), country=pick(countries),
                                                                  subject=pick(subjects), available=True),
        "country + available, newest first": lambda: dict(country=pick(countries), available=True, sort="recent"),
        "text, best match": lambda: dict(q=pick(surnames), sort="relevance"),
        "country + subject, page 5": lambda: dict(country=pick(countries), subject=pick(subjects), page=5),
        "no filter, page 1": lambda: dict(),
    }
    max_id = User.objects.order_by("-pk").values_list("pk", flat=True).first()
    pk_samples = timed(lambda: User.objects.filter(pk=rng.randrange(1, max_id + 1)).first(), args.repeat * 2)
    entry_samples = timed(lambda: TeacherSearchEntry.objects.filter(pk=rng.randrange(1, max_id + 1)).first(),
                          args.repeat)
    pk50, pk95 = percentiles(pk_samples)
    print(f"\n{'query':46} {'p50 ms':>8} {'p95 ms':>8} {'p95/pk p95':>11} {'rows':>5} {'partial':>8}")
    print(f"{'primary-key lookup (User by id)':46} {pk50:8.2f} {pk95:8.2f} {1.0:11.1f}")
    e50, e95 = percentiles(entry_samples)
    print(f"{'primary-key lookup (search entry by id)':46} {e50:8.2f} {e95:8.2f} {e95 / pk95:11.1f}")
    worst = 0.0
    for label, params in searches.items():
        last = {"partial": 0}

        def run(params=params, last=last):
            last["page"] = teachers_search(**params())
            last["partial"] += last["page"].partial
        samples = timed(run, args.repeat)
        p50, p95 = percentiles(samples)
        worst = max(worst, p95)
        # partial: share of the runs answered from a bounded candidate set (the page says so)
        print(f"{label:46} {p50:8.2f} {p95:8.2f} {p95 / pk95:11.1f} {len(last['page'].items):5} "
              f"{100 * last['partial'] / (args.repeat + 1):7.0f}%")
        if args.explain:
            qs_params = params()
            reset_queries()
            with connection.cursor() as cursor:
                from django.test.utils import CaptureQueriesContext
                with CaptureQueriesContext(connection) as ctx:
                    teachers_search(**qs_params)
                cursor.execute("EXPLAIN ANALYZE " + ctx.captured_queries[-1]["sql"])
                print("   ", qs_params)
                print("\n".join("    " + r[0] for r in cursor.fetchall()))
    print(f"\nworst search p95: {worst:.1f} ms (target < 50 ms) over {indexed} searchable eTwinners "
          f"({n_users} teachers); repeat={args.repeat}")


if __name__ == "__main__":
    main()
