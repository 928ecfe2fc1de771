"""Fixtures of the web-page tests: the real reference snapshot, loaded once per session."""

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
    """The test database with the official reference data (idempotent load, ~2 s)."""
    from kompetensbron.reference.loading import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data(data_dir)


@pytest.fixture
def english(client):
    """The test client with English chosen, as the language switch stores it (cookie)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
