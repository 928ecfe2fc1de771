"""Everything that touches DuckDB (pinned 1.5.x) lives in this module.

* :func:`shared_reader` -- a cursor on a per-process cached reader (for the web app);
  :func:`reading` -- the same as a context manager that logs a DuckDB error and raises
  :class:`~kompetensbron.errors.WarehouseUnavailable` (never "no data").
* :func:`open_reader` -- an in-memory connection with read-only views over the published
  snapshot's Parquet files: ``ads``, ``stat_job_ads``, ``stat_barometer``, ``stat_salary``
  and ``warehouse_meta`` (snapshot id, creation time, schema and taxonomy version).
* :func:`merge_ads` -- the copy-on-write merge of staged incoming ads into the next
  snapshot (latest version per ``ad_id`` wins, unchanged partitions hard-linked).

DuckDB 2.0 changed the Python API; keep every call here so an upgrade touches one file.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from kompetensbron.errors import WarehouseUnavailable
from kompetensbron.warehouse.schema import ADS_SCHEMA, TABLE_SCHEMAS
from kompetensbron.warehouse.snapshots import CURRENT_FILE, Snapshot, SnapshotWriter, read_current

Connection = duckdb.DuckDBPyConnection
log = logging.getLogger(__name__)

#: Rows per Parquet row group of the ``ads`` files (a multiple of DuckDB's vector size).
ROW_GROUP_SIZE = 65_536

#: Versioned SQL of the reader views; ``{files}`` is a list literal of Parquet paths.
VIEW_SQL = "CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet({files}, hive_partitioning = false, union_by_name = true)"


def sql_string(value: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def _file_list(paths: list[Path]) -> str:
    return "[" + ", ".join(sql_string(p) for p in paths) + "]"


def connect(*, memory_limit: str = "2GB", threads: int = 2, temp_dir: Path | None = None) -> Connection:
    """A fresh in-memory DuckDB connection with bounded memory and threads."""
    con = duckdb.connect(":memory:", config={"threads": threads, "memory_limit": memory_limit})
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    if temp_dir is not None:
        temp_dir.mkdir(parents=True, exist_ok=True)
        con.execute(f"SET temp_directory = {sql_string(temp_dir)}")
    return con


def _empty_table(con: Connection, name: str, schema: pa.Schema) -> None:
    """A real (catalog) empty table of a schema, visible to every cursor of ``con``."""
    con.register("_arrow_empty", schema.empty_table())
    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _arrow_empty")
    con.unregister("_arrow_empty")


def _create_table_view(con: Connection, name: str, files: list[Path]) -> None:
    if files:
        con.execute(VIEW_SQL.format(name=name, files=_file_list(files)))
    else:
        _empty_table(con, name, TABLE_SCHEMAS[name])


def attach_snapshot(con: Connection, snapshot: Snapshot | None) -> None:
    """Create the reader views of a snapshot (empty, typed views when there is none)."""
    for name in TABLE_SCHEMAS:
        _create_table_view(con, name, snapshot.files(name) if snapshot else [])
    manifest = snapshot.manifest if snapshot else {}
    con.execute(
        "CREATE OR REPLACE TABLE warehouse_meta AS SELECT ?::VARCHAR AS snapshot, ?::VARCHAR AS created_at, "
        "?::INTEGER AS schema_version, ?::VARCHAR AS taxonomy",
        [
            snapshot.id if snapshot else None,
            manifest.get("created_at"),
            manifest.get("schema_version"),
            manifest.get("taxonomy"),
        ],
    )


def open_reader(warehouse_dir: Path, *, memory_limit: str = "2GB", threads: int = 2) -> Connection:
    """An in-memory DuckDB connection with views over the *published* warehouse.

    The snapshot is resolved once; files written later are not seen. Open a new reader
    (cheap: no data is loaded) to see a newer snapshot.
    """
    con = connect(memory_limit=memory_limit, threads=threads)
    con.execute("SET parquet_metadata_cache = true")
    attach_snapshot(con, read_current(warehouse_dir))
    return con


_SHARED: dict[Path, tuple[str, Connection]] = {}
_SHARED_LOCK = threading.Lock()


def shared_reader(warehouse_dir: Path) -> Connection:
    """A cursor on this process's reader of the published snapshot, for web requests.

    The reader is opened once per snapshot and re-opened when ``CURRENT`` changes (one
    small file read per call). Each call returns a new cursor: use one per thread.
    """
    key = Path(warehouse_dir).resolve()
    try:
        current = (key / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        current = ""
    with _SHARED_LOCK:
        cached = _SHARED.get(key)
        if cached is None or cached[0] != current:
            # the old reader is not closed here: cursors other threads still use keep it
            # alive, and DuckDB frees it when the last one is closed
            cached = (current, open_reader(key))
            _SHARED[key] = cached
        return cached[1].cursor()


@contextmanager
def reading(warehouse_dir: Path, *, shared: bool = True) -> Iterator[Connection]:
    """A reader of the published snapshot, closed afterwards: a :func:`shared_reader` cursor
    (web requests) or, with ``shared=False``, a fresh :func:`open_reader` (batch jobs).

    A DuckDB error while opening or querying is logged and raised as
    :class:`~kompetensbron.errors.WarehouseUnavailable`, so no caller mistakes it for "no data".
    """
    try:
        con = shared_reader(warehouse_dir) if shared else open_reader(warehouse_dir)
    except duckdb.Error as exc:
        log.exception("cannot open the warehouse reader of %s", warehouse_dir)
        raise WarehouseUnavailable(f"the job-ad warehouse cannot be opened: {exc}") from exc
    try:
        yield con
    except duckdb.Error as exc:
        log.exception("warehouse query failed (%s)", warehouse_dir)
        raise WarehouseUnavailable(f"the job-ad warehouse cannot be read: {exc}") from exc
    finally:
        con.close()


def close_shared_readers() -> None:
    """Close every shared reader (tests, process shutdown)."""
    with _SHARED_LOCK:
        for _, con in _SHARED.values():
            con.close()
        _SHARED.clear()


@dataclass(frozen=True)
class MergeOutcome:
    """What a merge changed: counts per kind and the rewritten partitions (years)."""

    new: int
    updated: int
    removed: int
    rows: int
    years_rewritten: tuple[int, ...]


_ADS_COLUMNS = ", ".join(f'"{n}"' for n in ADS_SCHEMA.names)
_REMOVALS_DDL = "CREATE TEMP TABLE removals_best (ad_id VARCHAR, removed_date TIMESTAMP, version_seq BIGINT)"


def merge_ads(
    writer: SnapshotWriter,
    incoming: list[Path],
    *,
    temp_dir: Path,
    removals: Path | None = None,
    memory_limit: str = "1GB",
) -> MergeOutcome:
    """Merge staged incoming ads (Parquet, ``ADS_SCHEMA``) into the writer's snapshot.

    Per ``ad_id`` the version ordered last by ``(source_ts NULLS FIRST, version_seq)``
    wins. An incoming winner whose content hash equals the stored one (and that brings no
    new enrichment) changes nothing. ``removals`` (Parquet: ``ad_id``, ``removed_date``,
    ``version_seq``) mark stored or incoming ads of lower ``version_seq`` as removed.
    Partitions holding a changed ad are rewritten; all other partitions are hard-linked.
    The ``ads`` entry of ``writer.tables`` is set.
    """
    con = connect(memory_limit=memory_limit, temp_dir=temp_dir)
    try:
        base = writer.base
        _create_table_view(con, "ads", base.files("ads") if base else [])
        if incoming:
            con.execute(VIEW_SQL.format(name="incoming", files=_file_list(incoming)))
        else:
            _empty_table(con, "incoming", ADS_SCHEMA)
        con.execute(_REMOVALS_DDL)
        if removals is not None:
            con.execute(
                "INSERT INTO removals_best SELECT ad_id, removed_date, version_seq FROM read_parquet("
                f"{sql_string(removals)}) QUALIFY row_number() OVER (PARTITION BY ad_id ORDER BY version_seq DESC) = 1"
            )
        con.execute(
            "CREATE TEMP TABLE inc_best AS SELECT ad_id, pub_year, content_hash, source_ts, version_seq, enrich_version "
            "FROM incoming QUALIFY row_number() OVER (PARTITION BY ad_id ORDER BY source_ts DESC NULLS LAST, version_seq DESC) = 1"
        )
        con.execute(
            "CREATE TEMP TABLE old_keys AS SELECT ad_id, pub_year, content_hash, source_ts, enrich_version "
            "FROM ads WHERE ad_id IN (SELECT ad_id FROM inc_best)"
        )
        con.execute(
            """
            CREATE TEMP TABLE changed AS
            SELECT i.ad_id, i.version_seq, i.pub_year, o.pub_year AS old_year, o.ad_id IS NULL AS is_new
            FROM inc_best i LEFT JOIN old_keys o ON i.ad_id = o.ad_id
            WHERE o.ad_id IS NULL
               OR (NOT coalesce(o.source_ts IS NOT NULL AND (i.source_ts IS NULL OR i.source_ts < o.source_ts), false)
                   AND (i.content_hash IS DISTINCT FROM o.content_hash
                        OR (i.enrich_version IS NOT NULL AND i.enrich_version IS DISTINCT FROM o.enrich_version)))
            """
        )
        con.execute(
            """
            CREATE TEMP TABLE removal_hits AS
            SELECT a.ad_id, a.pub_year FROM ads a JOIN removals_best r ON a.ad_id = r.ad_id
            WHERE a.ad_id NOT IN (SELECT ad_id FROM changed)
              AND (a.removed IS NOT TRUE OR (r.removed_date IS NOT NULL AND a.removed_date IS DISTINCT FROM r.removed_date))
            UNION ALL
            SELECT c.ad_id, c.pub_year FROM changed c JOIN removals_best r ON c.ad_id = r.ad_id
            WHERE r.version_seq > c.version_seq
            """
        )
        new, updated, removed = con.execute(
            "SELECT (SELECT count(*) FROM changed WHERE is_new), (SELECT count(*) FROM changed WHERE NOT is_new), "
            "(SELECT count(*) FROM removal_hits)"
        ).fetchone() or (0, 0, 0)
        affected = {
            int(y)
            for (y,) in con.execute(
                "SELECT pub_year FROM changed UNION SELECT old_year FROM changed WHERE old_year IS NOT NULL "
                "UNION SELECT pub_year FROM removal_hits"
            ).fetchall()
        }
        partitions: dict[str, dict[str, object]] = {}
        old_partitions = dict(base.table("ads").get("partitions", {})) if base else {}
        for year_key, entry in old_partitions.items():
            if int(year_key) not in affected:
                for rel in entry["files"]:
                    writer.link_from_base(rel)
                partitions[year_key] = entry
        for year in sorted(affected):
            rel = f"ads/pub_year={year}/part-{writer.id}.parquet"
            target = writer.new_file(rel)
            count = con.execute(
                f"""
                COPY (
                    WITH merged AS (
                        SELECT {_ADS_COLUMNS} FROM ads
                        WHERE pub_year = {year} AND ad_id NOT IN (SELECT ad_id FROM changed)
                        UNION ALL
                        SELECT {", ".join(f'inc."{n}"' for n in ADS_SCHEMA.names)}
                        FROM incoming inc JOIN changed c ON inc.version_seq = c.version_seq
                        WHERE c.pub_year = {year}
                    )
                    SELECT m.* REPLACE (
                        CASE WHEN r.version_seq > m.version_seq THEN true ELSE m.removed END AS removed,
                        CASE WHEN r.version_seq > m.version_seq THEN coalesce(r.removed_date, m.removed_date)
                             ELSE m.removed_date END AS removed_date)
                    FROM merged m LEFT JOIN removals_best r ON r.ad_id = m.ad_id
                    ORDER BY m.ssyk, m.publication_date
                ) TO {sql_string(target)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_SIZE})
                """
            ).fetchone()
            rows = int(count[0]) if count else 0
            if rows:
                partitions[str(year)] = {"files": [rel], "rows": rows}
            else:
                target.unlink()
        ordered = dict(sorted(partitions.items()))
        writer.tables["ads"] = {
            "files": [str(rel) for entry in ordered.values() for rel in _as_list(entry["files"])],
            "rows": sum(int(str(entry["rows"])) for entry in ordered.values()),
            "partitions": ordered,
        }
        return MergeOutcome(
            new=int(new),
            updated=int(updated),
            removed=int(removed),
            rows=int(writer.tables["ads"]["rows"]),
            years_rewritten=tuple(sorted(affected)),
        )
    finally:
        con.close()


def _as_list(value: object) -> list[object]:
    """A manifest entry's list (the manifest is JSON: ``object`` to the type checker)."""
    if not isinstance(value, list):
        raise TypeError(f"expected a list in the snapshot manifest, got {type(value).__name__}")
    return value


def query_arrow(con: Connection, sql: str, params: dict[str, object] | None = None) -> pa.Table:
    """Run a query and return an Arrow table (the demand queries' entry point)."""
    return con.execute(sql, params or {}).fetch_arrow_table()


def current_snapshot_id(con: Connection) -> str | None:
    """The snapshot id a reader connection is attached to."""
    row = con.execute("SELECT snapshot FROM warehouse_meta").fetchone()
    return row[0] if row else None
