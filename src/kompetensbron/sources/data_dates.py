"""The date of a figure's data, from the source registry: the one helper every page, export and
API answer uses (through ``ProvenanceOut`` and ``SourceOut``).

:func:`date_of` takes registry keys -- or finds them from the file names a provenance text
mentions (the 1-year workbook's file name → ``yrkesbarometer-1-ar``) -- and returns the
data date (the registry's, or a recorded refresh's while the file in place is that one) and
whether it is old for its kind (``Dataset.renewed_every_years``). Every :class:`Provenance` asks,
so a key's date in a data directory is looked up once per process and kept in the data-file
cache (:mod:`.file_cache`) under the fingerprints of ``refreshed.json`` and the key's file: a
refresh recorded by another process is seen on the next call, without re-reading every file.

Example::

    date_of(keys=["yrkesbarometer-1-ar"])   # -> DataDate("2019-06", old=True, keys=(...,))
    date_of(text="JobTech statistics file ssyk_salary.json").date   # -> "2023"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import catalog
from .file_cache import cached

__all__ = ["DataDate", "date_of", "keys_named_in"]


@dataclass(frozen=True, slots=True)
class DataDate:
    """The date of the data behind a figure (the oldest of its datasets) and whether it is old."""

    date: str
    old: bool
    keys: tuple[str, ...]


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, str], ...]:
    """(file name, key) of every registry entry, longest names first (so no name hides a longer one)."""
    pairs = [(Path(ds.path).name, ds.key) for ds in catalog.DATASETS.values()]
    pairs += [(Path(s.path).name, s.key) for s in catalog.LIVE.values() if "{" not in s.path and Path(s.path).name]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def keys_named_in(text: str) -> tuple[str, ...]:
    """The registry keys whose file name occurs in ``text``."""
    out: list[str] = []
    for name, key in _names():
        if name in text and key not in out:
            out.append(key)
            text = text.replace(name, " ")
    return tuple(out)


def _one(key: str, data_dir: Path | None) -> tuple[str, bool] | None:
    from .data_status import date_is_old

    if key in catalog.LIVE:
        if data_dir is None:
            return None
        live = _live_refresh(key, Path(data_dir))
        if live is None:
            return None
        return live[0], date_is_old(live[0], catalog.LIVE[key].renewed_every_years)
    ds = catalog.DATASETS[key]
    # a recorded refresh gives the date while its file is in place
    data_date = ds.data_date if data_dir is None else _dataset_date(key, Path(data_dir))
    return data_date, date_is_old(data_date, ds.renewed_every_years)


def _dataset_date(key: str, data_dir: Path) -> str:
    """The data date of registered dataset ``key`` in ``data_dir`` (a recorded refresh's while its
    file is in place): looked up once per process while the manifest and the file stay the same
    (the data-file cache, keyed by their fingerprints), not per provenance."""
    from .data_status import dataset_status
    from .refresh_manifest import read_manifest

    ds = catalog.DATASETS[key]
    paths = [data_dir / catalog.REFRESH_MANIFEST, data_dir / ds.path]
    return cached(f"data-date {key}", paths, lambda: dataset_status(data_dir, ds, read_manifest(data_dir)).data_date)


def _live_refresh(key: str, data_dir: Path) -> tuple[str, str] | None:
    """(data date, file) of the refresh recorded for live source ``key``, while its file is there."""
    from .refresh_manifest import read_manifest

    def load() -> tuple[str, str] | None:
        entry = read_manifest(data_dir).get(key)
        return None if entry is None else (entry.data_date, entry.path)

    found = cached(f"data-date {key}", [data_dir / catalog.REFRESH_MANIFEST], load)
    if found is None or not (data_dir / found[1]).is_file():
        return None
    return found


def date_of(
    keys: Iterable[str] = (), *, text: str = "", data_dir: Path | None = None, refreshed: bool = False
) -> DataDate | None:
    """The data date of registry ``keys`` (or those named in ``text``); ``None`` when none is known.

    With ``refreshed`` and a ``data_dir``, a refresh recorded for a key (e.g. a newer taxonomy)
    gives the date; otherwise the registry's.
    """
    chosen = tuple(keys) or keys_named_in(text)
    found = [d for d in (_one(k, data_dir if refreshed else None) for k in chosen) if d is not None]
    if not found:
        return None
    dated = [d for d in found if d[0][:4].isdigit()] or found
    date, _ = min(dated, key=lambda d: d[0])
    return DataDate(date, any(old for _, old in found), chosen)
