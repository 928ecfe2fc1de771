"""Immutable, atomically published warehouse snapshots.

Layout under the warehouse directory::

    CURRENT                      the published snapshot's id, e.g. "000012" (os.replace'd)
    snapshots/000012/
        manifest.json            schema version, tables -> files and row counts, history
        ads/pub_year=2024/part-000012.parquet
        stat_job_ads/part-000011.parquet
    staging/<id>-<random>/       a snapshot being written (never read by readers)
    .writer.lock                 one writer at a time (flock; readers take no lock)

A writer builds the next snapshot in ``staging/``: files it does not change are hard-linked
from the published snapshot (no copy), changed ones are written anew. Publishing renames
the staging directory into ``snapshots/`` and then replaces ``CURRENT`` -- one atomic
``os.replace``. A crash at any point before that leaves the published warehouse as it was;
the next writer removes the stale staging directory. Readers resolve ``CURRENT`` once and
read only the files its manifest lists, so they never see a file being written. The last
:data:`KEEP_SNAPSHOTS` snapshots are kept for readers that are still open on them.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from kompetensbron.errors import DataFileMalformed
from kompetensbron.warehouse.schema import SCHEMA_VERSION

KEEP_SNAPSHOTS = 3
HISTORY_LENGTH = 200
CURRENT_FILE = "CURRENT"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class Snapshot:
    """A published snapshot: its id, directory and manifest."""

    id: str
    path: Path
    manifest: dict[str, Any]

    def table(self, name: str) -> dict[str, Any]:
        """The manifest entry of a table (``{"files": [...], "rows": n, ...}``), or empty."""
        return dict(self.manifest.get("tables", {}).get(name, {}))

    def files(self, name: str) -> list[Path]:
        """Absolute paths of a table's Parquet files in this snapshot."""
        return [self.path / rel for rel in self.table(name).get("files", [])]


def read_current(warehouse_dir: Path) -> Snapshot | None:
    """The published snapshot of a warehouse, or ``None`` for an empty warehouse."""
    pointer = warehouse_dir / CURRENT_FILE
    try:
        snap_id = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = warehouse_dir / "snapshots" / snap_id
    try:
        manifest = orjson.loads((path / MANIFEST_FILE).read_bytes())
    except FileNotFoundError as exc:
        raise DataFileMalformed("CURRENT names a snapshot without a manifest", path=path) from exc
    except orjson.JSONDecodeError as exc:
        raise DataFileMalformed(f"invalid manifest: {exc}", path=path / MANIFEST_FILE) from exc
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise DataFileMalformed(
            f"snapshot has schema version {version!r}; this code reads up to {SCHEMA_VERSION}",
            path=path / MANIFEST_FILE,
            key="schema_version",
        )
    return Snapshot(id=snap_id, path=path, manifest=manifest)


@dataclass
class SnapshotWriter:
    """Builds the next snapshot in a staging directory; see :func:`write_snapshot`."""

    warehouse_dir: Path
    base: Snapshot | None
    number: int
    staging: Path
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    published: Snapshot | None = None

    @property
    def id(self) -> str:
        """The id the snapshot gets when published."""
        return f"{self.number:06d}"

    def new_file(self, relpath: str) -> Path:
        """A path in the staging snapshot to write a new file to (parents created)."""
        path = self.staging / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def link_from_base(self, relpath: str) -> None:
        """Carry an unchanged file of the base snapshot over (hard link, copy as fallback)."""
        if self.base is None:
            raise ValueError("no base snapshot to link from")
        target = self.new_file(relpath)
        source = self.base.path / relpath
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    def carry_over_tables(self, *, except_tables: set[str]) -> None:
        """Link every table of the base snapshot not named in ``except_tables``."""
        if self.base is None:
            return
        for name, entry in self.base.manifest.get("tables", {}).items():
            if name in except_tables:
                continue
            for rel in entry.get("files", []):
                self.link_from_base(rel)
            self.tables[name] = entry

    def publish(self, *, event: dict[str, Any], taxonomy: str | None = None) -> Snapshot:
        """Write the manifest, move the snapshot into place and swap ``CURRENT``."""
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        history = list(self.base.manifest.get("history", [])) if self.base else []
        history.append({"snapshot": self.id, "at": now, **event})
        base_taxonomy = self.base.manifest.get("taxonomy") if self.base else None
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "snapshot": self.id,
            "created_at": now,
            "taxonomy": taxonomy or base_taxonomy,
            "tables": self.tables,
            "history": history[-HISTORY_LENGTH:],
        }
        (self.staging / MANIFEST_FILE).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
        final = self.warehouse_dir / "snapshots" / self.id
        final.parent.mkdir(parents=True, exist_ok=True)
        os.rename(self.staging, final)
        tmp = self.warehouse_dir / f"{CURRENT_FILE}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(self.id + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.warehouse_dir / CURRENT_FILE)
        self.published = Snapshot(id=self.id, path=final, manifest=manifest)
        return self.published


@contextmanager
def write_snapshot(warehouse_dir: Path) -> Iterator[SnapshotWriter]:
    """Hold the writer lock and stage the next snapshot.

    The body writes files and calls :meth:`SnapshotWriter.publish`. If it raises, or
    returns without publishing, the staging directory is removed and the published
    warehouse is untouched.
    """
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    with open(warehouse_dir / ".writer.lock", "a+") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            staging_root = warehouse_dir / "staging"
            shutil.rmtree(staging_root, ignore_errors=True)  # left by a crashed writer
            base = read_current(warehouse_dir)
            number = _next_number(warehouse_dir, base)
            staging = staging_root / f"{number:06d}-{secrets.token_hex(4)}"
            staging.mkdir(parents=True)
            writer = SnapshotWriter(warehouse_dir=warehouse_dir, base=base, number=number, staging=staging)
            try:
                yield writer
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            if writer.published is not None:
                _collect_garbage(warehouse_dir, keep_id=writer.published.id)
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _next_number(warehouse_dir: Path, base: Snapshot | None) -> int:
    numbers = [int(base.id)] if base else [0]
    snaps = warehouse_dir / "snapshots"
    if snaps.is_dir():
        numbers += [int(p.name) for p in snaps.iterdir() if p.name.isdigit()]
    return max(numbers) + 1


def _collect_garbage(warehouse_dir: Path, *, keep_id: str) -> None:
    snaps = sorted(
        (p for p in (warehouse_dir / "snapshots").iterdir() if p.name.isdigit()),
        key=lambda p: int(p.name),
    )
    for old in snaps[:-KEEP_SNAPSHOTS]:
        if old.name != keep_id:
            shutil.rmtree(old, ignore_errors=True)
