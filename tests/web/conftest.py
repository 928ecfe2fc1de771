"""Fixtures of the web-page tests: the data snapshot's directory and an English-speaking client.

The modules whose point is the real snapshot in the database ask for ``reference_db``
(tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def data_dir(snapshot_dir: Path) -> Path:
    return snapshot_dir


@pytest.fixture
def english(client):
    """The test client with English chosen, as the language switch stores it (cookie)."""
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
