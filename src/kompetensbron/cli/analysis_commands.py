"""Commands of the analyses: the forecast back-test and the supply–demand balance."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kompetensbron.errors import KompetensbronError

from .common import console, err_console, fail

app = typer.Typer()

_TSV_HEADER = [
    "measure",
    "method",
    "dimension",
    "group",
    "horizon",
    "n",
    "mae",
    "mape_pct",
    "naive_mae",
    "naive_mape_pct",
    "chosen",
]


def _fmt(value: float | None, digits: int = 4) -> str:
    return "–" if value is None or value != value else f"{value:.{digits}f}"


@app.command("forecast-backtest")
def forecast_backtest(
    output: Annotated[
        Path | None, typer.Option("--output", help="Write every error figure as TSV to this file ('-' = stdout).")
    ] = None,
) -> None:
    """Back-test the forecast methods on the Yrkesbarometer history; print MAE/MAPE beside naive."""
    from kompetensbron.analysis.forecast import load_forecasts
    from kompetensbron.config import get_settings

    try:
        data = load_forecasts(get_settings().data_dir)
    except KompetensbronError as exc:
        fail(exc)
    bt = data.backtest
    chosen = {c.measure: c.method for c in bt.choices}
    t = Table(
        title=f"Back-test: origins {', '.join(map(str, bt.origins))}, horizons {', '.join(map(str, bt.horizons))}, {bt.series} series, {bt.series_per_second:,.0f} series/s"
    )
    for col in ("measure", "method", "n", "MAE", "MAPE %", "naive MAE", "naive MAPE %", ""):
        t.add_column(col, justify="right" if col not in ("measure", "method", "") else "left")
    for s in bt.overall():
        t.add_row(
            s.measure,
            s.method,
            str(s.n),
            _fmt(s.mae),
            _fmt(s.mape, 2),
            _fmt(s.naive_mae),
            _fmt(s.naive_mape, 2),
            "chosen" if chosen.get(s.measure) == s.method else "",
        )
    console.print(t)
    for c in bt.choices:
        console.print(f"[bold]{c.measure}[/]: {c.method} — {c.reason}")
    g = Table(title="Per occupation group (chosen method vs naive, all horizons)")
    for col in ("measure", "grouping", "group", "method", "n", "MAE", "MAPE %", "naive MAE", "naive MAPE %"):
        g.add_column(col)
    for dim in data.groups:
        for s in bt.groups(dim):
            if s.method == chosen.get(s.measure):
                g.add_row(
                    s.measure,
                    dim,
                    s.group,
                    s.method,
                    str(s.n),
                    _fmt(s.mae),
                    _fmt(s.mape, 2),
                    _fmt(s.naive_mae),
                    _fmt(s.naive_mape, 2),
                )
    console.print(g)
    h = Table(title="Direction labels of the chosen method: how often they held")
    for col in ("measure", "predicted", "n", "held", "hit rate"):
        h.add_column(col)
    for d in bt.direction_hits:
        if d.n:
            h.add_row(d.measure, d.label, str(d.n), str(d.hits), _fmt(d.rate, 3))
    console.print(h)
    if output is not None:
        fh = sys.stdout if str(output) == "-" else open(output, "w", newline="", encoding="utf-8")
        try:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(_TSV_HEADER)
            for s in bt.summaries:
                w.writerow(
                    [
                        s.measure,
                        s.method,
                        s.dimension,
                        s.group,
                        s.horizon,
                        s.n,
                        _fmt(s.mae, 6),
                        _fmt(s.mape, 4),
                        _fmt(s.naive_mae, 6),
                        _fmt(s.naive_mape, 4),
                        int(chosen.get(s.measure) == s.method),
                    ]
                )
        finally:
            if fh is not sys.stdout:
                fh.close()
        if str(output) != "-":
            err_console.print(f"wrote {len(bt.summaries)} rows to {output}")


@app.command("balance")
def balance(
    region_level: Annotated[
        str, typer.Option("--region-level", help="lan or fa (FA-region: mean of its kommuner's län indices).")
    ] = "lan",
    ssyk: Annotated[
        str | None, typer.Option("--ssyk", help="One SSYK code (4 digits, or 3 for AF's broader groups).")
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows to print (0 = all).")] = 60,
) -> None:
    """Shortage / balance / surplus per occupation and region, with how often such labels held."""
    from kompetensbron.analysis.balance import ads_2024, fa_ads
    from kompetensbron.analysis.barometer_data import load_balance_data
    from kompetensbron.config import get_settings

    if region_level not in ("lan", "fa"):
        fail(ValueError("--region-level must be 'lan' or 'fa'"))
    settings = get_settings()
    try:
        data = load_balance_data(settings.data_dir)
        try:
            ads = ads_2024(settings.warehouse_dir, region_level)
            if region_level == "fa":
                ads = fa_ads(ads, data.fa_kommuner())
        except KompetensbronError:
            ads = {}
        result = data.balance(region_level=region_level, ssyk=ssyk, ads=ads or None)
    except KompetensbronError as exc:
        fail(exc)
    if ssyk and not result.rows:
        fail(ValueError(f"no 1-year forecast for SSYK {ssyk} in 1-ar.xlsx"))
    t = Table(title=f"Balance per {'län' if region_level == 'lan' else 'FA-region'} (AF bristindex 1 år; 5 år beside)")
    for col in (
        "region",
        "SSYK",
        "occupation",
        "index",
        "label",
        "held (95 % CI, n)",
        "uncertainty",
        "5-year",
        "ads 2024",
        "supply",
    ):
        t.add_column(col)
    rows = result.rows if limit == 0 else result.rows[:limit]
    for r in rows:
        label = (r.label or "–") + (f" (leaning {r.leaning})" if r.leaning else "")
        held = (
            "–"
            if r.probability is None
            else f"{r.probability:.0%} ({r.interval[0]:.0%}–{r.interval[1]:.0%}, {r.cases})"
        )
        five = f"{r.five_year_index:.2f} {r.five_year_label}" if r.five_year_index is not None else "–"
        t.add_row(
            f"{r.region_code} {r.region_name}",
            r.ssyk,
            r.name,
            _fmt(r.index, 2),
            label,
            held,
            r.uncertainty,
            five,
            "–" if r.ads is None else f"{r.ads:,}",
            r.supply_note or str(r.graduates),
        )
    console.print(t)
    if limit and len(result.rows) > limit:
        err_console.print(f"… {len(result.rows) - limit} more rows (--limit 0 for all)")
    bt = result.backtest
    h = Table(title="How often such labels held: " + bt.description)
    for col in ("label", "distance from limit", "n", "held", "hit rate", "95 % CI"):
        h.add_column(col)
    for r in bt.rates:
        ci = r.interval
        h.add_row(r.label, r.band, str(r.n), str(r.hits), _fmt(r.rate, 3), f"{ci[0]:.2f}–{ci[1]:.2f}" if ci else "–")
    console.print(h)
    a = data.assessment_backtest
    console.print(f"[dim]{a.description}: " + ", ".join(f"{r.label} {r.hits}/{r.n}" for r in a.rates) + "[/]")
    if not result.supply_known:
        console.print("[yellow]supply unknown[/]: no graduate figures were given (education data not linked).")
