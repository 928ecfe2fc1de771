"""Demand queries over a reader connection, returning typed results with provenance.

Each function takes a connection from :func:`kompetensbron.warehouse.open_reader` and runs
one shared SQL template of :mod:`.queries` (the same text Spark runs). Every result names
its source, table, snapshot, period and taxonomy in a :class:`Provenance`, so a page can
say where each figure comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from kompetensbron.errors import ValidationFailed, gettext_noop
from kompetensbron.provenance import Provenance
from kompetensbron.warehouse import queries
from kompetensbron.warehouse.duck import Connection

Level = Literal["lan", "kommun"]
Grain = Literal["month", "year"]
SkillSource = Literal["enriched", "ad"]

ADS_SOURCE = gettext_noop("JobTechs platsannonser (historiska annonser / JobSearch / JobStream) inlästa i lagret")
STATISTICS_DATASETS = ("ads_2024_lan", "ads_2024_kommun", "platsbanken_current")
#: how a statistics file's counts are read, per area level (Swedish msgids, translated where shown)
STATISTICS_METHOD = {
    "country": gettext_noop("antal som i filen, hela landet; yrkesgruppsbegreppet mappat till SSYK-4"),
    "lan": gettext_noop("antal som i filen, per län; yrkesgruppsbegreppet mappat till SSYK-4"),
    "kommun": gettext_noop("antal som i filen, per kommun; yrkesgruppsbegreppet mappat till SSYK-4"),
    "unknown": gettext_noop("antal som i filen, okänd områdesnivå; yrkesgruppsbegreppet mappat till SSYK-4"),
}


@dataclass(frozen=True)
class DemandRow:
    """Ads and vacancies of one occupation x region x period (``month`` None for years)."""

    ssyk4: str | None
    region_code: str | None
    year: int
    month: int | None
    ads: int
    vacancies: int


@dataclass(frozen=True)
class DemandResult:
    """Rows of :func:`demand_by_occupation_region`."""

    level: Level
    grain: Grain
    rows: tuple[DemandRow, ...]
    provenance: Provenance


@dataclass(frozen=True)
class YearOnYearRow:
    """One occupation x region in a year and the year before."""

    ssyk4: str | None
    region_code: str | None
    ads: int
    ads_prev: int
    vacancies: int
    vacancies_prev: int

    @property
    def change(self) -> int:
        """Ads this year minus ads the year before."""
        return self.ads - self.ads_prev

    @property
    def change_pct(self) -> float | None:
        """Relative change in per cent; ``None`` when the year before had no ads."""
        return 100.0 * self.change / self.ads_prev if self.ads_prev else None


@dataclass(frozen=True)
class YearOnYearResult:
    """Rows of :func:`year_on_year`."""

    level: Level
    year: int
    rows: tuple[YearOnYearRow, ...]
    provenance: Provenance


@dataclass(frozen=True)
class OccupationCount:
    """An occupation's ads in a region, with its share of all the region's ads."""

    ssyk4: str
    ads: int
    vacancies: int
    share: float


@dataclass(frozen=True)
class TopOccupationsResult:
    """Rows of :func:`top_occupations`."""

    level: Level
    region_code: str
    year: int | None
    total_ads: int
    rows: tuple[OccupationCount, ...]
    provenance: Provenance


@dataclass(frozen=True)
class SkillCount:
    """A skill concept and the number (and share) of the occupation's ads naming it."""

    skill_id: str
    ads: int
    share: float


@dataclass(frozen=True)
class TopSkillsResult:
    """Rows of :func:`top_skills`; ``ads_with_skills`` of ``total_ads`` carried any skill."""

    ssyk4: str
    year: int | None
    region_code: str | None
    skill_source: SkillSource
    total_ads: int
    ads_with_skills: int
    rows: tuple[SkillCount, ...]
    provenance: Provenance


@dataclass(frozen=True)
class StatisticsCount:
    """One count of an imported JobTech statistics file."""

    ssyk4: str | None
    occupation_group_concept_id: str
    area_level: str
    area_code: str | None
    area_concept_id: str
    ads: int


@dataclass(frozen=True)
class StatisticsCountsResult:
    """Rows of :func:`statistics_ad_counts`."""

    dataset: str
    area_level: str
    total_ads: int
    rows: tuple[StatisticsCount, ...]
    provenance: Provenance


def _check_level(level: str) -> None:
    if level not in ("lan", "kommun"):
        raise ValidationFailed(f"unknown region level {level!r}", {"level": "use 'lan' or 'kommun'"})


def _meta(con: Connection) -> tuple[str | None, str | None]:
    row = con.execute("SELECT snapshot, taxonomy FROM warehouse_meta").fetchone()
    return (row[0], row[1]) if row else (None, None)


def _fetch(con: Connection, template: str, **params: Any) -> list[tuple[Any, ...]]:
    return con.execute(queries.render(template, "duckdb", **params)).fetchall()


def _ads_provenance(con: Connection, period: str, method: str) -> Provenance:
    snapshot, taxonomy = _meta(con)
    return Provenance(
        source=ADS_SOURCE, table="ads", snapshot=snapshot, period=period, taxonomy=taxonomy, method=method
    )


def demand_by_occupation_region(
    con: Connection,
    *,
    level: Level = "lan",
    grain: Grain = "month",
    ssyk4: str | None = None,
    region_code: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> DemandResult:
    """Ads and vacancies per SSYK-4 x region (län or kommun) x month or year."""
    _check_level(level)
    if grain not in ("month", "year"):
        raise ValidationFailed(f"unknown grain {grain!r}", {"grain": "use 'month' or 'year'"})
    raw = _fetch(
        con,
        queries.DEMAND_SQL,
        level=level,
        grain=grain,
        ssyk4=ssyk4,
        region=region_code,
        year_from=year_from,
        year_to=year_to,
    )
    rows = tuple(
        DemandRow(ssyk4=s, region_code=r, year=int(y), month=int(m) or None, ads=int(a), vacancies=int(v))
        for s, r, y, m, a, v in raw
    )
    if rows:
        first, last = rows[0], rows[-1]

        def fmt(r: Any) -> str:
            return f"{r.year}-{r.month:02d}" if grain == "month" else str(r.year)

        period = f"{fmt(first)} – {fmt(last)}"
    else:
        period = "no ads match"
    method = (
        f"count of ads per SSYK-4 (ad's own code, else classifier) x {level} x {grain} of publication; "
        "vacancies = number_of_vacancies, 1 when not stated"
    )
    return DemandResult(level=level, grain=grain, rows=rows, provenance=_ads_provenance(con, period, method))


def year_on_year(
    con: Connection,
    *,
    year: int,
    level: Level = "lan",
    ssyk4: str | None = None,
    region_code: str | None = None,
) -> YearOnYearResult:
    """Ads per SSYK-4 x region in ``year`` against ``year - 1`` (groups in either year)."""
    _check_level(level)
    raw = _fetch(con, queries.YEAR_ON_YEAR_SQL, year=int(year), level=level, ssyk4=ssyk4, region=region_code)
    rows = tuple(
        YearOnYearRow(ssyk4=s, region_code=r, ads=int(a), ads_prev=int(ap), vacancies=int(v), vacancies_prev=int(vp))
        for s, r, a, ap, v, vp in raw
    )
    method = f"ads by publication year per SSYK-4 x {level}; change = ads({year}) - ads({year - 1})"
    return YearOnYearResult(
        level=level, year=int(year), rows=rows, provenance=_ads_provenance(con, f"{year - 1} vs {year}", method)
    )


def top_occupations(
    con: Connection,
    *,
    region_code: str,
    level: Level = "lan",
    year: int | None = None,
    limit: int = 10,
) -> TopOccupationsResult:
    """The SSYK-4 groups with most ads in a län or kommun (optionally one year)."""
    _check_level(level)
    raw = _fetch(con, queries.TOP_OCCUPATIONS_SQL, region=region_code, level=level, year=year, limit=int(limit))
    total = int(raw[0][3]) if raw else 0
    rows = tuple(
        OccupationCount(ssyk4=s, ads=int(a), vacancies=int(v), share=int(a) / total if total else 0.0)
        for s, a, v, _ in raw
    )
    method = f"ads per SSYK-4 in {level} {region_code}; share of all the region's ads (classified or not)"
    period = str(year) if year is not None else "all years in the warehouse"
    return TopOccupationsResult(
        level=level,
        region_code=region_code,
        year=year,
        total_ads=total,
        rows=rows,
        provenance=_ads_provenance(con, period, method),
    )


def top_occupations_of_kommuner(
    con: Connection,
    *,
    kommuner: Sequence[str],
    region_code: str,
    year: int | None = None,
    limit: int = 10,
) -> TopOccupationsResult:
    """The SSYK-4 groups with most ads in a set of kommuner, e.g. the kommuner of an FA-region
    ``region_code`` (optionally one year); no kommuner, no rows."""
    codes = tuple(sorted(set(kommuner)))
    raw = (
        _fetch(con, queries.TOP_OCCUPATIONS_KOMMUNER_SQL, kommuner=codes, year=year, limit=int(limit)) if codes else []
    )
    total = int(raw[0][3]) if raw else 0
    rows = tuple(
        OccupationCount(ssyk4=s, ads=int(a), vacancies=int(v), share=int(a) / total if total else 0.0)
        for s, a, v, _ in raw
    )
    method = f"ads per SSYK-4 in the kommuner of FA-region {region_code}; share of all the region's ads"
    period = str(year) if year is not None else "all years in the warehouse"
    return TopOccupationsResult(
        level="kommun",
        region_code=region_code,
        year=year,
        total_ads=total,
        rows=rows,
        provenance=_ads_provenance(con, period, method),
    )


def top_skills(
    con: Connection,
    *,
    ssyk4: str,
    year: int | None = None,
    region_code: str | None = None,
    level: Level = "lan",
    source: SkillSource = "enriched",
    limit: int = 20,
) -> TopSkillsResult:
    """The skill concepts named in most ads of an SSYK-4 group.

    ``source="enriched"`` counts the skill extractor's ``skill_ids``; ``"ad"`` the skills
    the employer tagged (``must_have`` / ``nice_to_have``).
    """
    _check_level(level)
    if source not in ("enriched", "ad"):
        raise ValidationFailed(f"unknown skill source {source!r}", {"source": "use 'enriched' or 'ad'"})
    params = dict(ssyk4=ssyk4, year=year, region=region_code, level=level, skill_source=source)
    raw = _fetch(con, queries.TOP_SKILLS_SQL, limit=int(limit), **params)
    total, with_skills = (int(v) for v in _fetch(con, queries.SKILL_BASE_SQL, **params)[0])
    rows = tuple(SkillCount(skill_id=k, ads=int(a), share=int(a) / total if total else 0.0) for k, a in raw)
    column = "skill_ids (skill extractor)" if source == "enriched" else "source_skill_ids (employer)"
    method = f"ads of SSYK-4 {ssyk4} naming each skill, from {column}; share of the occupation's ads"
    period = str(year) if year is not None else "all years in the warehouse"
    return TopSkillsResult(
        ssyk4=ssyk4,
        year=year,
        region_code=region_code,
        skill_source=source,
        total_ads=total,
        ads_with_skills=with_skills,
        rows=rows,
        provenance=_ads_provenance(con, period, method),
    )


def statistics_ad_counts(
    con: Connection,
    *,
    dataset: str = "ads_2024_lan",
    area_level: str = "lan",
    ssyk4: str | None = None,
    area_code: str | None = None,
) -> StatisticsCountsResult:
    """Counts of an imported JobTech statistics file (e.g. the 2024 ads per län)."""
    if dataset not in STATISTICS_DATASETS:
        raise ValidationFailed(f"unknown dataset {dataset!r}", {"dataset": ", ".join(STATISTICS_DATASETS)})
    if area_level not in ("country", "lan", "kommun", "unknown"):
        raise ValidationFailed(f"unknown area level {area_level!r}", {"area_level": "country, lan or kommun"})
    raw = _fetch(
        con, queries.STATISTICS_COUNTS_SQL, dataset=dataset, area_level=area_level, ssyk4=ssyk4, area_code=area_code
    )
    rows = tuple(
        StatisticsCount(
            ssyk4=s4, occupation_group_concept_id=og, area_level=lvl, area_code=code, area_concept_id=cid, ads=int(n)
        )
        for _, _, _, og, s4, lvl, code, cid, n in raw
    )
    source_file = raw[0][1] if raw else None
    period = raw[0][2] if raw else "no rows"
    if source_file is None:
        meta = con.execute(
            f"SELECT any_value(source_file), any_value(period) FROM stat_job_ads WHERE dataset = {queries.literal(dataset)}"
        ).fetchone()
        if meta:
            source_file, period = meta[0], meta[1] or period
    snapshot, taxonomy = _meta(con)
    return StatisticsCountsResult(
        dataset=dataset,
        area_level=area_level,
        total_ads=sum(r.ads for r in rows),
        rows=rows,
        provenance=Provenance(
            source=f"JobTech: {source_file}" if source_file else gettext_noop("JobTech-statistik (inte importerad)"),
            table="stat_job_ads",
            snapshot=snapshot,
            period=str(period),
            taxonomy=taxonomy,
            method=STATISTICS_METHOD[area_level],
        ),
    )
