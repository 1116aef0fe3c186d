"""Settings, all from environment variables.

Production is the default: DEBUG is off and SECRET_KEY must be given. `TWINHUB_DEV=1`
(set by `make run` and the tests) switches to development mode: DEBUG on, a local secret,
console email, SQLite under var/.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("TWINHUB_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV = env_bool("TWINHUB_DEV")
DEBUG = env_bool("DEBUG", DEV)

if DEV:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
else:
    SECRET_KEY = os.environ["SECRET_KEY"]  # production refuses to start without one

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEV else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# ux (issue 13): the name e-mails and pages give the platform (allauth's mails call it the site).
PLATFORM_NAME = os.environ.get("PLATFORM_NAME", "TwinHub")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django_htmx",
    # ux (issue 13): with ninja installed as an app, the API docs page uses Swagger UI from the
    # project's own static files (django-ninja ships them) instead of a CDN.
    "ninja",
    "axes",  # log-in lock-out (security, decision 19)
    "csp",  # Content-Security-Policy (security, decision 20)
    "twinhub.core",
    # Before allauth: the portal's base layout also frames allauth's pages (allauth/layouts/base.html).
    "twinhub.portal",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "twinhub.geography",
    "twinhub.accounts",
    "twinhub.staff",
    "twinhub.schools",
    "twinhub.contacts",
    "twinhub.projects",
    "twinhub.twinspace",
    "twinhub.labels",
    "twinhub.legacy",
    "twinhub.helpcentre",
    # Networking: events, certificates of participation, the project gallery and kits (issue 15).
    "twinhub.events",
    "twinhub.groups",  # groups: Groups, partner finding, moderation
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # security (decision 20)
    "twinhub.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "twinhub.core.htmx.WholePageErrorsMiddleware",  # an error page for HTMX replaces the page (decision 36)
    "allauth.account.middleware.AccountMiddleware",
    # security (decision 19): rate limits by URL name, then axes's lock-out page (last, as axes asks).
    "twinhub.core.ratelimits.RateLimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

if os.environ.get("DATABASE_REPLICA_URL"):  # cluster: read-your-own-write (decision 18)
    MIDDLEWARE.append("twinhub.core.replica.PinToPrimaryMiddleware")

# ops (decision 16): Prometheus metrics (/metrics: latency per view) measure everything else, and each
# request gets its id (X-Request-ID) before anything logs.
INSTALLED_APPS.append("django_prometheus")
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "twinhub.core.requestid.RequestIdMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "twinhub.urls"
WSGI_APPLICATION = "twinhub.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "twinhub.portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'twinhub.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # cluster: a persistent connection the database dropped (restart, fail-over,
        # pg_terminate_backend) is replaced at the start of the next request instead of failing it.
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}

# --- Read replica: cluster (decision 18) -------------------------------------------------------
# With DATABASE_REPLICA_URL, read-only pages (partner search, directories, dashboards) read from a
# streaming replica; writes, transactions and a browser that wrote in the last
# DATABASE_REPLICA_PIN_SECONDS stay on the primary (twinhub/core/replica.py).
DATABASE_ROUTERS = ["twinhub.core.replica.ReplicaRouter"]
REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=DATABASES["default"]["CONN_HEALTH_CHECKS"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests never create a database on it
# PostgreSQL's parallel query for the web's connections: DB_PARALLEL_WORKERS_PER_QUERY sets the
# server's max_parallel_workers_per_gather for them. The web entry point (wsgi.py) defaults it to 0:
# a page's query reads a few thousand rows at most, and starting two worker processes for it cost
# the validation queue 22 ms and three processes where one process takes 5 ms (decision 47). Batch
# work (the import, the workers' aggregates) keeps the server's setting.
if os.environ.get("DB_PARALLEL_WORKERS_PER_QUERY", "").isdigit():
    for _database in DATABASES.values():  # the primary and its replica
        if _database["ENGINE"].endswith("postgresql"):
            _database.setdefault("OPTIONS", {})["options"] = (
                f"-c max_parallel_workers_per_gather={int(os.environ['DB_PARALLEL_WORKERS_PER_QUERY'])}")
# PostgreSQL plans each statement once per connection, not on every request (decision 57): the
# parameters travel apart from the SQL (server-side binding), and a statement run PREPARE_THRESHOLD
# times on a connection is prepared there. Planning was most of the database's CPU on the main pages.
if env_bool("DB_SERVER_SIDE_BINDING", False):
    for _database in DATABASES.values():
        if _database["ENGINE"].endswith("postgresql"):
            _database.setdefault("OPTIONS", {}).update(
                server_side_binding=True, prepare_threshold=int(os.environ.get("DB_PREPARE_THRESHOLD", "2")))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several requests may write at once (the demo, the browser tests): wait, don't fail. A
    # transaction takes the write lock when it begins (IMMEDIATE), so two writers queue on the busy
    # timeout instead of one failing with "database is locked" when it upgrades a read (issue 12).
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out address and client (decision 19)
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# --- Identity: django-allauth -------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 5
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PLATFORM_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEV else "https"
# shell (issue 13): portal completes the adapter with the roles (staff land on their home).
ACCOUNT_ADAPTER = "twinhub.portal.adapters.AccountAdapter"
# allauth's own limits are off: its "login_failed" limit per address let anyone lock anyone out
# (issue 12). Rate limits and lock-outs are one table below (RATE_LIMITS, AXES_*).
ACCOUNT_RATE_LIMITS = False
SOCIALACCOUNT_ADAPTER = "twinhub.accounts.adapters.SocialAccountAdapter"
# migration: addresses typed in any case and with Turkish letters (decision 0025).
ACCOUNT_FORMS = {"login": "twinhub.accounts.forms.LoginForm", "signup": "twinhub.accounts.forms.SignupForm",
                 "reset_password": "twinhub.accounts.forms.ResetPasswordForm"}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_ONLY = False

# "Log in with EU Login": any OpenID Connect issuer named by OIDC_ISSUER.
def oidc_providers(*, issuer: str, client_id: str, secret: str, name: str = "EU Login",
                   token_auth_method: str = "client_secret_basic") -> dict:
    """allauth's configuration for one OpenID Connect issuer (the tests reuse it)."""
    if not issuer:
        return {}
    return {"openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [{
            "provider_id": "eulogin",
            "name": name,
            "client_id": client_id,
            "secret": secret,
            "settings": {"server_url": issuer.rstrip("/"), "token_auth_method": token_auth_method},
        }],
    }}


SOCIALACCOUNT_PROVIDERS = oidc_providers(
    issuer=os.environ.get("OIDC_ISSUER", ""), client_id=os.environ.get("OIDC_CLIENT_ID", ""),
    secret=os.environ.get("OIDC_CLIENT_SECRET", ""), name=os.environ.get("OIDC_PROVIDER_NAME", "EU Login"),
    token_auth_method=os.environ.get("OIDC_TOKEN_AUTH_METHOD", "client_secret_basic"))

# --- Email ------------------------------------------------------------------
# Every e-mail goes through the outbox (ops, decision 15): a row written in the sender's transaction,
# delivered after the commit by a task through EMAIL_DELIVERY_BACKEND (the `EMAIL_BACKEND` variable).
EMAIL_BACKEND = "twinhub.core.outbox.OutboxBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEV else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "TwinHub <no-reply@twinhub.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages ----------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("tr", _("Turkish"))]
USE_I18N = True
# twinhub/api is not an app (no models): its catalogue is found through LOCALE_PATHS.
LOCALE_PATHS = [BASE_DIR / "api" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Istanbul")
USE_TZ = True

# --- Static files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("TWINHUB_STATIC_ROOT", VAR_DIR / "static"))  # cluster: nginx serves it
STATICFILES_DIRS = [BASE_DIR / "static"]  # the shared stylesheet and vendored htmx (not an app)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# --- Security (production defaults; development relaxes them) -------------------
SESSION_COOKIE_SECURE = not DEV
CSRF_COOKIE_SECURE = not DEV
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEV)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEV else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEV
SECURE_HSTS_PRELOAD = not DEV
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# ux (issue 13): a refused form token shows the platform's own 403 page.
CSRF_FAILURE_VIEW = "twinhub.portal.error_pages.csrf_failure"

# ops (decision 16): one JSON object per line in production (LOG_FORMAT=json, the default without
# TWINHUB_DEV), plain text in development; every line carries the request id (or the task's).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEV else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "twinhub.core.requestid.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "pythonjsonlogger.json.JsonFormatter",
                 "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
                 "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"}},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": "json" if LOG_FORMAT == "json" else "text"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Background work (Celery) and the shared cache: ops (decision 14) --------------------------
# One Redis serves as Celery's broker and as the shared cache. Without a broker every task runs
# in the process that asks for it, after the transaction commits (make run, the tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_TASK_IGNORE_RESULT = True  # progress and outcomes are kept in tables (outbox, exports, imports)
CELERY_TASK_DEFAULT_QUEUE = "twinhub"
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long tasks (imports, exports) do not hold others back
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker logs through LOGGING, like the web
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task unacknowledged this long (its worker died) is given to another worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "7200"))}
# A broker that is away makes the request wait at most about a second before giving up.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
CELERY_BEAT_SCHEDULER = "twinhub.core.tasks:BeatScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = os.environ.get("TIME_ZONE", "Europe/Istanbul")

# --- Shared cache and sessions: ops (decision 16) ------------------------------------------------
# Redis when REDIS_URL is set (every app server sees the same cache, sessions and counters); memory
# of the process otherwise (make run, the tests). Sessions are written to the database and read
# through the cache.
CACHES = {
    "default": {"BACKEND": "twinhub.core.redis_cache.RedisCache", "LOCATION": REDIS_URL,
                "KEY_PREFIX": "twinhub", "TIMEOUT": 300}
    if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 300},
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Quality labels ---------------------------------------------------------------
# The European Quality Label selection: each NSS may nominate this share (%) of its country's
# National Quality Label projects, each with at least this average score.
LABELS_EQL_NOMINATION_SHARE = int(os.environ.get("LABELS_EQL_NOMINATION_SHARE", "25"))
LABELS_EQL_MIN_AVERAGE = int(os.environ.get("LABELS_EQL_MIN_AVERAGE", "20"))

# --- Importing the old platform ------------------------------------------------------
# Lines of an export file committed per transaction by `twinhub import-legacy` (with the file's
# checkpoint): larger is faster, smaller loses less work to a crash.
LEGACY_IMPORT_BATCH = int(os.environ.get("TWINHUB_LEGACY_BATCH", "5000"))
# On PostgreSQL, drop the secondary indexes of the big tables while their file is imported and
# build them once at its end (decision 0034); "0" keeps them (e.g. a later phase on a busy platform).
LEGACY_IMPORT_DEFER_INDEXES = os.environ.get("TWINHUB_LEGACY_DEFER_INDEXES", "1") != "0"

# --- TwinSpace uploads and storage ------------------------------------------------
# Per-file limits by kind (as on the eTwinning platform) and each project's total storage.
TWINSPACE_MAX_IMAGE_BYTES = int(os.environ.get("TWINSPACE_MAX_IMAGE_BYTES", 10 * 1024 * 1024))
TWINSPACE_MAX_VIDEO_BYTES = int(os.environ.get("TWINSPACE_MAX_VIDEO_BYTES", 100 * 1024 * 1024))
TWINSPACE_MAX_FILE_BYTES = int(os.environ.get("TWINSPACE_MAX_FILE_BYTES", 100 * 1024 * 1024))
# Pixels of an uploaded image (decoded before its thumbnail is made): 50 million is a large camera photo.
TWINSPACE_MAX_IMAGE_PIXELS = int(os.environ.get("TWINSPACE_MAX_IMAGE_PIXELS", 50_000_000))
TWINSPACE_PROJECT_QUOTA_BYTES = int(os.environ.get("TWINSPACE_PROJECT_QUOTA_BYTES", 2 * 1024 * 1024 * 1024))

# --- Files: uploads in an S3-compatible bucket; private files (cluster, decision 17) -------------
# Several app nodes share uploads through an S3-compatible bucket (MinIO, Ceph RGW, AWS S3, …):
# TWINHUB_S3_BUCKET and the variables below; `pip install 'twinhub[s3]'`. Credentials come from
# boto3's usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance role).
def s3_storage(*, bucket: str, endpoint_url: str = "", region: str = "", addressing_style: str = "",
               url_seconds: int = 300) -> dict:
    """django-storages' S3 backend for private files: every object private, every URL signed and
    short-lived (the tests reuse it against a local S3 server)."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "addressing_style": addressing_style or None,  # "path" for MinIO/Ceph without DNS names
            "signature_version": "s3v4",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": url_seconds,
            "file_overwrite": False,
        },
    }


# How a private file (TwinSpace materials and their thumbnails) reaches a browser after the
# permission check: "stream" through the app node; "signed": a redirect to a signed bucket URL
# valid PRIVATE_FILE_URL_SECONDS (S3 only; the node is not held by a large download); "accel":
# nginx sends the file from MEDIA_ROOT (X-Accel-Redirect; one server, files on its disk).
PRIVATE_FILE_URL_SECONDS = int(os.environ.get("TWINHUB_S3_URL_SECONDS", "300"))
PRIVATE_FILES_DELIVERY = os.environ.get("TWINHUB_PRIVATE_FILES", "stream")
if os.environ.get("TWINHUB_S3_BUCKET"):
    STORAGES["default"] = s3_storage(
        bucket=os.environ["TWINHUB_S3_BUCKET"], endpoint_url=os.environ.get("TWINHUB_S3_ENDPOINT_URL", ""),
        region=os.environ.get("TWINHUB_S3_REGION", ""),
        addressing_style=os.environ.get("TWINHUB_S3_ADDRESSING_STYLE", ""), url_seconds=PRIVATE_FILE_URL_SECONDS)

# --- Rate limits and log-in lock-outs: security (issue 11, issue 12, decision 19) ----------------
# Counters live in the default cache (Redis when REDIS_URL is set: shared by every app server).
# POSTs to these URL names are limited per key (twinhub/core/ratelimits.py): `ip`, `user` (the
# account or API token), `post:<field>`. A limited request gets 429 with Retry-After.
# `name?kwarg=value` limits only the requests whose URL has that value (one action of a URL that takes
# several). An API path with several operations is named after its first one (django-ninja): only its
# POST is counted, e.g. `api:partner_posts_list` is the POST that publishes a partner-finding post.
RATE_LIMITS = {
    "account_login": [("ip", "60/h")],  # wrong passwords per address and client: axes, below
    "account_signup": [("ip", "10/h")],
    "account_reset_password": [("ip", "10/h"), ("post:email", "3/h")],
    "account_email": [("user", "10/h")],  # add an address, resend its verification
    "api:me_emails_add": [("user", "10/h")],
    "legacy_claim": [("user", "10/h")],
    "twinspace_pupil_login": [("ip", "20/10m")],  # pupil codes
    "contact_request_create": [("user", "30/h")],
    "api:contact_requests_create": [("user", "30/h")],
    "mailbox_thread": [("user", "120/h")],
    "api:mailbox_thread": [("user", "120/h")],
    "support_new": [("user", "10/h")],
    "api:support_create": [("user", "10/h")],
    # The networking areas: group threads and replies, partner-finding posts, their answers and the
    # conversations they open, event registration, reports to moderators.
    "group_thread_new": [("user", "20/h")],
    "api:groups_threads": [("user", "20/h")],
    "group_thread": [("user", "120/h")],  # a reply
    "api:groups_thread_posts": [("user", "120/h")],
    "partner_post_new": [("user", "10/h")],
    "api:partner_posts_list": [("user", "10/h")],
    "partner_post": [("user", "30/h")],  # an answer (and perhaps a contact request)
    "api:partner_posts_answer": [("user", "30/h")],
    "partner_answer": [("user", "120/h")],  # a message in an answer's conversation
    "api:partner_answers_message": [("user", "120/h")],
    "event_action?action=register": [("user", "30/h")],
    "api:registration_create": [("user", "30/h")],
    "report": [("user", "20/h")],
    "api:reports_create": [("user", "20/h")],
}
# Every call with an API token, per token.
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "600/m")
RATELIMIT_USE_CACHE = "default"
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = "twinhub.accounts.lockout.cool_off"  # 5 min, doubling per lock-out, at most 2 h
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "twinhub.accounts.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "twinhub.core.ratelimits.client_ip"
AXES_LOCKOUT_CALLABLE = "twinhub.accounts.lockout.lockout_response"
AXES_VERBOSE = False
if not REDIS_URL:
    # One process (make run, tests): the local-memory cache counts correctly. Production with
    # several processes sets REDIS_URL.
    SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "axes.W001"]

# --- Content-Security-Policy and Permissions-Policy: security (issue 12, decision 20) ------------
# No inline script anywhere (behaviours are data-* attributes read by static/js/behaviours.js);
# htmx's one <style> carries the request's nonce (base.html's htmx-config). Style attributes stay
# allowed (style-src-attr): they cannot run code. User pages may show https images.
# Enforced in production; report-only in development (make run, tests), where Chromium still
# reports every violation (tests/e2e/test_csp.py fails on any).
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

_OIDC_ORIGIN = "/".join(os.environ.get("OIDC_ISSUER", "").split("/")[:3])
CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF, NONCE],
    "style-src-attr": [UNSAFE_INLINE],
    "img-src": [SELF, "data:", "https:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "object-src": [NONE],
    "base-uri": [NONE],
    "frame-ancestors": [NONE],
    # The log-in with EU Login posts here and is redirected to the issuer.
    "form-action": [SELF, *([_OIDC_ORIGIN] if _OIDC_ORIGIN else [])],
}
if DEV:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
    CONTENT_SECURITY_POLICY = None
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb"))
