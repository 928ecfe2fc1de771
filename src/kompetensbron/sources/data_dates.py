"""The date of a figure's data, from the source registry: the one helper every page, export and
API answer uses (through ``ProvenanceOut`` and ``SourceOut``).

:func:`date_of` takes registry keys -- or finds them from the file names a provenance text
mentions (the 1-year workbook's file name → ``yrkesbarometer-1-ar``) -- and returns the
data date (the registry's, or a recorded refresh's while the file in place is that one) and
whether it is old for its kind (``Dataset.renewed_every_years``).

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
    from .data_status import data_status, date_is_old

    if key in catalog.LIVE:
        if data_dir is None:
            return None
        from .refresh_manifest import read_manifest

        entry = read_manifest(data_dir).get(key)
        if entry is None or not (Path(data_dir) / entry.path).is_file():
            return None
        return entry.data_date, date_is_old(entry.data_date, catalog.LIVE[key].renewed_every_years)
    if data_dir is not None:  # a recorded refresh gives the date while its file is in place
        for row in data_status(data_dir):
            if row.key == key:
                return row.data_date, row.old
    ds = catalog.DATASETS[key]
    return ds.data_date, date_is_old(ds.data_date, ds.renewed_every_years)


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
