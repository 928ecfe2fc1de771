"""What the refresh commands fetched: one JSON file in the data directory (``refreshed.json``).

A refresh (``fetch-barometer``, ``fetch-taxonomy``, ``init --online``, ``fetch-ads``) replaces or
adds files that the registry has no fixed hash for. Each records here, per key, where the
file is, where it came from, its version, the date of its data, its SHA-256 and size, and
when it was fetched. ``data-status`` and ``fetch-data`` read it: a registry file that a refresh
replaced counts as *refreshed* (not *changed*) while its hash is the recorded one, so
``fetch-data`` does not put the older snapshot file back over it.

Example::

    record(data_dir, [Refreshed.of(data_dir, "ssyk-1", path, url=..., version="29", data_date="2026-03")])
    read_manifest(data_dir)["ssyk-1"].version  # -> "29"
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from kompetensbron.errors import DataFileMalformed

from . import catalog

__all__ = ["Refreshed", "read_manifest", "record", "matching"]


@dataclass(frozen=True, slots=True)
class Refreshed:
    """One file a refresh wrote."""

    key: str
    path: str  # relative to the data directory
    url: str
    version: str
    data_date: str
    sha256: str
    size: int
    fetched_at: str  # ISO timestamp (UTC)

    @classmethod
    def of(cls, data_dir: Path, key: str, path: Path, *, url: str, version: str, data_date: str) -> Refreshed:
        """The entry of a file just written to ``path`` (hashes it)."""
        return cls(
            key=key,
            path=str(Path(path).resolve().relative_to(Path(data_dir).resolve())),
            url=url,
            version=version,
            data_date=data_date,
            sha256=catalog.file_sha256(path),
            size=Path(path).stat().st_size,
            fetched_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        )


def _manifest_path(data_dir: Path) -> Path:
    return Path(data_dir) / catalog.REFRESH_MANIFEST


def read_manifest(data_dir: Path) -> dict[str, Refreshed]:
    """The recorded refreshes of ``data_dir`` (empty when nothing was refreshed)."""
    path = _manifest_path(data_dir)
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {key: Refreshed(**entry) for key, entry in raw.items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise DataFileMalformed(f"not a refresh manifest ({exc})", path=path) from exc


def record(data_dir: Path, entries: Iterable[Refreshed]) -> None:
    """Add or replace ``entries`` in the manifest (written atomically)."""
    manifest = read_manifest(data_dir)
    manifest.update({e.key: e for e in entries})
    path = _manifest_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({k: asdict(v) for k, v in sorted(manifest.items())}, fh, ensure_ascii=False, indent=1)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def matching(data_dir: Path, key: str, sha256: str) -> Refreshed | None:
    """The manifest entry of ``key`` when the file now in place is the one it recorded."""
    entry = read_manifest(data_dir).get(key)
    return entry if entry is not None and entry.sha256 == sha256 else None
