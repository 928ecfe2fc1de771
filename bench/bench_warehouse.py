"""Benchmark the job-ad warehouse: ingest throughput and memory, DuckDB query latency.

Usage::

    .venv/bin/python bench/bench_warehouse.py [--ads 1000000] [--query-rows 10000000]
        [--skip-ingest] [--skip-queries] [--no-enrich] [--repeats 20]

Everything is written under ``bench/out/`` (gitignored):

* ``ads_<N>.jsonl`` -- synthetic ads from ``bench/generate_ads.py`` (made once);
* ingest: a fresh warehouse per run, in a child process so its peak RSS is its own,
  first without enrichment, then with ``kompetensbron.enrich.parallel.ParallelEnricher`` (one worker per core) as
  the hook when that module imports, on the first ``--enrich-ads`` ads of the file (the
  hook runs at a few hundred ads/s here, so 1 M would take most of an hour);
* queries: a warehouse of ``--query-rows`` synthetic ads built directly as Parquet with
  DuckDB (SSYK-4 codes, kommuner/län and skill ids drawn from the real taxonomy, skewed),
  published as a normal snapshot and queried through the public demand functions.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "src"))


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# -- child: one ingest run ----------------------------------------------------------------
def child_ingest(path: Path, warehouse: Path, enrich: bool) -> None:
    """Ingest ``path`` into a fresh ``warehouse``; print one JSON line of figures."""
    from kompetensbron.config import get_settings
    from kompetensbron.warehouse import ingest_ads, load_taxonomy

    shutil.rmtree(warehouse, ignore_errors=True)
    taxonomy = load_taxonomy(get_settings().data_dir)
    hook = None
    warmup = 0.0
    if enrich:
        import pandas as pd

        from kompetensbron.enrich.parallel import ParallelEnricher
        from kompetensbron.enrich.pipeline import load_enricher

        started = time.perf_counter()
        enricher = load_enricher()
        enricher.enrich_frame(
            pd.DataFrame({"headline": ["Sjuksköterska"], "description": ["Omvårdnad och journalföring."]})
        )
        warmup = time.perf_counter() - started
        hook = ParallelEnricher(enricher)  # one worker process per core, as `kompetensbron ingest-ads` does
    samples: list[tuple[int, float]] = []
    seen = 0

    def progress(n: int) -> None:
        nonlocal seen
        seen += n
        samples.append((seen, round(_rss_mb(), 1)))

    result = ingest_ads(path, warehouse_dir=warehouse, taxonomy=taxonomy, enrich=hook, progress=progress)
    if hook is not None:
        hook.close()
    print(
        json.dumps(
            {
                "read": result.read,
                "written": result.written,
                "seconds": round(result.seconds, 2),
                "ads_per_s": round(result.ads_per_second),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "rss_samples_mb": samples[:: max(1, len(samples) // 10)] + samples[-1:],
                "enrich_warmup_s": round(warmup, 1),
                "enrich_version": result.enrich_version,
            }
        )
    )


def run_ingest(path: Path, enrich: bool) -> dict[str, Any]:
    warehouse = OUT / ("wh_ingest_enriched" if enrich else "wh_ingest")
    cmd = [sys.executable, __file__, "_ingest", str(path), str(warehouse)] + (["--enrich"] if enrich else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["load_avg_after"] = os.getloadavg()[0]
    figures["warehouse_mb"] = round(sum(f.stat().st_size for f in warehouse.rglob("*.parquet")) / 2**20)
    shutil.rmtree(warehouse, ignore_errors=True)
    return figures


# -- the 10 M-row query warehouse -----------------------------------------------------------
def build_query_warehouse(warehouse: Path, rows: int) -> float:
    """Publish a snapshot of ``rows`` synthetic ads (2019-2025) written directly by DuckDB."""
    import orjson

    from kompetensbron.config import get_settings
    from kompetensbron.warehouse import load_taxonomy
    from kompetensbron.warehouse.duck import ROW_GROUP_SIZE, connect, sql_string
    from kompetensbron.warehouse.schema import ADS_SCHEMA
    from kompetensbron.warehouse.snapshots import write_snapshot

    started = time.perf_counter()
    shutil.rmtree(warehouse, ignore_errors=True)
    data_dir = get_settings().data_dir
    tx = load_taxonomy(data_dir)
    ssyk = sorted(tx.group_of_ssyk.items())  # (code, group concept)
    kommuner = sorted((k, tx.lanskod_of_kommun[k], m) for k, m in tx.municipality_of_kommunkod.items())
    skills = [
        s["id"] for s in orjson.loads((data_dir / "jobtech/taxonomy/skills.json").read_bytes())["data"]["concepts"]
    ]
    con = connect(memory_limit="4GB", temp_dir=OUT / "tmp_duck")
    con.execute(
        "CREATE TABLE ssyk AS SELECT * FROM (VALUES "
        + ", ".join(f"({i}, '{c}', '{g}')" for i, (c, g) in enumerate(ssyk))
        + ") t(i, code, grp)"
    )
    con.execute(
        "CREATE TABLE kommun AS SELECT * FROM (VALUES "
        + ", ".join(f"({i}, '{k}', '{lan}', '{m}')" for i, (k, lan, m) in enumerate(kommuner))
        + ") t(i, kod, lan, mid)"
    )
    con.execute("SET VARIABLE skills = " + "[" + ", ".join(f"'{s}'" for s in skills) + "]")
    n_ssyk, n_kommun, n_skills = len(ssyk), len(kommuner), len(skills)
    per_year = rows // 7
    columns = {
        "ad_id": "'synthetic-' || r.i",
        "headline": "'Syntetisk annons ' || r.i",
        "publication_date": "make_timestamp(r.y, 1 + (r.h1 % 12)::INT, 1 + (r.h2 % 28)::INT, 8 + (r.h3 % 10)::INT, 0, 0)",
        "removed": "false",
        "pub_year": "r.y::SMALLINT",
        "number_of_vacancies": "(1 + (r.h4 % 3))::INT",
        "ssyk4": "s.code",
        "ssyk": "s.code",
        "occupation_group_concept_id": "s.grp",
        "municipality_concept_id": "k.mid",
        "kommunkod": "k.kod",
        "lanskod": "k.lan",
        "source_skill_ids": f"list_distinct([getvariable('skills')[1 + ((s.i * 17 + r.h5 % 12) % {n_skills})::INT], getvariable('skills')[1 + (r.h6 % {n_skills})::INT]])",
        "skill_ids": f"list_distinct([getvariable('skills')[1 + ((s.i * 17 + r.h1 % 10) % {n_skills})::INT], getvariable('skills')[1 + ((s.i * 17 + 10 + r.h2 % 20) % {n_skills})::INT], getvariable('skills')[1 + (r.h3 % {n_skills})::INT]])",
        "is_synthetic": "true",
        "source_file": "'bench/generated'",
        "content_hash": "md5(r.i::VARCHAR)",
        "version_seq": "r.i",
    }
    select = ", ".join(
        f'{columns.get(f.name, "NULL")}::{con.execute(f"SELECT typeof(NULL::{_duck_type(f.type)})").fetchone()[0]} AS "{f.name}"'
        for f in ADS_SCHEMA
    )
    with write_snapshot(warehouse) as writer:
        partitions = {}
        for offset, year in enumerate(range(2019, 2026)):
            rel = f"ads/pub_year={year}/part-{writer.id}.parquet"
            target = writer.new_file(rel)
            lo = offset * per_year
            con.execute(
                f"""
                COPY (
                  WITH r AS (
                    SELECT i, {year} AS y, hash(i) AS h0, hash(i + 1) AS h1, hash(i + 2) AS h2, hash(i + 3) AS h3,
                           hash(i + 4) AS h4, hash(i + 5) AS h5, hash(i + 6) AS h6
                    FROM range({lo}, {lo + per_year}) t(i)
                  )
                  SELECT {select}
                  FROM r
                  JOIN ssyk s ON s.i = least({n_ssyk - 1}, floor({n_ssyk} * pow((r.h0 % 1000003) / 1000003.0, 2.2)))::INT
                  JOIN kommun k ON k.i = least({n_kommun - 1}, floor({n_kommun} * pow((r.h1 % 999983) / 999983.0, 2.5)))::INT
                  ORDER BY ssyk, publication_date
                ) TO {sql_string(target)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_SIZE})
                """
            )
            partitions[str(year)] = {"files": [rel], "rows": per_year}
        writer.tables["ads"] = {
            "files": [p["files"][0] for p in partitions.values()],
            "rows": per_year * 7,
            "partitions": partitions,
        }
        writer.publish(event={"kind": "bench-generated", "rows": per_year * 7}, taxonomy=tx.version)
    con.close()
    shutil.rmtree(OUT / "tmp_duck", ignore_errors=True)
    return time.perf_counter() - started


def _duck_type(arrow_type: Any) -> str:
    import pyarrow as pa

    if pa.types.is_list(arrow_type):
        return "VARCHAR[]"
    return {
        pa.string(): "VARCHAR",
        pa.bool_(): "BOOLEAN",
        pa.int16(): "SMALLINT",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.float64(): "DOUBLE",
    }.get(arrow_type, "TIMESTAMP")


def run_queries(warehouse: Path, repeats: int) -> dict[str, Any]:
    import random

    from kompetensbron.warehouse import (
        demand_by_occupation_region,
        open_reader,
        top_occupations,
        top_skills,
        year_on_year,
    )

    con = open_reader(warehouse)
    total = con.execute("SELECT count(*) FROM ads").fetchone()[0]
    codes = [c for (c,) in con.execute("SELECT ssyk4 FROM ads USING SAMPLE 2000 ROWS").fetchall()]
    lans = [r for (r,) in con.execute("SELECT DISTINCT lanskod FROM ads").fetchall()]
    kommuner = [r for (r,) in con.execute("SELECT kommunkod FROM ads USING SAMPLE 2000 ROWS").fetchall()]
    rng = random.Random(3)
    cases = {
        "demand: one SSYK-4, all län, per month": lambda: demand_by_occupation_region(con, ssyk4=rng.choice(codes)),
        "demand: one län, all SSYK-4, per year": lambda: demand_by_occupation_region(
            con, grain="year", region_code=rng.choice(lans)
        ),
        "demand: one kommun, 2024, per month": lambda: demand_by_occupation_region(
            con, level="kommun", region_code=rng.choice(kommuner), year_from=2024, year_to=2024
        ),
        "year-on-year 2024: all SSYK-4 x län": lambda: year_on_year(con, year=2024),
        "year-on-year 2024: one SSYK-4 x kommun": lambda: year_on_year(
            con, year=2024, level="kommun", ssyk4=rng.choice(codes)
        ),
        "top 10 occupations of a län": lambda: top_occupations(con, region_code=rng.choice(lans)),
        "top 10 occupations of a kommun, 2024": lambda: top_occupations(
            con, level="kommun", region_code=rng.choice(kommuner), year=2024
        ),
        "top 20 skills of an SSYK-4": lambda: top_skills(con, ssyk4=rng.choice(codes)),
        "top 20 skills of an SSYK-4 in a län, 2023": lambda: top_skills(
            con, ssyk4=rng.choice(codes), region_code=rng.choice(lans), year=2023
        ),
    }
    results: dict[str, Any] = {"rows": total, "load_avg_before": os.getloadavg()[0], "queries": {}}
    every: list[float] = []
    for name, call in cases.items():
        call()  # warm the Parquet metadata cache
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        every += times
        results["queries"][name] = _percentiles(times)
    results["all"] = _percentiles(every)
    results["load_avg_after"] = os.getloadavg()[0]
    started = time.perf_counter()
    cube = demand_by_occupation_region(con)
    results["full cube: all SSYK-4 x län x month (one run)"] = {
        "ms": round((time.perf_counter() - started) * 1000),
        "result_rows": len(cube.rows),
    }
    return results


def _percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 1),
        "max_ms": round(ordered[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ads", type=int, default=1_000_000)
    parser.add_argument("--query-rows", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--no-enrich", action="store_true")
    parser.add_argument(
        "--enrich-ads",
        type=int,
        default=100_000,
        help="ads for the run with the enrich hook (the first N of the file; the hook is the bottleneck)",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {}
    if not args.skip_ingest:
        path = OUT / f"ads_{args.ads}.jsonl"
        if not path.is_file():
            from generate_ads import generate

            report["generate_ads_per_s"] = round(generate(args.ads, path))
        report["file_mb"] = round(path.stat().st_size / 2**20)
        report["ingest_plain"] = run_ingest(path, enrich=False)
        print(json.dumps({"ingest_plain": report["ingest_plain"]}), flush=True)
        if not args.no_enrich:
            try:
                import kompetensbron.enrich.pipeline  # noqa: F401

                sample = path
                if args.enrich_ads < args.ads:
                    sample = OUT / f"ads_{args.enrich_ads}_of_{args.ads}.jsonl"
                    if not sample.is_file():
                        with open(path, "rb") as src, open(sample, "wb") as dst:
                            for _, line in zip(range(args.enrich_ads), src, strict=False):
                                dst.write(line)
                report["ingest_enriched"] = run_ingest(sample, enrich=True)
            except Exception as exc:  # report, do not hide: the figure is then missing
                report["ingest_enriched"] = {"error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps({"ingest_enriched": report["ingest_enriched"]}), flush=True)
    if not args.skip_queries:
        warehouse = OUT / f"wh_query_{args.query_rows}"
        if not (warehouse / "CURRENT").is_file():
            report["query_warehouse_build_s"] = round(build_query_warehouse(warehouse, args.query_rows), 1)
        report["queries"] = run_queries(warehouse, args.repeats)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_ingest":
        child_ingest(Path(sys.argv[2]), Path(sys.argv[3]), "--enrich" in sys.argv)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        main()
