"""Shortage / balance / surplus labels of AF's bristindex, and how often such labels held.

Plain Python; no Django. The rules are described in :mod:`kompetensbron.analysis.balance`
(the label, the border rule, the two back-tests); this module holds them: the class limits,
:func:`label_index`, the margin bands, the hit rates with their 95 % Wilson interval
(``statsmodels.stats.proportion.proportion_confint``), the back-tests and the uncertainty
of a label. :class:`Balance` and :class:`Uncertainty` are the one enumeration of the label
and uncertainty words; pages translate them with one table
(:mod:`kompetensbron.labour_market.label_texts`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

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
    "MIN_CELL",
    "IndexLabel",
    "HitRate",
    "LabelBacktest",
    "label_index",
    "margin_band",
    "wilson_interval",
    "backtest_one_to_five_year",
    "backtest_assessments",
    "uncertainty",
    "probability_cell",
    "five_year_by_ssyk",
]


class Balance(StrEnum):
    """The label of an index (AF's classes, borderline indices as balance)."""

    SHORTAGE = "shortage"
    BALANCE = "balance"
    SURPLUS = "surplus"


class Uncertainty(StrEnum):
    """How uncertain a label is (from its back-test hit rate, border and mixed regions)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    UNKNOWN = "unknown"


LABELS: tuple[str, ...] = tuple(b.value for b in Balance)
SURPLUS_BELOW = 2.9
SHORTAGE_FROM = 3.3
BORDER = 0.1
#: Upper edges of the margin bands (distance of an index from the nearest class limit).
MARGIN_BANDS: tuple[tuple[str, float], ...] = (("<0.1", 0.1), ("0.1–0.3", 0.3), ("0.3–0.6", 0.6), ("≥0.6", math.inf))
#: bedömning24/26 scale of ``bedomning.csv`` -> label (inferred, see the module docstring).
ASSESSMENT_LABELS: dict[int, str] = {1: "shortage", 2: "balance", 3: "surplus"}
MIN_CELL = 20  # fewer cases in a (label, band) cell: use the label's overall hit rate


@dataclass(frozen=True)
class IndexLabel:
    """The label of a 1–5 index and how close it is to a class limit."""

    label: str
    margin: float  # distance to the nearest class limit
    band: str
    borderline: bool
    leaning: str | None  # for a borderline balance: the side the index is on


def margin_band(margin: float) -> str:
    for name, edge in MARGIN_BANDS:
        if margin < edge:
            return name
    return MARGIN_BANDS[-1][0]


def label_index(index: float) -> IndexLabel:
    """Label an AF bristindex (1–5); see the module docstring for the limits and the border rule.

    >>> label_index(4.2).label, label_index(2.1).label, label_index(3.33).label
    ('shortage', 'surplus', 'balance')
    """
    if index >= SHORTAGE_FROM:
        margin = index - SHORTAGE_FROM
        raw = "shortage"
    elif index < SURPLUS_BELOW:
        margin = SURPLUS_BELOW - index
        raw = "surplus"
    else:
        margin = min(index - SURPLUS_BELOW, SHORTAGE_FROM - index)
        raw = "balance"
    margin = round(margin, 6)
    if raw != "balance" and margin < BORDER:
        return IndexLabel("balance", margin, margin_band(margin), True, raw)
    return IndexLabel(raw, margin, margin_band(margin), raw == "balance" and margin < BORDER, None)


@lru_cache(maxsize=4096)
def wilson_interval(hits: int, n: int, alpha: float = 0.05) -> tuple[float, float] | None:
    """95 % Wilson score interval of a hit rate (None without cases), by statsmodels.

    Memoised: a region's outlook asks for the same few back-test counts ~1,600 times per
    request, and statsmodels' normal quantile costs ~1.5 ms a call (3 s per request uncached)."""
    if n <= 0:
        return None
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(hits, n, alpha=alpha, method="wilson")
    return max(0.0, float(low)), min(1.0, float(high))


@dataclass(frozen=True)
class HitRate:
    """How often a label (in one margin band, or ``all``) held in a back-test."""

    label: str
    band: str
    n: int
    hits: int

    @property
    def rate(self) -> float | None:
        return self.hits / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.hits, self.n)


@dataclass(frozen=True)
class LabelBacktest:
    """One back-test of labels: what was compared, and the hit rates."""

    key: str
    description: str
    sources: tuple[str, ...]
    rates: tuple[HitRate, ...]

    def rate(self, label: str, band: str = "all") -> HitRate | None:
        return next((r for r in self.rates if r.label == label and r.band == band), None)

    @property
    def overall(self) -> HitRate:
        n = sum(r.n for r in self.rates if r.band == "all")
        hits = sum(r.hits for r in self.rates if r.band == "all")
        return HitRate("all", "all", n, hits)


def _rates(pairs: Iterable[tuple[str, str, bool]], bands: bool) -> tuple[HitRate, ...]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for label, band, hit in pairs:
        for b in ("all", band) if bands else ("all",):
            counts[(label, b)][0] += 1
            counts[(label, b)][1] += hit
    order = ["all"] + [b for b, _ in MARGIN_BANDS]
    return tuple(
        HitRate(label, band, *counts[(label, band)]) for label in LABELS for band in order if (label, band) in counts
    )


def five_year_by_ssyk(five_year: Iterable[FiveYearForecast]) -> dict[str, FiveYearForecast]:
    out: dict[str, FiveYearForecast] = {}
    for f in five_year:
        for code in f.ssyk_codes:
            out[code] = f
    return out


def backtest_one_to_five_year(
    one_year: Sequence[OneYearForecast], five_year: Sequence[FiveYearForecast]
) -> LabelBacktest:
    """Did each 1-year label (län × SSYK) agree with the national 5-year label of its SSYK?"""
    by_ssyk = five_year_by_ssyk(five_year)
    pairs = []
    for row in one_year:
        later = by_ssyk.get(row.ssyk)
        if row.index is None or later is None:
            continue
        now = label_index(row.index)
        pairs.append((now.label, now.band, now.label == label_index(later.index).label))
    return LabelBacktest(
        key="one_to_five_year",
        description=(
            "1-year label per län × SSYK (1-ar.xlsx) against the national 5-year label of the same SSYK "
            "(5-ar.xlsx): how often the label persisted; per label and per distance from the class limit"
        ),
        sources=(catalog.dataset("yrkesbarometer-1-ar").path, catalog.dataset("yrkesbarometer-5-ar").path),
        rates=_rates(pairs, bands=True),
    )


def backtest_assessments(assessments: Sequence[Assessment]) -> LabelBacktest:
    """Did the national 2024 assessment (1 year) of a prognosis occupation agree with 2026's (5 years)?"""
    pairs = [
        (
            ASSESSMENT_LABELS[a.assessment_1y],
            "all",
            ASSESSMENT_LABELS[a.assessment_1y] == ASSESSMENT_LABELS[a.assessment_5y],
        )
        for a in assessments
        if a.fa_region == 0 and a.assessment_1y is not None and a.assessment_5y is not None
    ]
    return LabelBacktest(
        key="assessment_2024_to_2026",
        description=(
            "national assessment 2024 (1 year) against 2026 (5 years) per prognosis occupation (bedomning.csv); "
            "scale read as 1 = shortage, 2 = balance, 3 = surplus (inferred)"
        ),
        sources=(catalog.dataset("yrkesbarometer-bedomning").path,),
        rates=_rates(pairs, bands=False),
    )


def uncertainty(probability: float | None, borderline: bool, mixed: bool) -> Uncertainty:
    if probability is None:
        return Uncertainty.UNKNOWN
    if borderline or mixed or probability < 0.5:
        return Uncertainty.HIGH
    return Uncertainty.LOW if probability >= 0.75 else Uncertainty.MEDIUM


def probability_cell(bt: LabelBacktest, label: str, band: str) -> HitRate | None:
    cell = bt.rate(label, band)
    if cell is not None and cell.n >= MIN_CELL:
        return cell
    return bt.rate(label)
