"""Balance labels: constructed cases, the border rule, hit rates, FA-regions and supply."""

from __future__ import annotations

import pytest

from kompetensbron.analysis.balance import (
    SUPPLY_UNKNOWN,
    HitRate,
    LabelBacktest,
    backtest_one_to_five_year,
    balance,
    label_index,
    wilson_interval,
)
from kompetensbron.sources.yrkesbarometer import FiveYearForecast, OneYearForecast


def one(lan: str, ssyk: str, index: float | None) -> OneYearForecast:
    return OneYearForecast(lan, f"Län {lan}", "Område", ssyk, f"Yrke {ssyk}", index, None, 10, 2)


def five(ssyk: str, index: float) -> FiveYearForecast:
    return FiveYearForecast("Område", (ssyk,), f"Yrke {ssyk}", index, 2)


def toy_backtest() -> LabelBacktest:
    return LabelBacktest(
        "toy",
        "toy",
        (),
        (
            HitRate("shortage", "all", 100, 90),
            HitRate("shortage", "≥0.6", 80, 76),
            HitRate("surplus", "all", 50, 40),
            HitRate("surplus", "≥0.6", 30, 27),
            HitRate("balance", "all", 60, 30),
            HitRate("balance", "<0.1", 40, 16),
        ),
    )


@pytest.mark.parametrize(
    ("index", "label", "borderline", "leaning"),
    [
        (4.6, "shortage", False, None),  # clear shortage
        (1.5, "surplus", False, None),  # clear surplus
        (3.1, "balance", False, None),
        (3.33, "balance", True, "shortage"),  # just over the limit: borderline
        (2.85, "balance", True, "surplus"),
        (3.3 - 0.05, "balance", True, None),
    ],
)
def test_label_index(index, label, borderline, leaning) -> None:
    got = label_index(index)
    assert (got.label, got.borderline, got.leaning) == (label, borderline, leaning)


def test_constructed_cases_carry_their_uncertainty() -> None:
    rows = [one("01", "1111", 4.6), one("01", "2222", 1.5), one("01", "3333", 3.32), one("01", "4444", None)]
    result = balance(rows, [five("1111", 4.5)], backtest=toy_backtest())
    by = {r.ssyk: r for r in result.rows}
    assert (
        by["1111"].label == "shortage"
        and by["1111"].probability == pytest.approx(0.95)
        and by["1111"].uncertainty == "low"
    )
    assert by["1111"].five_year_label == "shortage"
    assert (
        by["2222"].label == "surplus"
        and by["2222"].probability == pytest.approx(0.9)
        and by["2222"].uncertainty == "low"
    )
    border = by["3333"]
    assert border.label == "balance" and border.borderline and border.leaning == "shortage"
    assert border.uncertainty == "high" and border.probability == pytest.approx(0.4)
    assert by["4444"].label is None and by["4444"].uncertainty == "unknown"
    assert all(r.supply_note == SUPPLY_UNKNOWN for r in result.rows) and not result.supply_known


def test_supply_and_ads_are_context() -> None:
    result = balance(
        [one("01", "1111", 4.6)], [], ads={("1111", "01"): 300}, supply={"1111": {"01": 100}}, backtest=toy_backtest()
    )
    row = result.rows[0]
    assert row.ads == 300 and row.graduates == 100 and row.ads_per_graduate == 3 and row.supply_note is None
    assert row.label == "shortage" and result.supply_known


def test_fa_region_mixes_its_lan() -> None:
    rows = [one("01", "1111", 4.6), one("03", "1111", 2.0)]
    fa = {"99": ("Tvålän", ("01", "01", "03"))}  # two kommuner in 01, one in 03
    row = balance(rows, [], region_level="fa", fa_regions=fa, backtest=toy_backtest()).rows[0]
    assert row.index == pytest.approx((4.6 * 2 + 2.0) / 3)
    assert row.mixed_regions and row.uncertainty == "high"


def test_wilson_interval() -> None:
    low, high = wilson_interval(90, 100)
    assert low < 0.9 < high and 0.8 < low and high < 0.95
    assert wilson_interval(0, 0) is None
    # the published Wilson score interval (Wilson 1927; as statsmodels' proportion_confint computes it)
    assert wilson_interval(90, 100) == pytest.approx((0.825634, 0.944771), abs=1e-6)
    assert wilson_interval(3, 10) == pytest.approx((0.107791, 0.603222), abs=1e-6)


def test_one_text_per_label_and_uncertainty() -> None:
    from django.utils import translation

    from kompetensbron.analysis.labels import Balance, Uncertainty
    from kompetensbron.labour_market.label_texts import balance_text, uncertainty_text

    with translation.override("sv"):
        assert [uncertainty_text(u) for u in Uncertainty] == ["låg", "medelhög", "hög", "okänd"]
        assert [balance_text(b) for b in Balance] == ["brist", "balans", "överskott"]
    with translation.override("en"):
        assert uncertainty_text(Uncertainty.MEDIUM) == "medium" and balance_text(Balance.SHORTAGE) == "shortage"


def test_real_backtests(balance_data) -> None:
    bt = balance_data.one_to_five
    shortage, clear = bt.rate("shortage"), bt.rate("shortage", "≥0.6")
    assert shortage.n > 1000 and clear.rate > shortage.rate  # far from the limit held more often
    assert bt.rate("balance").rate < clear.rate
    assessment = balance_data.assessment_backtest
    assert sum(r.n for r in assessment.rates) == 174
    # recomputing from the readers gives the same figures
    again = backtest_one_to_five_year(balance_data.one_year, balance_data.five_year)
    assert again.overall == bt.overall


def test_real_balance_per_lan_and_fa(balance_data) -> None:
    lan = balance_data.balance(ssyk="2221")
    assert len(lan.rows) == 21 and all(r.label == "shortage" for r in lan.rows if r.index and r.index >= 4)
    fa = balance_data.balance(region_level="fa", ssyk="2221")
    assert len(fa.rows) == 60 and fa.rows[0].region_name
