"""Fixtures of the region-group tests: the real reference data (län, kommuner, SSYK) and the real
2024 JobTech statistics in a temporary warehouse (the group sums are checked against them), plus
toy programmes with graduates built here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kompetensbron.config import get_settings


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = get_settings().data_dir
    if not (path / "jobtech" / "statistics").is_dir():
        pytest.skip(f"no data snapshot at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def groups_var(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    from kompetensbron.warehouse import import_statistics

    var = tmp_path_factory.mktemp("var-groups")
    import_statistics(data_dir, var / "warehouse")
    return var


@pytest.fixture(autouse=True)
def _use_groups_var(groups_var: Path, monkeypatch: pytest.MonkeyPatch, settings, reference_db) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setenv("KOMPETENSBRON_VAR_DIR", str(groups_var))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
