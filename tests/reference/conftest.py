"""Fixtures of the reference-data tests: the real snapshot, loaded once per session."""

from __future__ import annotations

import os
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


@pytest.fixture
def data_copy(tmp_path: Path, data_dir: Path):
    """A writable copy of the data directory: symlinks, so a test can replace one file."""

    def make(replace: dict[str, bytes | None] | None = None) -> Path:
        root = tmp_path / "data"
        for src in data_dir.rglob("*"):
            if src.is_file():
                dst = root / src.relative_to(data_dir)
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(src, dst)
        for rel, content in (replace or {}).items():
            target = root / rel
            target.unlink()
            if content is not None:
                target.write_bytes(content)
        return root

    return make
