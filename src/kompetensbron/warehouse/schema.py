"""The warehouse's table schemas, as versioned Arrow schemas.

DuckDB over Parquet has no migrations: the schema is this module. Every snapshot's
``manifest.json`` records :data:`SCHEMA_VERSION`; a reader refuses a snapshot written by a
newer schema. Bump the version (and say what changed below) when a column changes.

Version history
---------------
1. First version: ``ads`` (one row per job ad, latest version per ``ad_id``), the
   enrichment columns (nullable, filled by an optional enrich hook), and three statistics
   tables imported from the JobTech statistics files.

Columns of ``ads``
------------------
Identity and provenance: ``ad_id``, ``source_file``, ``source_line``, ``source_ts`` (the
ad's own ``timestamp`` in ms, JobStream), ``version_seq`` (ingest number * 1e10 + record
ordinal: later ingests win ties), ``content_hash`` (hash of the normalised source fields),
``ingested_at``, ``is_synthetic`` (generated benchmark data carry ``"synthetic": true``).

Occupation: ``occupation_concept_id`` (occupation-name), ``occupation_label``,
``occupation_group_concept_id``, ``ssyk4`` (SSYK 2012 four-digit code),
``occupation_field_concept_id``. Place: ``municipality_concept_id``, ``kommunkod``,
``region_concept_id``, ``lanskod``. Time: ``publication_date``, ``last_publication_date``,
``removed``, ``removed_date``, ``pub_year`` (the partition key).

Enrichment (nullable): ``ssyk_pred``, ``occupation_concept_pred``, ``occupation_score``,
``skill_ids`` and ``enrich_version`` (which hook produced them).

Aggregation key: ``ssyk`` = the ad's own ``ssyk4``, else the classifier's ``ssyk_pred``,
stored so filters on it reach the Parquet scan. Each year's file is sorted by
``(ssyk, publication_date)`` in row groups of 65,536 rows, so a query for one occupation
reads only the few row groups holding it.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1

#: The enrichment columns an enrich hook may add, with their types.
ENRICH_FIELDS: tuple[pa.Field, ...] = (
    pa.field("ssyk_pred", pa.string()),
    pa.field("occupation_concept_pred", pa.string()),
    pa.field("occupation_score", pa.float64()),
    pa.field("skill_ids", pa.list_(pa.string())),
)
ENRICH_COLUMNS: tuple[str, ...] = tuple(f.name for f in ENRICH_FIELDS)

#: Columns handed to an enrich hook but not stored unless ``keep_text=True``.
TEXT_COLUMNS: tuple[str, ...] = ("description",)

ADS_SCHEMA = pa.schema(
    [
        pa.field("ad_id", pa.string(), nullable=False),
        pa.field("headline", pa.string()),
        pa.field("description", pa.string()),
        pa.field("publication_date", pa.timestamp("s")),
        pa.field("last_publication_date", pa.timestamp("s")),
        pa.field("removed", pa.bool_()),
        pa.field("removed_date", pa.timestamp("s")),
        pa.field("pub_year", pa.int16(), nullable=False),
        pa.field("number_of_vacancies", pa.int32()),
        pa.field("occupation_concept_id", pa.string()),
        pa.field("occupation_label", pa.string()),
        pa.field("occupation_group_concept_id", pa.string()),
        pa.field("ssyk4", pa.string()),
        pa.field("occupation_field_concept_id", pa.string()),
        pa.field("municipality_concept_id", pa.string()),
        pa.field("kommunkod", pa.string()),
        pa.field("region_concept_id", pa.string()),
        pa.field("lanskod", pa.string()),
        pa.field("employer_name", pa.string()),
        pa.field("employer_org_number", pa.string()),
        pa.field("employment_type_concept_id", pa.string()),
        pa.field("source_skill_ids", pa.list_(pa.string())),
        pa.field("is_synthetic", pa.bool_()),
        pa.field("source_file", pa.string()),
        pa.field("source_line", pa.int64()),
        pa.field("source_ts", pa.int64()),
        pa.field("content_hash", pa.string()),
        pa.field("version_seq", pa.int64(), nullable=False),
        pa.field("ingested_at", pa.timestamp("s")),
        *ENRICH_FIELDS,
        pa.field("enrich_version", pa.string()),
        pa.field("ssyk", pa.string()),
    ],
    metadata={"kompetensbron.schema_version": str(SCHEMA_VERSION), "table": "ads"},
)

#: Source columns in the order the normaliser produces them (everything before enrichment).
NORMALISED_COLUMNS: tuple[str, ...] = tuple(
    name for name in ADS_SCHEMA.names if name not in ENRICH_COLUMNS and name not in ("enrich_version", "ssyk")
)

STAT_JOB_ADS_SCHEMA = pa.schema(
    [
        pa.field("dataset", pa.string(), nullable=False),
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("occupation_group_concept_id", pa.string(), nullable=False),
        pa.field("ssyk4", pa.string()),
        pa.field("area_level", pa.string(), nullable=False),
        pa.field("area_concept_id", pa.string(), nullable=False),
        pa.field("area_code", pa.string()),
        pa.field("ads", pa.int64(), nullable=False),
    ],
    metadata={"kompetensbron.schema_version": str(SCHEMA_VERSION), "table": "stat_job_ads"},
)

STAT_BAROMETER_SCHEMA = pa.schema(
    [
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("barometer_occupation_id", pa.string(), nullable=False),
        pa.field("area_level", pa.string(), nullable=False),
        pa.field("area_concept_id", pa.string(), nullable=False),
        pa.field("area_code", pa.string()),
        pa.field("job_opportunities", pa.string()),
        pa.field("outlook_5y", pa.string()),
    ],
    metadata={"kompetensbron.schema_version": str(SCHEMA_VERSION), "table": "stat_barometer"},
)

STAT_SALARY_SCHEMA = pa.schema(
    [
        pa.field("source_file", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("ssyk4", pa.string(), nullable=False),
        pa.field("p10", pa.int32()),
        pa.field("average", pa.int32()),
        pa.field("p90", pa.int32()),
        pa.field("unit", pa.string(), nullable=False),
    ],
    metadata={"kompetensbron.schema_version": str(SCHEMA_VERSION), "table": "stat_salary"},
)

#: Every table of the warehouse and its schema. ``ads`` is partitioned by ``pub_year``.
TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "ads": ADS_SCHEMA,
    "stat_job_ads": STAT_JOB_ADS_SCHEMA,
    "stat_barometer": STAT_BAROMETER_SCHEMA,
    "stat_salary": STAT_SALARY_SCHEMA,
}
