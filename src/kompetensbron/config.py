"""Typed settings, read from ``KOMPETENSBRON_*`` environment variables.

Get them through :func:`get_settings` (cached per process; tests call
``get_settings.cache_clear()`` after changing the environment). Nothing is read at import
time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The repository root when running from a checkout (src layout), else the working dir.
_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_ROOT = _PACKAGE_DIR.parent.parent
DEV_SECRET_KEY = "django-insecure-kompetensbron-development-only"
#: the shortest secret key production accepts (Django's own deployment check asks for 50)
MIN_SECRET_KEY_LENGTH = 50


def _default_data_dir() -> Path:
    """``../shared/data`` beside the checkout when it exists, else ``./data``."""
    for candidate in (_CHECKOUT_ROOT.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"):
        if candidate.is_dir():
            return candidate.resolve()
    return (Path.cwd() / "data").resolve()


def _default_var_dir() -> Path:
    root = _CHECKOUT_ROOT if (_CHECKOUT_ROOT / "pyproject.toml").is_file() else Path.cwd()
    return (root / "var").resolve()


class Settings(BaseSettings):
    """Every setting of the platform, with its default and what it is for."""

    model_config = SettingsConfigDict(env_prefix="KOMPETENSBRON_", extra="ignore")

    environment: Literal["development", "test", "production"] = Field(
        "development", description="Deployment kind; 'production' refuses the development secret key."
    )
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Directory of official open-data files (the snapshot layout of shared/data).",
    )
    var_dir: Path = Field(
        default_factory=_default_var_dir,
        description="Directory for the embedded database, the job-ad warehouse and caches.",
    )
    models_dir: Path | None = Field(
        None,
        description="Directory of the built enrichment models (read-only once written, named by a hash of "
        "their input files and code, so several var dirs on the same data may share it). Empty: var/models.",
    )
    database_url: str = Field(
        "",
        description="Database URL (sqlite:///path or postgres://user:pass@host/db). "
        "Empty means an SQLite file var/kompetensbron.sqlite3.",
    )
    secret_key: str = Field(DEV_SECRET_KEY, description="Django secret key.")
    debug: bool = Field(False, description="Django debug mode (development only).")
    allowed_hosts: list[str] = Field(
        default_factory=lambda: ["localhost", "127.0.0.1", "[::1]", "testserver"],
        description="Host names the web application answers to (JSON list).",
    )
    taxonomy_api_url: str = Field(
        "https://taxonomy.api.jobtechdev.se/v1/taxonomy",
        description="Base URL of the JobTech Taxonomy API, used by 'init --online'.",
    )
    http_timeout: float = Field(30.0, description="Timeout in seconds of online connectors.", gt=0)
    https: bool = Field(
        False,
        description="The site is served over HTTPS (behind a TLS proxy): redirect HTTP to HTTPS, send HSTS, "
        "secure cookies. Production always uses secure cookies.",
    )
    hsts_seconds: int = Field(
        31_536_000, ge=0, le=63_072_000, description="Strict-Transport-Security max-age when https is on."
    )
    data_mirror: str = Field(
        "",
        description="Base URL (http/https) or directory with the data directory's layout, from which "
        "'fetch-data' and 'init' download missing datasets. Empty: the publishers' own URLs ('fetch-data' only).",
        max_length=2000,
    )
    email_backend: Literal["console", "file", "smtp"] = Field(
        "console",
        description="How the site sends e-mail (password reset): 'console' prints it to the server log, "
        "'file' writes each message to email_file_path, 'smtp' sends it through email_host.",
    )
    email_file_path: Path | None = Field(None, description="Directory of the 'file' e-mail backend. Empty: var/mail.")
    email_host: str = Field("localhost", description="SMTP server of the 'smtp' e-mail backend.", max_length=255)
    email_port: int = Field(25, ge=1, le=65535, description="SMTP port of the 'smtp' e-mail backend.")
    default_from_email: str = Field(
        "kompetensbron@localhost", description="Sender address of the site's e-mail.", max_length=254
    )

    @field_validator("data_mirror")
    @classmethod
    def _mirror_scheme(cls, value: str) -> str:
        value = value.strip()
        from urllib.parse import urlsplit

        scheme = urlsplit(value).scheme.lower()
        if scheme not in ("", "http", "https", "file"):
            raise ValueError("KOMPETENSBRON_DATA_MIRROR must be an http(s):// or file:// URL or a directory")
        return value

    @field_validator("data_dir", "var_dir", "models_dir")
    @classmethod
    def _absolute(cls, value: Path | None) -> Path | None:
        return value.expanduser().resolve() if value is not None else None

    @model_validator(mode="after")
    def _safe_production(self) -> Settings:
        """Production refuses the development key, a short or repetitive key, and debug mode."""
        if self.environment != "production":
            return self
        key = self.secret_key
        if key == DEV_SECRET_KEY or key.startswith("django-insecure"):
            raise ValueError(
                "KOMPETENSBRON_SECRET_KEY must be set to a secret value when KOMPETENSBRON_ENVIRONMENT=production"
            )
        if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5:
            raise ValueError(
                f"KOMPETENSBRON_SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters of at least 5 "
                "different characters in production (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')"
            )
        if self.debug:
            raise ValueError("KOMPETENSBRON_DEBUG=true is refused when KOMPETENSBRON_ENVIRONMENT=production")
        return self

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.var_dir / 'kompetensbron.sqlite3'}"

    @property
    def model_cache_dir(self) -> Path:
        """Where the built enrichment models are cached (``models_dir``, else ``var/models``)."""
        return self.models_dir or self.var_dir / "models"

    @property
    def warehouse_dir(self) -> Path:
        """Where the job-ad warehouse (Parquet + DuckDB) lives."""
        return self.var_dir / "warehouse"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings()  # values come from the environment (pydantic-settings)
