"""Importing the JobTech statistics files into warehouse tables (real snapshot files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kompetensbron.config import get_settings
from kompetensbron.errors import DataFileMalformed
from kompetensbron.warehouse import import_statistics, ingest_ads, open_reader, read_current, statistics_ad_counts

#: Ads published in 2024 according to both files, at every area level (see
#: kompetensbron.sources.jobtech_statistics: the ≈2.09 M of SOURCES.md counts each ad 3 times).
ADS_2024 = 697_030


@pytest.fixture
def data_dir(real_taxonomy) -> Path:
    return get_settings().data_dir


def test_import_real_files(warehouse_dir, data_dir, real_taxonomy) -> None:
    result = import_statistics(data_dir, warehouse_dir, taxonomy=real_taxonomy)
    assert result.unmapped_groups == 0 and result.unknown_areas == 0
    assert result.table("stat_salary").rows == 404  # 405 keys, one ("Nej") is no SSYK code
    assert result.table("stat_barometer").sources == (("barometer_regional.json", "undated"),)

    con = open_reader(warehouse_dir)
    sums = dict(
        ((d, lvl), n)
        for d, lvl, n in con.execute(
            "SELECT dataset, area_level, sum(ads) FROM stat_job_ads WHERE dataset LIKE 'ads_2024%' GROUP BY ALL"
        ).fetchall()
    )
    assert sums == {
        ("ads_2024_lan", "country"): ADS_2024,
        ("ads_2024_lan", "lan"): ADS_2024,
        ("ads_2024_kommun", "country"): ADS_2024,
        ("ads_2024_kommun", "lan"): ADS_2024,
        ("ads_2024_kommun", "kommun"): ADS_2024,
    }
    counts = statistics_ad_counts(con, dataset="ads_2024_lan", area_level="lan")
    assert counts.total_ads == ADS_2024 and len({r.area_code for r in counts.rows}) == 21
    assert counts.provenance.source == "JobTech: ssyk_id_region_annonser_2024.json"
    assert counts.provenance.period == "2024"
    stockholm_devs = statistics_ad_counts(
        con, dataset="ads_2024_kommun", area_level="kommun", ssyk4="2512", area_code="0180"
    )
    assert [r.area_concept_id for r in stockholm_devs.rows] == ["AvNB_uwa_6n6"] and stockholm_devs.total_ads > 1000


def test_import_keeps_the_ads_and_is_repeatable(warehouse_dir, data_dir, fixtures_dir, real_taxonomy) -> None:
    ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=real_taxonomy)
    first = import_statistics(data_dir, warehouse_dir, taxonomy=real_taxonomy)
    second = import_statistics(data_dir, warehouse_dir, taxonomy=real_taxonomy)
    assert [t.rows for t in first.tables] == [t.rows for t in second.tables]
    con = open_reader(warehouse_dir)
    assert con.execute("SELECT count(*) FROM ads").fetchone() == (5,)
    assert con.execute("SELECT count(*) FROM stat_job_ads").fetchone()[0] == first.table("stat_job_ads").rows


def test_bad_statistics_file_names_the_file_and_changes_nothing(
    warehouse_dir, data_dir, tmp_path, real_taxonomy
) -> None:
    import_statistics(data_dir, warehouse_dir, taxonomy=real_taxonomy)
    before = read_current(warehouse_dir).id
    bad = tmp_path / "data"
    shutil.copytree(data_dir / "jobtech" / "statistics", bad / "jobtech" / "statistics")
    target = bad / "jobtech" / "statistics" / "ssyk_id_region_annonser_2024.json"
    target.write_text('{"DJh5_yyF_hEM": {"CifL_Rzy_Mku": "många"}}', encoding="utf-8")
    with pytest.raises(DataFileMalformed) as info:
        import_statistics(bad, warehouse_dir, taxonomy=real_taxonomy)
    assert info.value.path == target and info.value.key == "DJh5_yyF_hEM.CifL_Rzy_Mku"
    assert read_current(warehouse_dir).id == before


def test_reimport_of_the_same_files_publishes_nothing(tmp_path):
    from kompetensbron.config import get_settings
    from kompetensbron.warehouse import import_statistics, read_current

    data_dir = get_settings().data_dir
    if not (data_dir / "jobtech/statistics").is_dir():
        pytest.skip("no data snapshot")
    first = import_statistics(data_dir, tmp_path / "wh")
    again = import_statistics(data_dir, tmp_path / "wh")
    assert first.changed and not again.changed
    assert again.snapshot == first.snapshot == read_current(tmp_path / "wh").id
    assert [t.rows for t in again.tables] == [t.rows for t in first.tables]
