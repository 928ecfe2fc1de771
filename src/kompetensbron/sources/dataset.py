"""One entry of the source registry (:mod:`kompetensbron.sources.catalog`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Dataset", "LiveSource", "OperatorFile"]


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
    #: how ``url`` is pinned where it is not a fixed commit (e.g. why no commit could be determined)
    url_note: str = ""


@dataclass(frozen=True, slots=True)
class LiveSource:
    """A publisher's live file or service that a refresh command reads (no fixed hash: it changes).

    ``path`` is where the refresh writes in the data directory (``{year}`` and ``{kind}`` are
    filled in for the yearly ads files); ``url`` the publisher's own address (a template where
    it has placeholders); ``command`` the refresh command. What was fetched -- version, data
    date, SHA-256 -- is recorded in the data directory's refresh manifest
    (:mod:`kompetensbron.sources.refresh_manifest`), read by ``data-status``.
    """

    key: str
    path: str
    title: str
    publisher: str
    licence: str
    url: str
    command: str
    #: the publisher renews this kind of data at least every so many years; older is flagged
    renewed_every_years: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class OperatorFile:
    """A file an operator adds to the data directory by hand: optional, never downloaded, no fixed
    hash (its content is the operator's), validated row by row when it is read.

    ``doc`` is the repository document that describes its format (columns, rules, an example).
    """

    key: str
    path: str  # relative to the data directory
    title: str
    publisher: str
    columns: str
    doc: str
