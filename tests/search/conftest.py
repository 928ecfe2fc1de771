"""Fixtures of the site-search tests: the real reference snapshot (regions and SSYK groups are
what users search for), loaded once per session; everything else is toy data per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetensbron.config import get_settings


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = get_settings().data_dir
    if not (path / "jobtech").is_dir():
        pytest.skip(f"no data snapshot at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


@pytest.fixture(autouse=True)
def _reference(reference_db) -> None:
    """The official reference data (tests/conftest.py), for every module here."""
