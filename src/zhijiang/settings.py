"""Django settings, from environment variables only (see .env.example, docs/configuration.md)."""

from __future__ import annotations

import ipaddress
import os
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from zhijiang.env import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_path,
    env_str,
)
from zhijiang_engine.llm import LLMConfig

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = env_path("ZHIJIANG_VAR_DIR", PROJECT_DIR / "var")
# Built indexes kept between runs (title normalizer, jieba); safe to delete, rebuilt when missing.
CACHE_DIR = env_path("ZHIJIANG_CACHE_DIR", VAR_DIR / "cache")

DEVELOPMENT_SECRET_KEY = "django-insecure-zhijiang-local-development-only"
DEVELOPMENT_PII_HASH_KEY = "zhijiang-local-development-pii-key"

ENVIRONMENT = env_choice("ZHIJIANG_ENV", "development", {"development", "production"})
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_SECRET_KEY)
# Keyed hash for national ID numbers: lookups work, the raw number is never stored.
PII_HASH_KEY = env_str("PII_HASH_KEY", "" if PRODUCTION else DEVELOPMENT_PII_HASH_KEY)
# Encrypts issuers' private signing keys at rest; empty in development: derived from SECRET_KEY.
CREDENTIAL_KEY_SECRET = env_str("CREDENTIAL_KEY_SECRET", "")

if PRODUCTION:
    if DEBUG:
        raise ConfigurationError("ZHIJIANG_ENV=production refuses DEBUG=true")
    if len(SECRET_KEY) < 50 or SECRET_KEY == DEVELOPMENT_SECRET_KEY or "insecure" in SECRET_KEY:
        raise ConfigurationError(
            "ZHIJIANG_ENV=production needs SECRET_KEY: a random value of 50+ characters, "
            "not the development key"
        )
    if len(PII_HASH_KEY) < 32 or PII_HASH_KEY in {DEVELOPMENT_PII_HASH_KEY, SECRET_KEY}:
        raise ConfigurationError(
            "ZHIJIANG_ENV=production needs PII_HASH_KEY: a random value of 32+ characters, "
            "different from SECRET_KEY and from the development key"
        )
    if len(CREDENTIAL_KEY_SECRET) < 32 or CREDENTIAL_KEY_SECRET in {SECRET_KEY, PII_HASH_KEY}:
        raise ConfigurationError(
            "ZHIJIANG_ENV=production needs CREDENTIAL_KEY_SECRET: a random value of 32+ "
            "characters, different from SECRET_KEY and PII_HASH_KEY"
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigurationError(
        "ZHIJIANG_ENV=production needs ALLOWED_HOSTS, e.g. zhijiang.example.gov.cn"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
if TIME_ZONE not in zoneinfo.available_timezones():
    raise ConfigurationError(
        f"TIME_ZONE={TIME_ZONE!r} is not an IANA time zone such as Asia/Shanghai"
    )
USE_TZ = True

LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "zh-hans", {"zh-hans", "en"})
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True

_default_database = f"sqlite:///{VAR_DIR / 'zhijiang.sqlite3'}"
_database_url = env_str("DATABASE_URL", "" if PRODUCTION else _default_database)
if not _database_url:
    raise ConfigurationError(
        "ZHIJIANG_ENV=production needs DATABASE_URL, e.g. postgres://user@host/db"
    )
if not _database_url.startswith(("sqlite://", "postgres://", "postgresql://")):
    raise ConfigurationError(
        "DATABASE_URL must start with sqlite:// or postgres:// (got a different scheme)"
    )
try:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
except ValueError as error:
    raise ConfigurationError(f"DATABASE_URL cannot be parsed: {error}") from None
# Seconds to wait for PostgreSQL to accept a connection: while it is down, requests get a quick
# 503 (zhijiang.common.database_unavailable) instead of holding a worker.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3, minimum=1)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", DATABASE_CONNECT_TIMEOUT
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "ninja",
    "zhijiang.common",
    "zhijiang.accounts",
    "zhijiang.occupations",
    "zhijiang.training",
    "zhijiang.credentials",
    "zhijiang.assessment",
    "zhijiang.jobs",
    "zhijiang.careers",
    "zhijiang.analytics",
    "django_tasks",
    "django_tasks_db",
    "zhijiang.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zhijiang.common.database_unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhijiang.web.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "zhijiang.urls"
WSGI_APPLICATION = "zhijiang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhijiang.web.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["zhijiang.accounts.auth.UsernameOrPhoneBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed sign-ins for one account from one client address before that address waits (others
# still get in; see accounts/throttle.py), and the window the failures are counted in.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=1)
# Sign-ins with names of no account that are still given a (decoy) password hash, per window,
# site-wide; beyond it they are answered at once, so a flood of made-up names costs little.
LOGIN_UNKNOWN_NAME_LIMIT = env_int("LOGIN_UNKNOWN_NAME_LIMIT", 300, minimum=0)
# Password checks hashing at once in one server process, and how long a sign-in waits for a turn
# before it is answered 503 "busy, try again".
PASSWORD_HASH_CONCURRENCY = env_int("PASSWORD_HASH_CONCURRENCY", 2, minimum=1)
PASSWORD_HASH_WAIT_MS = env_int("PASSWORD_HASH_WAIT_MS", 500, minimum=0)
# API tokens stop working this many days after they were made.
API_TOKEN_MAX_AGE_DAYS = env_int("API_TOKEN_MAX_AGE_DAYS", 30, minimum=1)


def _proxy_networks(name: str) -> list[str]:
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(str(ipaddress.ip_network(item)))
        except ValueError:
            raise ConfigurationError(
                f"{name}: {item!r} is not an IP address or network such as 127.0.0.1 or 10.0.0.0/8"
            ) from None
    return networks


# Proxies in front of the platform whose X-Forwarded-For is believed: the client is the
# right-most address in it that is not one of them. Empty: the header is ignored (anyone can
# write it) and the client is the connecting address.
TRUSTED_PROXIES = _proxy_networks("TRUSTED_PROXIES")

# Request bodies above this size are refused with a clear error (forms and API).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 1_048_576, minimum=1024)

# `zhijiang serve`: server processes (gunicorn above 1; 1 runs waitress in one process) and
# threads in each (gunicorn's usual 2 x cores + 1 processes; see docs/operations.md).
WEB_WORKERS = env_int("WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1 if PRODUCTION else 1, minimum=1)
WEB_THREADS = env_int("WEB_THREADS", 4 if PRODUCTION else 8, minimum=1)
# Public pages (front page, job board, occupations, open courses) are kept this many seconds
# for visitors without a session, per language; 0 turns it off (the default in development).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 30 if PRODUCTION else 0, minimum=0)
# Per process: each server process keeps its own copy of the pages for PAGE_CACHE_SECONDS.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}

STATIC_URL = "static/"
# Only production collects static files; development serves them from the apps (WhiteNoise).
STATIC_ROOT = VAR_DIR / "static" if PRODUCTION else None
STORAGES = {
    # Uploads are written to a temporary file and linked into place: none is left half-written.
    "default": {"BACKEND": "zhijiang.common.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        if not TRUSTED_PROXIES:
            raise ConfigurationError(
                "BEHIND_TLS_PROXY=true needs TRUSTED_PROXIES, the proxy's address (e.g. "
                "127.0.0.1): otherwise every client seems to come from the proxy and sign-in "
                "throttling treats them all as one"
            )

# Every record is redacted as it is made (zhijiang.common.pii), whichever handler writes it.
LOGGING_CONFIG = "zhijiang.common.pii.configure_logging"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_pii": {"()": "zhijiang.common.pii.RedactPersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_pii"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    # fontTools logs every table of every font it subsets for a PDF at INFO.
    # The task queue logs every task's start and end at INFO; failures stay visible.
    "loggers": {
        # Django's own handlers (console in DEBUG, mail_admins, django.server) write records
        # unfiltered, and beside the root's: each 404 twice, once raw. Theirs go to the root.
        "django": {"handlers": [], "level": "NOTSET", "propagate": True},
        "django.server": {"handlers": [], "level": "NOTSET", "propagate": True},
        "fontTools": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}

SITE_NAME = _("Zhijiang digital-skills talent platform")
# Font with Chinese glyphs for PDF exports (.ttf/.otf/.ttc); empty: look in the usual places.
PDF_FONT = env_str("PDF_FONT", "")
# The address people reach the platform at: links in QR codes and PDFs, issuer and key ids of
# certificates, xAPI activity ids. `make run` sets it from HOST and PORT; production must name it.
PUBLIC_URL = env_str("PUBLIC_URL", "").rstrip("/") or (
    "" if PRODUCTION else "http://localhost:8000"
)
if not PUBLIC_URL:
    raise ConfigurationError(
        "ZHIJIANG_ENV=production needs PUBLIC_URL: the address people open the platform at, "
        "e.g. https://zhijiang.example.gov.cn (QR codes and certificates link to it)"
    )


def _is_public_address(url: str) -> bool:
    """http(s)://host[:port][/path], without a query or fragment: what links are built on."""
    parts = urlsplit(url)
    try:
        port_is_a_number = parts.port is None or parts.port > 0
    except ValueError:  # "http://host:port" or a port above 65535
        return False
    plain = not (parts.query or parts.fragment)
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and plain and port_is_a_number


if not _is_public_address(PUBLIC_URL):
    raise ConfigurationError(
        f"PUBLIC_URL={PUBLIC_URL!r} is not an address such as https://zhijiang.example.gov.cn "
        "or http://192.168.1.20:8000 (http:// or https://, a host, an optional port and path)"
    )

MEDIA_ROOT = VAR_DIR / "media"  # uploaded files (lesson attachments); back it up with the database

# Text generation through any OpenAI-compatible chat-completions endpoint (optional): without
# LLM_BASE_URL every feature works offline with deterministic generators.
try:
    LLM_CONFIG = LLMConfig.from_env(os.environ)
except ValueError as error:
    raise ConfigurationError(str(error)) from None

# Background work (django-tasks): "database" queues tasks in the database for `zhijiang db_worker`;
# "immediate" runs them at once in the caller (tests, small installations without a worker).
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASKS_BACKENDS[env_choice("TASKS_BACKEND", "database", set(TASKS_BACKENDS))]
    }
}

# Text messages (sign-up codes) through one adapter, zhijiang.common.sms: "console" logs each
# message with the number masked (the text too, outside production) and keeps it in memory;
# "aliyun" sends through Aliyun SMS (Dysmsapi SendSms) with an AccessKey and approved templates.
SMS_BACKEND = env_choice("SMS_BACKEND", "console", {"console", "aliyun"})
# The console texts no one (in production it does not even log the code): people signing up
# would wait for codes that never come. Refused there unless a deployment where no one signs
# up (a closed pilot whose accounts officers open, a load test) says so.
SMS_CONSOLE_IN_PRODUCTION = env_bool("SMS_CONSOLE_IN_PRODUCTION", default=False)
if PRODUCTION and SMS_BACKEND == "console" and not SMS_CONSOLE_IN_PRODUCTION:
    raise ConfigurationError(
        "ZHIJIANG_ENV=production needs SMS_BACKEND=aliyun (with its SMS_ALIYUN_* settings): "
        "SMS_BACKEND=console sends no text message, so no one could confirm a sign-up. Set "
        "SMS_CONSOLE_IN_PRODUCTION=true only where no one signs up (a closed pilot)"
    )
SMS_TIMEOUT_SECONDS = env_int("SMS_TIMEOUT_SECONDS", 5, minimum=1)
SMS_ALIYUN_ENDPOINT = env_str("SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
SMS_ALIYUN_REGION = env_str("SMS_ALIYUN_REGION", "cn-hangzhou")
SMS_ALIYUN_ACCESS_KEY_ID = env_str("SMS_ALIYUN_ACCESS_KEY_ID", "")
SMS_ALIYUN_ACCESS_KEY_SECRET = env_str("SMS_ALIYUN_ACCESS_KEY_SECRET", "")
SMS_ALIYUN_SIGN_NAME = env_str("SMS_ALIYUN_SIGN_NAME", "")
SMS_TEMPLATE_NAMES = ("sign_up_code", "account_exists")


def _sms_templates(name: str) -> dict[str, str]:
    """``sign_up_code=SMS_1234,account_exists=SMS_5678``: our template → Aliyun's code."""
    templates: dict[str, str] = {}
    for item in env_list(name, []):
        ours, _sep, theirs = item.partition("=")
        if ours.strip() not in SMS_TEMPLATE_NAMES or not theirs.strip():
            raise ConfigurationError(
                f"{name}: {item!r} is not TEMPLATE=CODE with TEMPLATE one of "
                f"{', '.join(SMS_TEMPLATE_NAMES)}"
            )
        templates[ours.strip()] = theirs.strip()
    return templates


SMS_ALIYUN_TEMPLATES = _sms_templates("SMS_ALIYUN_TEMPLATES")
if SMS_BACKEND == "aliyun":
    _missing = [
        variable
        for variable, value in (
            ("SMS_ALIYUN_ACCESS_KEY_ID", SMS_ALIYUN_ACCESS_KEY_ID),
            ("SMS_ALIYUN_ACCESS_KEY_SECRET", SMS_ALIYUN_ACCESS_KEY_SECRET),
            ("SMS_ALIYUN_SIGN_NAME", SMS_ALIYUN_SIGN_NAME),
        )
        if not value
    ] + [
        f"SMS_ALIYUN_TEMPLATES ({template}=…)"
        for template in SMS_TEMPLATE_NAMES
        if template not in SMS_ALIYUN_TEMPLATES
    ]
    if _missing:
        raise ConfigurationError("SMS_BACKEND=aliyun needs " + ", ".join(_missing))
    _sms_schemes = {"https"} if PRODUCTION else {"https", "http"}
    if urlsplit(SMS_ALIYUN_ENDPOINT).scheme not in _sms_schemes or not _is_public_address(
        SMS_ALIYUN_ENDPOINT
    ):
        raise ConfigurationError(
            f"SMS_ALIYUN_ENDPOINT={SMS_ALIYUN_ENDPOINT!r} is not an https:// address such as "
            "https://dysmsapi.aliyuncs.com/"
        )
