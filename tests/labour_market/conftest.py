"""Fixtures of the demand tests: warehouses (the modules on the real reference data ask for
``reference_db`` of tests/conftest.py).

* ``stats_var`` -- a var dir whose warehouse holds the real JobTech statistics (imported
  once per session from the data snapshot);
* ``ads_var`` -- the same plus the ad fixtures of ``tests/fixtures/ads/`` ingested with the
  real taxonomy and a toy enrich hook that tags skills;
* ``use_var`` -- points ``get_settings()`` at one of them (or an empty dir) for one test.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from kompetensbron.config import get_settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ads"
STATISTICS = Path("jobtech/statistics")

#: Real JobTech skill concepts the toy enrich hook tags (labels come from the reference data).
JAVA = "jCsR_WQX_CKD"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = get_settings().data_dir
    if not (path / "jobtech" / "statistics").is_dir():
        pytest.skip(f"no data snapshot at {path} (set KOMPETENSBRON_DATA_DIR)")
    return path


@pytest.fixture(scope="session")
def stats_var(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    from kompetensbron.warehouse import import_statistics

    var = tmp_path_factory.mktemp("var-stats")
    import_statistics(data_dir, var / "warehouse")
    return var


def tag_skills(frame: pd.DataFrame) -> pd.DataFrame:
    """Toy enrich hook: every ad of SSYK 2512 or 2221 names Java."""
    out = frame.copy()
    out["skill_ids"] = [[JAVA] if s in ("2512", "2221") else [] for s in frame["ssyk4"]]
    return out


tag_skills.version = "toy-skills-1"  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def ads_var(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    from kompetensbron.warehouse import import_statistics, ingest_ads, load_taxonomy

    var = tmp_path_factory.mktemp("var-ads")
    taxonomy = load_taxonomy(data_dir)
    import_statistics(data_dir, var / "warehouse", taxonomy=taxonomy)
    ingest_ads(
        [FIXTURES / "jobsearch_ads.jsonl", FIXTURES / "historical_legacy.json"],
        warehouse_dir=var / "warehouse",
        taxonomy=taxonomy,
        enrich=tag_skills,
    )
    return var


@pytest.fixture
def use_var(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    def use(var: Path) -> None:
        monkeypatch.setenv("KOMPETENSBRON_VAR_DIR", str(var))
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


@pytest.fixture
def statistics_file(data_dir: Path) -> Callable[[str], dict]:
    """A statistics file of the snapshot, read directly (the tests' expected values)."""

    def read(name: str) -> dict:
        return json.loads((data_dir / STATISTICS / name).read_text(encoding="utf-8"))

    return read
