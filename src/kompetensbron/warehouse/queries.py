"""The demand aggregations, written once as SQL that runs on DuckDB and on Spark SQL.

Templates use ``:name`` markers for values and ``{explode}`` for the one function whose
name differs (DuckDB ``unnest``, Spark ``explode``). :func:`render` replaces each marker
with a validated SQL literal, so both engines see constants and fold the optional filters
(``(:ssyk4 IS NULL OR ssyk = :ssyk4)``) away or into Parquet row-group pruning. Values
are restricted to integers, ``None``, short codes and tuples of short codes (letters, digits, ``_``, ``-``):
nothing else can reach the SQL text.

Every template reads the view ``ads`` (DuckDB: :func:`.duck.open_reader`; Spark: a temp
view of the normalised ads) and, for statistics, ``stat_job_ads``.

Definitions shared by all queries: ``ssyk`` is the ad's own SSYK-4 code, else the
classifier's ``ssyk_pred``; ``region_code`` is the kommunkod (level ``kommun``) or the
länskod (level ``lan``); ``vacancies`` counts an ad without a stated number as 1.
"""

from __future__ import annotations

import re
from typing import Literal

from kompetensbron.errors import ValidationFailed

Dialect = Literal["duckdb", "spark"]

_CODE = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
_MARKER = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")
_EXPLODE = {"duckdb": "unnest", "spark": "explode"}

_REGION = "CASE WHEN :level = 'kommun' THEN kommunkod ELSE lanskod END"
_SSYK = "ssyk"  # = coalesce(ssyk4, ssyk_pred), stored

#: Ads and vacancies per SSYK-4 x region x year (x month when ``grain = 'month'``).
DEMAND_SQL = f"""
SELECT ssyk, region_code, year, month, count(*) AS ads, sum(vacancies) AS vacancies
FROM (
    SELECT {_SSYK} AS ssyk,
           {_REGION} AS region_code,
           year(publication_date) AS year,
           CASE WHEN :grain = 'month' THEN month(publication_date) ELSE 0 END AS month,
           coalesce(number_of_vacancies, 1) AS vacancies
    FROM ads
    WHERE (:year_from IS NULL OR pub_year >= :year_from)
      AND (:year_to IS NULL OR pub_year <= :year_to)
) t
WHERE (:ssyk4 IS NULL OR ssyk = :ssyk4)
  AND (:region IS NULL OR region_code = :region)
GROUP BY ssyk, region_code, year, month
ORDER BY year, month, ssyk, region_code
"""

#: Ads and vacancies per SSYK-4 x region in ``:year`` and the year before.
YEAR_ON_YEAR_SQL = f"""
WITH counts AS (
    SELECT ssyk, region_code, year, count(*) AS ads, sum(vacancies) AS vacancies
    FROM (
        SELECT {_SSYK} AS ssyk, {_REGION} AS region_code, pub_year AS year,
               coalesce(number_of_vacancies, 1) AS vacancies
        FROM ads
        WHERE pub_year BETWEEN :year - 1 AND :year
    ) t
    WHERE (:ssyk4 IS NULL OR ssyk = :ssyk4)
      AND (:region IS NULL OR region_code = :region)
    GROUP BY ssyk, region_code, year
),
cur AS (SELECT * FROM counts WHERE year = :year),
prev AS (SELECT * FROM counts WHERE year = :year - 1)
SELECT coalesce(cur.ssyk, prev.ssyk) AS ssyk,
       coalesce(cur.region_code, prev.region_code) AS region_code,
       coalesce(cur.ads, 0) AS ads, coalesce(prev.ads, 0) AS ads_prev,
       coalesce(cur.vacancies, 0) AS vacancies, coalesce(prev.vacancies, 0) AS vacancies_prev
FROM cur FULL OUTER JOIN prev
  ON cur.ssyk IS NOT DISTINCT FROM prev.ssyk
 AND cur.region_code IS NOT DISTINCT FROM prev.region_code
ORDER BY ads DESC, ssyk, region_code
"""

#: The occupations with most ads in one region (optionally one year); ``total_ads``
#: counts every ad of the region, classified or not.
TOP_OCCUPATIONS_SQL = f"""
WITH g AS (
    SELECT {_SSYK} AS ssyk, count(*) AS ads, sum(coalesce(number_of_vacancies, 1)) AS vacancies
    FROM ads
    WHERE {_REGION} = :region
      AND (:year IS NULL OR pub_year = :year)
    GROUP BY {_SSYK}
)
SELECT ssyk, ads, vacancies, (SELECT sum(ads) FROM g) AS total_ads
FROM g
WHERE ssyk IS NOT NULL
ORDER BY ads DESC, ssyk
LIMIT :limit
"""

#: The occupations with most ads in a set of kommuner (an FA-region is the sum of its kommuner);
#: ``total_ads`` counts every ad of those kommuner, classified or not.
TOP_OCCUPATIONS_KOMMUNER_SQL = f"""
WITH g AS (
    SELECT {_SSYK} AS ssyk, count(*) AS ads, sum(coalesce(number_of_vacancies, 1)) AS vacancies
    FROM ads
    WHERE kommunkod IN :kommuner
      AND (:year IS NULL OR pub_year = :year)
    GROUP BY {_SSYK}
)
SELECT ssyk, ads, vacancies, (SELECT sum(ads) FROM g) AS total_ads
FROM g
WHERE ssyk IS NOT NULL
ORDER BY ads DESC, ssyk
LIMIT :limit
"""

#: The skills named in most ads of an occupation: enriched ``skill_ids`` or the employer's
#: ``source_skill_ids`` (both hold distinct ids per ad, null when empty, so ``count(*)``
#: counts ads).
TOP_SKILLS_SQL = f"""
SELECT skill_id, count(*) AS ads
FROM (
    SELECT {{explode}}(CASE WHEN :skill_source = 'ad' THEN source_skill_ids ELSE skill_ids END) AS skill_id
    FROM ads
    WHERE {_SSYK} = :ssyk4
      AND (:year IS NULL OR pub_year = :year)
      AND (:region IS NULL OR {_REGION} = :region)
) t
WHERE skill_id IS NOT NULL
GROUP BY skill_id
ORDER BY ads DESC, skill_id
LIMIT :limit
"""

#: The ads :data:`TOP_SKILLS_SQL` considers, and how many of them name any skill.
SKILL_BASE_SQL = f"""
SELECT count(*) AS total_ads,
       count(CASE WHEN :skill_source = 'ad' THEN source_skill_ids ELSE skill_ids END) AS ads_with_skills
FROM ads
WHERE {_SSYK} = :ssyk4
  AND (:year IS NULL OR pub_year = :year)
  AND (:region IS NULL OR {_REGION} = :region)
"""

#: Imported JobTech statistics counts (one dataset, one area level).
STATISTICS_COUNTS_SQL = """
SELECT dataset, source_file, period, occupation_group_concept_id, ssyk4,
       area_level, area_code, area_concept_id, ads
FROM stat_job_ads
WHERE dataset = :dataset
  AND area_level = :area_level
  AND (:ssyk4 IS NULL OR ssyk4 = :ssyk4)
  AND (:area_code IS NULL OR area_code = :area_code)
ORDER BY ads DESC, ssyk4, area_code
"""


def literal(value: object) -> str:
    """The SQL literal of an allowed parameter value (int, ``None``, a short code, or a non-empty
    tuple of short codes, written ``('a', 'b')`` for ``IN``)."""
    if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
        return "(" + ", ".join(literal(v) for v in value) + ")"
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        raise ValidationFailed("booleans are not query parameters")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and _CODE.match(value):
        return f"'{value}'"
    raise ValidationFailed(f"not an allowed query value: {value!r}", {"value": "expected a code or a number"})


def render(template: str, dialect: Dialect, **params: object) -> str:
    """The SQL text of a template for one engine, with every ``:marker`` filled in."""
    sql = template.replace("{explode}", _EXPLODE[dialect])

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise KeyError(f"query parameter {name!r} not given")
        return literal(params[name])

    return _MARKER.sub(substitute, sql)
