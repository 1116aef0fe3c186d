"""Real servers for the tests that need a process of their own: a gunicorn app node on the test
database (deploy/gunicorn.conf.py, as in production). Each is stopped by its PID when the test ends."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    """A loopback port nobody listens on now (the kernel's choice, so parallel tests never collide)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 30, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def database_url(application_name: str = "") -> str:
    """The test database as a DATABASE_URL, for a server process to share it."""
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    url = f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"{url}?application_name={application_name}" if application_name else url


def server_env(**overrides: str) -> dict[str, str]:
    """The environment of a server process: development mode on the test database."""
    env = {**os.environ, "TWINHUB_DEV": "1", "DATABASE_URL": database_url(), "LOG_LEVEL": "ERROR",
           "DJANGO_SETTINGS_MODULE": "twinhub.settings"}
    env.update(overrides)
    return env


def terminate_connections(application_name: str) -> int:
    """Drop every database connection opened under `application_name`, as a database restart or
    fail-over would; returns how many were dropped."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE application_name = %s AND pid <> pg_backend_pid()", [application_name])
        return cursor.fetchone()[0]


@contextlib.contextmanager
def gunicorn_node(*, env: dict[str, str], workers: int = 1, port: int | None = None) -> Iterator[str]:
    """A gunicorn app node on loopback; yields its base URL and stops it (by its PID) afterwards."""
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "twinhub.wsgi"],
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers),
             "GUNICORN_ACCESSLOG": "", "GUNICORN_LOGLEVEL": "warning"},
        cwd=ROOT, start_new_session=True)
    try:
        wait_for_port(port, process=process)
        yield f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


S3_BUCKET = "twinhub-test"


@contextlib.contextmanager
def s3_server(*, bucket: str = S3_BUCKET, port: int | None = None) -> Iterator[str]:
    """moto's standalone S3-compatible server on loopback with an empty private bucket; yields its
    endpoint URL. Clients need some AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (any value)."""
    import boto3

    port = port or free_port()
    process = subprocess.Popen([str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1",
                                "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_for_port(port, process=process)
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                     aws_secret_access_key="test").create_bucket(Bucket=bucket, ACL="private")
        yield endpoint
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


class Mailbox:
    """An SMTP server on loopback (aiosmtpd) keeping every message it accepts: `.messages` holds
    (recipients, parsed message) pairs; `.port` is where it listens."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list = []
        self._controller = Controller(self, hostname="127.0.0.1", port=free_port())
        self.port = self._controller.port

    async def handle_DATA(self, server, session, envelope):
        import email
        from email.policy import default

        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content, policy=default)))
        return "250 Message accepted for delivery"

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()
