"""``kompetensbron simulate-queue`` prints or writes the documented JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kompetensbron.cli import app

ARGS = ["simulate-queue", "--rules", "sgs", "--homes", "100", "--arrivals", "120", "--years", "2", "--seed", "5"]


def test_simulate_queue_prints_json_and_repeats_with_the_seed(tmp_path):
    runner = CliRunner()
    first = runner.invoke(app, ARGS)
    assert first.exit_code == 0, first.output
    data = json.loads(first.output)
    for key in (
        "median_wait_days",
        "p90_wait_days",
        "share_housed_within_30_days",
        "share_housed_within_semester",
        "offers",
        "declines",
        "by_type",
    ):
        assert key in data
    assert set(data["by_type"]) == {"corridor_room", "studio", "apartment"}
    out = tmp_path / "r.json"
    again = runner.invoke(app, [*ARGS, "--output", str(out)])
    assert again.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == data


def test_rule_file_and_bad_input(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(
        json.dumps({"base": "sssb", "name": "sssb-en-nej", "decline_penalty": {"after_declines": 1}}), encoding="utf-8"
    )
    runner = CliRunner()
    ok = runner.invoke(
        app, ["simulate-queue", "--rules", str(rules), "--homes", "50", "--arrivals", "60", "--years", "1"]
    )
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["rules"] == "sssb-en-nej"
    assert runner.invoke(app, ["simulate-queue", "--rules", "nope"]).exit_code == 2
    assert runner.invoke(app, ["simulate-queue", "--rules", "sssb", "--homes", "0"]).exit_code == 2
