"""Import the JobTech statistics files into warehouse tables, published atomically.

Tables (schemas in :mod:`.schema`), each row naming its ``source_file`` and ``period``:

* ``stat_job_ads`` -- the 2024 ad counts (``ads_2024_lan``, ``ads_2024_kommun``) and the
  Platsbanken snapshot counts (``platsbanken_current``), one row per occupation group x
  area, with the SSYK-4 code and the area's level and official code (länskod/kommunkod).
* ``stat_barometer`` -- Yrkesbarometer per barometer occupation x area.
* ``stat_salary`` -- salary P10 / average / P90 per SSYK-4.

Every import replaces the three tables whole; the ``ads`` table is carried over untouched.
Re-importing the same files publishes nothing: each table's content hash is kept in the
manifest, and when all three are unchanged the current snapshot stays as it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from kompetensbron.config import get_settings
from kompetensbron.sources.jobtech_statistics import (
    STATISTICS_FILES,
    read_ad_counts,
    read_barometer,
    read_salaries,
)
from kompetensbron.warehouse.ingest import load_taxonomy
from kompetensbron.warehouse.schema import STAT_BAROMETER_SCHEMA, STAT_JOB_ADS_SCHEMA, STAT_SALARY_SCHEMA
from kompetensbron.warehouse.snapshots import SnapshotWriter, read_current, write_snapshot
from kompetensbron.warehouse.taxonomy import TaxonomyLookup

STAT_TABLES = ("stat_job_ads", "stat_barometer", "stat_salary")


@dataclass(frozen=True)
class ImportedTable:
    """One written table: its rows and the files (and periods) they came from."""

    table: str
    rows: int
    sources: tuple[tuple[str, str], ...]  # (file name, period)


@dataclass(frozen=True)
class StatisticsImportResult:
    """What :func:`import_statistics` wrote, and the snapshot it published."""

    snapshot: str
    tables: tuple[ImportedTable, ...]
    unmapped_groups: int  # occupation-group ids without an SSYK-4 code in the taxonomy
    unknown_areas: int  # area ids that are neither Sweden, a län nor a kommun
    changed: bool = True  # False: the published tables already had this content; nothing was written

    def table(self, name: str) -> ImportedTable:
        """The entry of one table."""
        return next(t for t in self.tables if t.table == name)


def _content_hash(table: pa.Table) -> str:
    """SHA-256 of a table's Arrow IPC bytes: equal data gives an equal hash."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as stream:
        stream.write_table(table)
    return hashlib.sha256(sink.getvalue().to_pybytes()).hexdigest()


def _write(writer: SnapshotWriter, name: str, table: pa.Table, sources: list[tuple[str, str]]) -> ImportedTable:
    rel = f"{name}/part-{writer.id}.parquet"
    pq.write_table(table, writer.new_file(rel), compression="zstd")
    writer.tables[name] = {
        "files": [rel],
        "rows": table.num_rows,
        "sources": [{"file": f, "period": p} for f, p in sources],
        "content_sha256": _content_hash(table),
    }
    return ImportedTable(name, table.num_rows, tuple(sources))


def _job_ads_table(data_dir: Path, tx: TaxonomyLookup) -> tuple[pa.Table, list[tuple[str, str]], int, int]:
    cols: dict[str, list[object]] = {name: [] for name in STAT_JOB_ADS_SCHEMA.names}
    sources: list[tuple[str, str]] = []
    unmapped: set[str] = set()
    unknown: set[str] = set()
    for key in ("ads_2024_lan", "ads_2024_kommun", "platsbanken_current"):
        spec = STATISTICS_FILES[key]
        sources.append((spec.filename, spec.period))
        for count in read_ad_counts(spec.path(data_dir)):
            level, code = tx.area_of(count.area_concept_id)
            ssyk = tx.ssyk_of_group.get(count.occupation_group_concept_id)
            if ssyk is None:
                unmapped.add(count.occupation_group_concept_id)
            if level == "unknown":
                unknown.add(count.area_concept_id)
            for name, value in (
                ("dataset", key),
                ("source_file", spec.filename),
                ("period", spec.period),
                ("occupation_group_concept_id", count.occupation_group_concept_id),
                ("ssyk4", ssyk),
                ("area_level", level),
                ("area_concept_id", count.area_concept_id),
                ("area_code", code),
                ("ads", count.ads),
            ):
                cols[name].append(value)
    return pa.table(cols, schema=STAT_JOB_ADS_SCHEMA), sources, len(unmapped), len(unknown)


def _barometer_table(data_dir: Path, tx: TaxonomyLookup) -> tuple[pa.Table, list[tuple[str, str]], int]:
    spec = STATISTICS_FILES["barometer_regional"]
    cols: dict[str, list[object]] = {name: [] for name in STAT_BAROMETER_SCHEMA.names}
    unknown: set[str] = set()
    for entry in read_barometer(spec.path(data_dir)):
        level, code = tx.area_of(entry.area_concept_id)
        if level == "unknown":
            unknown.add(entry.area_concept_id)
        for name, value in (
            ("source_file", spec.filename),
            ("period", spec.period),
            ("barometer_occupation_id", entry.barometer_occupation_id),
            ("area_level", level),
            ("area_concept_id", entry.area_concept_id),
            ("area_code", code),
            ("job_opportunities", entry.job_opportunities),
            ("outlook_5y", entry.outlook_5y),
        ):
            cols[name].append(value)
    return pa.table(cols, schema=STAT_BAROMETER_SCHEMA), [(spec.filename, spec.period)], len(unknown)


def _salary_table(data_dir: Path) -> tuple[pa.Table, list[tuple[str, str]]]:
    spec = STATISTICS_FILES["ssyk_salary"]
    figures = read_salaries(spec.path(data_dir)).figures
    table = pa.table(
        {
            "source_file": [spec.filename] * len(figures),
            "period": [spec.period] * len(figures),
            "ssyk4": [f.ssyk4 for f in figures],
            "p10": [f.p10 for f in figures],
            "average": [f.average for f in figures],
            "p90": [f.p90 for f in figures],
            "unit": ["SEK/month"] * len(figures),
        },
        schema=STAT_SALARY_SCHEMA,
    )
    return table, [(spec.filename, spec.period)]


def import_statistics(
    data_dir: Path | None = None,
    warehouse_dir: Path | None = None,
    *,
    taxonomy: TaxonomyLookup | None = None,
) -> StatisticsImportResult:
    """Read the statistics files of ``data_dir`` and publish them as warehouse tables.

    All files are read and validated before anything is written; a malformed file raises
    :class:`~kompetensbron.errors.DataFileMalformed` and the warehouse stays as it was.
    """
    settings = get_settings()
    data_dir = Path(data_dir) if data_dir is not None else settings.data_dir
    warehouse_dir = Path(warehouse_dir) if warehouse_dir is not None else settings.warehouse_dir
    tx = taxonomy or load_taxonomy(data_dir)

    job_ads, job_sources, unmapped, unknown_ads = _job_ads_table(data_dir, tx)
    barometer, baro_sources, unknown_baro = _barometer_table(data_dir, tx)
    salary, salary_sources = _salary_table(data_dir)

    current = read_current(warehouse_dir)
    if current is not None:
        wanted = {"stat_job_ads": job_ads, "stat_barometer": barometer, "stat_salary": salary}
        if all(current.table(name).get("content_sha256") == _content_hash(t) for name, t in wanted.items()):
            sources = {"stat_job_ads": job_sources, "stat_barometer": baro_sources, "stat_salary": salary_sources}
            return StatisticsImportResult(
                snapshot=current.id,
                tables=tuple(ImportedTable(name, t.num_rows, tuple(sources[name])) for name, t in wanted.items()),
                unmapped_groups=unmapped,
                unknown_areas=unknown_ads + unknown_baro,
                changed=False,
            )

    with write_snapshot(warehouse_dir) as writer:
        writer.carry_over_tables(except_tables=set(STAT_TABLES))
        tables = (
            _write(writer, "stat_job_ads", job_ads, job_sources),
            _write(writer, "stat_barometer", barometer, baro_sources),
            _write(writer, "stat_salary", salary, salary_sources),
        )
        published = writer.publish(
            event={
                "kind": "import-statistics",
                "sources": [f for t in tables for f, _ in t.sources],
                "rows": {t.table: t.rows for t in tables},
            },
            taxonomy=tx.version,
        )
    return StatisticsImportResult(
        snapshot=published.id,
        tables=tables,
        unmapped_groups=unmapped,
        unknown_areas=unknown_ads + unknown_baro,
    )
