"""Fixtures of the analysis tests: the real Yrkesbarometer files of the data snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def data_dir(yrkesbarometer_dir: Path) -> Path:
    return yrkesbarometer_dir


@pytest.fixture(scope="session")
def forecasts(data_dir: Path):
    from kompetensbron.analysis.forecast import load_forecasts

    return load_forecasts(data_dir)


@pytest.fixture(scope="session")
def balance_data(data_dir: Path):
    from kompetensbron.analysis.barometer_data import load_balance_data

    return load_balance_data(data_dir)
