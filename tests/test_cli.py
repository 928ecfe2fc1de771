"""The CLI on a temporary database: init, idempotence, bad data, info."""

import pytest
from typer.testing import CliRunner

from kompetensbron.cli import app

runner = CliRunner()


@pytest.mark.django_db(transaction=True)
def test_init_loads_and_second_run_reports_nothing_changed(tmp_path, monkeypatch):
    from kompetensbron.config import get_settings

    data_dir = get_settings().data_dir
    if not (data_dir / "jobtech").is_dir():
        pytest.skip("no data snapshot")
    result = runner.invoke(app, ["init", "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert "reference_kommun" in result.output and "290" in result.output
    again = runner.invoke(app, ["init", "--data-dir", str(data_dir)])
    assert again.exit_code == 0
    assert "nothing changed" in again.output
    info = runner.invoke(app, ["info"])
    assert info.exit_code == 0 and "ssyk_level_4" in info.output and "400" in info.output


@pytest.mark.django_db(transaction=True)
def test_init_with_missing_data_dir_names_the_file(tmp_path):
    result = runner.invoke(app, ["init", "--data-dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "ssyk-level-1-groups.json" in result.output
    assert "KOMPETENSBRON_DATA_DIR" in result.output
