"""Per dataset of the source registry: is it present, is its hash right, what is it.

One function, :func:`data_status`, feeds ``kompetensbron data-status``, ``kompetensbron
info`` and the start page. Hashes are cached per process by (path, size, mtime), so a page
does not re-read 27 MB per request.

Example::

    rows = data_status(data_dir)
    [r.key for r in rows if not r.ok]   # datasets missing or changed
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import catalog

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .jobtech_taxonomy import TaxonomyClient
    from .refresh_manifest import Refreshed

__all__ = [
    "DatasetStatus",
    "LiveStatus",
    "UpstreamTaxonomy",
    "data_status",
    "dataset_status",
    "date_is_old",
    "is_old",
    "live_status",
    "missing_datasets",
    "upstream_taxonomy",
]

_HASHES: dict[tuple[str, int, int], str] = {}


@dataclass(frozen=True)
class DatasetStatus:
    """One dataset: the registry's facts and what the data directory holds."""

    key: str
    title: str
    path: str
    publisher: str
    version: str
    data_date: str
    licence: str
    required: bool
    size: int
    present: bool
    hash_ok: bool | None  # None when the file is absent
    #: the data is older than its publisher's renewal interval (see ``Dataset.renewed_every_years``)
    old: bool = False
    #: a refresh replaced the registry's file with a newer one it recorded (version and date are the new ones)
    refreshed: bool = False

    @property
    def ok(self) -> bool:
        return self.present and (bool(self.hash_ok) or self.refreshed)

    @property
    def state(self) -> str:
        """``ok``, ``missing``, ``refreshed`` (a recorded newer file) or ``changed`` (present, but
        neither the registry's file nor a recorded refresh)."""
        if not self.present:
            return "missing"
        if self.hash_ok:
            return "ok"
        return "refreshed" if self.refreshed else "changed"


def _sha256(path: Path) -> str:
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        _HASHES[key] = catalog.file_sha256(path)
    return _HASHES[key]


def is_old(ds: catalog.Dataset, today: date | None = None) -> bool:
    """The data date lies more than its renewal interval (plus a year's grace for the date's
    precision) before ``today``: e.g. a 1-year forecast from ``2019-06`` is old in 2026.

    ``is_old(dataset("yrkesbarometer-1-ar"), date(2026, 1, 1)) is True``
    """
    return date_is_old(ds.data_date, ds.renewed_every_years, today)


def date_is_old(data_date: str, renewed_every_years: int | None, today: date | None = None) -> bool:
    """:func:`is_old` for a bare data date (``YYYY``, ``YYYY-MM``, or a Yrkesbarometer round ``YYYY-1``/``YYYY-2``)."""
    round_ = re.fullmatch(r"(\d{4})-([12])", data_date)
    if round_:  # a half-year round: data of June / December
        data_date = f"{round_.group(1)}-{'06' if round_.group(2) == '1' else '12'}"
    match = re.match(r"(\d{4})(?:-(\d{2}))?", data_date)
    if renewed_every_years is None or match is None:
        return False
    year, month = int(match.group(1)), int(match.group(2) or 12)
    today = today or date.today()
    months = (today.year - year) * 12 + today.month - month
    return months > 12 * renewed_every_years + 6


def data_status(data_dir: Path) -> list[DatasetStatus]:
    """Every registered dataset with its state in ``data_dir`` (registry order)."""
    from .refresh_manifest import read_manifest

    manifest = read_manifest(data_dir)
    return [dataset_status(data_dir, ds, manifest) for ds in catalog.DATASETS.values()]


def dataset_status(data_dir: Path, ds: catalog.Dataset, manifest: Mapping[str, Refreshed]) -> DatasetStatus:
    """One registered dataset's state in ``data_dir``, given the refreshes recorded there (``manifest``)."""
    path = Path(data_dir) / ds.path
    present = path.is_file()
    digest = _sha256(path) if present else None
    hash_ok = (digest == ds.sha256) if present else None
    entry = manifest.get(ds.key)
    refreshed = bool(present and not hash_ok and entry is not None and entry.sha256 == digest)
    version, data_date = (entry.version, entry.data_date) if refreshed and entry else (ds.version, ds.data_date)
    return DatasetStatus(
        key=ds.key,
        title=ds.title,
        path=ds.path,
        publisher=ds.publisher,
        version=version,
        data_date=data_date,
        licence=ds.licence,
        required=ds.required,
        size=entry.size if refreshed and entry else ds.size,
        present=present,
        hash_ok=hash_ok,
        old=date_is_old(data_date, ds.renewed_every_years),
        refreshed=refreshed,
    )


@dataclass(frozen=True)
class LiveStatus:
    """A publisher's live source: what the last refresh fetched into the data directory, if anything."""

    key: str
    title: str
    publisher: str
    licence: str
    url: str
    command: str
    fetched: tuple[str, ...]  # the paths recorded for this source
    version: str | None
    data_date: str | None
    old: bool


def live_status(data_dir: Path) -> list[LiveStatus]:
    """Every live source of the registry with what the refresh manifest records for it."""
    from .refresh_manifest import read_manifest

    manifest = read_manifest(data_dir)
    taxonomy_keys = set(_taxonomy_keys())
    out = []
    for src in catalog.LIVE.values():
        if src.key == "jobtech-taxonomy":
            entries = [e for k, e in manifest.items() if k in taxonomy_keys]
        else:
            entries = [e for k, e in manifest.items() if k == src.key or k.startswith(src.key + ":")]
        entries = [e for e in entries if (Path(data_dir) / e.path).is_file()]
        newest = max(entries, key=lambda e: e.data_date, default=None)
        out.append(
            LiveStatus(
                key=src.key,
                title=src.title,
                publisher=src.publisher,
                licence=src.licence,
                url=src.url,
                command=src.command,
                fetched=tuple(sorted(e.path for e in entries)),
                version=newest.version if newest else None,
                data_date=newest.data_date if newest else None,
                old=bool(newest and date_is_old(newest.data_date, src.renewed_every_years)),
            )
        )
    return out


def _taxonomy_keys() -> tuple[str, ...]:
    from .jobtech_taxonomy import TAXONOMY_DATASETS

    return tuple(TAXONOMY_DATASETS)


def missing_datasets(data_dir: Path) -> list[catalog.Dataset]:
    """The registered datasets absent from ``data_dir`` (cheap: no hashing)."""
    return [ds for ds in catalog.DATASETS.values() if not (Path(data_dir) / ds.path).is_file()]


@dataclass(frozen=True)
class UpstreamTaxonomy:
    """The newest JobTech Taxonomy version the API publishes, against the data directory's."""

    version: int
    published: str  # ISO timestamp of the version
    snapshot_date: str  # data date of the taxonomy files in use (the snapshot's, or a refresh's)
    keys: tuple[str, ...]  # the registry's datasets taken from the taxonomy
    current_version: int | None = None  # the version a refresh recorded (None: the snapshot's files)

    @property
    def newer(self) -> bool:
        if self.current_version is not None:
            return self.version > self.current_version
        return self.published[:7] > self.snapshot_date[:7]


def upstream_taxonomy(client: TaxonomyClient | None = None, data_dir: Path | None = None) -> UpstreamTaxonomy:
    """Ask the JobTech Taxonomy API for its newest version (network; ``client`` is a
    :class:`~kompetensbron.sources.jobtech_taxonomy.TaxonomyClient`, injectable in tests) and
    compare it with the version in ``data_dir`` (a recorded refresh, else the snapshot's date).
    Raises :class:`~kompetensbron.errors.ConnectorError` when the API cannot be reached."""
    from .jobtech_taxonomy import TAXONOMY_DATASETS, TaxonomyClient

    taxonomy = client or TaxonomyClient()
    try:
        newest = taxonomy.versions()[-1]
    finally:
        if client is None:
            taxonomy.close()
    keys = tuple(TAXONOMY_DATASETS)
    snapshot = min(catalog.dataset(k).data_date for k in keys)
    current: int | None = None
    if data_dir is not None:
        rows = {r.key: r for r in data_status(data_dir)}
        refreshed = [rows[k] for k in keys if k in rows and rows[k].refreshed]
        if len(refreshed) == len(keys) and all(r.version.isdigit() for r in refreshed):
            current = min(int(r.version) for r in refreshed)
            snapshot = min(r.data_date for r in refreshed)
    return UpstreamTaxonomy(newest.version, newest.timestamp, snapshot, keys, current)
