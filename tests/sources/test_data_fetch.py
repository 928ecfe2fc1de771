"""fetch-data: verified downloads from a mirror (a local HTTP server or a directory).

The mirror serves copies of a few small real files of the snapshot; every download is
checked against the registry's SHA-256 and size before it replaces anything.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kompetensbron.cli import app
from kompetensbron.config import get_settings
from kompetensbron.errors import ConnectorError, ValidationFailed
from kompetensbron.sources import catalog
from kompetensbron.sources.data_fetch import datasets_to_fetch, fetch_data

SMALL = ("ssyk-1", "ssyk-2", "lan")
DATA = get_settings().data_dir
needs_data = pytest.mark.skipif(not (DATA / "jobtech").is_dir(), reason="no data snapshot")
runner = CliRunner()


def _mirror_of(keys: tuple[str, ...], root: Path) -> Path:
    for key in keys:
        rel = catalog.dataset(key).path
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / rel, root / rel)
    return root


def _leftovers(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("*") if p.name.endswith(".part")]


@needs_data
def test_fetch_from_an_http_mirror_into_an_empty_directory(tmp_path, serve_directory):
    url = serve_directory(_mirror_of(SMALL, tmp_path / "mirror"))
    target = tmp_path / "data"
    progress: list[int] = []
    report = fetch_data(target, mirror=url, only=SMALL, progress=lambda _k, n, _t: progress.append(n))
    assert report.downloaded == SMALL and not report.failed
    assert sum(progress) == report.bytes_downloaded == sum(catalog.dataset(k).size for k in SMALL)
    assert datasets_to_fetch(target, SMALL) == []
    again = fetch_data(target, mirror=url, only=SMALL)
    assert again.present == SMALL and again.downloaded == ()


@needs_data
def test_a_directory_mirror_works_too(tmp_path):
    mirror = _mirror_of(("ssyk-1",), tmp_path / "mirror")
    for spec in (str(mirror), f"file://{mirror}"):
        target = tmp_path / spec.replace("/", "_")
        assert fetch_data(target, mirror=spec, only=["ssyk-1"]).downloaded == ("ssyk-1",)


@needs_data
def test_a_corrupt_file_on_the_mirror_fails_naming_it_and_keeps_the_old_file(tmp_path, serve_directory):
    mirror = _mirror_of(("ssyk-1", "ssyk-2"), tmp_path / "mirror")
    bad = mirror / catalog.dataset("ssyk-1").path
    bad.write_bytes(bad.read_bytes().replace(b"a", b"e", 1))  # same size, other bytes
    url = serve_directory(mirror)
    target = tmp_path / "data"
    old = target / catalog.dataset("ssyk-1").path
    old.parent.mkdir(parents=True)
    old.write_text('{"an": "older file"}')
    report = fetch_data(target, mirror=url, only=["ssyk-1", "ssyk-2"], backoff=0)
    assert report.downloaded == ("ssyk-2",)
    assert [(f.key, f.source) for f in report.failed] == [("ssyk-1", url + catalog.dataset("ssyk-1").path)]
    assert "SHA-256" in report.failed[0].cause
    assert old.read_text() == '{"an": "older file"}' and not _leftovers(target)
    with pytest.raises(
        ConnectorError, match=r"ssyk-1 from http://127\.0\.0\.1:\d+/jobtech/taxonomy/ssyk-level-1-groups\.json: SHA-256"
    ):
        report.raise_for_failures()


class _CutOff(http.server.SimpleHTTPRequestHandler):
    """Promises the whole file, sends half of it, then drops the connection."""

    calls = 0

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        type(self).calls += 1
        body = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@needs_data
def test_an_interrupted_download_is_retried_and_leaves_no_partial_file(tmp_path, serve_directory):
    url = serve_directory(_mirror_of(("ssyk-4",), tmp_path / "mirror"), handler=_CutOff)
    target = tmp_path / "data"
    report = fetch_data(target, mirror=url, only=["ssyk-4"], attempts=3, backoff=0)
    assert _CutOff.calls == 3  # retried with back-off, then given up
    assert report.failed and report.failed[0].key == "ssyk-4" and "RemoteProtocolError" in report.failed[0].cause
    assert not (target / catalog.dataset("ssyk-4").path).exists() and not _leftovers(target)


@needs_data
def test_a_download_killed_midway_leaves_only_a_hidden_part_that_the_next_run_removes(tmp_path, serve_directory):
    """``kill -9`` during a download: the dataset's own name never holds a partial file."""

    class Slow(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            import time

            body = Path(self.translate_path(self.path)).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:1000])
            self.wfile.flush()
            time.sleep(30)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    key = "ssyk-4"
    url = serve_directory(_mirror_of((key,), tmp_path / "mirror"), handler=Slow)
    target = tmp_path / "data"
    final = target / catalog.dataset(key).path
    part = final.with_name(f".{final.name}.part")
    code = f"from kompetensbron.sources.data_fetch import fetch_data; fetch_data({str(target)!r}, mirror={url!r}, only=[{key!r}])"
    proc = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    try:
        for _ in range(200):
            if part.exists() and part.stat().st_size >= 1000:
                break
            proc.wait(timeout=0.05) if proc.poll() is not None else __import__("time").sleep(0.05)
        assert part.exists(), "the download never started"
    finally:
        proc.kill()
        proc.wait()
    assert not final.exists()
    good = serve_directory(_mirror_of((key,), tmp_path / "mirror2"))
    assert fetch_data(target, mirror=good, only=[key]).downloaded == (key,)
    assert final.is_file() and not part.exists()


def test_a_dataset_without_public_url_needs_a_mirror(tmp_path):
    assert catalog.dataset("syllabi-miun").url is None
    report = fetch_data(tmp_path, only=["syllabi-miun"])
    assert report.failed[0].key == "syllabi-miun" and "KOMPETENSBRON_DATA_MIRROR" in report.failed[0].cause


def test_unknown_keys_are_refused(tmp_path):
    with pytest.raises(ValidationFailed, match="unknown dataset key"):
        fetch_data(tmp_path, only=["no-such-thing"])


# --- the command ------------------------------------------------------------------------------


@needs_data
def test_fetch_data_command_and_its_one_line_error(tmp_path, serve_directory, monkeypatch):
    mirror = _mirror_of(("ssyk-1",), tmp_path / "mirror")
    url = serve_directory(mirror)
    env = {"COLUMNS": "300"}
    ok = runner.invoke(
        app, ["fetch-data", "--data-dir", str(tmp_path / "d"), "--mirror", url, "--only", "ssyk-1"], env=env
    )
    assert ok.exit_code == 0, ok.output
    assert "Fetched and verified 1 dataset(s)" in ok.output
    monkeypatch.setenv("KOMPETENSBRON_DATA_MIRROR", url)
    get_settings.cache_clear()
    try:
        missing = runner.invoke(app, ["fetch-data", "--data-dir", str(tmp_path / "e"), "--only", "ssyk-2"], env=env)
    finally:
        monkeypatch.delenv("KOMPETENSBRON_DATA_MIRROR")
        get_settings.cache_clear()
    assert missing.exit_code == 2
    assert f"ssyk-2 from {url}jobtech/taxonomy/ssyk-level-2-groups.json: HTTP 404" in missing.output
    assert "Traceback" not in missing.output


@needs_data
def test_data_status_lists_every_dataset_with_version_date_and_licence(tmp_path):
    result = runner.invoke(app, ["data-status"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    for ds in catalog.DATASETS.values():
        assert ds.key in result.output
    assert "2019-06" in result.output and "ESCO CC BY 4.0" in result.output
    empty = runner.invoke(app, ["data-status", "--data-dir", str(tmp_path)], env={"COLUMNS": "250"})
    assert empty.exit_code == 0 and f"{len(catalog.DATASETS)} missing" in empty.output
    names = next(line for line in empty.output.splitlines() if "af-yrkesbarometer/prognosyrken.csv" in line)
    assert "absent" in names and "docs/prognosyrken_template.md" in names
    (tmp_path / "af-yrkesbarometer").mkdir()
    (tmp_path / "af-yrkesbarometer" / "prognosyrken.csv").write_text(
        "conceptidprognosyrke;namn;ssyk\n", encoding="utf-8"
    )
    named = runner.invoke(app, ["data-status", "--data-dir", str(tmp_path)], env={"COLUMNS": "250"})
    assert "present" in next(line for line in named.output.splitlines() if "prognosyrken.csv" in line)


def test_init_without_data_or_mirror_names_the_missing_datasets_and_the_setting(tmp_path, monkeypatch):
    monkeypatch.delenv("KOMPETENSBRON_DATA_MIRROR", raising=False)
    get_settings.cache_clear()
    result = runner.invoke(app, ["init", "--data-dir", str(tmp_path / "empty")], env={"COLUMNS": "2000"})
    get_settings.cache_clear()
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert (
        len(lines) == 1
        and "required dataset(s) missing: ssyk-1 (jobtech/taxonomy/ssyk-level-1-groups.json)" in lines[0]
    )
    assert "KOMPETENSBRON_DATA_MIRROR" in lines[0]


@pytest.mark.slow
@needs_data
def test_full_fetch_from_a_local_mirror_then_init(tmp_path, serve_directory):
    """A fresh machine: an empty data directory, a mirror of ../shared/data, fetch-data, init."""
    url = serve_directory(DATA)
    data_dir, var = tmp_path / "data", tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOMPETENSBRON_")}
    env.update(
        KOMPETENSBRON_DATA_DIR=str(data_dir),
        KOMPETENSBRON_VAR_DIR=str(var),
        PYTHONPATH=os.pathsep.join(sys.path),
        COLUMNS="200",
    )
    cli = [sys.executable, "-c", "from kompetensbron.cli import main; main()"]
    # first a subset by --only, then init fetches the rest itself from KOMPETENSBRON_DATA_MIRROR
    part = subprocess.run(
        [*cli, "fetch-data", "--mirror", url, "--only", "ssyk-1", "--only", "lan"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert part.returncode == 0, part.stdout + part.stderr
    init = subprocess.run(
        [*cli, "init"], env={**env, "KOMPETENSBRON_DATA_MIRROR": url}, capture_output=True, text=True, timeout=1200
    )
    assert init.returncode == 0, init.stdout + init.stderr
    assert f"lacks {len(catalog.DATASETS) - 2} dataset(s)" in init.stdout and "fetching them first" in init.stdout
    assert "reference_kommun" in init.stdout and "290" in init.stdout
    assert datasets_to_fetch(data_dir) == []
    full = subprocess.run([*cli, "fetch-data", "--mirror", url], env=env, capture_output=True, text=True, timeout=300)
    assert full.returncode == 0 and "All registered datasets are present" in full.stdout


def test_fetch_data_refuses_an_unknown_key_in_one_line(tmp_path):
    result = runner.invoke(app, ["fetch-data", "--data-dir", str(tmp_path), "--only", "ssyk-9"], env={"COLUMNS": "400"})
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert (
        len(lines) == 1
        and lines[0] == "error: unknown dataset key(s): ssyk-9; 'kompetensbron data-status' lists the keys"
    )


@needs_data
def test_init_fetches_from_the_mirror_and_continues_without_optional_ones_it_lacks(
    tmp_path, serve_directory, monkeypatch
):
    """Only the init-required datasets are on the mirror: init fetches them, warns about the rest."""
    from kompetensbron.cli.reference_commands import _ensure_data

    required = tuple(ds.key for ds in catalog.DATASETS.values() if ds.required)
    url = serve_directory(_mirror_of(required, tmp_path / "mirror"))
    monkeypatch.setenv("KOMPETENSBRON_DATA_MIRROR", url)
    get_settings.cache_clear()
    try:
        _ensure_data(get_settings(), tmp_path / "data", online=False)
    finally:
        get_settings.cache_clear()
    assert datasets_to_fetch(tmp_path / "data", required) == []
    assert datasets_to_fetch(tmp_path / "data")  # the optional ones are still missing
