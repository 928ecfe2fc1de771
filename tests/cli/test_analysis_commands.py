"""The two analysis commands: thin, printing the back-test and the labels; TSV output."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kompetensbron.cli import app

runner = CliRunner()


def test_forecast_backtest_writes_tsv(tmp_path: Path, yrkesbarometer_dir: Path) -> None:
    out = tmp_path / "bt.tsv"
    result = runner.invoke(app, ["forecast-backtest", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "naive" in result.output and "chosen" in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:4] == ["measure", "method", "dimension", "group"]
    overall = [line.split("\t") for line in lines[1:] if "\tall\tall\t0\t" in line]
    chosen = [row for row in overall if row[-1] == "1"]
    assert len(chosen) == 3 and all(float(row[6]) <= float(row[8]) for row in chosen)


def test_balance_prints_labels_with_uncertainty(yrkesbarometer_dir: Path) -> None:
    result = runner.invoke(
        app, ["balance", "--ssyk", "2221", "--region-level", "fa", "--limit", "5"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "shortage" in result.output and "supply unknown" in result.output and "held" in result.output
    bad = runner.invoke(app, ["balance", "--region-level", "kommun"])
    assert bad.exit_code == 2
