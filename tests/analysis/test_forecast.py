"""Forecasts: methods on toy series, the real back-test, and the choice against naive."""

from __future__ import annotations

import numpy as np
import pytest

from kompetensbron.analysis import forecast as fc
from kompetensbron.analysis import forecast_methods
from kompetensbron.analysis.forecast import Series, backtest, direction_label, forecast_series, predict


def test_methods_on_a_toy_series() -> None:
    y = [1.0, 1.1, 1.2, 1.3]
    assert predict("naive", y, 2).tolist() == [1.3, 1.3]
    assert predict("mean", y, 1)[0] == pytest.approx(1.15)
    assert predict("drift", y, 2) == pytest.approx([1.4, 1.5])
    assert predict("holt", y, 1)[0] > 1.3  # a trend is carried on
    with pytest.raises(ValueError):
        predict("arima", y, 1)


def test_smoothing_equals_statsmodels_with_the_same_parameters(monkeypatch) -> None:
    sm = pytest.importorskip("statsmodels.tsa.holtwinters")
    y = np.array([1.0, 1.21, 1.25, 1.28, 1.31])
    monkeypatch.setattr(forecast_methods, "_ALPHAS", np.array([0.3]))
    monkeypatch.setattr(forecast_methods, "_BETAS", np.array([0.1]))
    monkeypatch.setattr(forecast_methods, "_PHIS", np.array([0.9]))
    ses = sm.SimpleExpSmoothing(y, initialization_method="known", initial_level=y[0]).fit(
        smoothing_level=0.3, optimized=False
    )
    assert predict("ses", y, 2) == pytest.approx(ses.forecast(2))
    holt = sm.Holt(
        y, damped_trend=True, initialization_method="known", initial_level=y[0], initial_trend=y[1] - y[0]
    ).fit(smoothing_level=0.3, smoothing_trend=0.1, damping_trend=0.9, optimized=False)
    assert predict("holt", y, 2) == pytest.approx(holt.forecast(2))


def test_direction_labels() -> None:
    assert direction_label(1.0, 1.05) == "rising"
    assert direction_label(1.0, 0.9) == "falling"
    assert direction_label(1.0, 1.01) == "flat"


def test_naive_is_chosen_when_nothing_beats_it() -> None:
    # random walks: no method should beat "last value" by the required margin
    rng = np.random.default_rng(1)
    series = [
        Series(str(i), "demand", tuple(range(2015, 2020)), tuple(1 + np.cumsum(rng.normal(0, 0.05, 5))))
        for i in range(50)
    ]
    result = backtest(series)
    choice = result.choice("demand")
    assert choice.mae <= choice.naive_mae
    if choice.method != "naive":
        assert choice.mae < choice.naive_mae * (1 - fc.MIN_GAIN)


def test_a_trend_is_found_when_there_is_one() -> None:
    series = [
        Series(str(i), "demand", tuple(range(2015, 2020)), tuple(1 + 0.1 * k * (1 + i / 100) for k in range(5)))
        for i in range(20)
    ]
    choice = backtest(series).choice("demand")
    assert choice.method in ("drift", "holt") and choice.mae < choice.naive_mae


def test_real_backtest_chosen_beats_or_is_naive(forecasts) -> None:
    bt = forecasts.backtest
    assert bt.series == 174 * 3 and bt.origins == (2017, 2018)
    for choice in bt.choices:
        assert choice.mae <= choice.naive_mae
        naive = bt.summary(choice.measure, "naive")
        assert naive is not None and naive.mae == pytest.approx(choice.naive_mae)
    # recorded figures of this snapshot (bench/RESULTS.md)
    assert bt.choice("demand").method == "naive"
    assert bt.choice("retirements").method in ("drift", "holt")  # trend methods win on retirements
    assert bt.choice("retirements").mae < 0.8 * bt.choice("retirements").naive_mae
    groups = bt.groups("assessment_2024")
    assert {g.group for g in groups} == {"shortage", "balance", "surplus"}
    assert bt.series_per_second > 100


def test_forecast_band_and_flags(forecasts) -> None:
    s = next(s for s in forecasts.series if s.measure == "retirements")
    f = forecast_series(s, forecasts.backtest)
    assert (
        f.method == forecasts.backtest.choice("retirements").method != "naive"
        and f.history[-1][0] == 2018
        and f.forecast[-1].year == 2026
    )
    assert f.forecast[0].backtested and not f.forecast[-1].backtested
    assert all(p.lower <= p.value <= p.upper for p in f.forecast)
    widths = [p.upper - p.lower for p in f.forecast]
    assert widths[-1] > widths[0]
    assert f.af_projection  # AF's own projection is shown beside ours
