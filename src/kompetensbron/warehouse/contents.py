"""What the published warehouse holds, and its small statistics look-ups (plain Python).

The demand pages ask these through a reader connection (:func:`.duck.shared_reader`); the SQL
lives here, with the rest of the warehouse's SQL, not in the Django services.
"""

from __future__ import annotations

from dataclasses import dataclass

from kompetensbron.warehouse.duck import Connection

__all__ = [
    "Contents",
    "SalaryRow",
    "BarometerSummary",
    "contents",
    "salary",
    "barometer_summary",
    "skill_counts_by_occupation",
]


@dataclass(frozen=True)
class Contents:
    """Which tables of the published snapshot have rows."""

    snapshot: str | None
    has_statistics: bool
    has_ads: bool
    has_enriched_ads: bool


@dataclass(frozen=True)
class SalaryRow:
    """P10 / average / P90 monthly salary of one SSYK-4 group, as published."""

    p10: int | None
    average: int | None
    p90: int | None
    unit: str
    source_file: str
    period: str


@dataclass(frozen=True)
class BarometerSummary:
    """The imported JobTech barometer table: its file, period and number of rows."""

    source_file: str | None
    period: str | None
    rows: int


def _count(con: Connection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def contents(con: Connection) -> Contents:
    """Snapshot id and whether statistics, ads and enriched ads exist (cheap ``LIMIT 1`` probes)."""
    snapshot = con.execute("SELECT snapshot FROM warehouse_meta").fetchone()
    has_statistics = _count(con, "SELECT count(*) FROM (SELECT 1 FROM stat_job_ads LIMIT 1)") > 0
    has_ads = _count(con, "SELECT count(*) FROM (SELECT 1 FROM ads LIMIT 1)") > 0
    has_enriched = (
        has_ads and _count(con, "SELECT count(*) FROM (SELECT 1 FROM ads WHERE enrich_version IS NOT NULL LIMIT 1)") > 0
    )
    return Contents(snapshot[0] if snapshot else None, has_statistics, has_ads, has_enriched)


def salary(con: Connection, ssyk4: str) -> SalaryRow | None:
    """The salary row of one SSYK-4 group (``stat_salary``), or None."""
    row = con.execute(
        "SELECT p10, average, p90, unit, source_file, period FROM stat_salary WHERE ssyk4 = ? LIMIT 1", [ssyk4]
    ).fetchone()
    return SalaryRow(*row) if row is not None else None


def barometer_summary(con: Connection) -> BarometerSummary:
    """File, period and row count of the imported JobTech barometer table (``stat_barometer``)."""
    row = con.execute("SELECT any_value(source_file), any_value(period), count(*) FROM stat_barometer").fetchone()
    return BarometerSummary(row[0], row[1], int(row[2] or 0)) if row else BarometerSummary(None, None, 0)


def skill_counts_by_occupation(con: Connection) -> dict[str, tuple[int, dict[str, int]]]:
    """``{ssyk: (enriched ads naming any skill, {skill_id: ads naming it})}``; empty without enriched ads."""
    totals = dict(
        con.execute(
            "SELECT ssyk, count(*) FROM ads WHERE ssyk IS NOT NULL AND len(skill_ids) > 0 GROUP BY 1"
        ).fetchall()
    )
    if not totals:
        return {}
    rows = con.execute(
        "SELECT ssyk, s, count(*) FROM (SELECT ssyk, unnest(list_distinct(skill_ids)) AS s FROM ads "
        "WHERE ssyk IS NOT NULL AND len(skill_ids) > 0) GROUP BY 1, 2"
    ).fetchall()
    out: dict[str, tuple[int, dict[str, int]]] = {code: (int(n), {}) for code, n in totals.items()}
    for code, sid, count in rows:
        out[code][1][sid] = int(count)
    return out
