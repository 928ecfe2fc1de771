"""Demand services: one typed result per page / API route, read from the warehouse.

Figures come from the *published* warehouse snapshot (:func:`kompetensbron.warehouse.shared_reader`);
labels, the kommun → FA-region mapping and region names from the reference tables.

* the 2024 ad counts (``stat_job_ads``: JobTech statistics files) per län / kommun, and per
  FA-region as the sum over its kommuner (``reference.models.Kommun.fa_region``);
* ingested ads (``ads``): monthly trend, year-on-year change per region, top occupations;
* enriched ads: top skills per occupation;
* salary (``stat_salary``) and the Yrkesbarometer table (``stat_barometer``, not linkable to SSYK);
* the Yrkesbarometer *outlook* per SSYK (:mod:`.outlook_cells`).

Reference look-ups (region names, kommun → län / FA-region) are :mod:`.regions`; the SQL is in
:mod:`kompetensbron.warehouse`.

Connections: DuckDB connections are not thread-safe, so every service call takes its own cursor
on this process's reader of the published snapshot (:func:`reader`) and closes it. Readers only
see published snapshots, so a running ingest never blocks a page.

An empty or half-built warehouse is not an error: the result's :class:`WarehouseStatus`
says what is missing and which command fills it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.translation import gettext_noop

from kompetensbron.config import get_settings
from kompetensbron.reference import models as ref
from kompetensbron.region_levels import RegionLevel
from kompetensbron.warehouse import (
    Connection,
    barometer_summary,
    contents,
    demand_by_occupation_region,
    reading,
    salary,
    statistics_ad_counts,
    top_occupations,
    top_occupations_of_kommuner,
    top_skills,
    year_on_year,
)

from .outlook_cells import NO_FORECAST, occupation_outlook, region_outlook
from .regions import REGION_KINDS, per_10k, population_date, population_old, region_name, region_populations
from .regions import check_kind as _check_kind
from .regions import fa_of_kommun as _fa_of_kommun
from .regions import occupation_label as _occupation_label
from .regions import occupation_labels as _occupation_labels
from .regions import region_names as _region_names
from .regions import rollup as _rollup
from .schemas import (
    AdsTrend,
    AdsYearOnYear,
    BarometerOut,
    DemandMap,
    OccupationDemand,
    OccupationShare,
    OccupationShares,
    ProvenanceOut,
    RegionChange,
    RegionCount,
    RegionCounts,
    RegionKind,
    RegionTopOccupations,
    SalaryOut,
    SkillOut,
    TopSkills,
    TrendPoint,
    WarehouseStatus,
)

__all__ = [
    "IMPORT_STATISTICS_COMMAND",
    "INGEST_ADS_COMMAND",
    "REGION_KINDS",
    "warehouse_status",
    "demand_map",
    "occupation_demand",
    "occupation_skills",
    "region_top_occupations",
    "region_name",
    "NO_FORECAST",
]

IMPORT_STATISTICS_COMMAND = "kompetensbron import-statistics"
INGEST_ADS_COMMAND = "kompetensbron ingest-ads PATH"

#: an FA-region's counts: the kommun-level statistics summed (a Swedish msgid, translated where shown)
FA_STATISTICS_METHOD = gettext_noop(
    "antal som i filen, per kommun; yrkesgruppsbegreppet mappat till SSYK-4; FA-region = summan av dess "
    "kommuner (Tillväxtverket FA15, referensdata)"
)
BAROMETER_NOTE = (
    "The JobTech statistics file barometer_regional.json rates 'barometer occupations' whose ids have "
    "no link to SSYK-4 in the data snapshot, so it is not used; the outlook shown comes from "
    "Arbetsförmedlingen's forecast files 1-ar.xlsx and 5-ar.xlsx, which carry SSYK codes."
)
NO_ENRICHED_ADS = "no enriched ads yet"
NO_ADS = "no ads ingested yet"


# --- connections and status ---------------------------------------------------------


@contextmanager
def reader() -> Iterator[Connection]:
    """A cursor on this process's reader of the published warehouse (one per call and thread).

    The reader itself is opened once per published snapshot (``shared_reader``), so a request
    does not pay for opening DuckDB and attaching the Parquet views; a new snapshot is picked
    up on the next call, and an ingest never blocks it.
    A DuckDB error is logged and raised as :class:`~kompetensbron.errors.WarehouseUnavailable`
    (503 in the API), never answered as "no data".
    """
    with reading(get_settings().warehouse_dir) as con:
        yield con


def _status(con: Connection) -> WarehouseStatus:
    held = contents(con)
    snapshot, has_statistics, has_ads, has_enriched = (
        held.snapshot,
        held.has_statistics,
        held.has_ads,
        held.has_enriched_ads,
    )
    commands: list[str] = []
    missing: list[str] = []
    if not has_statistics:
        commands.append(IMPORT_STATISTICS_COMMAND)
        missing.append("no statistics imported")
    if not has_ads:
        commands.append(INGEST_ADS_COMMAND)
        missing.append(NO_ADS)
    return WarehouseStatus(
        snapshot=snapshot,
        has_statistics=has_statistics,
        has_ads=has_ads,
        has_enriched_ads=has_enriched,
        message=("; ".join(missing) + ": run " + " and ".join(f"'{c}'" for c in commands)) if missing else None,
        commands=commands,
    )


def warehouse_status() -> WarehouseStatus:
    """What the published warehouse holds (and what to run when something is missing)."""
    with reader() as con:
        return _status(con)


# --- 2024 statistics -----------------------------------------------------------------


def _dataset(kind: RegionKind) -> tuple[str, str]:
    return ("ads_2024_lan", RegionLevel.LAN) if kind == RegionLevel.LAN else ("ads_2024_kommun", RegionLevel.KOMMUN)


def _statistics_by_region(con: Connection, *, ssyk: str | None, kind: RegionKind) -> RegionCounts:
    dataset, area_level = _dataset(kind)
    counts = statistics_ad_counts(con, dataset=dataset, area_level=area_level, ssyk4=ssyk)
    country = statistics_ad_counts(con, dataset=dataset, area_level="country", ssyk4=ssyk)
    per_area: dict[str, int] = defaultdict(int)
    for row in counts.rows:
        if row.area_code:
            per_area[row.area_code] += row.ads
    per_region = _rollup(dict(per_area), kind, _fa_of_kommun() if kind == RegionLevel.FA else None)
    names = _region_names(kind)
    people = region_populations(kind)
    rows = sorted(
        (
            RegionCount(
                code=code,
                name=name,
                ads=per_region.get(code, 0),
                population=people.get(code),
                ads_per_10k=per_10k(per_region.get(code, 0), people.get(code)),
            )
            for code, name in names.items()
        ),
        key=lambda r: (-r.ads, r.code),
    )
    prov = counts.provenance
    if kind == RegionLevel.FA:
        prov = prov.model_copy(update={"method": FA_STATISTICS_METHOD})
    return RegionCounts(
        level=kind,
        country_total=country.total_ads if country.rows else None,
        rows=rows,
        provenance=prov,
        population_date=population_date(kind),
        population_old=population_old(kind),
    )


def _salary(con: Connection, ssyk: str, snapshot: str | None) -> SalaryOut | None:
    row = salary(con, ssyk)
    if row is None:
        return None
    return SalaryOut(
        p10=row.p10,
        average=row.average,
        p90=row.p90,
        unit=row.unit,
        provenance=ProvenanceOut(
            source=f"JobTech: {row.source_file}",
            table="stat_salary",
            snapshot=snapshot,
            period=row.period,
            method=gettext_noop("månadslön P10 / medel / P90 som publicerad; undertryckta värden är tomma"),
        ),
    )


def _barometer(con: Connection, snapshot: str | None) -> BarometerOut:
    summary = barometer_summary(con)
    prov = None
    if summary.rows:
        prov = ProvenanceOut(
            source=f"JobTech: {summary.source_file}",
            table="stat_barometer",
            snapshot=snapshot,
            period=summary.period,
            method=gettext_noop("Yrkesbarometern per barometeryrke × område, som publicerad"),
        )
    return BarometerOut(linked=False, note=BAROMETER_NOTE, provenance=prov)


# --- ingested ads --------------------------------------------------------------------


def _ads_trend(con: Connection, ssyk: str) -> AdsTrend | None:
    result = demand_by_occupation_region(con, level=RegionLevel.LAN, grain="month", ssyk4=ssyk)
    if not result.rows:
        return None
    per_month: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for r in result.rows:
        acc = per_month[r.year, r.month]
        acc[0] += r.ads
        acc[1] += r.vacancies
    points = [TrendPoint(year=y, month=m, ads=a, vacancies=v) for (y, m), (a, v) in sorted(per_month.items())]
    prov = result.provenance
    return AdsTrend(
        points=points, provenance=prov.model_copy(update={"method": prov.method + "; summed over all regions"})
    )


def _ads_year_on_year(con: Connection, ssyk: str, kind: RegionKind, year: int) -> AdsYearOnYear:
    level = RegionLevel.LAN if kind == RegionLevel.LAN else RegionLevel.KOMMUN
    result = year_on_year(con, year=year, level=level, ssyk4=ssyk)
    cur: dict[str, int] = defaultdict(int)
    prev: dict[str, int] = defaultdict(int)
    for r in result.rows:
        if r.region_code:
            cur[r.region_code] += r.ads
            prev[r.region_code] += r.ads_prev
    fa_of = _fa_of_kommun() if kind == RegionLevel.FA else None
    cur_r, prev_r = _rollup(dict(cur), kind, fa_of), _rollup(dict(prev), kind, fa_of)
    names = _region_names(kind)
    rows = []
    for code in sorted(set(cur_r) | set(prev_r)):
        a, p = cur_r.get(code, 0), prev_r.get(code, 0)
        rows.append(
            RegionChange(
                code=code,
                name=names.get(code, code),
                ads=a,
                ads_prev=p,
                change=a - p,
                change_pct=round(100.0 * (a - p) / p, 1) if p else None,
            )
        )
    rows.sort(key=lambda r: (-r.ads, r.code))
    return AdsYearOnYear(level=kind, year=year, rows=rows, provenance=result.provenance)


def _skills(con: Connection, ssyk: str, label: str, status: WarehouseStatus, *, limit: int = 20) -> TopSkills:
    result = top_skills(con, ssyk4=ssyk, source="enriched", limit=limit)
    labels = dict(
        ref.Skill.objects.filter(concept_id__in=[r.skill_id for r in result.rows]).values_list("concept_id", "label")
    )
    message = None
    if not status.has_ads:
        message = NO_ADS
    elif result.ads_with_skills == 0:
        message = NO_ENRICHED_ADS
    return TopSkills(
        ssyk=ssyk,
        label=label,
        total_ads=result.total_ads,
        ads_with_skills=result.ads_with_skills,
        rows=[
            SkillOut(skill_id=r.skill_id, label=labels.get(r.skill_id, r.skill_id), ads=r.ads, share=round(r.share, 4))
            for r in result.rows
        ],
        message=message,
        provenance=result.provenance,
        status=status,
    )


# --- services of the pages and routes ------------------------------------------------


def demand_map(*, ssyk: str | None = None, region_level: RegionKind = RegionLevel.LAN) -> DemandMap:
    """2024 ads per region of one level, for one SSYK-4 group or all (the overview map)."""
    kind = _check_kind(region_level)
    label = _occupation_label(ssyk) if ssyk else None
    with reader() as con:
        status = _status(con)
        stats = _statistics_by_region(con, ssyk=ssyk, kind=kind) if status.has_statistics else None
    return DemandMap(ssyk=ssyk, label=label, region_level=kind, status=status, statistics=stats)


def occupation_demand(ssyk: str, *, region_level: RegionKind = RegionLevel.LAN) -> OccupationDemand:
    """Everything the occupation page shows about one SSYK-4 group."""
    kind = _check_kind(region_level)
    label = _occupation_label(ssyk)
    with reader() as con:
        status = _status(con)
        stats = salary = None
        if status.has_statistics:
            stats = _statistics_by_region(con, ssyk=ssyk, kind=kind)
            salary = _salary(con, ssyk, status.snapshot)
        trend = _ads_trend(con, ssyk) if status.has_ads else None
        yoy = _ads_year_on_year(con, ssyk, kind, trend.points[-1].year) if trend else None
        outlook, stats = occupation_outlook(ssyk, kind, stats)
        return OccupationDemand(
            ssyk=ssyk,
            label=label,
            region_level=kind,
            status=status,
            statistics=stats,
            salary=salary,
            outlook=outlook,
            barometer=_barometer(con, status.snapshot),
            trend=trend,
            year_on_year=yoy,
            skills=_skills(con, ssyk, label, status),
        )


def occupation_skills(ssyk: str, *, limit: int = 20) -> TopSkills:
    """The skills named in most enriched ads of one SSYK-4 group."""
    label = _occupation_label(ssyk)
    with reader() as con:
        return _skills(con, ssyk, label, _status(con), limit=limit)


def _shares(counts: dict[str, int], total: int, limit: int, prov: ProvenanceOut) -> OccupationShares:
    labels = _occupation_labels(set(counts))
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return OccupationShares(
        total_ads=total,
        rows=[
            OccupationShare(ssyk=s, label=labels.get(s, s), ads=n, share=round(n / total, 4) if total else 0.0)
            for s, n in top
        ],
        provenance=prov,
    )


def _statistics_top(con: Connection, kind: RegionKind, code: str, limit: int) -> OccupationShares:
    dataset, area_level = _dataset(kind)
    kommuner = None
    if kind == RegionLevel.FA:
        kommuner = {k for k, fa in _fa_of_kommun().items() if fa == code}
        result = statistics_ad_counts(con, dataset=dataset, area_level=area_level)
    else:
        result = statistics_ad_counts(con, dataset=dataset, area_level=area_level, area_code=code)
    per_ssyk: dict[str, int] = defaultdict(int)
    total = 0
    for row in result.rows:
        if kommuner is not None and row.area_code not in kommuner:
            continue
        total += row.ads
        if row.ssyk4:
            per_ssyk[row.ssyk4] += row.ads
    prov = result.provenance
    if kind == RegionLevel.FA:
        prov = prov.model_copy(update={"method": FA_STATISTICS_METHOD})
    return _shares(dict(per_ssyk), total, limit, prov)


def _ads_top(con: Connection, kind: RegionKind, code: str, limit: int) -> OccupationShares | None:
    if kind == RegionLevel.FA:
        kommuner = [k for k, fa in _fa_of_kommun().items() if fa == code]
        result = top_occupations_of_kommuner(con, kommuner=kommuner, region_code=code, limit=limit)
    else:
        result = top_occupations(con, region_code=code, level=kind, limit=limit)
    if not result.total_ads:
        return None
    return _shares({r.ssyk4: r.ads for r in result.rows}, result.total_ads, limit, result.provenance)


def region_top_occupations(kind: str, code: str, *, limit: int = 10) -> RegionTopOccupations:
    """The occupations with most ads in a län, kommun or FA-region."""
    checked = _check_kind(kind)
    name = region_name(checked, code)
    limit = max(1, min(int(limit), 100))
    with reader() as con:
        status = _status(con)
        stats = _statistics_top(con, checked, code, limit) if status.has_statistics else None
        ads = _ads_top(con, checked, code, limit) if status.has_ads else None
    outlook, (stats, ads) = region_outlook(checked, code, [stats, ads])
    return RegionTopOccupations(
        kind=checked, code=code, name=name, status=status, statistics=stats, ads=ads, outlook=outlook
    )


def region_occupation_counts(kind: str, code: str) -> OccupationShares | None:
    """Every occupation's 2024 ads in one län, kommun or FA-region (no limit; the comparison of
    two regions); ``None`` before the statistics are imported."""
    checked = _check_kind(kind)
    region_name(checked, code)
    with reader() as con:
        if not _status(con).has_statistics:
            return None
        return _statistics_top(con, checked, code, 10_000)
