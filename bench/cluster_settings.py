"""The production settings plus one bare view (`/bench/bare/`), the baseline of bench/cluster.py:
what a request costs through nginx, gunicorn and Django's middleware when the view does nothing."""

from twinhub.settings import *  # noqa: F403

ROOT_URLCONF = "bench.cluster_urls"
