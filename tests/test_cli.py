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


def _cli_env(var_dir) -> dict:
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k != "KOMPETENSBRON_DATABASE_URL"}
    env.update(KOMPETENSBRON_VAR_DIR=str(var_dir), PYTHONPATH=os.pathsep.join(sys.path), COLUMNS="200")
    return env


def test_a_second_init_waits_for_the_first(tmp_path):
    """Two ``init`` at once on a fresh database: the second waits for the lock in var/."""
    import subprocess
    import sys

    from kompetensbron.cli.locks import exclusive_lock

    var = tmp_path / "var"
    with exclusive_lock(var / ".init.lock"):  # as a first init holds it
        proc = subprocess.Popen(
            [sys.executable, "-c", "from kompetensbron.cli import main; main()", "init"],
            env=_cli_env(var),
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        try:
            line = proc.stderr.readline()
            assert "Another 'kompetensbron init' is running; waiting" in line
            assert proc.poll() is None and not (var / "kompetensbron.sqlite3").exists()
        finally:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_two_inits_at_once_on_a_fresh_database_both_succeed(tmp_path):
    import subprocess
    import sys

    from kompetensbron.config import get_settings

    if not (get_settings().data_dir / "jobtech").is_dir():
        pytest.skip("no data snapshot")
    env = _cli_env(tmp_path / "var")
    cmd = [sys.executable, "-c", "from kompetensbron.cli import main; main()", "init"]
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert any("nothing changed" in out for out in outputs)


@pytest.fixture
def private_var(tmp_path, monkeypatch):
    from kompetensbron.config import get_settings

    monkeypatch.setenv("KOMPETENSBRON_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    if not (get_settings().data_dir / "jobtech").is_dir():
        pytest.skip("no data snapshot")
    yield tmp_path
    get_settings.cache_clear()


def test_ingest_ads_runs_without_workers_option(private_var):
    """As the README writes it: no ``--workers`` (the default used to fail typer's min=1)."""
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "ads" / "jobsearch_ads.jsonl"
    result = runner.invoke(app, ["ingest-ads", str(fixture), "--no-enrich"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Published warehouse snapshot" in result.output


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("trunc.jsonl.gz", "truncated-gzip", "truncated or not a gzip file"),
        ("plain.gz", b'{"id": "1"}\n', "truncated or not a gzip file (Not a gzipped file"),
        ("latin1.json", b'[{"id": "1", "headline": "\xe5\xe4\xf6"}]', "line 1: not UTF-8 text"),
        ("deep.json", ("[" * 50_000 + "]" * 50_000).encode(), "line 1: JSON nested too deeply"),
    ],
)
def test_a_bad_ad_file_is_one_line_and_exit_2(private_var, name, content, expected):
    import gzip
    import json

    path = private_var / name
    if content == "truncated-gzip":
        whole = gzip.compress(
            b"".join(json.dumps({"id": str(i), "headline": "x" * 40}).encode() + b"\n" for i in range(3000))
        )
        content = whole[: len(whole) // 2]
    path.write_bytes(content)
    result = runner.invoke(app, ["ingest-ads", str(path), "--no-enrich"], env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip() and "Ingesting ads" not in line]
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}") and expected in lines[0], lines
    assert "Traceback" not in result.output and "Aborted" not in result.output
