"""gunicorn settings of one TwinHub app node: `gunicorn -c deploy/gunicorn.conf.py twinhub.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so one file serves every node;
the systemd unit (deploy/systemd/twinhub-web@.service) and `make cluster` only set the address.
The node is stateless: sessions, cache and files live in PostgreSQL, Redis and the S3 bucket, so
nginx may send any request to any node and a node may die at any moment (decision 17)."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: Django's ORM is synchronous; (2 x cores) + 1 is gunicorn's own rule of thumb.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
# A request longer than this is killed (nginx gives up at the same time: proxy_read_timeout).
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle each worker after about this many requests: a slow leak never takes a node down. A new
# worker costs about 2 s of CPU (Django's start, then its first pages) and serves slowly meanwhile:
# at 2,000 a busy node spent a tenth of its time starting workers (decision 53).
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 1000)
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm" if os.path.isdir("/dev/shm") else None)
# nginx on the same host (or the addresses listed) may set X-Forwarded-For / -Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "twinhub-web")
pidfile = os.environ.get("GUNICORN_PIDFILE") or None

# One access-log line per request, carrying the request id nginx gave it (X-Request-ID), so a
# request can be followed from nginx's log to the node that served it.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
errorlog = os.environ.get("GUNICORN_ERRORLOG", "-")
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}i)s'


def child_exit(server, worker):
    """With PROMETHEUS_MULTIPROC_DIR (several workers answer /metrics in turn, their figures summed
    from that folder), a worker that exits or is recycled no longer counts in the live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
