"""Ingest JobTech job-ad files into the Parquet warehouse, chunk by chunk.

Pipeline per file: stream records (:mod:`.records`) -> normalise (:mod:`.normalise`) ->
every ``chunk_size`` ads: run the enrich hook (:mod:`.hooks`) and write the chunk to a
staging Parquet file -> after the last file: merge into a new snapshot with DuckDB
(:func:`.duck.merge_ads`) and publish it atomically (:mod:`.snapshots`).

Memory stays flat: at most one chunk of ads is in Python at a time, and DuckDB's merge runs
under a memory limit, spilling to the staging directory. If anything raises (including
the enrich hook), the staging directory is dropped and the published warehouse is
unchanged.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from kompetensbron.config import get_settings
from kompetensbron.errors import DataFileMissing
from kompetensbron.warehouse.duck import merge_ads
from kompetensbron.warehouse.hooks import EnrichHook, finish_chunk, hook_version
from kompetensbron.warehouse.normalise import AdNormaliser, ChunkBuilder, InvalidAd, RemovalStub, SkippedRecord
from kompetensbron.warehouse.records import iter_records
from kompetensbron.warehouse.snapshots import write_snapshot
from kompetensbron.warehouse.taxonomy import TaxonomyLookup

#: At most this many skipped records are listed in a result (all are counted).
MAX_SKIPPED_LISTED = 1000
DEFAULT_CHUNK_SIZE = 50_000
#: With an enrich hook chunks are smaller: the hook dominates, and progress moves per chunk.
DEFAULT_ENRICH_CHUNK_SIZE = 10_000

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True)
class IngestResult:
    """What an ingest did.

    ``read`` counts every record met (including skipped ones); ``written`` the ads that
    changed the warehouse (``new`` + ``updated``); ``removed`` the stored ads a JobStream
    removal notice marked removed; ``duplicates`` the valid records that changed nothing
    (the same or a newer version is stored or follows in the input; a notice for an
    unknown ad). ``read == written + removed + duplicates + skipped_total``.
    """

    read: int
    written: int
    new: int
    updated: int
    duplicates: int
    skipped_total: int
    removed: int = 0
    skipped: tuple[SkippedRecord, ...] = ()
    snapshot: str | None = None
    published: bool = False
    years_rewritten: tuple[int, ...] = ()
    files: tuple[Path, ...] = ()
    seconds: float = 0.0
    enrich_version: str | None = None
    rows_total: int = 0

    @property
    def ads_per_second(self) -> float:
        """Throughput over the whole call (records read per second)."""
        return self.read / self.seconds if self.seconds > 0 else 0.0


@lru_cache(maxsize=4)
def load_taxonomy(data_dir: Path) -> TaxonomyLookup:
    """The taxonomy look-ups of a data directory, loaded once per process."""
    return TaxonomyLookup.from_data_dir(data_dir)


@dataclass
class _Run:
    """Mutable counters of one ingest."""

    read: int = 0
    skipped_total: int = 0
    skipped: list[SkippedRecord] = field(default_factory=list)
    chunk_files: list[Path] = field(default_factory=list)
    removals: list[tuple[str, datetime | None, int]] = field(default_factory=list)

    def skip(self, path: Path, line: int | None, reason: str) -> None:
        self.skipped_total += 1
        if len(self.skipped) < MAX_SKIPPED_LISTED:
            self.skipped.append(SkippedRecord(path, line, reason))


def _write_removals(removals: list[tuple[str, datetime | None, int]], target: Path) -> Path | None:
    if not removals:
        return None
    ids, dates, seqs = zip(*removals, strict=True)
    table = pa.table(
        {
            "ad_id": pa.array(ids, pa.string()),
            "removed_date": pa.array(dates, pa.timestamp("s")),
            "version_seq": pa.array(seqs, pa.int64()),
        }
    )
    pq.write_table(table, target)
    return target


def ingest_ads(
    paths: Path | str | Iterable[Path | str],
    *,
    warehouse_dir: Path | None = None,
    enrich: EnrichHook | None = None,
    progress: ProgressCallback | None = None,
    taxonomy: TaxonomyLookup | None = None,
    chunk_size: int | None = None,
    keep_text: bool = False,
    memory_limit: str = "1GB",
) -> IngestResult:
    """Ingest job-ad files (JSON Lines or JSON array, optionally ``.gz``) into the warehouse.

    Args:
        paths: one file or several; all are checked to exist before anything is read.
        warehouse_dir: defaults to ``get_settings().warehouse_dir``.
        enrich: optional hook run per chunk (see :mod:`kompetensbron.warehouse.hooks`).
        progress: called after each chunk with the number of records read since the
            previous call (their sum is ``read``).
        taxonomy: look-ups; defaults to those of ``get_settings().data_dir``.
        chunk_size: ads per chunk (memory is proportional to it); default 50,000, or
            10,000 with an enrich hook.
        keep_text: store ``description`` too (default: only the hook sees the ad text).
        memory_limit: DuckDB's limit during the merge.

    Returns an :class:`IngestResult`. Malformed records are listed there, not raised;
    a missing file raises :class:`~kompetensbron.errors.DataFileMissing`.
    """
    started = time.perf_counter()
    files = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    for path in files:
        if not path.is_file():
            raise DataFileMissing("job-ad file not found", path=path)
    settings = get_settings()
    warehouse_dir = Path(warehouse_dir) if warehouse_dir is not None else settings.warehouse_dir
    taxonomy = taxonomy or load_taxonomy(settings.data_dir)
    normaliser = AdNormaliser(taxonomy)
    if chunk_size is None:
        chunk_size = DEFAULT_ENRICH_CHUNK_SIZE if enrich is not None else DEFAULT_CHUNK_SIZE
    run = _Run()

    with write_snapshot(warehouse_dir) as writer:
        builder = ChunkBuilder(ingest_number=writer.number, ingested_at=datetime.now(UTC))
        incoming_dir = writer.staging / "_incoming"
        incoming_dir.mkdir()
        reported = 0

        def flush(path: Path | None, line: int | None) -> None:
            nonlocal reported
            if len(builder):
                table = finish_chunk(builder.take(), enrich=enrich, keep_text=keep_text, path=path, line=line)
                target = incoming_dir / f"chunk-{len(run.chunk_files):06d}.parquet"
                pq.write_table(table, target, compression="snappy")
                run.chunk_files.append(target)
            if progress is not None and run.read > reported:
                progress(run.read - reported)
                reported = run.read

        for path in files:
            source = str(path.resolve())
            for line, ad, reason in iter_records(path):
                run.read += 1
                if ad is None:
                    run.skip(path, line, reason or "unreadable record")
                    continue
                try:
                    row = normaliser.normalise(ad)
                except InvalidAd as exc:
                    run.skip(path, line, str(exc))
                    continue
                except RemovalStub as stub:
                    run.removals.append((stub.ad_id, stub.removed_date, builder.next_seq()))
                    continue
                builder.add(row, source_file=source, line=line)
                if len(builder) >= chunk_size:
                    flush(path, line)
        flush(files[-1] if files else None, None)

        base_id = writer.base.id if writer.base else None
        base_rows = int(writer.base.table("ads").get("rows", 0)) if writer.base else 0
        new = updated = removed = 0
        years: tuple[int, ...] = ()
        if run.chunk_files or (run.removals and writer.base is not None):
            removals = _write_removals(run.removals, incoming_dir / "removals.parquet")
            outcome = merge_ads(
                writer,
                run.chunk_files,
                removals=removals,
                temp_dir=writer.staging / "_tmp",
                memory_limit=memory_limit,
            )
            shutil.rmtree(incoming_dir, ignore_errors=True)
            shutil.rmtree(writer.staging / "_tmp", ignore_errors=True)
            new, updated, removed = outcome.new, outcome.updated, outcome.removed
            years = outcome.years_rewritten
        written = new + updated
        snapshot_id, rows_total = base_id, base_rows
        if written or removed:
            writer.carry_over_tables(except_tables={"ads"})
            published = writer.publish(
                event={
                    "kind": "ingest-ads",
                    "sources": [str(p.resolve()) for p in files],
                    "read": run.read,
                    "new": new,
                    "updated": updated,
                    "removed": removed,
                    "skipped": run.skipped_total,
                    "enrich_version": hook_version(enrich),
                },
                taxonomy=taxonomy.version,
            )
            snapshot_id = published.id
            rows_total = int(published.table("ads").get("rows", 0))

    return IngestResult(
        read=run.read,
        written=written,
        new=new,
        updated=updated,
        duplicates=run.read - run.skipped_total - written - removed,
        skipped_total=run.skipped_total,
        removed=removed,
        skipped=tuple(run.skipped),
        snapshot=snapshot_id,
        published=bool(written or removed),
        years_rewritten=years,
        files=tuple(files),
        seconds=time.perf_counter() - started,
        enrich_version=hook_version(enrich),
        rows_total=rows_total,
    )
