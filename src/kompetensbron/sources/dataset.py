"""One entry of the source registry (:mod:`kompetensbron.sources.catalog`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Dataset"]


@dataclass(frozen=True, slots=True)
class Dataset:
    key: str
    path: str  # relative to the data directory
    title: str
    publisher: str
    version: str
    licence: str
    required: bool = True  # init stops without it
    data_date: str = ""  # the date (or year) of the data, not of the download
    url: str | None = None  # publisher's URL or a pinned public copy; None: mirror only
    sha256: str = ""
    size: int = 0
    #: the publisher renews this kind of data at least every so many years; older is flagged
    renewed_every_years: int | None = None
