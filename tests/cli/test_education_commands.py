"""The education commands print what changed and report every template problem (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kompetensbron.cli import app, education_commands

pytestmark = pytest.mark.usefixtures("syllabi_db")

TEMPLATE_EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "programme_template.csv"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_migrate(monkeypatch):
    # the test database is migrated already; migrate inside the test transaction is not wanted
    monkeypatch.setattr(education_commands, "_migrate", lambda: None)


@pytest.mark.django_db
def test_import_syllabi_reports_nothing_changed_on_the_loaded_file(snapshot_dir):
    result = runner.invoke(app, ["import-syllabi", "--data-dir", str(snapshot_dir)])
    assert result.exit_code == 0, result.output
    assert "3586" in result.output and "Nothing changed" in result.output


@pytest.mark.django_db
def test_import_syllabi_bad_file(tmp_path):
    bad = tmp_path / "k.jsonl"
    bad.write_text('{"Kurskod": "X"}\n', encoding="utf-8")
    result = runner.invoke(app, ["import-syllabi", str(bad)])
    assert result.exit_code == 2 and "line 1, key 'NivaForkortning'" in " ".join(result.output.split())


@pytest.mark.django_db
def test_import_programmes(tmp_path):
    ok = runner.invoke(app, ["import-programmes", str(TEMPLATE_EXAMPLE)])
    assert ok.exit_code == 0, ok.output
    bad = tmp_path / "mall.csv"
    bad.write_text(
        TEMPLATE_EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
        + "\nMittuniversitetet,EX-B,B,,999,,,,,,XX1,,,1,ja,,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import-programmes", str(bad)])
    assert result.exit_code == 2
    output = " ".join(result.output.split())  # rich wraps long lines
    assert "nothing was imported" in output and "rad 2, kolumn sun_level" in output
