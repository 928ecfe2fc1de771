"""Fixtures of the analysis tests: the real Yrkesbarometer files of the data snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetensbron.config import get_settings


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = get_settings().data_dir
    if not (path / "af-yrkesbarometer" / "historik.csv").is_file():
        pytest.skip(f"no Yrkesbarometer files at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def forecasts(data_dir: Path):
    from kompetensbron.analysis.forecast import load_forecasts

    return load_forecasts(data_dir)


@pytest.fixture(scope="session")
def balance_data(data_dir: Path):
    from kompetensbron.analysis.barometer_data import load_balance_data

    return load_balance_data(data_dir)
