"""The Spark pipeline gives the same aggregates as the DuckDB warehouse (slow: starts a JVM)."""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kompetensbron.warehouse import ingest_ads, open_reader, queries

pytestmark = pytest.mark.slow

pyspark = pytest.importorskip("pyspark")

# The enrich hook below lives in this test module, which Spark's Python workers cannot
# import by name (the real hook is in the installed package): ship it by value.
from pyspark import cloudpickle  # noqa: E402

cloudpickle.register_pickle_by_value(sys.modules[__name__])

OCCUPATIONS = [("rQds_YGd_quU", "DJh5_yyF_hEM"), ("bXNH_MNX_dUR", "Z8ci_bBE_tmx"), ("Y3QA_5pk_uXd", "jY19_knH_MJp")]
KOMMUNER = [("AvNB_uwa_6n6", "0180"), ("PVZL_BQT_XtL", "1480"), ("otaF_bQY_4ZD", "0380"), ("g1Gc_aXK_EKu", "0126")]
SKILLS = ["jCsR_WQX_CKD", "MR4H_FFT_mTj", "DHhX_uVf_y6X", "8LSU_rzr_FLy"]


def enrich_by_headline(frame: pd.DataFrame) -> pd.DataFrame:
    """A deterministic stand-in for the classifier and skill extractor."""
    out = frame.copy()
    out["ssyk_pred"] = ["2512" if "utvecklare" in (h or "") else None for h in frame["headline"]]
    out["skill_ids"] = [[SKILLS[len(h or "") % 4], SKILLS[len(h or "") % 3]] for h in frame["headline"]]
    return out


def _synthetic_ads(path: Path, n: int = 600) -> None:
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            occ, group = rng.choice(OCCUPATIONS)
            mun, _ = rng.choice(KOMMUNER)
            ad: dict[str, Any] = {
                "id": f"synthetic-{i % 500}",  # 100 ids come twice: the later line wins
                "synthetic": True,
                "headline": rng.choice(["Systemutvecklare", "Sjuksköterska", "Undersköterska", "Vikarie"]) + f" {i}",
                "publication_date": f"{rng.choice([2022, 2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00",
                "number_of_vacancies": rng.choice([None, 1, 2, 5]),
                "workplace_address": {"municipality_concept_id": mun},
                "must_have": {"skills": [{"concept_id": s} for s in rng.sample(SKILLS, 2)]},
            }
            if i % 10:  # every tenth ad has no occupation: only the classifier's guess counts
                ad["occupation"] = {"concept_id": occ}
                ad["occupation_group"] = {"concept_id": group}
            fh.write(json.dumps(ad) + "\n")
        fh.write("{not json\n")


@pytest.fixture(scope="module")
def spark():
    from kompetensbron.warehouse.spark import local_session

    session = local_session(cores=2, shuffle_partitions=2, driver_memory="1g")
    yield session
    session.stop()


def _normal(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return sorted((tuple(int(v) if isinstance(v, int) else v for v in row) for row in rows), key=repr)


QUERIES = [
    (
        "demand month lan",
        queries.DEMAND_SQL,
        dict(level="lan", grain="month", ssyk4=None, region=None, year_from=None, year_to=None),
    ),
    (
        "demand year kommun",
        queries.DEMAND_SQL,
        dict(level="kommun", grain="year", ssyk4=None, region=None, year_from=2023, year_to=None),
    ),
    ("year on year", queries.YEAR_ON_YEAR_SQL, dict(year=2024, level="lan", ssyk4=None, region=None)),
    ("top occupations", queries.TOP_OCCUPATIONS_SQL, dict(region="01", level="lan", year=None, limit=10)),
    (
        "top skills enriched",
        queries.TOP_SKILLS_SQL,
        dict(ssyk4="2512", year=None, region=None, level="lan", skill_source="enriched", limit=10),
    ),
    (
        "skill base",
        queries.SKILL_BASE_SQL,
        dict(ssyk4="2512", year=None, region=None, level="lan", skill_source="enriched"),
    ),
    (
        "top skills ad",
        queries.TOP_SKILLS_SQL,
        dict(ssyk4="2221", year=2024, region="01", level="lan", skill_source="ad", limit=10),
    ),
]


def test_spark_aggregates_equal_duckdb(spark, warehouse_dir, fixtures_dir, tmp_path, real_taxonomy) -> None:
    from kompetensbron.warehouse.spark import run_pipeline, run_query

    synthetic = tmp_path / "synthetic.jsonl"
    _synthetic_ads(synthetic)
    files = [fixtures_dir / "jobsearch_ads.jsonl", synthetic]

    duck = ingest_ads(files, taxonomy=real_taxonomy, enrich=enrich_by_headline)
    con = open_reader(warehouse_dir)
    out = tmp_path / "spark-out"
    result = run_pipeline(files, spark=spark, taxonomy=real_taxonomy, enrich=enrich_by_headline, output_dir=out)

    assert result.rows == duck.rows_total == 505
    assert result.skipped == duck.skipped_total == 3
    for name, template, params in QUERIES:
        on_duckdb = con.execute(queries.render(template, "duckdb", **params)).fetchall()
        on_spark = run_query(spark, template, **params)
        assert on_duckdb, name
        assert _normal(on_spark) == _normal(on_duckdb), name
    # top occupations of a set of kommuner (an FA-region): the tuple parameter renders as ('a', 'b') on both engines
    kommuner = tuple(
        r[0]
        for r in con.execute(
            "SELECT DISTINCT kommunkod FROM ads WHERE kommunkod IS NOT NULL ORDER BY 1 LIMIT 3"
        ).fetchall()
    )
    params = dict(kommuner=kommuner, year=None, limit=10)
    on_duckdb = con.execute(queries.render(queries.TOP_OCCUPATIONS_KOMMUNER_SQL, "duckdb", **params)).fetchall()
    assert len(kommuner) >= 2 and on_duckdb
    assert _normal(run_query(spark, queries.TOP_OCCUPATIONS_KOMMUNER_SQL, **params)) == _normal(on_duckdb)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith("pub_year=")) == [
        "pub_year=2022",
        "pub_year=2023",
        "pub_year=2024",
    ]
    shutil.rmtree(out)
