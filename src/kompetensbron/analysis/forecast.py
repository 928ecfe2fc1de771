"""Forecasts of the Yrkesbarometer indices, with the method chosen by a rolling-origin back-test.

Plain Python (numpy, statsmodels); no Django.

**What is forecast.** ``historik.csv`` gives per prognosis occupation three yearly indices
(2015 = 1.00): demand (``antalEFT``), entrants (``antalTILL``) and retirements
(``antalPEN``). Realised values in this snapshot: demand and entrants 2015–2019, retirements
2015–2018; the later rows are Arbetsförmedlingen's own projections, which we show beside our
forecasts but never use as "actuals".

**Methods** (:data:`METHODS`, in :mod:`~kompetensbron.analysis.forecast_methods`): ``naive`` (last value), ``drift`` (last value + mean yearly
change), ``mean`` (mean of the history), ``ses`` (simple exponential smoothing) and ``holt``
(damped-trend Holt). The two smoothing methods are the textbook recursions (the same as
statsmodels' ``SimpleExpSmoothing`` / ``Holt(damped_trend=True)``, checked in the tests)
with their parameters chosen on a grid by the one-step-ahead squared error, vectorised in
numpy: statsmodels' optimiser took ~50 ms per fit here, 92 s for the back-test, against
well under a second this way.

**Back-test** (:func:`backtest`). Rolling origin: for every origin year *t* with at least
``min_train`` realised values up to *t*, fit on 2015..*t* and predict *t*+1 .. *t*+``h``
where realised values exist. With this snapshot that is origin 2017 (→ 2018, 2019) and 2018
(→ 2019) for demand and entrants, origin 2017 (→ 2018) for retirements: few points per
series, many series (174 occupations). Errors: MAE and MAPE (actual 0 is left out of MAPE),
overall and per occupation group, each beside the naive baseline.

**Choice.** Per measure, the method with the lowest overall MAE is chosen *only if it beats
naive* by at least :data:`MIN_GAIN` (1 % lower MAE: a smaller gain on so few back-test points
is noise); otherwise naive is chosen and :attr:`MethodChoice.reason` says so.

**Direction labels** (the "how often such labels held" of a trend): at each origin the
forecast's change over the last value is labelled *rising* (> +2 %), *falling* (< −2 %) or
*flat*; the realised change is labelled the same way; :class:`DirectionHit` gives the hit
rate per predicted label.

**Bands.** A forecast's band is ± the 80th percentile of the chosen method's absolute
back-test errors at that horizon; beyond the back-tested horizons it is widened by
sqrt(h / h_max) and the point is flagged ``backtested=False``.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kompetensbron.analysis.forecast_methods import DIRECTION_THRESHOLD, METHODS, direction_label, predict
from kompetensbron.sources.yrkesbarometer import (
    Assessment,
    HistoryRow,
    read_assessments,
    read_history,
    yrkesbarometer_path,
)

__all__ = [
    "MEASURES",
    "METHODS",
    "BASELINE",
    "DIRECTION_THRESHOLD",
    "MIN_GAIN",
    "Series",
    "ErrorSummary",
    "MethodChoice",
    "DirectionHit",
    "BacktestResult",
    "ForecastPoint",
    "OccupationForecast",
    "series_from_history",
    "predict",
    "backtest",
    "forecast_series",
    "direction_label",
    "SIZE_BANDS",
    "occupation_groups",
    "ForecastData",
    "load_forecasts",
]

MEASURES: tuple[str, ...] = ("demand", "entrants", "retirements")
BASELINE = "naive"
BAND_QUANTILE = 0.8
MIN_GAIN = 0.01  # a method must have at least 1 % lower MAE than naive to be chosen

_PROJECTION_ATTR = {
    "demand": "demand_projection",
    "entrants": "entrants_projection",
    "retirements": "retirements_projection",
}


@dataclass(frozen=True)
class Series:
    """The realised yearly values of one measure of one prognosis occupation (contiguous years)."""

    occupation_id: str
    measure: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    af_projection: tuple[tuple[int, float], ...] = ()  # AF's own projections (year, index)


def series_from_history(rows: Iterable[HistoryRow]) -> list[Series]:
    """One :class:`Series` per occupation × measure: realised values from the first year on,
    stopping at the first gap (later rows hold projections only)."""
    by_occ: dict[str, list[HistoryRow]] = defaultdict(list)
    for row in rows:
        by_occ[row.occupation_id].append(row)
    out: list[Series] = []
    for occ in sorted(by_occ):
        occ_rows = sorted(by_occ[occ], key=lambda r: r.year)
        for measure in MEASURES:
            years: list[int] = []
            values: list[float] = []
            for r in occ_rows:
                v = getattr(r, measure)
                if v is None or (years and r.year != years[-1] + 1):
                    if years:
                        break
                    continue
                years.append(r.year)
                values.append(v)
            projection = tuple(
                (r.year, p) for r in occ_rows if (p := getattr(r, _PROJECTION_ATTR[measure])) is not None
            )
            if years:
                out.append(Series(occ, measure, tuple(years), tuple(values), projection))
    return out


# --- back-test -------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorSummary:
    """Back-test errors of one method on one measure, for a group (``all`` = every series)."""

    measure: str
    method: str
    dimension: str  # "all" or a grouping name
    group: str
    horizon: int  # 0 = all horizons together
    n: int
    mae: float
    mape: float  # percent
    naive_mae: float
    naive_mape: float

    @property
    def beats_naive(self) -> bool:
        return self.mae < self.naive_mae


@dataclass(frozen=True)
class MethodChoice:
    """The method used for one measure, and why."""

    measure: str
    method: str
    mae: float
    mape: float
    naive_mae: float
    naive_mape: float
    best_candidate: str
    reason: str


@dataclass(frozen=True)
class DirectionHit:
    """How often a predicted direction held in the back-test (chosen method of a measure)."""

    measure: str
    label: str
    n: int
    hits: int

    @property
    def rate(self) -> float | None:
        return self.hits / self.n if self.n else None


@dataclass(frozen=True)
class BacktestResult:
    """Everything the back-test measured; :meth:`summary` looks one figure up."""

    origins: tuple[int, ...]
    horizons: tuple[int, ...]
    series: int
    forecasts: int  # fitted (series, origin, method) combinations
    seconds: float
    summaries: tuple[ErrorSummary, ...]
    choices: tuple[MethodChoice, ...]
    direction_hits: tuple[DirectionHit, ...]
    band: Mapping[tuple[str, int], float] = field(default_factory=dict)  # (measure, horizon) -> half width

    @property
    def series_per_second(self) -> float:
        return self.series / self.seconds if self.seconds else float("inf")

    def choice(self, measure: str) -> MethodChoice:
        return next(c for c in self.choices if c.measure == measure)

    def summary(
        self, measure: str, method: str, *, dimension: str = "all", group: str = "all", horizon: int = 0
    ) -> ErrorSummary | None:
        for s in self.summaries:
            if (s.measure, s.method, s.dimension, s.group, s.horizon) == (measure, method, dimension, group, horizon):
                return s
        return None

    def overall(self, horizon: int = 0) -> list[ErrorSummary]:
        return [s for s in self.summaries if s.dimension == "all" and s.horizon == horizon]

    def groups(self, dimension: str) -> list[ErrorSummary]:
        return [s for s in self.summaries if s.dimension == dimension and s.horizon == 0]


@dataclass(frozen=True)
class _Error:
    occupation_id: str
    measure: str
    method: str
    origin: int
    horizon: int
    actual: float
    predicted: float
    last: float


def _errors(
    series: Sequence[Series], methods: Sequence[str], horizons: Sequence[int], min_train: int
) -> tuple[list[_Error], set[int], int]:
    out: list[_Error] = []
    origins: set[int] = set()
    fits = 0
    h_max = max(horizons)
    for s in series:
        for cut in range(min_train, len(s.values)):
            steps = min(h_max, len(s.values) - cut)
            train = s.values[:cut]
            origins.add(s.years[cut - 1])
            for method in methods:
                pred = predict(method, train, steps)
                fits += 1
                for h in horizons:
                    if h <= steps:
                        out.append(
                            _Error(
                                s.occupation_id,
                                s.measure,
                                method,
                                s.years[cut - 1],
                                h,
                                s.values[cut + h - 1],
                                float(pred[h - 1]),
                                train[-1],
                            )
                        )
    return out, origins, fits


def _mae_mape(errs: Sequence[_Error]) -> tuple[float, float]:
    if not errs:
        return math.nan, math.nan
    mae = float(np.mean([abs(e.predicted - e.actual) for e in errs]))
    pct = [abs(e.predicted - e.actual) / abs(e.actual) for e in errs if e.actual]
    return mae, float(np.mean(pct) * 100) if pct else math.nan


def backtest(
    series: Sequence[Series],
    *,
    groups: Mapping[str, Mapping[str, str]] | None = None,
    methods: Sequence[str] = METHODS,
    horizons: Sequence[int] = (1, 2),
    min_train: int = 3,
) -> BacktestResult:
    """Rolling-origin back-test of ``methods`` on every series; see the module docstring.

    ``groups`` maps a grouping name to ``{occupation_id: group}`` (e.g. the AF assessment
    class); occupations missing from a grouping fall in group ``"okänd"``.
    """
    if BASELINE not in methods:
        methods = (BASELINE, *methods)
    started = time.perf_counter()
    errs, origins, fits = _errors(series, methods, horizons, min_train)
    by: dict[tuple[str, str, str, str, int], list[_Error]] = defaultdict(list)
    dims: dict[str, Mapping[str, str]] = {"all": {}} | dict(groups or {})
    for e in errs:
        for dim, mapping in dims.items():
            g = "all" if dim == "all" else mapping.get(e.occupation_id, "okänd")
            by[(e.measure, e.method, dim, g, 0)].append(e)
            by[(e.measure, e.method, dim, g, e.horizon)].append(e)
    summaries: list[ErrorSummary] = []
    for (measure, method, dim, g, h), group_errs in sorted(by.items()):
        mae, mape = _mae_mape(group_errs)
        nmae, nmape = _mae_mape(by.get((measure, BASELINE, dim, g, h), []))
        summaries.append(ErrorSummary(measure, method, dim, g, h, len(group_errs), mae, mape, nmae, nmape))

    choices: list[MethodChoice] = []
    hits: list[DirectionHit] = []
    band: dict[tuple[str, int], float] = {}
    for measure in MEASURES:
        overall = [s for s in summaries if s.measure == measure and s.dimension == "all" and s.horizon == 0]
        if not overall:
            continue
        naive = next(s for s in overall if s.method == BASELINE)
        best = min(overall, key=lambda s: (s.mae, s.method != BASELINE))
        if best.method != BASELINE and best.mae < naive.mae * (1 - MIN_GAIN):
            chosen, reason = best, f"lowest back-test MAE, beats naive: {best.mae:.4f} < {naive.mae:.4f}"
        else:
            chosen = naive
            reason = (
                "no method beat the naive baseline on the back-test"
                if best.method == BASELINE
                else (
                    f"{best.method} (MAE {best.mae:.4f}) is not at least {MIN_GAIN:.0%} better than naive ({naive.mae:.4f})"
                )
            )
        choices.append(
            MethodChoice(measure, chosen.method, chosen.mae, chosen.mape, naive.mae, naive.mape, best.method, reason)
        )
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for e in errs:
            if e.measure != measure or e.method != chosen.method:
                continue
            predicted = direction_label(e.last, e.predicted)
            counts[predicted][0] += 1
            counts[predicted][1] += predicted == direction_label(e.last, e.actual)
            band.setdefault((measure, e.horizon), 0.0)
        for label in ("rising", "flat", "falling"):
            n, k = counts.get(label, [0, 0])
            hits.append(DirectionHit(measure, label, n, k))
        for h in horizons:
            abs_err = [
                abs(e.predicted - e.actual)
                for e in errs
                if e.measure == measure and e.method == chosen.method and e.horizon == h
            ]
            if abs_err:
                band[(measure, h)] = float(np.quantile(abs_err, BAND_QUANTILE))
    return BacktestResult(
        origins=tuple(sorted(origins)),
        horizons=tuple(horizons),
        series=len(series),
        forecasts=fits,
        seconds=time.perf_counter() - started,
        summaries=tuple(summaries),
        choices=tuple(choices),
        direction_hits=tuple(hits),
        band=band,
    )


# --- forecasts -------------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastPoint:
    year: int
    value: float
    lower: float | None
    upper: float | None
    backtested: bool  # False beyond the horizons the back-test measured


@dataclass(frozen=True)
class OccupationForecast:
    """History and forecast of one measure of one occupation, with AF's projection beside it."""

    occupation_id: str
    measure: str
    method: str
    history: tuple[tuple[int, float], ...]
    forecast: tuple[ForecastPoint, ...]
    af_projection: tuple[tuple[int, float], ...]
    direction: str  # of the last forecast point vs the last realised value


def forecast_series(series: Series, backtest_result: BacktestResult, *, until: int = 2026) -> OccupationForecast:
    """Forecast ``series`` to ``until`` with the method the back-test chose for its measure."""
    method = backtest_result.choice(series.measure).method
    horizon = max(until - series.years[-1], 1)
    pred = predict(method, series.values, horizon)
    h_max = max((h for (m, h) in backtest_result.band if m == series.measure), default=0)
    points = []
    for h in range(1, horizon + 1):
        width = backtest_result.band.get((series.measure, min(h, h_max))) if h_max else None
        if width is not None and h > h_max:
            width *= math.sqrt(h / h_max)
        value = float(pred[h - 1])
        points.append(
            ForecastPoint(
                year=series.years[-1] + h,
                value=value,
                lower=value - width if width is not None else None,
                upper=value + width if width is not None else None,
                backtested=h <= h_max,
            )
        )
    return OccupationForecast(
        occupation_id=series.occupation_id,
        measure=series.measure,
        method=method,
        history=tuple(zip(series.years, series.values)),
        forecast=tuple(points),
        af_projection=series.af_projection,
        direction=direction_label(series.values[-1], points[0].value) if points else "flat",
    )


# --- loading from the data directory ---------------------------------------------------

SIZE_BANDS: tuple[tuple[str, int], ...] = (("< 5 000", 5_000), ("5 000–20 000", 20_000), ("≥ 20 000", 10**12))


def occupation_groups(assessments: Iterable[Assessment]) -> dict[str, dict[str, str]]:
    """Groupings of prognosis occupations for the per-group errors (names are concept ids only):
    ``assessment_2024`` (AF's national 1-year label) and ``employed`` (size band)."""
    from kompetensbron.analysis.balance import ASSESSMENT_LABELS

    label: dict[str, str] = {}
    size: dict[str, str] = {}
    for a in assessments:
        if a.fa_region != 0:
            continue
        if a.assessment_1y is not None:
            label[a.occupation_id] = ASSESSMENT_LABELS[a.assessment_1y]
        if a.employed is not None:
            size[a.occupation_id] = next(name for name, edge in SIZE_BANDS if a.employed < edge)
    return {"assessment_2024": label, "employed": size}


@dataclass(frozen=True)
class ForecastData:
    """The series, the back-test and the groupings read from one data directory."""

    series: tuple[Series, ...]
    backtest: BacktestResult
    groups: Mapping[str, Mapping[str, str]]
    employed: Mapping[str, int]
    #: the whole-Sweden row of ``bedomning.csv`` per occupation (employed, share of women, AF's labels)
    national: Mapping[str, Assessment] = field(default_factory=dict)

    def occupations(self) -> list[str]:
        return sorted({s.occupation_id for s in self.series})

    def forecast(self, occupation_id: str, measure: str = "demand") -> OccupationForecast | None:
        s = next((s for s in self.series if s.occupation_id == occupation_id and s.measure == measure), None)
        return forecast_series(s, self.backtest) if s else None


def load_forecasts(data_dir: Path) -> ForecastData:
    """Read ``historik.csv`` and ``bedomning.csv`` and run the back-test (well under a second)."""
    history = read_history(yrkesbarometer_path(data_dir, "historik"))
    assessments = read_assessments(yrkesbarometer_path(data_dir, "bedomning"))
    series = tuple(series_from_history(history))
    groups = occupation_groups(assessments)
    national: dict[str, Assessment] = {}
    for a in assessments:
        if a.fa_region == 0:
            national.setdefault(a.occupation_id, a)  # the file repeats some rows; the first counts
    employed = {k: a.employed for k, a in national.items() if a.employed is not None}
    return ForecastData(series, backtest(series, groups=groups), groups, employed, national)
