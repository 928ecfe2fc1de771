"""Readers of the JobTech statistics files: the real snapshot files and broken copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kompetensbron.config import get_settings
from kompetensbron.errors import DataFileMalformed, DataFileMissing
from kompetensbron.sources.jobtech_statistics import (
    STATISTICS_FILES,
    read_ad_counts,
    read_barometer,
    read_salaries,
)

SWEDEN = "i46j_HmG_v64"
STOCKHOLMS_LAN = "CifL_Rzy_Mku"


@pytest.fixture(scope="module")
def data_dir() -> Path:
    data_dir = get_settings().data_dir
    if not STATISTICS_FILES["ads_2024_lan"].path(data_dir).is_file():
        pytest.skip(f"no statistics files under {data_dir}")
    return data_dir


def test_2024_counts_per_lan_sum_to_the_national_total(data_dir: Path) -> None:
    counts = read_ad_counts(STATISTICS_FILES["ads_2024_lan"].path(data_dir))
    national = sum(c.ads for c in counts if c.area_concept_id == SWEDEN)
    per_lan = sum(c.ads for c in counts if c.area_concept_id != SWEDEN)
    # The real figure: 697,030 ads in 2024. SOURCES.md's "≈2.09 M" is the sum over every
    # entry of the kommun file, which lists each ad at country, län and kommun level.
    assert national == per_lan == 697_030
    assert len({c.occupation_group_concept_id for c in counts}) == 400
    kommun_file = read_ad_counts(STATISTICS_FILES["ads_2024_kommun"].path(data_dir))
    assert sum(c.ads for c in kommun_file) == 3 * 697_030 == 2_091_090


def test_barometer_and_salary_files(data_dir: Path) -> None:
    barometer = read_barometer(STATISTICS_FILES["barometer_regional"].path(data_dir))
    assert len(barometer) == 3638
    assert {e.job_opportunities for e in barometer} == {"små", "medelstora", "stora"}
    assert {e.outlook_5y for e in barometer} == {"öka", "vara oförändrad", "minska"}
    salaries = read_salaries(STATISTICS_FILES["ssyk_salary"].path(data_dir))
    assert salaries.ignored_keys == ("Nej",)
    by_code = {s.ssyk4: s for s in salaries.figures}
    assert (by_code["0110"].p10, by_code["0110"].average, by_code["0110"].p90) == (35000, 48300, 63900)
    assert by_code["1111"].average is None  # ".." = suppressed


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ({"DJh5_yyF_hEM": {STOCKHOLMS_LAN: "12"}}, f"DJh5_yyF_hEM.{STOCKHOLMS_LAN}"),
        ({"DJh5_yyF_hEM": {STOCKHOLMS_LAN: -3}}, f"DJh5_yyF_hEM.{STOCKHOLMS_LAN}"),
        ({"DJh5_yyF_hEM": [1, 2]}, "DJh5_yyF_hEM"),
    ],
)
def test_malformed_count_file_names_file_and_key(tmp_path: Path, content, key) -> None:
    path = tmp_path / "ssyk_id_region_annonser_2024.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(DataFileMalformed) as info:
        read_ad_counts(path)
    assert info.value.path == path and info.value.key == key
    assert str(path) in str(info.value)


def test_truncated_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "barometer_regional.json"
    path.write_text('{"PDNm_NZ2_WRh": {"i46j_HmG_v64": ["små"', encoding="utf-8")
    with pytest.raises(DataFileMalformed) as info:
        read_barometer(path)
    assert info.value.path == path and info.value.line == 1
    with pytest.raises(DataFileMissing):
        read_salaries(tmp_path / "ssyk_salary.json")


def test_malformed_barometer_and_salary_entries(tmp_path: Path) -> None:
    path = tmp_path / "barometer_regional.json"
    path.write_text(json.dumps({"PDNm_NZ2_WRh": {SWEDEN: ["små"]}}), encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="two strings") as info:
        read_barometer(path)
    assert info.value.key == f"PDNm_NZ2_WRh.{SWEDEN}"
    path = tmp_path / "ssyk_salary.json"
    path.write_text(json.dumps({"2512": ["40 000", "x", "1"]}), encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="expected a salary") as info:
        read_salaries(path)
    assert info.value.key == "2512"
