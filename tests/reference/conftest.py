"""Fixtures of the reference-data tests: the data snapshot's directory and a writable copy.

The modules whose point is the real snapshot in the database ask for ``reference_db``
(tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def data_dir(snapshot_dir: Path) -> Path:
    return snapshot_dir


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
