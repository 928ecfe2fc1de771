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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, data_dir):  # noqa: F811 - extends pytest-django's
    from kompetensbron.reference.loading import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data(data_dir)
