#!/usr/bin/env python3
"""`make cluster` / `make cluster-stop`: the production topology on loopback (decision 17).

    nginx :8120 ─┬─> gunicorn node 1 :8121 ─┐
                 └─> gunicorn node 2 :8122 ─┼─> PostgreSQL, Redis (db 2), S3 server (moto :8125)
                     Celery worker, beat ───┘

    scripts/cluster.py start     start everything (idempotent: stops a previous run first)
    scripts/cluster.py stop      stop what `start` started, by the PIDs it wrote
    scripts/cluster.py status    which of them still run

Everything is written under CLUSTER_DIR (default var/cluster): the rendered nginx.conf, one PID
file and one log per process, static files, beat's schedule, each node's Prometheus folder
(PROMETHEUS_MULTIPROC_DIR: its workers' figures summed on /metrics). Settings, from the environment:

    CLUSTER_DIR            var/cluster
    CLUSTER_PORT           8120          nginx (the address to open)
    CLUSTER_NODE_PORTS     8121,8122     one gunicorn node per port
    CLUSTER_NODE_WORKERS   2             gunicorn workers per node
    CLUSTER_S3_PORT        8125          moto's S3 server (unless TWINHUB_S3_ENDPOINT_URL names one)
    CLUSTER_SETUP          1             create the database if missing, migrate, seed the demo
    CLUSTER_BEAT           1             start Celery beat
    TWINHUB_STATIC_ROOT    CLUSTER_DIR/static   collected static files (collected again only when
                                                 a file under twinhub/ is newer than the last run)
    DATABASE_URL           postgres://postgres@127.0.0.1:5432/th_cluster
    REDIS_URL              redis://127.0.0.1:6379/2   (its database is emptied at start)
    CLUSTER_WEB_<NAME>, CLUSTER_WORKER_<NAME>   <NAME> given only to the web nodes / the worker

Any other variable (EMAIL_*, TWINHUB_*, …) reaches every process as it is.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DIR = Path(os.environ.get("CLUSTER_DIR", ROOT / "var" / "cluster")).resolve()
PORT = int(os.environ.get("CLUSTER_PORT", "8120"))
NODE_PORTS = [int(p) for p in os.environ.get("CLUSTER_NODE_PORTS", "8121,8122").split(",") if p.strip()]
S3_PORT = int(os.environ.get("CLUSTER_S3_PORT", "8125"))
BUCKET = os.environ.get("TWINHUB_S3_BUCKET", "twinhub-cluster")
STATIC = Path(os.environ.get("TWINHUB_STATIC_ROOT", DIR / "static")).resolve()
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def base_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("CLUSTER_WEB_", "CLUSTER_WORKER_"))}
    s3_endpoint = os.environ.get("TWINHUB_S3_ENDPOINT_URL") or f"http://127.0.0.1:{S3_PORT}"
    env.update({
        "DJANGO_SETTINGS_MODULE": "twinhub.settings",
        # Production settings, except what needs HTTPS (secure cookies, redirects): it is loopback.
        "TWINHUB_DEV": "1", "DEBUG": env.get("DEBUG", "0"),
        "SECRET_KEY": env.get("SECRET_KEY", "cluster-on-loopback-only-not-a-secret"),
        "TWINHUB_VAR_DIR": str(DIR),
        "TWINHUB_STATIC_ROOT": str(STATIC),
        "DATABASE_URL": env.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/th_cluster"),
        "REDIS_URL": env.get("REDIS_URL", "redis://127.0.0.1:6379/2"),
        "TWINHUB_S3_BUCKET": BUCKET, "TWINHUB_S3_ENDPOINT_URL": s3_endpoint,
        "TWINHUB_S3_REGION": env.get("TWINHUB_S3_REGION", "us-east-1"),
        "TWINHUB_S3_ADDRESSING_STYLE": "path",
        "AWS_ACCESS_KEY_ID": env.get("AWS_ACCESS_KEY_ID", "cluster"),
        "AWS_SECRET_ACCESS_KEY": env.get("AWS_SECRET_ACCESS_KEY", "cluster"),
        "SITE_URL": env.get("SITE_URL", f"http://127.0.0.1:{PORT}"),
        "BEHIND_PROXY": "1",
    })
    return env


def role_env(env: dict[str, str], prefix: str) -> dict[str, str]:
    extra = {key[len(prefix):]: value for key, value in os.environ.items() if key.startswith(prefix)}
    return {**env, **extra}


def pid_file(name: str) -> Path:
    return DIR / "pids" / f"{name}.pid"


def spawn(name: str, argv: list[str], env: dict[str, str]) -> int:
    (DIR / "logs").mkdir(parents=True, exist_ok=True)
    (DIR / "pids").mkdir(parents=True, exist_ok=True)
    log = open(DIR / "logs" / f"{name}.log", "ab")  # noqa: SIM115 (the child keeps it open)
    process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    pid_file(name).write_text(str(process.pid))
    return process.pid


def wait_for_port(port: int, name: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if not alive(name):
                sys.exit(f"{name} exited; see {DIR / 'logs' / (name + '.log')}")
            time.sleep(0.1)
    sys.exit(f"{name} does not listen on 127.0.0.1:{port} after {timeout} s")


def alive(name: str) -> bool:
    try:
        pid = int(pid_file(name).read_text())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return False
    # A child that exited but was not reaped is not alive.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return True
    return state != "Z"


def twinhub(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "twinhub"), *args], env=env, cwd=ROOT, check=True)


def create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres", query="").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def static_is_stale() -> bool:
    manifest = STATIC / "staticfiles.json"
    if not manifest.exists():
        return True
    collected = manifest.stat().st_mtime
    return any(path.stat().st_mtime > collected for path in (ROOT / "twinhub").glob("**/static/**/*"))


def nginx_conf() -> str:
    deploy = ROOT / "deploy" / "nginx"
    user = "user root;\n" if os.geteuid() == 0 else ""  # root's nginx would run its workers as nobody
    nodes = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in NODE_PORTS)
    return f"""# Rendered by scripts/cluster.py; the production file is deploy/nginx/twinhub.conf.
{user}daemon off;
worker_processes 1;
pid {DIR}/nginx.pid;
error_log {DIR}/logs/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {DIR}/nginx-tmp/body;
    proxy_temp_path {DIR}/nginx-tmp/proxy;
    fastcgi_temp_path {DIR}/nginx-tmp/fastcgi;
    uwsgi_temp_path {DIR}/nginx-tmp/uwsgi;
    scgi_temp_path {DIR}/nginx-tmp/scgi;
    include {deploy}/twinhub-common.conf;
    access_log {DIR}/logs/nginx-access.log twinhub;
    upstream twinhub_app {{
        least_conn;
{nodes}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{PORT};
        client_max_body_size 110m;
        location /static/ {{
            alias {STATIC}/;
            expires 1y;
            add_header Cache-Control "public, immutable";
            access_log off;
        }}
        location / {{
            include {deploy}/twinhub-proxy.conf;
            proxy_set_header Host $host:$server_port;
        }}
    }}
}}
"""


def start() -> None:
    stop(quiet=True)
    if not Path(NGINX).exists():
        sys.exit("nginx is missing: run scripts/system-deps.sh cluster")
    env = base_env()
    DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "flushdb"], check=True, stdout=subprocess.DEVNULL)
    if not os.environ.get("TWINHUB_S3_ENDPOINT_URL"):
        spawn("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(S3_PORT)], env)
        wait_for_port(S3_PORT, "s3")
        import boto3

        boto3.client("s3", endpoint_url=env["TWINHUB_S3_ENDPOINT_URL"], region_name=env["TWINHUB_S3_REGION"],
                     aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                     aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"]).create_bucket(Bucket=BUCKET)
    if os.environ.get("CLUSTER_SETUP", "1") == "1":
        create_database(env["DATABASE_URL"])
        twinhub("migrate", "-v0", env=env)
        twinhub("demo", env=env)
    if static_is_stale():
        twinhub("collectstatic", "--noinput", "-v0", env=env)
    web = role_env(env, "CLUSTER_WEB_")
    for number, port in enumerate(NODE_PORTS, start=1):
        # Each node's workers sum their Prometheus figures in a folder of its own, empty at start.
        metrics = DIR / "metrics" / f"node{number}"
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir(parents=True)
        spawn(f"node{number}", [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                                "twinhub.wsgi"],
              {**web, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_PROC_NAME": f"twinhub-node{number}",
               "GUNICORN_WORKERS": os.environ.get("CLUSTER_NODE_WORKERS", "2"),
               "PROMETHEUS_MULTIPROC_DIR": str(metrics)})
    worker = role_env(env, "CLUSTER_WORKER_")
    spawn("worker", [str(BIN / "celery"), "-A", "twinhub", "worker", "--loglevel=INFO", "--concurrency=2",
                     "--hostname=worker@cluster"], worker)
    if os.environ.get("CLUSTER_BEAT", "1") == "1":
        spawn("beat", [str(BIN / "celery"), "-A", "twinhub", "beat", "--loglevel=INFO",
                       f"--schedule={DIR / 'celerybeat-schedule'}"], worker)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (DIR / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    (DIR / "nginx.conf").write_text(nginx_conf())
    subprocess.run([NGINX, "-t", "-q", "-p", str(DIR), "-c", str(DIR / "nginx.conf"),
                    "-e", str(DIR / "logs" / "nginx-error.log")], check=True)
    spawn("nginx", [NGINX, "-p", str(DIR), "-c", str(DIR / "nginx.conf"), "-e",
                    str(DIR / "logs" / "nginx-error.log")], env)
    for number, port in enumerate(NODE_PORTS, start=1):
        wait_for_port(port, f"node{number}")
    wait_for_port(PORT, "nginx")
    print(f"TwinHub cluster on http://127.0.0.1:{PORT}/ (nodes {', '.join(map(str, NODE_PORTS))}); "
          f"logs in {DIR / 'logs'}; stop with `make cluster-stop`")


def names() -> list[str]:
    folder = DIR / "pids"
    return sorted(p.stem for p in folder.glob("*.pid")) if folder.is_dir() else []


def stop(quiet: bool = False) -> None:
    """SIGTERM to each started process group (gunicorn and celery finish their work), then SIGKILL
    to whatever still runs after 15 s."""
    running = {}
    for name in names():
        pid = int(pid_file(name).read_text())
        if alive(name):
            try:
                os.killpg(pid, signal.SIGTERM)
                running[name] = pid
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + 15
    while running and time.monotonic() < deadline:
        running = {name: pid for name, pid in running.items() if alive(name)}
        time.sleep(0.1)
    for pid in running.values():
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for name in names():
        pid_file(name).unlink()
    if not quiet:
        print("TwinHub cluster stopped")


def status() -> None:
    for name in names():
        print(f"{name:8} {'running' if alive(name) else 'stopped'} (pid {pid_file(name).read_text()})")


if __name__ == "__main__":
    {"start": start, "stop": stop, "status": status}[sys.argv[1] if len(sys.argv) > 1 else "status"]()
