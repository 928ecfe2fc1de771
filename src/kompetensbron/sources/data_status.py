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
    from .jobtech_taxonomy import TaxonomyClient

__all__ = ["DatasetStatus", "UpstreamTaxonomy", "data_status", "is_old", "missing_datasets", "upstream_taxonomy"]

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

    @property
    def ok(self) -> bool:
        return self.present and bool(self.hash_ok)

    @property
    def state(self) -> str:
        """``ok``, ``missing`` or ``changed`` (present, but not the registry's file)."""
        if not self.present:
            return "missing"
        return "ok" if self.hash_ok else "changed"


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
    match = re.match(r"(\d{4})(?:-(\d{2}))?", ds.data_date)
    if ds.renewed_every_years is None or match is None:
        return False
    year, month = int(match.group(1)), int(match.group(2) or 12)
    today = today or date.today()
    months = (today.year - year) * 12 + today.month - month
    return months > 12 * ds.renewed_every_years + 6


def data_status(data_dir: Path) -> list[DatasetStatus]:
    """Every registered dataset with its state in ``data_dir`` (registry order)."""
    out = []
    for ds in catalog.DATASETS.values():
        path = Path(data_dir) / ds.path
        present = path.is_file()
        hash_ok = (_sha256(path) == ds.sha256) if present else None
        out.append(
            DatasetStatus(
                key=ds.key,
                title=ds.title,
                path=ds.path,
                publisher=ds.publisher,
                version=ds.version,
                data_date=ds.data_date,
                licence=ds.licence,
                required=ds.required,
                size=ds.size,
                present=present,
                hash_ok=hash_ok,
                old=is_old(ds),
            )
        )
    return out


def missing_datasets(data_dir: Path) -> list[catalog.Dataset]:
    """The registered datasets absent from ``data_dir`` (cheap: no hashing)."""
    return [ds for ds in catalog.DATASETS.values() if not (Path(data_dir) / ds.path).is_file()]


@dataclass(frozen=True)
class UpstreamTaxonomy:
    """The newest JobTech Taxonomy version the API publishes, against the snapshot's date."""

    version: int
    published: str  # ISO timestamp of the version
    snapshot_date: str  # data date of the taxonomy files in the registry
    keys: tuple[str, ...]  # the registry's datasets taken from the taxonomy

    @property
    def newer(self) -> bool:
        return self.published[:7] > self.snapshot_date[:7]


def upstream_taxonomy(client: TaxonomyClient | None = None) -> UpstreamTaxonomy:
    """Ask the JobTech Taxonomy API for its newest version (network; ``client`` is a
    :class:`~kompetensbron.sources.jobtech_taxonomy.TaxonomyClient`, injectable in tests).
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
    return UpstreamTaxonomy(newest.version, newest.timestamp, snapshot, keys)
