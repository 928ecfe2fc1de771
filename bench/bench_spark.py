"""Benchmark the Spark variant of the job-ad pipeline in local mode.

Usage::

    .venv/bin/python bench/bench_spark.py [--ads 1000000] [--cores 2] [--enrich]

Reads ``bench/out/ads_<N>.jsonl`` (made by ``bench/generate_ads.py`` if missing), runs
normalise (+ the enrich hook with ``--enrich``) + dedupe on ``local[cores]`` and then the
shared demand SQL, and prints the session start-up, pipeline and per-query times.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--enrich", action="store_true")
    args = parser.parse_args()

    from kompetensbron.config import get_settings
    from kompetensbron.warehouse import load_taxonomy, queries
    from kompetensbron.warehouse.spark import local_session, run_pipeline, run_query

    path = OUT / f"ads_{args.ads}.jsonl"
    if not path.is_file():
        from generate_ads import generate

        generate(args.ads, path)
    taxonomy = load_taxonomy(get_settings().data_dir)
    hook = None
    if args.enrich:
        from kompetensbron.enrich.pipeline import enrich_frame

        hook = enrich_frame

    started = time.perf_counter()
    spark = local_session(cores=args.cores, shuffle_partitions=max(4, 2 * args.cores), driver_memory="4g")
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - started
    result = run_pipeline(path, spark=spark, taxonomy=taxonomy, enrich=hook)
    timings = {}
    for name, template, params in (
        (
            "demand: all SSYK-4 x län x month",
            queries.DEMAND_SQL,
            dict(level="lan", grain="month", ssyk4=None, region=None, year_from=None, year_to=None),
        ),
        (
            "year-on-year 2024: all SSYK-4 x län",
            queries.YEAR_ON_YEAR_SQL,
            dict(year=2024, level="lan", ssyk4=None, region=None),
        ),
        (
            "top 10 occupations of Stockholms län",
            queries.TOP_OCCUPATIONS_SQL,
            dict(region="01", level="lan", year=None, limit=10),
        ),
        (
            "top 20 employer skills of SSYK 2512",
            queries.TOP_SKILLS_SQL,
            dict(ssyk4="2512", year=None, region=None, level="lan", skill_source="ad", limit=20),
        ),
    ):
        t0 = time.perf_counter()
        rows = run_query(spark, template, **params)
        timings[name] = {"seconds": round(time.perf_counter() - t0, 2), "result_rows": len(rows)}
    spark.stop()
    report = {
        "ads_in_file": args.ads,
        "cores": args.cores,
        "enrich": hook is not None,
        "session_startup_s": round(startup, 1),
        "pipeline_s (read+normalise+enrich+dedupe+cache)": round(result.seconds, 1),
        "ads_per_s": round(args.ads / result.seconds),
        "rows": result.rows,
        "skipped": result.skipped,
        "queries": timings,
        "total_s": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
