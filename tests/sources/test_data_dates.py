"""The date of a figure's data in a toy data directory: a recorded refresh gives it, a changed
manifest is seen at once, and repeated provenances do not look the files up again."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from kompetensbron.config import get_settings
from kompetensbron.provenance import Provenance
from kompetensbron.sources import catalog, data_status, file_cache, refresh_manifest

KEY = "statistics-salary"  # a registered dataset whose file a refresh may replace


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data directory holding one registered file (not the registry's bytes: a refreshed one)."""
    path = tmp_path / catalog.dataset(KEY).path
    path.parent.mkdir(parents=True)
    path.write_text('{"refreshed": true}', encoding="utf-8")
    monkeypatch.setenv("KOMPETENSBRON_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    file_cache.clear()
    yield tmp_path
    get_settings.cache_clear()
    file_cache.clear()


def write_manifest(data_dir: Path, data_date: str, *, mtime_ns: int) -> None:
    file = data_dir / catalog.dataset(KEY).path
    entry = refresh_manifest.Refreshed.of(
        data_dir, KEY, file, url="https://example.org/x", version="v", data_date=data_date
    )
    manifest = data_dir / catalog.REFRESH_MANIFEST
    manifest.write_text(json.dumps({KEY: asdict(entry)}))
    os.utime(manifest, ns=(mtime_ns, mtime_ns))  # distinct even on a coarse-clock file system


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls: list[int] = []
    real: Callable[..., Any] = getattr(module, name)

    def count(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, count)
    return calls


def salary_provenance() -> Provenance:
    return Provenance(
        source="JobTech statistics file ssyk_salary.json", table="t", snapshot=None, period="p", method="m"
    )


def test_a_recorded_refresh_dates_the_figures_and_a_changed_manifest_is_seen(data_dir: Path):
    assert salary_provenance().data_date == catalog.dataset(KEY).data_date  # no refresh recorded
    write_manifest(data_dir, "2026-03", mtime_ns=1_800_000_000_000_000_000)
    assert salary_provenance().data_date == "2026-03"
    write_manifest(data_dir, "2026-09", mtime_ns=1_800_000_001_000_000_000)
    assert salary_provenance().data_date == "2026-09"
    (data_dir / catalog.dataset(KEY).path).write_text("other bytes, not the recorded ones")
    assert salary_provenance().data_date == catalog.dataset(KEY).data_date  # the refreshed file is gone


def test_repeated_provenances_do_not_read_the_manifest_or_the_data_files_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    write_manifest(data_dir, "2026-03", mtime_ns=1_800_000_000_000_000_000)
    manifests = counting(monkeypatch, refresh_manifest, "read_manifest")
    statuses = counting(monkeypatch, data_status, "dataset_status")
    every_dataset = counting(monkeypatch, data_status, "data_status")
    looked_at: list[tuple[str, ...]] = []
    real_fingerprint = file_cache.fingerprint

    def fingerprint(paths: Any) -> file_cache.Fingerprint:
        looked_at.append(tuple(Path(p).name for p in paths))
        return real_fingerprint(paths)

    monkeypatch.setattr(file_cache, "fingerprint", fingerprint)
    for _ in range(50):
        assert salary_provenance().data_date == "2026-03"
    assert (len(manifests), len(statuses), len(every_dataset)) == (1, 1, 0)
    # per provenance: the manifest and the one file it names are stat-ed, not every data file
    file_name = Path(catalog.dataset(KEY).path).name
    assert looked_at == [(catalog.REFRESH_MANIFEST, file_name)] * 50
