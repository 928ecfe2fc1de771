"""Demand services: one typed result per page / API route, read from the warehouse.

Figures come from the *published* warehouse snapshot (:func:`kompetensbron.warehouse.shared_reader`);
labels, the kommun → FA-region mapping and region names from the reference tables.

* the 2024 ad counts (``stat_job_ads``: JobTech statistics files) per län / kommun, and per
  FA-region as the sum over its kommuner (``reference.models.Kommun.fa_region``);
* ingested ads (``ads``): monthly trend, year-on-year change per region, top occupations;
* enriched ads: top skills per occupation;
* salary (``stat_salary``) and the Yrkesbarometer table (``stat_barometer``, not linkable to SSYK);
* the Yrkesbarometer *outlook* per SSYK from Arbetsförmedlingen's forecast files in the data
  directory (``af-yrkesbarometer/1-ar.xlsx``: 1-year index per län × SSYK; ``5-ar.xlsx``:
  national 5-year index), labelled shortage / balance / surplus with the uncertainty of
  :mod:`kompetensbron.analysis.balance`. A kommun shows its län's figure (AF publishes none per
  kommun); an FA-region the mean over its kommuner of their län's index, as ``analysis.balance``
  does. The parsed files are cached per process, keyed by data dir and file mtimes.

Connections: DuckDB connections are not thread-safe, so every service call opens its own
in-memory reader (cheap: views over Parquet, no data loaded) and closes it. Readers only
see published snapshots, so a running ingest never blocks a page.

An empty or half-built warehouse is not an error: the result's :class:`WarehouseStatus`
says what is missing and which command fills it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kompetensbron.analysis import balance as bal
from kompetensbron.analysis.outlook import rated_code
from kompetensbron.config import get_settings
from kompetensbron.errors import KompetensbronError, UnknownConcept
from kompetensbron.reference import models as ref
from kompetensbron.sources.yrkesbarometer import FILES as BAROMETER_FILES
from kompetensbron.sources.yrkesbarometer import FOLDER as BAROMETER_FOLDER
from kompetensbron.sources.yrkesbarometer import (
    FiveYearForecast,
    OneYearForecast,
    read_five_year,
    read_one_year,
    yrkesbarometer_path,
)
from kompetensbron.warehouse import (
    Connection,
    Provenance,
    demand_by_occupation_region,
    shared_reader,
    statistics_ad_counts,
    top_occupations,
    top_occupations_of_kommuner,
    top_skills,
    year_on_year,
)

from .schemas import (
    AdsTrend,
    AdsYearOnYear,
    BarometerOut,
    DemandMap,
    FiveYearOutlook,
    OccupationDemand,
    OccupationOutlook,
    OutlookBasis,
    OutlookCell,
    OccupationShare,
    OccupationShares,
    ProvenanceOut,
    RegionChange,
    RegionCount,
    RegionCounts,
    RegionKind,
    RegionOutlookInfo,
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
REGION_KINDS: tuple[RegionKind, ...] = ("lan", "kommun", "fa")

BAROMETER_NOTE = (
    "The JobTech statistics file barometer_regional.json rates 'barometer occupations' whose ids have "
    "no link to SSYK-4 in the data snapshot, so it is not used; the outlook shown comes from "
    "Arbetsförmedlingen's forecast files 1-ar.xlsx and 5-ar.xlsx, which carry SSYK codes."
)
NO_FORECAST = "ingen prognos"
NO_ENRICHED_ADS = "no enriched ads yet"
NO_ADS = "no ads ingested yet"


# --- connections and status ---------------------------------------------------------


@contextmanager
def reader() -> Iterator[Connection]:
    """A cursor on this process's reader of the published warehouse (one per call and thread).

    The reader itself is opened once per published snapshot (``shared_reader``), so a request
    does not pay for opening DuckDB and attaching the Parquet views; a new snapshot is picked
    up on the next call, and an ingest never blocks it.
    """
    con = shared_reader(get_settings().warehouse_dir)
    try:
        yield con
    finally:
        con.close()


def _count(con: Connection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _status(con: Connection) -> WarehouseStatus:
    snapshot = con.execute("SELECT snapshot FROM warehouse_meta").fetchone()
    has_statistics = _count(con, "SELECT count(*) FROM (SELECT 1 FROM stat_job_ads LIMIT 1)") > 0
    has_ads = _count(con, "SELECT count(*) FROM (SELECT 1 FROM ads LIMIT 1)") > 0
    has_enriched = has_ads and _count(con, "SELECT count(*) FROM (SELECT 1 FROM ads WHERE enrich_version IS NOT NULL LIMIT 1)") > 0
    commands: list[str] = []
    missing: list[str] = []
    if not has_statistics:
        commands.append(IMPORT_STATISTICS_COMMAND)
        missing.append("no statistics imported")
    if not has_ads:
        commands.append(INGEST_ADS_COMMAND)
        missing.append(NO_ADS)
    return WarehouseStatus(
        snapshot=snapshot[0] if snapshot else None,
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


def _prov(p: Provenance) -> ProvenanceOut:
    return ProvenanceOut(
        source=p.source, table=p.table, snapshot=p.snapshot, period=p.period, taxonomy=p.taxonomy, method=p.method
    )


# --- reference look-ups --------------------------------------------------------------


def _occupation_label(ssyk: str) -> str:
    label = ref.SsykGroup.objects.filter(code=ssyk, level=4).values_list("label", flat=True).first()
    if label is None:
        raise UnknownConcept("SSYK-4 code", ssyk)
    return label


def _occupation_labels(codes: set[str]) -> dict[str, str]:
    return dict(ref.SsykGroup.objects.filter(code__in=codes).values_list("code", "label"))


def _region_names(kind: RegionKind) -> dict[str, str]:
    model = {"lan": ref.Lan, "kommun": ref.Kommun, "fa": ref.FaRegion}[kind]
    return dict(model.objects.order_by("code").values_list("code", "name"))


def _fa_of_kommun() -> dict[str, str]:
    return dict(ref.Kommun.objects.exclude(fa_region=None).values_list("code", "fa_region_id"))


def region_name(kind: str, code: str) -> str:
    """The name of a län, kommun or FA-region; :class:`UnknownConcept` when unknown."""
    if kind not in REGION_KINDS:
        raise UnknownConcept("region kind", kind)
    name = _region_names(kind).get(code)  # type: ignore[arg-type]
    if name is None:
        raise UnknownConcept({"lan": "länskod", "kommun": "kommunkod", "fa": "FA-region code"}[kind], code)
    return name


def _rollup(counts: dict[str, int], kind: RegionKind, fa_of: dict[str, str] | None) -> dict[str, int]:
    """Kommun counts summed per FA-region when ``kind == 'fa'``; otherwise unchanged."""
    if kind != "fa":
        return counts
    out: dict[str, int] = defaultdict(int)
    for kommun, n in counts.items():
        fa = (fa_of or {}).get(kommun)
        if fa is not None:
            out[fa] += n
    return dict(out)


# --- 2024 statistics -----------------------------------------------------------------


def _dataset(kind: RegionKind) -> tuple[str, str]:
    return ("ads_2024_lan", "lan") if kind == "lan" else ("ads_2024_kommun", "kommun")


def _statistics_by_region(con: Connection, *, ssyk: str | None, kind: RegionKind) -> RegionCounts:
    dataset, area_level = _dataset(kind)
    counts = statistics_ad_counts(con, dataset=dataset, area_level=area_level, ssyk4=ssyk)
    country = statistics_ad_counts(con, dataset=dataset, area_level="country", ssyk4=ssyk)
    per_area: dict[str, int] = defaultdict(int)
    for row in counts.rows:
        if row.area_code:
            per_area[row.area_code] += row.ads
    per_region = _rollup(dict(per_area), kind, _fa_of_kommun() if kind == "fa" else None)
    names = _region_names(kind)
    rows = sorted(
        (RegionCount(code=code, name=name, ads=per_region.get(code, 0)) for code, name in names.items()),
        key=lambda r: (-r.ads, r.code),
    )
    prov = _prov(counts.provenance)
    if kind == "fa":
        prov = prov.model_copy(
            update={"method": prov.method + "; FA-region = sum over its kommuner (Tillväxtverket FA15, reference data)"}
        )
    return RegionCounts(level=kind, country_total=country.total_ads if country.rows else None, rows=rows, provenance=prov)


def _salary(con: Connection, ssyk: str, snapshot: str | None) -> SalaryOut | None:
    row = con.execute(
        "SELECT p10, average, p90, unit, source_file, period FROM stat_salary WHERE ssyk4 = ? LIMIT 1", [ssyk]
    ).fetchone()
    if row is None:
        return None
    p10, avg, p90, unit, source_file, period = row
    return SalaryOut(
        p10=p10,
        average=avg,
        p90=p90,
        unit=unit,
        provenance=ProvenanceOut(
            source=f"JobTech statistics file {source_file}",
            table="stat_salary",
            snapshot=snapshot,
            period=period,
            method="P10 / average / P90 monthly salary as published; suppressed values are empty",
        ),
    )


def _barometer(con: Connection, snapshot: str | None) -> BarometerOut:
    row = con.execute("SELECT any_value(source_file), any_value(period), count(*) FROM stat_barometer").fetchone()
    prov = None
    if row and row[2]:
        prov = ProvenanceOut(
            source=f"JobTech statistics file {row[0]}",
            table="stat_barometer",
            snapshot=snapshot,
            period=row[1],
            method="Yrkesbarometer per barometer occupation x area, as published",
        )
    return BarometerOut(linked=False, note=BAROMETER_NOTE, provenance=prov)


# --- Yrkesbarometer outlook (AF forecast files) ----------------------------------------


@dataclass(frozen=True)
class _OutlookData:
    """The parsed 1-year and 5-year files of one data directory, and the label back-test."""

    one_year: tuple[OneYearForecast, ...]
    five_year: tuple[FiveYearForecast, ...]
    backtest: bal.LabelBacktest
    by_ssyk: dict[str, dict[str, OneYearForecast]]  # rated SSYK -> län code -> row
    five_by_code: dict[str, FiveYearForecast]
    saved: dict[str, str | None]  # file key -> date the workbook was last saved


def _saved_date(path: Path) -> str | None:
    """The workbook's own 'last saved' date (names the period better than 'prognos 1 år')."""
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        try:
            stamp = wb.properties.modified or wb.properties.created
        finally:
            wb.close()
        return stamp.date().isoformat() if stamp else None
    except Exception:  # noqa: BLE001 - a missing date only shortens the period text
        return None


@lru_cache(maxsize=4)
def _load_outlook(data_dir: str, mtimes: tuple[int, ...]) -> _OutlookData:
    """Parse ``1-ar.xlsx`` and ``5-ar.xlsx`` once per (data dir, file mtimes); errors are not cached."""
    one_path = yrkesbarometer_path(Path(data_dir), "1-ar")
    five_path = yrkesbarometer_path(Path(data_dir), "5-ar")
    one = tuple(read_one_year(one_path))
    five = tuple(read_five_year(five_path))
    by_ssyk: dict[str, dict[str, OneYearForecast]] = defaultdict(dict)
    for r in one:
        by_ssyk[r.ssyk][r.lan_code] = r
    five_by_code = {code: f for f in five for code in f.ssyk_codes}
    return _OutlookData(
        one_year=one,
        five_year=five,
        backtest=bal.backtest_one_to_five_year(one, five),
        by_ssyk=dict(by_ssyk),
        five_by_code=five_by_code,
        saved={"1-ar": _saved_date(one_path), "5-ar": _saved_date(five_path)},
    )


def _outlook_data() -> _OutlookData:
    """The cached outlook files of the configured data dir; :class:`KompetensbronError` when unreadable."""
    data_dir = Path(get_settings().data_dir)
    mtimes = []
    for key in ("1-ar", "5-ar"):
        try:
            mtimes.append(yrkesbarometer_path(data_dir, key).stat().st_mtime_ns)
        except OSError:
            mtimes.append(-1)  # the reader raises DataFileMissing; exceptions are never cached
    return _load_outlook(str(data_dir), tuple(mtimes))


_OUTLOOK_METHOD = {
    "lan": (
        "AF's 1-year bristindex per län x SSYK as published (1 surplus - 5 shortage) and AF's class text; "
        "our label by AF's class limits (<2.9 surplus, 2.9-3.29 balance, >=3.3 shortage), an index within 0.1 "
        "of a limit is labelled balance with high uncertainty; probability = how often such labels agreed "
        "with the national 5-year label of the same SSYK (back-test 1-ar.xlsx vs 5-ar.xlsx), 95 % Wilson interval"
    ),
    "kommun": "; AF publishes no kommun figures: each kommun shows its län's index, marked as such",
    "fa": (
        "; FA-region = mean over its kommuner of their län's index (as analysis.balance; FA15 from the "
        "reference data); AF's class text exists per län only; län on different sides of a class limit "
        "give high uncertainty"
    ),
}


def _barometer_prov(data: _OutlookData | None, key: str, method: str) -> ProvenanceOut:
    f = BAROMETER_FILES[key]
    saved = data.saved.get(key) if data else None
    return ProvenanceOut(
        source=f"Arbetsförmedlingen Yrkesbarometer, {f.period}, {f.name}",
        table=f"{BAROMETER_FOLDER}/{f.name}",
        snapshot=None,
        period=f.period + (f" (arbetsboken sparad {saved})" if saved else ""),
        method=method,
    )


def _one_year_prov(data: _OutlookData | None, kind: RegionKind) -> ProvenanceOut:
    method = _OUTLOOK_METHOD["lan"] + (_OUTLOOK_METHOD[kind] if kind != "lan" else "")
    return _barometer_prov(data, "1-ar", method)


def _rated_code(data: _OutlookData, ssyk: str) -> tuple[str | None, str | None]:
    """The SSYK code whose 1-year rows apply to ``ssyk``, and a note when it is not ``ssyk`` itself."""
    rc = rated_code(ssyk, data.by_ssyk, data.five_by_code)
    return rc.code, rc.note


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def _uncertainty_text(row: bal.BalanceRow) -> str | None:
    if row.label is None:
        return None
    if row.probability is None:
        return "unknown uncertainty: no back-test cases for such labels"
    text = f"{row.uncertainty} uncertainty: such {row.label} labels held in {_pct(row.probability)} of {row.cases} back-test cases"
    if row.interval:
        text += f" (95 % interval {_pct(row.interval[0])}–{_pct(row.interval[1])})"
    if row.borderline:
        text += "; borderline, within 0.1 of a class limit" + (f", leaning {row.leaning}" if row.leaning else "")
    if row.mixed_regions:
        text += "; the FA-region's län fall on different sides of a class limit"
    return text


def _cell(
    row: bal.BalanceRow | None,
    *,
    rated: str | None,
    basis: OutlookBasis,
    basis_code: str | None,
    basis_name: str | None,
    text: str | None,
    prov: ProvenanceOut,
) -> OutlookCell:
    common = {"rated_ssyk": rated, "basis": basis, "basis_code": basis_code, "basis_name": basis_name,
              "source": prov.source, "period": prov.period}  # fmt: skip
    if row is None or row.index is None:
        return OutlookCell(index=None, text=None, label=None, note=NO_FORECAST, **common)
    ci = row.interval
    return OutlookCell(
        index=row.index,
        text=text,
        label=row.label,
        borderline=row.borderline,
        leaning=row.leaning,
        probability=round(row.probability, 4) if row.probability is not None else None,
        low=round(ci[0], 4) if ci else None,
        high=round(ci[1], 4) if ci else None,
        cases=row.cases,
        uncertainty=row.uncertainty,
        uncertainty_text=_uncertainty_text(row),
        mixed_regions=row.mixed_regions,
        **common,
    )


def _lan_of_kommun() -> dict[str, str]:
    return dict(ref.Kommun.objects.values_list("code", "lan_id"))


def _outlook_cells(
    data: _OutlookData, ssyk: str, kind: RegionKind, codes: list[str], prov: ProvenanceOut
) -> dict[str, OutlookCell]:
    """The 1-year cell of ``ssyk`` in each region of ``codes`` (region codes of level ``kind``)."""
    rated, _ = _rated_code(data, ssyk)
    lan_names = _region_names("lan")
    if kind == "fa":
        fa_names = _region_names("fa")
        lan_of = _lan_of_kommun()
        kommuner: dict[str, list[str]] = defaultdict(list)
        for kommun, fa in _fa_of_kommun().items():
            if fa in codes and kommun in lan_of:
                kommuner[fa].append(lan_of[kommun])
        rows: dict[str, bal.BalanceRow] = {}
        if rated is not None and kommuner:
            fa_regions = {fa: (fa_names.get(fa, fa), tuple(lans)) for fa, lans in kommuner.items()}
            result = bal.balance(
                data.one_year, data.five_year, region_level="fa", ssyk=rated, fa_regions=fa_regions, backtest=data.backtest
            )
            rows = {r.region_code: r for r in result.rows}
        return {
            code: _cell(rows.get(code), rated=rated, basis="fa_mean_of_kommuner", basis_code=code,
                        basis_name=fa_names.get(code), text=None, prov=prov)  # fmt: skip
            for code in codes
        }
    lan_rows: dict[str, bal.BalanceRow] = {}
    if rated is not None:
        result = bal.balance(data.one_year, data.five_year, region_level="lan", ssyk=rated, backtest=data.backtest)
        lan_rows = {r.region_code: r for r in result.rows}
    per_lan = data.by_ssyk.get(rated, {}) if rated else {}

    def lan_cell(lan: str | None, basis: OutlookBasis) -> OutlookCell:
        src = per_lan.get(lan) if lan else None
        return _cell(lan_rows.get(lan) if lan else None, rated=rated, basis=basis, basis_code=lan,
                     basis_name=lan_names.get(lan) if lan else None, text=src.text if src else None, prov=prov)  # fmt: skip

    if kind == "lan":
        return {code: lan_cell(code, "lan") for code in codes}
    lan_of = _lan_of_kommun()
    return {code: lan_cell(lan_of.get(code), "lan_of_kommun") for code in codes}


def _occupation_outlook(ssyk: str, kind: RegionKind, stats: RegionCounts | None) -> tuple[OccupationOutlook, RegionCounts | None]:
    """The outlook block of the occupation page, and the count rows with their 1-year cells."""
    try:
        data = _outlook_data()
    except KompetensbronError as exc:
        message = f"Yrkesbarometer files could not be read: {exc}"
        return OccupationOutlook(ssyk=ssyk, rated_ssyk=None, available=False, message=message, five_year=None,
                                 one_year_provenance=None, five_year_provenance=None), stats  # fmt: skip
    prov = _one_year_prov(data, kind)
    rc = rated_code(ssyk, data.by_ssyk, data.five_by_code)
    rated, five = rc.code, rc.five_year
    notes = [n for n in (rc.note, rc.five_year_note) if n]
    bt = data.backtest
    outlook = OccupationOutlook(
        ssyk=ssyk,
        rated_ssyk=rated,
        rated_name=next(iter(data.by_ssyk[rated].values())).name if rated else (five.name if five else None),
        available=rated is not None,
        message=None if rated is not None else NO_FORECAST,
        five_year=FiveYearOutlook(
            ssyk_codes=list(five.ssyk_codes), name=five.name, index=five.index, label=bal.label_index(five.index).label
        ) if five else None,  # fmt: skip
        five_year_message=None if five else NO_FORECAST,
        backtest_rate=round(bt.overall.rate, 4) if bt.overall.rate is not None else None,
        backtest_description=bt.description,
        one_year_provenance=prov,
        five_year_provenance=_barometer_prov(
            data, "5-ar", "AF's national 5-year bristindex of the SSYK as published; label by AF's class limits"
        ),
        notes=notes,
    )
    if stats is None:
        return outlook, None
    cells = _outlook_cells(data, ssyk, kind, [r.code for r in stats.rows], prov)
    rows = [r.model_copy(update={"outlook": cells.get(r.code)}) for r in stats.rows]
    return outlook, stats.model_copy(update={"rows": rows})


def _region_cells(data: _OutlookData, kind: RegionKind, code: str, ssyks: set[str], prov: ProvenanceOut) -> dict[str, OutlookCell]:
    """The 1-year cell of every SSYK-4 group of ``ssyks`` in one region, in one pass: a fixed
    number of reference queries and one balance computation however many groups there are."""
    rated = {s: rated_code(s, data.by_ssyk, data.five_by_code).code for s in ssyks}
    codes = {c for c in rated.values() if c is not None}
    if kind == "fa":
        name = _region_names("fa").get(code, code)
        lans = tuple(ref.Kommun.objects.filter(fa_region_id=code).values_list("lan_id", flat=True))
        rows: dict[str, bal.BalanceRow] = {}
        if codes and lans:
            result = bal.balance(data.one_year, data.five_year, region_level="fa", fa_regions={code: (name, lans)},
                                 backtest=data.backtest, ssyks=codes)  # fmt: skip
            rows = {r.ssyk: r for r in result.rows}
        return {
            s: _cell(rows.get(c) if c else None, rated=c, basis="fa_mean_of_kommuner", basis_code=code, basis_name=name,
                     text=None, prov=prov)  # fmt: skip
            for s, c in rated.items()
        }
    lan = code if kind == "lan" else _lan_of_kommun().get(code)
    basis: OutlookBasis = "lan" if kind == "lan" else "lan_of_kommun"
    lan_name = _region_names("lan").get(lan or "")
    lan_rows: dict[str, bal.BalanceRow] = {}
    if codes and lan:
        result = bal.balance(data.one_year, data.five_year, region_level="lan", backtest=data.backtest, ssyks=codes)
        lan_rows = {r.ssyk: r for r in result.rows if r.region_code == lan}
    out = {}
    for s, c in rated.items():
        src = data.by_ssyk.get(c, {}).get(lan) if c and lan else None
        out[s] = _cell(lan_rows.get(c) if c else None, rated=c, basis=basis, basis_code=lan, basis_name=lan_name,
                       text=src.text if src else None, prov=prov)  # fmt: skip
    return out


def _region_outlook(
    kind: RegionKind, code: str, shares: list[OccupationShares | None]
) -> tuple[RegionOutlookInfo, list[OccupationShares | None]]:
    """The 1-year cell of each top occupation in this region (a kommun: its län's figure)."""
    basis: OutlookBasis = {"lan": "lan", "kommun": "lan_of_kommun", "fa": "fa_mean_of_kommuner"}[kind]  # type: ignore[assignment]
    basis_code = code if kind != "kommun" else _lan_of_kommun().get(code)
    basis_name = _region_names("fa" if kind == "fa" else "lan").get(basis_code or "")
    try:
        data = _outlook_data()
    except KompetensbronError as exc:
        info = RegionOutlookInfo(basis=basis, basis_code=basis_code, basis_name=basis_name,
                                 message=f"Yrkesbarometer files could not be read: {exc}", provenance=None)  # fmt: skip
        return info, shares
    prov = _one_year_prov(data, kind)
    ssyks = {r.ssyk for block in shares if block is not None for r in block.rows}
    cells = _region_cells(data, kind, code, ssyks, prov) if ssyks else {}
    out: list[OccupationShares | None] = [
        None if block is None
        else block.model_copy(update={"rows": [r.model_copy(update={"outlook": cells[r.ssyk]}) for r in block.rows]})
        for block in shares
    ]
    return RegionOutlookInfo(basis=basis, basis_code=basis_code, basis_name=basis_name, provenance=prov), out


# --- ingested ads --------------------------------------------------------------------


def _ads_trend(con: Connection, ssyk: str) -> AdsTrend | None:
    result = demand_by_occupation_region(con, level="lan", grain="month", ssyk4=ssyk)
    if not result.rows:
        return None
    per_month: dict[tuple[int, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for r in result.rows:
        acc = per_month[r.year, r.month]
        acc[0] += r.ads
        acc[1] += r.vacancies
    points = [TrendPoint(year=y, month=m, ads=a, vacancies=v) for (y, m), (a, v) in sorted(per_month.items())]
    prov = _prov(result.provenance)
    return AdsTrend(points=points, provenance=prov.model_copy(update={"method": prov.method + "; summed over all regions"}))


def _ads_year_on_year(con: Connection, ssyk: str, kind: RegionKind, year: int) -> AdsYearOnYear:
    level = "lan" if kind == "lan" else "kommun"
    result = year_on_year(con, year=year, level=level, ssyk4=ssyk)
    cur: dict[str, int] = defaultdict(int)
    prev: dict[str, int] = defaultdict(int)
    for r in result.rows:
        if r.region_code:
            cur[r.region_code] += r.ads
            prev[r.region_code] += r.ads_prev
    fa_of = _fa_of_kommun() if kind == "fa" else None
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
    return AdsYearOnYear(level=kind, year=year, rows=rows, provenance=_prov(result.provenance))


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
        provenance=_prov(result.provenance),
        status=status,
    )


# --- services of the pages and routes ------------------------------------------------


def _check_kind(kind: str) -> RegionKind:
    if kind not in REGION_KINDS:
        raise UnknownConcept("region kind", kind)
    return kind  # type: ignore[return-value]


def demand_map(*, ssyk: str | None = None, region_level: RegionKind = "lan") -> DemandMap:
    """2024 ads per region of one level, for one SSYK-4 group or all (the overview map)."""
    kind = _check_kind(region_level)
    label = _occupation_label(ssyk) if ssyk else None
    with reader() as con:
        status = _status(con)
        stats = _statistics_by_region(con, ssyk=ssyk, kind=kind) if status.has_statistics else None
    return DemandMap(ssyk=ssyk, label=label, region_level=kind, status=status, statistics=stats)


def occupation_demand(ssyk: str, *, region_level: RegionKind = "lan") -> OccupationDemand:
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
        outlook, stats = _occupation_outlook(ssyk, kind, stats)
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
    if kind == "fa":
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
    prov = _prov(result.provenance)
    if kind == "fa":
        prov = prov.model_copy(update={"method": prov.method + "; FA-region = sum over its kommuner"})
    return _shares(dict(per_ssyk), total, limit, prov)


def _ads_top(con: Connection, kind: RegionKind, code: str, limit: int) -> OccupationShares | None:
    if kind == "fa":
        kommuner = [k for k, fa in _fa_of_kommun().items() if fa == code]
        result = top_occupations_of_kommuner(con, kommuner=kommuner, region_code=code, limit=limit)
    else:
        result = top_occupations(con, region_code=code, level=kind, limit=limit)
    if not result.total_ads:
        return None
    return _shares({r.ssyk4: r.ads for r in result.rows}, result.total_ads, limit, _prov(result.provenance))


def region_top_occupations(kind: str, code: str, *, limit: int = 10) -> RegionTopOccupations:
    """The occupations with most ads in a län, kommun or FA-region."""
    checked = _check_kind(kind)
    name = region_name(checked, code)
    limit = max(1, min(int(limit), 100))
    with reader() as con:
        status = _status(con)
        stats = _statistics_top(con, checked, code, limit) if status.has_statistics else None
        ads = _ads_top(con, checked, code, limit) if status.has_ads else None
    outlook, (stats, ads) = _region_outlook(checked, code, [stats, ads])
    return RegionTopOccupations(
        kind=checked, code=code, name=name, status=status, statistics=stats, ads=ads, outlook=outlook
    )
