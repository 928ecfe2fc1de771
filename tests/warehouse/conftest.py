"""Fixtures of the warehouse tests: a toy taxonomy, the ad fixtures and a private var dir.

The handmade files in ``tests/fixtures/ads/``:

* ``jobsearch_ads.jsonl`` -- 8 lines in the JobSearch / historical-ads format: 5 distinct
  valid ads, ad ``24791234`` twice (line 4 is a newer version: timestamp later, 3
  vacancies), line 5 truncated JSON, line 6 lacks ``publication_date``, line 8 has only an
  occupation group and a bare kommunkod.
* ``historical_legacy.json`` -- a JSON array of 3 old ads that carry legacy AMS ids only.
* ``jobstream_changes.jsonl`` -- a JobStream answer: one new ad and two removal notices
  (one for ``24791301``, one for an ad that was never stored).

The toy taxonomy holds exactly the concepts these files use, with their real ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kompetensbron.config import get_settings
from kompetensbron.warehouse.taxonomy import TaxonomyLookup

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ads"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def warehouse_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``get_settings().warehouse_dir`` pointed into ``tmp_path`` (never the real var/)."""
    monkeypatch.setenv("KOMPETENSBRON_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield get_settings().warehouse_dir
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def toy_taxonomy() -> TaxonomyLookup:
    return TaxonomyLookup(
        legacy={
            "occupation-name": {"80": "rQds_YGd_quU", "7296": "bXNH_MNX_dUR"},
            "ssyk-level-4": {"1402": "DJh5_yyF_hEM", "1210": "iGTu_bYL_2T7"},
            "occupation-field": {"3": "apaJ_2ja_LuF", "8": "NYW6_mP6_vwf"},
            "municipality": {"1": "XWKY_c49_5nv"},
            "skill": {"200028": "jCsR_WQX_CKD", "608334": "MR4H_FFT_mTj"},
        },
        occupation_group_of={"rQds_YGd_quU": "DJh5_yyF_hEM", "bXNH_MNX_dUR": "Z8ci_bBE_tmx"},
        ssyk_of_group={
            "DJh5_yyF_hEM": "2512",
            "Z8ci_bBE_tmx": "2221",
            "iGTu_bYL_2T7": "7232",
            "mZsb_A1K_Gec": "1210",
        },
        group_label={
            "DJh5_yyF_hEM": "Mjukvaru- och systemutvecklare m.fl.",
            "Z8ci_bBE_tmx": "Grundutbildade sjuksköterskor",
            "iGTu_bYL_2T7": "Flygmekaniker m.fl.",
            "mZsb_A1K_Gec": "Ekonomi- och finanschefer",
        },
        kommunkod_of={
            "AvNB_uwa_6n6": "0180",
            "PVZL_BQT_XtL": "1480",
            "otaF_bQY_4ZD": "0380",
            "g1Gc_aXK_EKu": "0126",
            "uYRx_AdM_r4A": "2280",
            "XWKY_c49_5nv": "0114",
        },
        lanskod_of_kommun={"0180": "01", "1480": "14", "0380": "03", "0126": "01", "2280": "22", "0114": "01"},
        lanskod_of={
            "CifL_Rzy_Mku": "01",
            "zdoY_6u5_Krt": "14",
            "zBon_eET_fFU": "03",
            "NvUF_SP1_1zo": "22",
        },
        version="toy taxonomy of the test fixtures",
    )


@pytest.fixture(scope="session")
def real_taxonomy() -> TaxonomyLookup:
    """The snapshot's taxonomy; tests using it are skipped without a data directory."""
    data_dir = get_settings().data_dir
    if not (data_dir / "jobtech" / "taxonomy-2021" / "values.json").is_file():
        pytest.skip(f"no data snapshot at {data_dir}")
    return TaxonomyLookup.from_data_dir(data_dir)
