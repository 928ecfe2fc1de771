"""The forecast methods of :mod:`kompetensbron.analysis.forecast` and the direction label.

Plain Python (numpy); no Django. ``naive`` (last value), ``drift`` (last value + mean yearly
change), ``mean`` (mean of the history), ``ses`` (simple exponential smoothing) and ``holt``
(damped-trend Holt): the textbook recursions (the same as statsmodels' ``SimpleExpSmoothing``
/ ``Holt(damped_trend=True)``, checked in the tests) with their parameters chosen on a grid
by the one-step-ahead squared error, vectorised in numpy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["METHODS", "DIRECTION_THRESHOLD", "predict", "direction_label"]

METHODS: tuple[str, ...] = ("naive", "drift", "mean", "ses", "holt")
DIRECTION_THRESHOLD = 0.02  # relative change that counts as rising / falling

_ALPHAS = np.linspace(0.05, 1.0, 20)
_BETAS = np.array([0.05, 0.1, 0.2, 0.3, 0.5])
_PHIS = np.array([0.8, 0.9, 0.98])


def _ses(y: np.ndarray, horizon: int) -> np.ndarray:
    """Simple exponential smoothing; alpha on a grid by the one-step-ahead squared error."""
    level = np.full(len(_ALPHAS), y[0])
    sse = np.zeros(len(_ALPHAS))
    for value in y[1:]:
        sse += (value - level) ** 2
        level = level + _ALPHAS * (value - level)
    return np.repeat(level[int(np.argmin(sse))], horizon)


def _holt(y: np.ndarray, horizon: int) -> np.ndarray:
    """Damped-trend Holt; (alpha, beta, phi) on a grid by the one-step-ahead squared error."""
    a, b, p = (g.ravel() for g in np.meshgrid(_ALPHAS, _BETAS, _PHIS, indexing="ij"))
    level = np.full(len(a), y[0])
    trend = np.full(len(a), y[1] - y[0])
    sse = np.zeros(len(a))
    for value in y:  # states start before the first value, as statsmodels' "known" initialisation
        fitted = level + p * trend
        sse += (value - fitted) ** 2
        new_level = fitted + a * (value - fitted)
        trend = b * (new_level - level) + (1 - b) * p * trend
        level = new_level
    i = int(np.argmin(sse))
    damp = np.cumsum(p[i] ** np.arange(1, horizon + 1))
    return level[i] + damp * trend[i]


def predict(method: str, values: Sequence[float], horizon: int) -> np.ndarray:
    """Forecast ``horizon`` steps after ``values`` with one of :data:`METHODS`."""
    y = np.asarray(values, dtype=float)
    if len(y) == 0:
        raise ValueError("no history to forecast from")
    if method == "naive":
        return np.repeat(y[-1], horizon)
    if method == "mean":
        return np.repeat(y.mean(), horizon)
    if method == "drift":
        slope = (y[-1] - y[0]) / (len(y) - 1) if len(y) > 1 else 0.0
        return y[-1] + slope * np.arange(1, horizon + 1)
    if method in ("ses", "holt"):
        if len(y) < 3:
            return np.repeat(y[-1], horizon)
        return _ses(y, horizon) if method == "ses" else _holt(y, horizon)
    raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")


def direction_label(last: float, value: float, threshold: float = DIRECTION_THRESHOLD) -> str:
    """``rising`` / ``falling`` / ``flat``: the change from ``last`` to ``value`` relative to ``last``."""
    change = (value - last) / abs(last) if last else value - last
    if change > threshold:
        return "rising"
    if change < -threshold:
        return "falling"
    return "flat"
