"""Typed settings: defaults, environment variables and validation."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from kompetensbron.config import DEV_SECRET_KEY, Settings


def test_environment_overrides(monkeypatch, tmp_path):
    monkeypatch.delenv("KOMPETENSBRON_DATABASE_URL", raising=False)
    monkeypatch.setenv("KOMPETENSBRON_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("KOMPETENSBRON_VAR_DIR", str(tmp_path / "v"))
    s = Settings()
    assert s.data_dir == (tmp_path / "d").resolve()
    assert s.effective_database_url == f"sqlite:///{(tmp_path / 'v' / 'kompetensbron.sqlite3')}"
    assert s.warehouse_dir == (tmp_path / "v" / "warehouse")


def test_models_dir_defaults_to_var_models(monkeypatch, tmp_path):
    monkeypatch.setenv("KOMPETENSBRON_VAR_DIR", str(tmp_path / "v"))
    monkeypatch.delenv("KOMPETENSBRON_MODELS_DIR", raising=False)
    assert Settings().model_cache_dir == (tmp_path / "v" / "models").resolve()
    monkeypatch.setenv("KOMPETENSBRON_MODELS_DIR", str(tmp_path / "shared" / ".." / "m"))
    assert Settings().model_cache_dir == (tmp_path / "m").resolve()


def test_database_url_wins(monkeypatch):
    monkeypatch.setenv("KOMPETENSBRON_DATABASE_URL", "postgres://u:p@127.0.0.1:5432/db")
    assert Settings().effective_database_url == "postgres://u:p@127.0.0.1:5432/db"


def test_default_data_dir_is_shared_snapshot_beside_checkout(monkeypatch):
    monkeypatch.delenv("KOMPETENSBRON_DATA_DIR", raising=False)
    data_dir = Settings().data_dir
    shared = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
    assert data_dir == (shared.resolve() if shared.is_dir() else (Path.cwd() / "data").resolve())


def test_production_refuses_development_secret(monkeypatch):
    monkeypatch.setenv("KOMPETENSBRON_ENVIRONMENT", "production")
    monkeypatch.delenv("KOMPETENSBRON_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="KOMPETENSBRON_SECRET_KEY"):
        Settings()
    monkeypatch.setenv("KOMPETENSBRON_SECRET_KEY", "a-long-and-random-enough-production-secret-key-0123456789")
    assert Settings().secret_key != DEV_SECRET_KEY


@pytest.mark.parametrize("key", ["x", "short-but-not-default", "x" * 80, "django-insecure-" + "abcdef0123" * 6])
def test_production_refuses_weak_secret(monkeypatch, key):
    monkeypatch.setenv("KOMPETENSBRON_ENVIRONMENT", "production")
    monkeypatch.setenv("KOMPETENSBRON_SECRET_KEY", key)
    with pytest.raises(ValidationError, match="KOMPETENSBRON_SECRET_KEY"):
        Settings()


def test_production_refuses_debug(monkeypatch):
    monkeypatch.setenv("KOMPETENSBRON_ENVIRONMENT", "production")
    monkeypatch.setenv("KOMPETENSBRON_SECRET_KEY", "a-long-and-random-enough-production-secret-key-0123456789")
    monkeypatch.setenv("KOMPETENSBRON_DEBUG", "true")
    with pytest.raises(ValidationError, match="KOMPETENSBRON_DEBUG"):
        Settings()
    monkeypatch.setenv("KOMPETENSBRON_ENVIRONMENT", "development")
    assert Settings().debug is True


def test_invalid_values_are_refused(monkeypatch):
    monkeypatch.setenv("KOMPETENSBRON_HTTP_TIMEOUT", "-1")
    with pytest.raises(ValidationError):
        Settings()


@pytest.mark.parametrize(
    "value", ["http://127.0.0.1:8765/", "https://data.example.org/kb", "file:///srv/data", "/srv/data", ""]
)
def test_data_mirror_accepts_http_file_and_directories(monkeypatch, value):
    monkeypatch.setenv("KOMPETENSBRON_DATA_MIRROR", value)
    assert Settings().data_mirror == value


@pytest.mark.parametrize("value", ["ftp://example.org/data", "javascript:alert(1)//x", "gopher://x"])
def test_data_mirror_refuses_other_schemes(monkeypatch, value):
    monkeypatch.setenv("KOMPETENSBRON_DATA_MIRROR", value)
    with pytest.raises(ValidationError, match="KOMPETENSBRON_DATA_MIRROR"):
        Settings()
