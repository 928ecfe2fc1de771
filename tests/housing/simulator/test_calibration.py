"""The defaults reproduce the published SSSB figures they are calibrated to (scenario.CALIBRATION)."""

from __future__ import annotations

import pytest

from kompetensbron.housing.simulator import CALIBRATION, Scenario, get_rules, simulate


@pytest.mark.slow
def test_sssb_defaults_match_the_published_waits():
    defaults = Scenario()
    assert defaults.homes == CALIBRATION["homes"] == 8000
    result = simulate(get_rules("sssb"), defaults.with_changes(years=4))
    corridor = result.by_type["corridor_room"].median_wait_days
    studio = result.by_type["studio"].median_wait_days
    low, high = CALIBRATION["corridor_room_median_wait_days"]
    assert low * 0.9 <= corridor <= high * 1.1, corridor  # about a year (11–13 months), ±10 %
    low, high = CALIBRATION["studio_median_wait_days"]
    assert low * 0.9 <= studio <= high * 1.1, studio  # 2–4 years, ±10 %
    assert result.calibration == CALIBRATION
