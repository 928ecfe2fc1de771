"""The job-ad batch pipeline on Apache Spark: same normaliser, enrich hook and SQL.

Needs the ``spark`` extra (``pyspark``) and a Java 17 runtime. The steps mirror the
single-machine ingest:

1. read JSON Lines files (plain or ``.gz``) as text -- the JVM splits them;
2. ``mapInPandas`` runs :class:`~.normalise.AdNormaliser` and the enrich hook
   (:func:`~.hooks.finish_chunk`) on each Arrow batch in the Python workers;
3. keep the latest version per ``ad_id`` (same ordering as DuckDB's merge: ``source_ts``
   then position in the input);
4. register the result as the temp view ``ads`` and run the shared SQL of :mod:`.queries`
   with :func:`run_query`; optionally write it as Parquet partitioned by ``pub_year``.

Differences from the DuckDB path, by design of a batch rebuild: JSON arrays are not read
(convert them to JSON Lines), ``source_line`` is null, skipped records are only counted,
and JobStream removal notices are counted as skipped.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import reduce
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from kompetensbron.errors import DataFileMissing
from kompetensbron.warehouse import queries
from kompetensbron.warehouse.hooks import EnrichHook, finish_chunk
from kompetensbron.warehouse.normalise import AdNormaliser, ChunkBuilder, normalise_json_lines
from kompetensbron.warehouse.schema import ADS_SCHEMA
from kompetensbron.warehouse.taxonomy import TaxonomyLookup

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

#: Each input file's lines are ordered by ``file index << 48 | monotonically_increasing_id``.
_FILE_SHIFT = 48

#: ``ADS_SCHEMA`` with microsecond timestamps (what Spark's Arrow exchange expects).
SPARK_ARROW_SCHEMA = pa.schema(
    [
        pa.field(f.name, pa.timestamp("us"), nullable=f.nullable) if pa.types.is_timestamp(f.type) else f
        for f in ADS_SCHEMA
    ]
)

DEDUPE_SQL = """
SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY ad_id ORDER BY source_ts DESC NULLS LAST, version_seq DESC) AS _rn
    FROM ads_versions
) t WHERE _rn = 1
"""


def local_session(
    *,
    cores: int = 2,
    shuffle_partitions: int = 4,
    driver_memory: str = "2g",
    app_name: str = "kompetensbron-warehouse",
) -> SparkSession:
    """A Spark session in local mode sized for this kind of machine (no web UI)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
        .getOrCreate()
    )


@dataclass(frozen=True)
class SparkRunResult:
    """The deduplicated ads (registered as the temp view ``ads``) and run figures."""

    ads: DataFrame
    rows: int
    skipped: int
    seconds: float


def _normaliser_fn(
    taxonomy: TaxonomyLookup,
    enrich: EnrichHook | None,
    keep_text: bool,
    ingested_at: datetime,
    skipped_acc: Any,
) -> Any:
    def normalise_batches(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        normaliser = AdNormaliser(taxonomy)
        for frame in batches:
            builder = ChunkBuilder(ingest_number=0, ingested_at=ingested_at)
            skipped = 0
            for path, group in frame.groupby("path", sort=False):
                rows = zip(group["value"].tolist(), [None] * len(group), group["seq"].tolist(), strict=True)
                skipped += len(
                    normalise_json_lines(rows, source_file=str(path), normaliser=normaliser, builder=builder)
                )
            skipped_acc.add(skipped)
            table = finish_chunk(builder.take(), enrich=enrich, keep_text=keep_text)
            yield table.cast(SPARK_ARROW_SCHEMA).to_pandas()

    return normalise_batches


def run_pipeline(
    paths: Path | str | Iterable[Path | str],
    *,
    spark: SparkSession,
    taxonomy: TaxonomyLookup,
    enrich: EnrichHook | None = None,
    keep_text: bool = False,
    output_dir: Path | None = None,
) -> SparkRunResult:
    """Normalise, enrich and deduplicate JSON Lines ad files on Spark.

    The result is cached and registered as the temp view ``ads``; with ``output_dir``
    it is also written there as Parquet partitioned by ``pub_year``.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    started = time.perf_counter()
    files = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    for path in files:
        if not path.is_file():
            raise DataFileMissing("job-ad file not found", path=path)
    frames = [
        spark.read.text(str(path)).select(
            F.col("value"),
            (F.lit(index << _FILE_SHIFT) + F.monotonically_increasing_id()).alias("seq"),
            F.lit(str(path.resolve())).alias("path"),
        )
        for index, path in enumerate(files)
    ]
    raw = reduce(lambda a, b: a.unionByName(b), frames)
    skipped_acc = spark.sparkContext.accumulator(0)
    fn = _normaliser_fn(taxonomy, enrich, keep_text, datetime.now(UTC), skipped_acc)
    versions = raw.mapInPandas(fn, schema=from_arrow_schema(SPARK_ARROW_SCHEMA))
    versions.createOrReplaceTempView("ads_versions")
    ads = spark.sql(DEDUPE_SQL).drop("_rn").cache()
    rows = ads.count()
    ads.createOrReplaceTempView("ads")
    if output_dir is not None:
        ads.write.mode("overwrite").partitionBy("pub_year").parquet(str(output_dir))
    return SparkRunResult(ads=ads, rows=rows, skipped=int(skipped_acc.value), seconds=time.perf_counter() - started)


def run_query(spark: SparkSession, template: str, **params: Any) -> list[tuple[Any, ...]]:
    """Run one shared SQL template of :mod:`.queries` on Spark; rows as tuples."""
    return [tuple(row) for row in spark.sql(queries.render(template, "spark", **params)).collect()]
