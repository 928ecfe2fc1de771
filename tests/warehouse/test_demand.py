"""Demand queries on a warehouse built from the fixtures (toy taxonomy)."""

from __future__ import annotations

import pandas as pd
import pytest

from kompetensbron.errors import ValidationFailed
from kompetensbron.warehouse import (
    demand_by_occupation_region,
    ingest_ads,
    open_reader,
    top_occupations,
    top_occupations_of_kommuner,
    top_skills,
    year_on_year,
)
from kompetensbron.warehouse.queries import render


def _skills(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["skill_ids"] = [
        ["s-java"] if s == "2512" else ["s-care", "s-java"] if s == "2221" else [] for s in frame["ssyk4"]
    ]
    return out


@pytest.fixture
def con(warehouse_dir, fixtures_dir, toy_taxonomy):
    ingest_ads(
        [fixtures_dir / "jobsearch_ads.jsonl", fixtures_dir / "historical_legacy.json"],
        taxonomy=toy_taxonomy,
        enrich=_skills,
    )
    return open_reader(warehouse_dir)


def test_demand_per_month_and_lan(con) -> None:
    result = demand_by_occupation_region(con, year_from=2023)
    assert [(r.ssyk4, r.region_code, r.year, r.month, r.ads, r.vacancies) for r in result.rows] == [
        ("2512", "01", 2023, 3, 1, 3),
        ("2221", "01", 2023, 11, 1, 2),
        ("2512", "14", 2024, 1, 1, 1),
        ("2221", "03", 2024, 2, 1, 1),  # vacancies not stated count as 1
        ("2221", "22", 2024, 5, 1, 4),
    ]
    assert result.provenance.period == "2023-03 – 2024-05"
    assert result.provenance.snapshot == "000001" and result.provenance.table == "ads"
    assert result.provenance.taxonomy == "toy taxonomy of the test fixtures"


def test_demand_per_year_and_kommun_filtered(con) -> None:
    result = demand_by_occupation_region(con, level="kommun", grain="year", ssyk4="2221")
    assert [(r.region_code, r.year, r.month, r.ads) for r in result.rows] == [
        ("0180", 2006, None, 1),
        ("0126", 2023, None, 1),
        ("0380", 2024, None, 1),
        ("2280", 2024, None, 1),
    ]


def test_year_on_year_includes_groups_that_vanished(con) -> None:
    rows = {(r.ssyk4, r.region_code): r for r in year_on_year(con, year=2024).rows}
    assert (rows["2512", "14"].ads, rows["2512", "14"].ads_prev, rows["2512", "14"].change_pct) == (1, 0, None)
    gone = rows["2512", "01"]
    assert (gone.ads, gone.ads_prev, gone.change, gone.change_pct) == (0, 1, -1, -100.0)
    only_stockholm = year_on_year(con, year=2024, region_code="01").rows
    assert {(r.ssyk4, r.ads, r.ads_prev) for r in only_stockholm} == {("2512", 0, 1), ("2221", 0, 1)}


def test_top_occupations_of_a_lan(con) -> None:
    result = top_occupations(con, region_code="01", limit=5)
    assert result.total_ads == 4  # 2 from 2023, 2 legacy ads of 2006
    assert [(r.ssyk4, r.ads, r.share) for r in result.rows] == [("2221", 2, 0.5), ("2512", 2, 0.5)]
    assert [r.ssyk4 for r in top_occupations(con, region_code="01", year=2006).rows] == ["2221", "2512"]


def test_top_skills_enriched_and_from_the_ad(con) -> None:
    enriched = top_skills(con, ssyk4="2221")
    assert (enriched.total_ads, enriched.ads_with_skills) == (4, 4)
    assert [(s.skill_id, s.ads, s.share) for s in enriched.rows] == [("s-care", 4, 1.0), ("s-java", 4, 1.0)]
    employer = top_skills(con, ssyk4="2221", source="ad")
    assert [(s.skill_id, s.ads) for s in employer.rows] == [("MR4H_FFT_mTj", 2)]
    none = top_skills(con, ssyk4="1210", source="ad")
    assert (none.total_ads, none.ads_with_skills, none.rows) == (1, 0, ())


def test_top_occupations_of_kommuner_sum_their_ads(con) -> None:
    kommuner = [k for (k,) in con.execute("SELECT DISTINCT kommunkod FROM ads WHERE lanskod = '01'").fetchall()]
    result = top_occupations_of_kommuner(con, kommuner=kommuner, region_code="FA-01", limit=5)
    lan = top_occupations(con, region_code="01", limit=5)
    assert result.total_ads == lan.total_ads == 4 and result.rows == lan.rows
    assert "kommuner of FA-region FA-01" in result.provenance.method
    assert top_occupations_of_kommuner(con, kommuner=[], region_code="x").rows == ()


@pytest.mark.parametrize("bad", ["01' OR 1=1 --", "x" * 100, "a b"])
def test_query_values_are_validated(con, bad) -> None:
    with pytest.raises(ValidationFailed):
        top_occupations(con, region_code=bad)
    with pytest.raises(ValidationFailed):
        top_occupations_of_kommuner(con, kommuner=["0180", bad], region_code="01")


def test_level_is_validated(con) -> None:
    with pytest.raises(ValidationFailed):
        demand_by_occupation_region(con, level="fa")  # type: ignore[arg-type]


def test_render_targets_both_engines() -> None:
    sql = "SELECT {explode}(x) FROM t WHERE (:a IS NULL OR c = :a) AND y = :b"
    assert (
        render(sql, "duckdb", a=None, b=2024) == "SELECT unnest(x) FROM t WHERE (NULL IS NULL OR c = NULL) AND y = 2024"
    )
    assert (
        render(sql, "spark", a="0180", b=1) == "SELECT explode(x) FROM t WHERE ('0180' IS NULL OR c = '0180') AND y = 1"
    )
