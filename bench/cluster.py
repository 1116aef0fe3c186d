"""Requests/s and p99 of the main pages through nginx with one app node and with two (decision 17),
next to a bare Django view measured the same way in the same run, on a database imported from the
legacy generator.

    python3 ../shared/legacy/generate.py /tmp/legacy-025 --scale 0.25 --seed 1     # the data (~10 s)
    .venv/bin/python bench/cluster.py --legacy /tmp/legacy-025     # fresh database, import, measure
    .venv/bin/python bench/cluster.py --reuse                      # measure the imported database again
    BENCH_PORT=8250 BENCH_REDIS_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/cluster.py --reuse \
        --database th_ops_s25                                      # other ports, Redis db and database

The topology is `make cluster`'s (scripts/cluster.py: nginx, gunicorn nodes of --workers sync
workers each, production settings with DEBUG off, Redis db 2, an S3 server) on the bench database.
Load: ApacheBench (`ab`, apache2-utils) with --clients concurrent keep-alive clients for --seconds
per page, logged in as the founder of the project with most members (dashboard, project page,
TwinSpace home, partner search), a provincial coordinator of Ankara (validation queue) and NSS
Türkiye (NSS dashboard). Prints a table; asserts nothing."""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from common import ab

ROOT = Path(__file__).resolve().parent.parent
# The sessions made here must be readable by the nodes: one secret for both (loopback only).
os.environ.setdefault("SECRET_KEY", "bench-cluster-on-loopback-not-a-secret")
BIN = Path(sys.executable).parent
# nginx on BENCH_PORT, the nodes on the next two ports, the S3 server five above; Redis database of
# BENCH_REDIS_URL (emptied at each start).
PORT = int(os.environ.get("BENCH_PORT", "8130"))
NODE_PORTS = (PORT + 1, PORT + 2)
S3_PORT = PORT + 5
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")


def load(database: str, legacy: Path) -> None:
    env = {**os.environ, "TWINHUB_DEV": "1", "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}"}
    for sql in (f"DROP DATABASE IF EXISTS {database}", f"CREATE DATABASE {database}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql, "postgres"], check=True)
    started = time.perf_counter()
    subprocess.run([str(BIN / "twinhub"), "migrate", "-v0"], env=env, check=True)
    subprocess.run([str(BIN / "twinhub"), "import-legacy", str(legacy)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"loaded {legacy} into {database} in {time.perf_counter() - started:.0f} s")


def sessions(database: str) -> tuple[dict[str, str], dict[str, int]]:
    """A session per role (made directly, as a log-in would), and the ids the pages need."""
    os.environ.update({"TWINHUB_DEV": "1", "DJANGO_SETTINGS_MODULE": "twinhub.settings",
                       "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.management import call_command
    from django.db.models import Count

    from twinhub.accounts.models import User
    from twinhub.projects.models import Project

    project = Project.objects.annotate(n=Count("members")).filter(founder__isnull=False).order_by("-n", "id").first()
    founder = project.founder
    if not founder.is_active:  # an old-platform placeholder: as if its owner had claimed it
        User.objects.filter(pk=founder.pk).update(is_active=True)
        founder.refresh_from_db()
    for email, options in (("bench.coordinator@bench.test", {"region": "TR-06", "role": "coordinator"}),
                           ("bench.nss@bench.test", {"role": "nss"})):
        call_command("create_account", email, country="TR", password="bench-password", stdout=open(os.devnull, "w"),
                     **options)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for role, user in (("founder", founder), ("coordinator", User.objects.get(email="bench.coordinator@bench.test")),
                       ("nss", User.objects.get(email="bench.nss@bench.test"))):
        session = store()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash()})
        session.create()
        keys[role] = session.session_key
    print(f"founder: {founder.email} of project {project.pk} ({project.n} members)")
    return keys, {"project": project.pk}


def cluster(command: str, database: str, nodes: int, workers: int, *, beat: bool = False) -> None:
    env = {**os.environ, "CLUSTER_DIR": str(ROOT / "var" / "cluster-bench"), "CLUSTER_SETUP": "0",
           "CLUSTER_BEAT": "1" if beat else "0",
           "CLUSTER_PORT": str(PORT), "CLUSTER_NODE_PORTS": ",".join(map(str, NODE_PORTS[:nodes])),
           "CLUSTER_S3_PORT": str(S3_PORT), "CLUSTER_NODE_WORKERS": str(workers),
           "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}", "REDIS_URL": REDIS_URL,
           "CLUSTER_WEB_DJANGO_SETTINGS_MODULE": "bench.cluster_settings", "GUNICORN_ACCESSLOG": "",
           "LOG_LEVEL": "ERROR"}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "cluster.py"), command], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="th_cluster_bench")
    parser.add_argument("--legacy", type=Path, help="folder of the legacy generator's output to import")
    parser.add_argument("--reuse", action="store_true", help="measure the already imported database")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per node")
    args = parser.parse_args()
    if not args.reuse:
        if not args.legacy:
            sys.exit("--legacy DIR (the generator's output) or --reuse")
        load(args.database, args.legacy)
    keys, ids = sessions(args.database)
    base = f"http://127.0.0.1:{PORT}"
    pages = [
        ("bare Django view (baseline)", "/bench/bare/", None),
        ("dashboard", "/dashboard/", "founder"),
        ("project page", f"/projects/{ids['project']}/", "founder"),
        ("TwinSpace home", f"/twinspace/{ids['project']}/", "founder"),
        ("partner search", "/teachers/?q=ahmet&country=TR", "founder"),
        ("validation queue (TR-06)", "/validation/", "coordinator"),
        ("NSS dashboard (TR)", "/nss/dashboard/", "nss"),
    ]
    results: dict[str, list[str]] = {name: [] for name, _url, _role in pages}
    load_before = os.getloadavg()
    for nodes in (1, 2):
        cluster("start", args.database, nodes, args.workers)
        try:
            for name, url, role in pages:
                rate, _p50, p99, bad = ab(base + url, keys.get(role), clients=args.clients, seconds=args.seconds)
                results[name].append(f"{rate:8.1f} {p99:6d}" + (f" ({bad} bad)" if bad else ""))
        finally:
            cluster("stop", args.database, nodes, args.workers)
    print(f"\nthrough nginx, {args.clients} clients, {args.seconds} s per page, {args.workers} sync workers per node, "
          f"{os.cpu_count()} CPU cores shared by everything; load average {load_before[0]:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end")
    print(f"{'page':30} {'1 node: req/s  p99 ms':>24} {'2 nodes: req/s  p99 ms':>26}")
    for name, cells in results.items():
        print(f"{name:30} {cells[0]:>24} {cells[1]:>26}")


if __name__ == "__main__":
    main()
