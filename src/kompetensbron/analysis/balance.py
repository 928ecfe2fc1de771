"""Shortage / balance / surplus per occupation and region, with how often such labels held.

Plain Python; no Django. Inputs are the typed records of
:mod:`kompetensbron.sources.yrkesbarometer` plus optional demand counts (2024 job ads) and
optional supply (graduates of mapped programmes); outputs are dataclasses.

**The label.** Arbetsförmedlingen's bristindex runs from 1 (surplus) to 5 (shortage) and AF
names its classes by fixed limits: below 2.9 *överskott*, 2.9–3.29 *balans*, from 3.3 *brist*
(:data:`SURPLUS_BELOW`, :data:`SHORTAGE_FROM`). :func:`label_index` applies these limits, with
one change for honesty: an index within :data:`BORDER` (0.1) of a limit is labelled
*balance*, ``borderline=True`` and ``leaning`` towards the side it is on. A 3.31 is not a
shortage anyone should plan on.

**How often such labels held** (the back-tests). The snapshot has no *realised* shortages,
only AF's assessments made at different horizons, so "held" means "a later assessment of the
same occupation agreed":

1. :func:`backtest_one_to_five_year` — every 1-year label (``1-ar.xlsx``, län × SSYK) against
   the national 5-year label of the same SSYK (``5-ar.xlsx``). Hit rates are given per
   label *and per margin band* (distance of the index from the nearest class limit), so a
   label's probability reflects how close it was to the limit. This is the calibration the
   balance rows use: a row's ``probability`` is the hit rate of its (label, band) cell, with a
   95 % Wilson interval and the number of cases behind it.
2. :func:`backtest_assessments` — per prognosis occupation, the national 1-year assessment
   (``bedömning24``) against the 5-year one (``bedömning26``). The file does not say which
   end of its 1–3 scale is shortage; we read 1 = shortage, 3 = surplus, because the shares
   match AF's published 2024 shares of "stora/medelstora/små möjligheter" and the realised
   2015–2019 demand growth is highest in class 1 and lowest in class 3
   (:data:`ASSESSMENT_LABELS`, an inference, stated wherever it is shown).

Both measure *persistence* of AF's view, not the truth of a label; a label that persists
can still be wrong. The cases of the first back-test are not independent (the 21 län of one
SSYK share one 5-year label), so its Wilson intervals are too narrow rather than too wide. A probability below 0.5 or a borderline index gives ``uncertainty="high"``.

**Regions.** Län come straight from ``1-ar.xlsx``. FA-regions have no 1-year index of their
own in the snapshot (``bedomning.csv`` carries assessments only for Sweden as a whole), so an
FA-region's index is the mean over its kommuner of their län's index; when the län of one
FA-region fall on different sides of a limit the row is marked ``mixed_regions`` and its
uncertainty is high.

**Demand and supply.** ``ads`` (2024 job ads per SSYK-4 × region) and ``supply`` (graduates
per SSYK-4 × region) are context beside the label: they do not change it, because no
back-test of a count-based label exists. Without ``supply`` each row says "supply unknown".

The label rules and back-tests live in :mod:`kompetensbron.analysis.labels`, the parsed files in
:mod:`kompetensbron.analysis.barometer_data`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kompetensbron.analysis.labels import (
    ASSESSMENT_LABELS,
    BORDER,
    LABELS,
    MARGIN_BANDS,
    SHORTAGE_FROM,
    SURPLUS_BELOW,
    Balance,
    HitRate,
    IndexLabel,
    LabelBacktest,
    Uncertainty,
    backtest_assessments,
    backtest_one_to_five_year,
    five_year_by_ssyk,
    label_index,
    margin_band,
    probability_cell,
    uncertainty,
    wilson_interval,
)
from kompetensbron.region_levels import RegionLevel
from kompetensbron.sources import catalog
from kompetensbron.sources.yrkesbarometer import Assessment, FiveYearForecast, OneYearForecast

__all__ = [
    "Balance",
    "Uncertainty",
    "LABELS",
    "SURPLUS_BELOW",
    "SHORTAGE_FROM",
    "BORDER",
    "MARGIN_BANDS",
    "ASSESSMENT_LABELS",
    "SUPPLY_UNKNOWN",
    "IndexLabel",
    "HitRate",
    "LabelBacktest",
    "BalanceRow",
    "BalanceResult",
    "AssessmentRow",
    "label_index",
    "margin_band",
    "wilson_interval",
    "backtest_one_to_five_year",
    "backtest_assessments",
    "balance",
    "assessment_balance",
    "ads_2024",
    "fa_ads",
]

SUPPLY_UNKNOWN = "supply unknown"


def _path(key: str) -> str:
    """A dataset's path in the data directory (source registry), named as a figure's source."""
    return catalog.dataset(key).path


# --- balance rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceRow:
    """The label of one SSYK group in one region, its uncertainty, and the context figures."""

    ssyk: str
    name: str
    area: str
    region_level: str  # RegionLevel.LAN or RegionLevel.FA
    region_code: str
    region_name: str
    index: float | None
    label: str | None  # None where AF published no index
    borderline: bool
    leaning: str | None
    margin: float | None
    band: str | None
    probability: float | None  # how often such labels held (back-test hit rate)
    interval: tuple[float, float] | None
    cases: int  # back-test cases behind the probability
    uncertainty: str  # "low" / "medium" / "high" / "unknown"
    mixed_regions: bool  # FA-region whose län fall on different sides of a limit
    five_year_index: float | None
    five_year_label: str | None
    ads: int | None
    graduates: int | None
    supply_note: str | None  # SUPPLY_UNKNOWN when no supply figure exists

    @property
    def ads_per_graduate(self) -> float | None:
        if self.ads is None or not self.graduates:
            return None
        return self.ads / self.graduates


@dataclass(frozen=True)
class BalanceResult:
    region_level: str
    ssyk: str | None
    rows: tuple[BalanceRow, ...]
    backtest: LabelBacktest
    supply_known: bool
    sources: tuple[str, ...]

    def share_in_shortage(self, keep: Callable[[str], bool] | None = None) -> dict[str, tuple[str, float, int]]:
        """Per region: (name, share of labelled occupations labelled shortage, labelled count);
        ``keep(ssyk)`` limits the occupations counted (e.g. SSYK levels 1–3)."""
        per: dict[str, list[Any]] = {}
        for r in self.rows:
            if r.label is None or (keep is not None and not keep(r.ssyk)):
                continue
            entry = per.setdefault(r.region_code, [r.region_name, 0, 0])
            entry[1] += r.label == "shortage"
            entry[2] += 1
        return {code: (name, k / n, n) for code, (name, k, n) in per.items() if n}


def _by_region(values: Mapping[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for (code, region), n in values.items():
        out[region][code] = n
    return out


def _sum_prefix(per_region: Mapping[str, Mapping[str, int]], ssyk: str, region: str) -> int | None:
    """Sum over the SSYK-4 codes under ``ssyk`` (itself if 4 digits) in one region."""
    codes = per_region.get(region, {})
    if len(ssyk) == 4:
        return codes.get(ssyk)
    found = [n for code, n in codes.items() if code.startswith(ssyk)]
    return sum(found) if found else None


def balance(
    one_year: Sequence[OneYearForecast],
    five_year: Sequence[FiveYearForecast],
    *,
    region_level: str = RegionLevel.LAN,
    ssyk: str | None = None,
    ads: Mapping[tuple[str, str], int] | None = None,
    supply: Mapping[str, Mapping[str, int]] | None = None,
    fa_regions: Mapping[str, tuple[str, Sequence[str]]] | None = None,
    backtest: LabelBacktest | None = None,
    ssyks: Collection[str] | None = None,
) -> BalanceResult:
    """Label every SSYK group per län (``region_level="lan"``) or FA-region (``"fa"``).

    ``ads`` maps (SSYK-4, region code) to 2024 job ads; ``supply`` maps SSYK-4 to graduates
    per region code; ``fa_regions`` maps an FA-region code to (name, the län code of each of
    its kommuner) and is required for ``"fa"``; ``ssyks`` limits the rows to these codes (as
    ``ssyk`` to one). ``backtest`` defaults to
    :func:`backtest_one_to_five_year` on the same files.
    """
    if region_level not in (RegionLevel.LAN, RegionLevel.FA):
        raise ValueError(f"unknown region level {region_level!r}; expected 'lan' or 'fa'")
    if region_level == RegionLevel.FA and not fa_regions:
        raise ValueError("FA-region labels need the kommun → FA-region mapping (fa_regions)")
    bt = backtest or backtest_one_to_five_year(one_year, five_year)
    five = five_year_by_ssyk(five_year)
    rows_in = [r for r in one_year if (ssyk is None or r.ssyk == ssyk) and (ssyks is None or r.ssyk in ssyks)]
    ads_by_region = _by_region(ads or {})

    # (ssyk, region) -> (name, area, region name, index, mixed)
    cells: list[tuple[str, str, str, str, str, float | None, bool]] = []
    if region_level == RegionLevel.LAN:
        for r in rows_in:
            cells.append((r.ssyk, r.name, r.area, r.lan_code, r.lan_name, r.index, False))
    else:
        by_ssyk: dict[str, dict[str, OneYearForecast]] = defaultdict(dict)
        for r in rows_in:
            by_ssyk[r.ssyk][r.lan_code] = r
        for code, per_lan in sorted(by_ssyk.items()):
            any_row = next(iter(per_lan.values()))
            for fa_code, (fa_name, lan_codes) in sorted((fa_regions or {}).items()):
                values = [v for lan in lan_codes if lan in per_lan and (v := per_lan[lan].index) is not None]
                index = sum(values) / len(values) if values else None
                labels = {label_index(v).label for v in values}
                cells.append((code, any_row.name, any_row.area, fa_code, fa_name, index, len(labels) > 1))

    out: list[BalanceRow] = []
    for code, name, area, region, region_name, index, mixed in cells:
        later = five.get(code)
        graduates = None
        if supply is not None and code in supply:
            graduates = supply[code].get(region)
        if index is None:
            lab, cell = None, None
        else:
            lab = label_index(index)
            cell = probability_cell(bt, lab.label, lab.band)
        probability = cell.rate if cell else None
        out.append(
            BalanceRow(
                ssyk=code,
                name=name,
                area=area,
                region_level=region_level,
                region_code=region,
                region_name=region_name,
                index=index,
                label=lab.label if lab else None,
                borderline=lab.borderline if lab else False,
                leaning=lab.leaning if lab else None,
                margin=lab.margin if lab else None,
                band=lab.band if lab else None,
                probability=probability,
                interval=cell.interval if cell else None,
                cases=cell.n if cell else 0,
                uncertainty=uncertainty(probability, lab.borderline if lab else False, mixed),
                mixed_regions=mixed,
                five_year_index=later.index if later else None,
                five_year_label=label_index(later.index).label if later else None,
                ads=_sum_prefix(ads_by_region, code, region) if ads else None,
                graduates=graduates,
                supply_note=None if graduates is not None else SUPPLY_UNKNOWN,
            )
        )
    out.sort(key=lambda r: (r.region_code, r.ssyk))
    return BalanceResult(
        region_level=region_level,
        ssyk=ssyk,
        rows=tuple(out),
        backtest=bt,
        supply_known=supply is not None,
        sources=(_path("yrkesbarometer-1-ar"), _path("yrkesbarometer-5-ar")),
    )


@dataclass(frozen=True)
class AssessmentRow:
    """National label of one prognosis occupation (concept id; no SSYK link exists in the snapshot)."""

    occupation_id: str
    employed: int | None
    label_1y: str | None
    label_5y: str | None
    probability: float | None  # how often 2024 labels of this class held in 2026
    interval: tuple[float, float] | None
    cases: int
    uncertainty: str


def assessment_balance(
    assessments: Sequence[Assessment], backtest: LabelBacktest | None = None
) -> tuple[AssessmentRow, ...]:
    """National labels per prognosis occupation from ``bedomning.csv`` with their hit rates."""
    bt = backtest or backtest_assessments(assessments)
    out = []
    for a in assessments:
        if a.fa_region != 0:
            continue
        label = ASSESSMENT_LABELS.get(a.assessment_1y) if a.assessment_1y else None
        cell = bt.rate(label) if label else None
        probability = cell.rate if cell else None
        out.append(
            AssessmentRow(
                occupation_id=a.occupation_id,
                employed=a.employed,
                label_1y=label,
                label_5y=ASSESSMENT_LABELS.get(a.assessment_5y) if a.assessment_5y else None,
                probability=probability,
                interval=cell.interval if cell else None,
                cases=cell.n if cell else 0,
                uncertainty=uncertainty(probability, False, False),
            )
        )
    return tuple(sorted(out, key=lambda r: r.occupation_id))


# --- 2024 job-ad counts beside the labels ---------------------------------------------


def ads_2024(warehouse_dir: Path, region_level: str) -> dict[tuple[str, str], int]:
    """2024 job ads per (SSYK-4, region code) from the warehouse's ``stat_job_ads``; FA-regions are
    not in that table and are summed from kommuner by the caller. Empty if nothing is imported."""
    from kompetensbron.warehouse import reading, statistics_ad_counts

    dataset, level = (
        ("ads_2024_lan", RegionLevel.LAN)
        if region_level == RegionLevel.LAN
        else ("ads_2024_kommun", RegionLevel.KOMMUN)
    )
    with reading(warehouse_dir, shared=False) as con:
        result = statistics_ad_counts(con, dataset=dataset, area_level=level)
    out: dict[tuple[str, str], int] = defaultdict(int)
    for row in result.rows:
        if row.ssyk4 and row.area_code:
            out[(row.ssyk4, row.area_code)] += row.ads
    return dict(out)


def fa_ads(
    kommun_ads: Mapping[tuple[str, str], int], fa_regions: Mapping[str, Sequence[str]]
) -> dict[tuple[str, str], int]:
    """Sum kommun counts to FA-regions (``fa_regions``: FA code -> kommun codes)."""
    kommun_to_fa = {k: fa for fa, kommuner in fa_regions.items() for k in kommuner}
    out: dict[tuple[str, str], int] = defaultdict(int)
    for (ssyk, kommun), n in kommun_ads.items():
        if kommun in kommun_to_fa:
            out[(ssyk, kommun_to_fa[kommun])] += n
    return dict(out)
