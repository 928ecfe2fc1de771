"""Benchmark of the forecast back-test and the balance labels (issue 4).

Run:  .venv/bin/python bench/bench_forecast.py [--repeat 5]

Reads the Yrkesbarometer files of ``KOMPETENSBRON_DATA_DIR`` once, then times the full
rolling-origin back-test (every method on every occupation × measure series) ``--repeat``
times and prints the best time in series/s, the MAE/MAPE of each method overall beside the
naive baseline, the chosen methods, and the label hit rates of the balance back-tests.
Prints Markdown, ready for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import time

from kompetensbron.analysis.barometer_data import load_balance_data
from kompetensbron.analysis.forecast import backtest, occupation_groups, series_from_history
from kompetensbron.config import get_settings
from kompetensbron.sources.yrkesbarometer import FILES, read_assessments, read_history


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data_dir = get_settings().data_dir

    t0 = time.perf_counter()
    series = series_from_history(read_history(FILES["historik"].path(data_dir)))
    groups = occupation_groups(read_assessments(FILES["bedomning"].path(data_dir)))
    read_s = time.perf_counter() - t0
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        result = backtest(series, groups=groups)
        times.append(time.perf_counter() - t)
    best = min(times)
    print(f"- read + parse historik.csv and bedomning.csv: {read_s:.2f} s")
    print(
        f"- back-test: {result.series} series (174 occupations × 3 measures), origins {result.origins}, "
        f"horizons {result.horizons}, {result.forecasts} fits; best of {args.repeat}: {best:.3f} s = "
        f"**{result.series / best:,.0f} series/s**\n"
    )
    chosen = {c.measure: c.method for c in result.choices}
    print("| measure | method | n | MAE | MAPE % | naive MAE | naive MAPE % | chosen |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for s in result.overall():
        print(
            f"| {s.measure} | {s.method} | {s.n} | {s.mae:.4f} | {s.mape:.2f} | {s.naive_mae:.4f} | {s.naive_mape:.2f} | {'✔' if chosen[s.measure] == s.method else ''} |"
        )
    print()
    for c in result.choices:
        print(f"- {c.measure}: **{c.method}** — {c.reason}")
    print(
        "\nDirection labels of the chosen methods (held / predicted): "
        + "; ".join(f"{d.measure} {d.label} {d.hits}/{d.n}" for d in result.direction_hits if d.n)
    )

    t = time.perf_counter()
    data = load_balance_data(data_dir)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    lan = data.balance(region_level="lan")
    fa = data.balance(region_level="fa")
    label_s = time.perf_counter() - t
    print(
        f"\n- balance: read the 4 files + kommun→FA table and run both label back-tests {load_s:.2f} s; "
        f"label {len(lan.rows)} län rows + {len(fa.rows)} FA rows {label_s:.2f} s\n"
    )
    print("| back-test | label | distance from limit | n | held | hit rate (95 % CI) |")
    print("|---|---|---|---:|---:|---|")
    for bt in (data.one_to_five, data.assessment_backtest):
        for r in bt.rates:
            lo, hi = r.interval
            print(f"| {bt.key} | {r.label} | {r.band} | {r.n} | {r.hits} | {r.rate:.2f} ({lo:.2f}–{hi:.2f}) |")


if __name__ == "__main__":
    main()
