"""The source registry: every dataset the platform reads, declared once.

Each :class:`Dataset` says where the file lives in the data directory (``path``), what it
is (title, publisher, version, the date of the data -- not of the download -- and licence),
where it comes from (``url``: the publisher's download URL, or a public copy pinned to a
commit where one is known; ``None`` for files derived by format conversion, which come from
a mirror only), its SHA-256 and size, and whether ``init`` stops without it (``required``).

Every reader gets its path from here (:func:`dataset`, :func:`resolve`), ``fetch-data``
downloads what is missing or fails its hash (:mod:`kompetensbron.sources.data_fetch`),
``data-status`` / ``info`` / the start page report on it
(:mod:`kompetensbron.sources.data_status`), and provenance records in the database point
back to the keys. The hashes and sizes are those of the snapshot in ``../shared/data``
(``SOURCES.md`` there names each origin).

:data:`OPERATOR` lists the files an operator may add by hand (``catalog_operator.py``: optional,
never fetched, no fixed hash); :func:`operator_path` gives their path in a data directory.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kompetensbron.errors import DataFileMissing

from .catalog_classifications import CLASSIFICATIONS
from .catalog_live import LIVE_SOURCES
from .catalog_operator import OPERATOR_FILES
from .catalog_statistics import REGIONS_AND_STATISTICS
from .dataset import Dataset, LiveSource, OperatorFile

__all__ = [
    "Dataset",
    "DATASETS",
    "LiveSource",
    "LIVE",
    "OperatorFile",
    "OPERATOR",
    "operator_path",
    "REFRESH_MANIFEST",
    "dataset",
    "live",
    "resolve",
    "file_sha256",
    "MIRROR_SETTING",
]

#: the environment variable that points every command at a mirror of the data directory
MIRROR_SETTING = "KOMPETENSBRON_DATA_MIRROR"
#: the file in the data directory where refresh commands record what they fetched
REFRESH_MANIFEST = "refreshed.json"


DATASETS: dict[str, Dataset] = {d.key: d for d in (*CLASSIFICATIONS, *REGIONS_AND_STATISTICS)}
#: the publishers' live files and services (no fixed hash), read by the refresh commands
LIVE: dict[str, LiveSource] = {s.key: s for s in LIVE_SOURCES}
#: files an operator adds by hand (optional; their readers treat absence as "not provided")
OPERATOR: dict[str, OperatorFile] = {f.key: f for f in OPERATOR_FILES}


def dataset(key: str) -> Dataset:
    return DATASETS[key]


def live(key: str) -> LiveSource:
    return LIVE[key]


def operator_path(data_dir: Path, key: str) -> Path:
    """Where an operator's file belongs in ``data_dir`` (it may be absent)."""
    return Path(data_dir) / OPERATOR[key].path


def resolve(data_dir: Path, key: str) -> Path:
    """The absolute path of a dataset in ``data_dir``; raises if it is missing."""
    ds = DATASETS[key]
    path = Path(data_dir) / ds.path
    if not path.is_file():
        raise DataFileMissing(
            f"dataset '{ds.title}' not found. Set KOMPETENSBRON_DATA_DIR to a directory with the "
            f"official snapshot layout (see README, 'Data'), or run 'kompetensbron fetch-data' "
            f"(from the publishers, or from a mirror set by {MIRROR_SETTING}).",
            path=path,
        )
    return path


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
