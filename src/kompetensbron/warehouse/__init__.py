"""The job-ad warehouse: Parquet snapshots queried with DuckDB (plain Python, no Django).

Public API::

    ingest_ads(paths, *, warehouse_dir=None, enrich=None, progress=None, taxonomy=None,
               chunk_size=None, keep_text=False) -> IngestResult
    import_statistics(data_dir=None, warehouse_dir=None, *, taxonomy=None)
        -> StatisticsImportResult
    open_reader(warehouse_dir) -> duckdb connection with views ads, stat_job_ads,
        stat_barometer, stat_salary, warehouse_meta over the *published* snapshot
    demand_by_occupation_region / year_on_year / top_occupations(_of_kommuner) / top_skills /
        statistics_ad_counts (con, ...) -> typed results with Provenance
    shared_reader(warehouse_dir) -> a cursor on a per-process reader, re-opened when a
        new snapshot is published (for web requests; one cursor per thread)
    read_current(warehouse_dir) -> Snapshot | None   (id, path, manifest)
    contents / salary / barometer_summary (con, ...) -> what the snapshot holds, small look-ups

Writers publish atomically (see :mod:`.snapshots`); readers only ever see published
snapshots. The Spark variant of the pipeline is :mod:`kompetensbron.warehouse.spark`
(imported on demand: it needs the ``spark`` extra).
"""

from __future__ import annotations

from kompetensbron.provenance import Provenance
from kompetensbron.warehouse.contents import BarometerSummary, Contents, SalaryRow, barometer_summary, contents, salary
from kompetensbron.warehouse.demand import (
    DemandResult,
    DemandRow,
    OccupationCount,
    SkillCount,
    StatisticsCount,
    StatisticsCountsResult,
    TopOccupationsResult,
    TopSkillsResult,
    YearOnYearResult,
    YearOnYearRow,
    demand_by_occupation_region,
    statistics_ad_counts,
    top_occupations,
    top_occupations_of_kommuner,
    top_skills,
    year_on_year,
)
from kompetensbron.warehouse.duck import Connection, close_shared_readers, open_reader, reading, shared_reader
from kompetensbron.warehouse.hooks import EnrichHook
from kompetensbron.warehouse.ingest import IngestResult, ingest_ads, load_taxonomy
from kompetensbron.warehouse.normalise import SkippedRecord
from kompetensbron.warehouse.snapshots import Snapshot, read_current
from kompetensbron.warehouse.statistics import ImportedTable, StatisticsImportResult, import_statistics
from kompetensbron.warehouse.taxonomy import TaxonomyLookup

__all__ = [
    "BarometerSummary",
    "Contents",
    "SalaryRow",
    "barometer_summary",
    "contents",
    "salary",
    "Connection",
    "DemandResult",
    "DemandRow",
    "EnrichHook",
    "ImportedTable",
    "IngestResult",
    "OccupationCount",
    "Provenance",
    "SkillCount",
    "SkippedRecord",
    "Snapshot",
    "StatisticsCount",
    "StatisticsCountsResult",
    "StatisticsImportResult",
    "TaxonomyLookup",
    "TopOccupationsResult",
    "TopSkillsResult",
    "YearOnYearResult",
    "YearOnYearRow",
    "demand_by_occupation_region",
    "close_shared_readers",
    "import_statistics",
    "ingest_ads",
    "load_taxonomy",
    "open_reader",
    "reading",
    "read_current",
    "shared_reader",
    "statistics_ad_counts",
    "top_occupations",
    "top_occupations_of_kommuner",
    "top_skills",
    "year_on_year",
]
