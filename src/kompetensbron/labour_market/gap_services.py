"""Gap services: supply–demand balance and forecasts, one typed result per page / API route.

The figures come from :mod:`kompetensbron.analysis` (plain Python) over the Yrkesbarometer
files of the data directory; the 2024 job-ad counts beside the labels from the published
warehouse (``stat_job_ads``; FA-regions summed from kommuner). Parsed files and the
back-tests come from the one data-file cache (``analysis.barometer_data``: re-read when a file's
size or mtime changes; ~2 s cold).

Supply beside the label is the graduates of programmes linked to the SSYK-4 group
(:func:`kompetensbron.education.supply.graduates_by_ssyk_region`: confirmed or manual links,
else suggested ones; each programme's latest year with a figure; the län / FA-region of its
study kommun), read from the database on every call. A region without such graduates says
"supply unknown"; ``supply_known`` is false when the answer has no supply figure at all.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kompetensbron.analysis import balance as bal
from kompetensbron.analysis import forecast as fc
from kompetensbron.analysis.barometer_data import BalanceData, barometer_data, barometer_fingerprint, forecast_data
from kompetensbron.config import get_settings
from kompetensbron.errors import DataError, KompetensbronError, UnknownConcept
from kompetensbron.region_levels import RegionLevel
from kompetensbron.sources.prognosis_names import prognosis_names
from kompetensbron.sources.yrkesbarometer import FILES
from kompetensbron.ssyk_levels import SsykSelection

from . import gap_texts as texts
from .gap_schemas import (
    BalanceRowOut,
    DirectionHitOut,
    ForecastBacktestOut,
    ForecastErrorOut,
    ForecastOccupationOut,
    ForecastPointOut,
    GapMap,
    GapRegionLevel,
    HitRateOut,
    LabelBacktestOut,
    Measure,
    MethodChoiceOut,
    OccupationForecastOut,
    RegionShareOut,
)
from .schemas import ProvenanceOut

__all__ = [
    "GapRegionLevel",
    "balance_data",
    "Measure",
    "HitRateOut",
    "LabelBacktestOut",
    "BalanceRowOut",
    "RegionShareOut",
    "GapMap",
    "ForecastErrorOut",
    "MethodChoiceOut",
    "DirectionHitOut",
    "ForecastBacktestOut",
    "ForecastOccupationOut",
    "ForecastPointOut",
    "OccupationForecastOut",
    "gap_map",
    "label_backtests",
    "forecast_backtest",
    "occupation_forecast",
]

GAP_REGION_LEVELS: tuple[str, ...] = (RegionLevel.LAN, RegionLevel.FA)


def balance_data(data_dir: Path) -> BalanceData:
    """The Yrkesbarometer balance files of ``data_dir``, parsed (cached by the files' fingerprints)."""
    return barometer_data(Path(data_dir))


def _forecast_data(data_dir: Path) -> fc.ForecastData:
    return forecast_data(Path(data_dir))


def _prov(key: str, method: str, *, snapshot: str | None = None) -> ProvenanceOut:
    title, period = texts.barometer_source(key)
    return ProvenanceOut(
        source=title, table=f"{key} ({FILES[key].name})", snapshot=snapshot, period=period, method=method
    )


# --- balance ---------------------------------------------------------------------------


def _hit(r: bal.HitRate) -> HitRateOut:
    ci = r.interval
    return HitRateOut(
        label=r.label,
        band=r.band,
        n=r.n,
        hits=r.hits,
        rate=r.rate,
        low=ci[0] if ci else None,
        high=ci[1] if ci else None,
    )


def _label_backtest(bt: bal.LabelBacktest) -> LabelBacktestOut:
    return LabelBacktestOut(
        key=bt.key,
        description=bt.description,
        sources=list(bt.sources),
        rates=[_hit(r) for r in bt.rates],
        overall_rate=bt.overall.rate,
    )


@lru_cache(maxsize=8)
def _ads_of_snapshot(
    warehouse_dir: Path, snapshot_id: str, region_level: str, data_dir: Path, files: tuple
) -> dict[tuple[str, str], int]:
    """2024 ads per (SSYK, region) of one warehouse snapshot; ``files``: the Yrkesbarometer files'
    fingerprint (the FA-region table sums kommuner), so a changed file is a new key."""
    try:
        ads = bal.ads_2024(warehouse_dir, region_level)
    except KompetensbronError:
        return {}
    return bal.fa_ads(ads, balance_data(data_dir).fa_kommuner()) if region_level == RegionLevel.FA else ads


@lru_cache(maxsize=64)
def _balance_of(
    data_dir: Path, files: tuple, region_level: str, ssyk: str | None, ads_key: tuple, supply_key: frozenset
) -> bal.BalanceResult:
    """``BalanceData.balance`` memoised by its inputs (the data files, the warehouse snapshot
    and the supply figures); the result is immutable and about 150 ms to compute for all
    occupations."""
    data = balance_data(data_dir)
    ads = _ads_of_snapshot(*ads_key) if ads_key else None
    supply = {code: dict(cells) for code, cells in supply_key} or None
    return data.balance(region_level=region_level, ssyk=ssyk, ads=ads or None, supply=supply)


def _supply(region_level: str, ssyk: str | None):
    """Graduates per SSYK-4 × region from the education app (None if it is not installed)."""
    from django.apps import apps

    if not apps.is_installed("kompetensbron.education"):
        return None
    from kompetensbron.education.supply import graduates_by_ssyk_region

    supply = graduates_by_ssyk_region(level=region_level)  # type: ignore[arg-type]
    if ssyk is not None:
        from kompetensbron.education.supply import GraduateSupply

        supply = GraduateSupply(level=supply.level, by_ssyk={k: v for k, v in supply.by_ssyk.items() if k == ssyk})
    return supply


def _graduates(region_level: str, codes: list[str]):
    """Stay rates and applicants per place beside the län (None for FA-regions, or without the app)."""
    from django.apps import apps

    if region_level != RegionLevel.LAN or not codes or not apps.is_installed("kompetensbron.graduates"):
        return None
    from kompetensbron.graduates.regional import graduate_context

    return graduate_context(sorted(codes))


def _names_known(data_dir: Path) -> bool:
    """Whether the operator's prognosis-occupation names file links AF's prognosis occupations to
    SSYK (a malformed file links nothing; the forecast page says what is wrong with it)."""
    try:
        return bool(prognosis_names(data_dir))
    except DataError:
        return False


def label_backtests() -> list[LabelBacktestOut]:
    """The two label back-tests (1-year vs 5-year per SSYK; AF 2024 vs 2026 per prognosis occupation)."""
    data = balance_data(get_settings().data_dir)
    return [_label_backtest(data.one_to_five), _label_backtest(data.assessment_backtest)]


def gap_map(*, ssyk: str | None = None, region_level: str = RegionLevel.LAN, ssyk_level: str = "") -> GapMap:
    """Labels per region for one SSYK (or the share of occupations in shortage), with hit rates.

    ``ssyk_level`` (:class:`~kompetensbron.ssyk_levels.SsykSelection`: SSYK codes of levels 1–3
    or ``higher-education``) limits the occupations offered and counted in the share in shortage;
    a bad selection is :class:`ValidationFailed`."""
    selection = SsykSelection.parse(ssyk_level)
    if region_level not in GAP_REGION_LEVELS:
        raise UnknownConcept("region level", region_level)
    data = balance_data(get_settings().data_dir)
    occupations = data.occupations()
    names = dict(occupations)
    rated = data.rated(ssyk) if ssyk is not None else None
    if rated is not None and rated.code is None:
        raise UnknownConcept("SSYK code rated by the Yrkesbarometer 1-year file", ssyk)  # type: ignore[arg-type]
    code = rated.code if rated is not None else None
    from kompetensbron.warehouse import read_current

    settings = get_settings()
    current = read_current(settings.warehouse_dir)
    files = barometer_fingerprint(settings.data_dir)
    ads_key = (
        (settings.warehouse_dir, current.id, region_level, settings.data_dir, files) if current is not None else ()
    )
    supply = _supply(region_level, code)
    mapping = supply.supply_mapping() if supply else {}
    supply_key = frozenset((code, tuple(sorted(cells.items()))) for code, cells in mapping.items())
    result = _balance_of(settings.data_dir, files, region_level, code, ads_key, supply_key)
    ads = _ads_of_snapshot(*ads_key) if ads_key else {}
    shares = result.share_in_shortage(None if selection.is_all else selection.matches)
    rows: list[BalanceRowOut] = []
    regions: list[RegionShareOut] = []
    if code is not None:
        for r in result.rows:
            ci = r.interval
            cell = supply.cell(r.ssyk, r.region_code) if supply and r.graduates is not None else None
            rows.append(
                BalanceRowOut(
                    ssyk=r.ssyk,
                    name=r.name,
                    area=r.area,
                    region_code=r.region_code,
                    region_name=r.region_name,
                    index=round(r.index, 3) if r.index is not None else None,
                    label=r.label,
                    borderline=r.borderline,
                    leaning=r.leaning,
                    probability=r.probability,
                    low=ci[0] if ci else None,
                    high=ci[1] if ci else None,
                    cases=r.cases,
                    uncertainty=r.uncertainty,
                    mixed_regions=r.mixed_regions,
                    five_year_index=r.five_year_index,
                    five_year_label=r.five_year_label,
                    ads_2024=r.ads,
                    graduates=r.graduates,
                    graduates_year=cell.year_to if cell else None,
                    graduates_year_from=cell.year_from if cell else None,
                    supply_basis=supply.by_ssyk[r.ssyk].basis if cell else None,
                    supply_programmes=len(cell.programmes) if cell else 0,
                    supply_note=r.supply_note,
                )
            )
            share = shares.get(r.region_code)
            regions.append(
                RegionShareOut(
                    code=r.region_code,
                    name=r.region_name,
                    value=rows[-1].index,
                    labelled=1 if r.label else 0,
                    shortage_share=share[1] if share else None,
                )
            )
    else:
        names_by_region = {r.region_code: r.region_name for r in result.rows}
        for region in sorted(names_by_region):
            share = shares.get(region)
            regions.append(
                RegionShareOut(
                    code=region,
                    name=names_by_region[region],
                    value=round(share[1], 4) if share else None,
                    labelled=share[2] if share else 0,
                    shortage_share=share[1] if share else None,
                )
            )
    methods = texts.balance_methods()
    provenance = [_prov(key, methods[key]) for key in ("1-ar", "5-ar", "bedomning")]
    if ads:
        provenance.append(
            ProvenanceOut(
                source=methods["ads_source"],
                table="stat_job_ads",
                snapshot=None,
                period="2024",
                method=methods["ads"],
            )
        )
    if supply:
        years = supply.years
        provenance.append(
            ProvenanceOut(
                source=methods["supply_source"],
                table="education.ProgrammeYear, education.OccupationLink",
                snapshot=None,
                period=f"{years[0]}–{years[1]}" if years and years[0] != years[1] else str(years[1]) if years else "",
                method=supply.method,
            )
        )
    notes = [
        *(texts.rated_notes(rated) if rated is not None else []),
        texts.linkage_note(_names_known(settings.data_dir)),
        texts.supply_note(bool(supply)),
        *([texts.fa_note()] if region_level == RegionLevel.FA else []),
    ]
    if supply and any(s.basis == "suggested" for s in supply.by_ssyk.values() if s.cells):
        notes.append(texts.suggested_links_note())
    if not ads:
        notes.append(texts.no_ads_note())
    return GapMap(
        graduates=_graduates(region_level, [r.code for r in regions]),
        ssyk=ssyk,
        rated_ssyk=code,
        name=names.get(code) if code else None,
        region_level=region_level,
        regions=regions,
        rows=rows,
        occupations=[o for o in occupations if selection.matches(o[0])],
        ssyk_level=selection.text,
        backtest=_label_backtest(result.backtest),
        assessment_backtest=_label_backtest(data.assessment_backtest),
        supply_known=result.supply_known,
        supply_years=supply.years if supply else None,
        supply_basis=sorted({s.basis for s in supply.by_ssyk.values() if s.cells}) if supply else [],
        ads_known=bool(ads),
        provenance=provenance,
        notes=notes,
    )


# --- forecasts -------------------------------------------------------------------------


def _err(s: fc.ErrorSummary, chosen: dict[str, str]) -> ForecastErrorOut:
    def f(x: float) -> float | None:
        return None if x != x else round(x, 6)

    return ForecastErrorOut(
        measure=s.measure,
        method=s.method,
        dimension=s.dimension,
        group=s.group,
        horizon=s.horizon,
        n=s.n,
        mae=f(s.mae),
        mape=f(s.mape),
        naive_mae=f(s.naive_mae),
        naive_mape=f(s.naive_mape),
        chosen=chosen.get(s.measure) == s.method,
    )


def _occupation(occupation_id: str, data: fc.ForecastData, names: dict) -> ForecastOccupationOut:
    """One prognosis occupation: its name and SSYK groups (names file), size and AF's 1-year label."""
    named, national = names.get(occupation_id), data.national.get(occupation_id)
    label = national.assessment_1y if national else None
    return ForecastOccupationOut(
        occupation_id=occupation_id,
        name=named.name if named else None,
        name_en=named.name_en if named else None,
        ssyk=list(named.ssyk) if named else [],
        employed=national.employed if national else None,
        share_women=national.share_women if national else None,
        national_label_1y=bal.ASSESSMENT_LABELS.get(label) if label else None,
    )


def _occupation_details(data: fc.ForecastData, names: dict) -> list[ForecastOccupationOut]:
    """Every occupation: by name when AF's names are known, else the largest (employed) first."""
    details = [_occupation(o, data, names) for o in data.occupations()]
    if names:
        return sorted(details, key=lambda d: (d.name is None, (d.name or "").casefold(), d.occupation_id))
    return sorted(details, key=lambda d: (-(d.employed or -1), d.occupation_id))


def _best_mae(bt: fc.BacktestResult, choice: fc.MethodChoice) -> float | None:
    """The overall MAE of the back-test's best candidate for the choice's measure."""
    best = bt.summary(choice.measure, choice.best_candidate)
    return best.mae if best is not None else None


def forecast_backtest() -> ForecastBacktestOut:
    """MAE/MAPE of every method overall and of the chosen method per occupation group, naive beside."""
    data = _forecast_data(get_settings().data_dir)
    names = prognosis_names(get_settings().data_dir)
    bt = data.backtest
    chosen = {c.measure: c.method for c in bt.choices}
    overall = [_err(s, chosen) for h in (0, *bt.horizons) for s in bt.overall(h)]
    groups = [_err(s, chosen) for dim in data.groups for s in bt.groups(dim) if s.method == chosen.get(s.measure)]
    return ForecastBacktestOut(
        origins=list(bt.origins),
        horizons=list(bt.horizons),
        series=bt.series,
        seconds=round(bt.seconds, 3),
        overall=overall,
        groups=groups,
        choices=[
            MethodChoiceOut(
                measure=c.measure,
                method=c.method,
                mae=c.mae,
                mape=c.mape,
                naive_mae=c.naive_mae,
                naive_mape=c.naive_mape,
                reason=texts.method_reason(c, _best_mae(bt, c)),
            )
            for c in bt.choices
        ],
        direction_hits=[
            DirectionHitOut(measure=d.measure, label=d.label, n=d.n, hits=d.hits, rate=d.rate)
            for d in bt.direction_hits
            if d.n
        ],
        occupations=data.occupations(),
        occupation_details=_occupation_details(data, names),
        names_known=bool(names),
        provenance=[_prov(key, method) for key, method in texts.forecast_methods().items()],
        notes=[texts.forecast_method_note(), texts.names_note(bool(names))],
    )


def occupation_forecast(occupation_id: str, measure: str = "demand") -> OccupationForecastOut:
    """History and forecast of one prognosis occupation's index, with the back-test band."""
    if measure not in fc.MEASURES:
        raise UnknownConcept("measure", measure)
    names = prognosis_names(get_settings().data_dir)  # a bad names file fails before the back-test runs
    data = _forecast_data(get_settings().data_dir)
    result = data.forecast(occupation_id, measure)
    if result is None:
        raise UnknownConcept("prognosis occupation", occupation_id)
    national = data.national.get(occupation_id)
    named = _occupation(occupation_id, data, names)
    return OccupationForecastOut(
        occupation_id=occupation_id,
        name=named.name,
        name_en=named.name_en,
        ssyk=named.ssyk,
        measure=measure,
        method=result.method,
        employed=data.employed.get(occupation_id),
        history=list(result.history),
        forecast=[
            ForecastPointOut(
                year=p.year,
                value=round(p.value, 4),
                lower=None if p.lower is None else round(p.lower, 4),
                upper=None if p.upper is None else round(p.upper, 4),
                backtested=p.backtested,
            )
            for p in result.forecast
        ],
        af_projection=list(result.af_projection),
        direction=result.direction,
        national_label_1y=bal.ASSESSMENT_LABELS.get(national.assessment_1y)
        if national and national.assessment_1y
        else None,
        national_label_5y=bal.ASSESSMENT_LABELS.get(national.assessment_5y)
        if national and national.assessment_5y
        else None,
        provenance=[_prov("historik", texts.forecast_methods(result.method)["forecast"])],
        notes=[texts.forecast_method_note()],
    )
