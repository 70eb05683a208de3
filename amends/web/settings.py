"""Django settings for Amends, read from environment variables (see docs/configuration.md).

Every variable is parsed strictly: a value that cannot be read stops start-up with an error
that names the variable. Nothing here writes to disk; `amends serve` creates the data folder
and the secret key file before Django starts.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from amends.web.env import (
    data_dir,
    env_bool,
    env_choice,
    env_http_url,
    env_int,
    env_list,
    env_proxy_address,
    env_str,
    env_time_zone,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()
SECRET_KEY_FILE = DATA_DIR / "secret_key"

PRODUCTION = env_bool("AMENDS_PRODUCTION", False)
DEBUG = env_bool("AMENDS_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("AMENDS_DEBUG cannot be True when AMENDS_PRODUCTION is True.")


def _secret_key() -> str:
    configured = env_str("AMENDS_SECRET_KEY").strip()
    if configured:
        if PRODUCTION and len(configured) < 50:
            raise ImproperlyConfigured("AMENDS_SECRET_KEY must be at least 50 characters long.")
        return configured
    if SECRET_KEY_FILE.is_file():
        return SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
    if PRODUCTION:
        raise ImproperlyConfigured(
            "AMENDS_SECRET_KEY must be set when AMENDS_PRODUCTION is True "
            "(or run `amends serve` once to create one in the data folder)."
        )
    # Not serving (tests, one-off commands): a throwaway key is enough.
    return secrets.token_urlsafe(64)


SECRET_KEY = _secret_key()

if PRODUCTION:
    ALLOWED_HOSTS = env_list("AMENDS_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "AMENDS_ALLOWED_HOSTS must list the host names Amends answers to "
            "(comma-separated) when AMENDS_PRODUCTION is True."
        )
else:
    ALLOWED_HOSTS = env_list("AMENDS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

REGISTRATION_OPEN = env_bool("AMENDS_REGISTRATION_OPEN", True)
# Where the quick-exit control leaves to (after ending the session). A plain, busy page.
QUICK_EXIT_URL = env_http_url("AMENDS_QUICK_EXIT_URL", "https://www.google.com/search?q=weather")
INVITATION_TTL_DAYS = env_int("AMENDS_INVITATION_TTL_DAYS", 14, minimum=1)

INSTALLED_APPS = [
    # Ours first, so our registration/ templates win over the admin's.
    "amends.web",
    "amends.accounts",
    "amends.repairs",
    "amends.apology",
    "amends.journey",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "ninja",  # so /api/v1/docs serves its bundled Swagger files, not a CDN's
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "amends.web.middleware.NoStoreMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "amends.web.urls"
WSGI_APPLICATION = "amends.web.wsgi.application"

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
                "amends.web.context_processors.site",
            ],
        },
    },
]

# --- database ---------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL").strip()
if DATABASE_URL:
    DATABASES = {"default": parse_database_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "amends.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,  # seconds; becomes SQLite's busy timeout
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts, sessions, lockout -----------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "repairs:dashboard"
LOGOUT_REDIRECT_URL = "home"

# One partner must never be able to lock the other out: failures count per username AND
# address together, so guessing someone's name from another device locks only that device.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AMENDS_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AMENDS_LOGIN_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "amends.accounts.views.locked_out"
AXES_VERBOSE = False
# The client address comes from REMOTE_ADDR. Behind a proxy, `amends serve` has waitress set
# it from X-Forwarded-For, but only for requests that come from AMENDS_TRUSTED_PROXY.

# Idle sessions end: every request pushes the expiry forward, silence lets it lapse.
SESSION_COOKIE_AGE = env_int("AMENDS_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- email ------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("AMENDS_EMAIL_FROM", "Amends <amends@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# In production mail goes out by SMTP, to a local mail server unless AMENDS_SMTP_HOST names
# another (Django's classic default). A failed send is logged; the person sees no error.
# Outside production, with no AMENDS_SMTP_HOST, emails are printed to the console.
_smtp_host = env_str("AMENDS_SMTP_HOST").strip() or ("localhost" if PRODUCTION else "")
if _smtp_host:
    _use_ssl = env_bool("AMENDS_SMTP_SSL", False)
    _use_tls = env_bool("AMENDS_SMTP_STARTTLS", _smtp_host != "localhost" and not _use_ssl)
    if _use_tls and _use_ssl:
        raise ImproperlyConfigured(
            "AMENDS_SMTP_STARTTLS and AMENDS_SMTP_SSL cannot both be True "
            "(set AMENDS_SMTP_STARTTLS=False to use SSL)."
        )
    _default_port = 465 if _use_ssl else (587 if _use_tls else 25)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env_int("AMENDS_SMTP_PORT", _default_port, minimum=1),
                "username": env_str("AMENDS_SMTP_USER"),
                "password": env_str("AMENDS_SMTP_PASSWORD"),
                "use_tls": _use_tls,
                "use_ssl": _use_ssl,
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- static files -----------------------------------------------------------------------

STATIC_URL = "/static/"
_static_root = env_str("AMENDS_STATIC_ROOT").strip()
# `amends serve` collects static files here; without the folder, whitenoise serves from the
# app folders alone (tests, one-off commands).
STATIC_ROOT = Path(_static_root) if _static_root else DATA_DIR / "static"
if not _static_root and not STATIC_ROOT.is_dir():
    STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Manifest storage needs `collectstatic`; `amends serve` serves from the app folders.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = True  # serve straight from app folders; no collectstatic step
WHITENOISE_AUTOREFRESH = DEBUG

# --- security ---------------------------------------------------------------------------

# Nothing inline, nothing from another host, no frames.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

BEHIND_PROXY = env_bool("AMENDS_BEHIND_PROXY", False)
# Where the proxy connects from; `amends serve` trusts forwarded headers from there alone.
TRUSTED_PROXY = env_proxy_address("AMENDS_TRUSTED_PROXY", "127.0.0.1")
if BEHIND_PROXY:
    # The proxy terminates HTTPS and says so; only trust this behind a proxy that sets it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

HTTPS = env_bool("AMENDS_HTTPS", PRODUCTION)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("AMENDS_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("AMENDS_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("AMENDS_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_HOST = env_str("AMENDS_SSL_HOST") or None
CSRF_TRUSTED_ORIGINS = env_list("AMENDS_CSRF_TRUSTED_ORIGINS")

# --- i18n -------------------------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_time_zone("AMENDS_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

LOG_LEVEL = env_choice(
    "AMENDS_LOG_LEVEL", "WARNING", {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
