"""Django settings, derived from the typed :class:`kompetensbron.config.Settings`.

Nothing here reads the environment directly: every value comes from ``get_settings()``.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from kompetensbron.config import get_settings

_s = get_settings()
BASE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = BASE_DIR.parent.parent.parent

SECRET_KEY = _s.secret_key
DEBUG = _s.debug
ALLOWED_HOSTS = _s.allowed_hosts
CSRF_TRUSTED_ORIGINS = [f"http://{h}" for h in _s.allowed_hosts if h not in ("testserver",)]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # the API docs' Swagger UI from static files, not a CDN (the CSP allows 'self' only)
    "kompetensbron.reference",
    "axes",
    "rules",
    "kompetensbron.samverkan",
    "kompetensbron.labour_market",
    "kompetensbron.education",
    "kompetensbron.dossier",
    "kompetensbron.housing",
    "kompetensbron.matchning",
    "kompetensbron.graduates",
    "kompetensbron.search",
    "kompetensbron.region_groups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
]

# Authentication: django-axes first (locks out after repeated failures), then the ordinary
# model backend, then django-rules for object-level permissions (samverkan/permissions.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "rules.permissions.ObjectPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
# Locked per account *and* per address: a slow password spray over many accounts from one
# address, or over many addresses against one account, is stopped either way.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# E-mail as the login name (case-insensitive, unique): web/email_login.py. It sits before
# the model backend so that an address matching several accounts is refused, never guessed.
AUTHENTICATION_BACKENDS.insert(1, "kompetensbron.web.email_login.EmailOrUsernameBackend")

# E-mail (password reset by Django's own views): printed to the log by default, written to files
# under var/mail with KOMPETENSBRON_EMAIL_BACKEND=file, sent by SMTP with =smtp.
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[_s.email_backend]
EMAIL_FILE_PATH = str(_s.email_file_path or _s.var_dir / "mail")
EMAIL_HOST = _s.email_host
EMAIL_PORT = _s.email_port
DEFAULT_FROM_EMAIL = _s.default_from_email
PASSWORD_RESET_TIMEOUT = 24 * 3600

ROOT_URLCONF = "kompetensbron.web.urls"
WSGI_APPLICATION = "kompetensbron.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(_s.effective_database_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 60  # keep the connection (and its PRAGMAs) per thread
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
#: the site's own date formats per language (English: day before month), over Django's
FORMAT_MODULE_PATH = ["kompetensbron.web.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = _s.var_dir / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # collectstatic target; whitenoise serves from finders too
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "kompetensbron.web.vendor_assets.VendorFinder",  # htmx + ECharts from node_modules (npm)
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if _s.environment == "production" or _s.https:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
if _s.https:  # behind a TLS proxy that sets X-Forwarded-Proto
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = _s.hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in _s.allowed_hosts if h not in ("testserver",)]
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from this site
# (htmx, ECharts and our own files are static files; no inline script, style attribute or
# eval anywhere), no plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 3600}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

NINJA_PAGINATION_PER_PAGE = 50
