"""A soak of the cluster with locust: --users simulated teachers, coordinators and pupils
(bench/locustfile.py) for --minutes, through nginx and two app nodes, a Celery worker and beat, on
the database bench/cluster.py imported from the legacy generator.

    .venv/bin/pip install 'locust>=2.20'                     # or: pip install -e '.[bench]'
    .venv/bin/python bench/cluster.py --legacy /tmp/legacy-025   # once: imports th_cluster_bench
    .venv/bin/python bench/soak.py --users 50 --minutes 10

Prints locust's figures per page (requests, errors, p50/p95/p99 ms) and the Celery queue's depth
sampled every 5 s (its maximum and its last value: bounded means it comes back down). Asserts nothing."""

import argparse
import csv
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster import PORT, ROOT, cluster  # noqa: E402  (bench/cluster.py, beside this file)

BIN = Path(sys.executable).parent


def prepare(database: str, out: Path) -> None:
    """Sessions of the founders of the 40 largest projects, of three coordinators, and pupil codes."""
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
    from django.test import Client

    from twinhub.accounts.models import User
    from twinhub.core.errors import ApplicationError
    from twinhub.projects.models import Project
    from twinhub.twinspace import services

    store = import_module(settings.SESSION_ENGINE).SessionStore

    def session_of(user) -> str:
        session = store()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash()})
        session.create()
        return session.session_key

    data = {"teachers": [], "coordinators": [], "pupils": []}
    projects = Project.objects.annotate(n=Count("members")).filter(founder__isnull=False).order_by("-n", "id")[:200]
    for project in projects:
        if len(data["teachers"]) == 40:
            break
        founder = project.founder
        if not founder.is_active:
            User.objects.filter(pk=founder.pk).update(is_active=True)
            founder.refresh_from_db()
        browser = Client()
        browser.force_login(founder)
        posted = browser.post(f"/twinspace/{project.pk}/forum/", {"title": "Soak", "body_html": "<p>Hi</p>"})
        if posted.status_code != 302:
            continue  # a TwinSpace that is archived or closed (most old projects): read-only, not this journey
        data["teachers"].append({"session": session_of(founder), "project": project.pk})
        if len(data["pupils"]) < 20:
            try:
                _pupil, code = services.pupil_create(project_id=project.pk, alias=f"Soak {time.time_ns()}", user=founder)
            except ApplicationError as refusal:
                print(f"no pupil in project {project.pk}: {refusal}")
                continue
            pupil = Client()
            if (pupil.post("/twinspace/pupils/login/", {"code": code}).status_code == 302
                    and pupil.get(f"/twinspace/{project.pk}/materials/").status_code == 200):
                data["pupils"].append({"code": code, "project": project.pk})
    for region in ("TR-06", "TR-34", "TR-35"):
        email = f"soak.{region.lower()}@bench.test"
        call_command("create_account", email, country="TR", region=region, role="coordinator",
                     password="bench-password", stdout=open(os.devnull, "w"))  # noqa: SIM115
        data["coordinators"].append(session_of(User.objects.get(email=email)))
    out.write_text(json.dumps(data))
    print(f"{len(data['teachers'])} teachers, {len(data['coordinators'])} coordinators, {len(data['pupils'])} pupils")


def warm_up(data: dict) -> None:
    """Each worker's first render of a page compiles its templates: not what the soak measures."""
    import urllib.request

    teacher = data["teachers"][0]
    pages = ["/dashboard/", f"/projects/{teacher['project']}/", f"/twinspace/{teacher['project']}/",
             "/teachers/?q=ahmet", "/notifications/", f"/twinspace/{teacher['project']}/forum/", "/coordinators/"]
    for _ in range(8):
        for page in pages:
            request = urllib.request.Request(f"http://127.0.0.1:{PORT}{page}",
                                             headers={"Cookie": f"sessionid={teacher['session']}"})
            urllib.request.urlopen(request, timeout=60).read()


def sample_queue(samples: list[int], stop: threading.Event) -> None:
    while not stop.wait(5):
        done = subprocess.run(["redis-cli", "-n", "2", "llen", "twinhub"], capture_output=True, text=True)
        samples.append(int(done.stdout.strip() or 0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="th_cluster_bench")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per node")
    args = parser.parse_args()
    data = Path("/tmp/twinhub-soak-data.json")
    prepare(args.database, data)
    results = Path("/tmp/twinhub-soak")
    samples: list[int] = []
    stop = threading.Event()
    cluster("start", args.database, 2, args.workers, beat=True)
    warm_up(json.loads(data.read_text()))
    sampler = threading.Thread(target=sample_queue, args=(samples, stop), daemon=True)
    sampler.start()
    try:
        subprocess.run([str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                        "-u", str(args.users), "-r", "5", "-t", f"{int(args.minutes * 60)}s",
                        "--host", f"http://127.0.0.1:{PORT}", "--csv", str(results), "--only-summary",
                        "--loglevel", "WARNING"], env={**os.environ, "SOAK_DATA": str(data)}, check=False)
    finally:
        stop.set()
        cluster("stop", args.database, 2, args.workers)
    print(f"\n{args.users} users, {args.minutes:g} min, through nginx and 2 nodes of {args.workers} workers")
    print(f"{'page':32} {'requests':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    with open(f"{results}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            print(f"{row['Name'][:32]:32} {row['Request Count']:>9} {row['Failure Count']:>7} "
                  f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}")
    if samples:
        print(f"Celery queue depth (every 5 s, {len(samples)} samples): max {max(samples)}, last {samples[-1]}")


if __name__ == "__main__":
    main()
