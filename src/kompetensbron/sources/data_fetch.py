"""Download the datasets of the source registry that are missing or fail their hash.

A source is either a **mirror** -- a base URL (``http(s)://host/data``) or a directory
(``/srv/data`` or ``file:///srv/data``) with the data directory's own layout, so dataset
``path`` is at ``<mirror>/<path>`` -- or, without a mirror, each dataset's own ``url`` in
the registry (a dataset without one can only come from a mirror).

Every file is written to a hidden temporary name beside its target
(``.<name>.part``), its SHA-256 and size are checked against the registry, and only then
is it renamed into place (``os.replace``, atomic on one file system). A failed, corrupt or
interrupted download therefore never replaces a good file and never leaves a partial
file under the dataset's name; a ``.part`` left by a killed process is removed by the next
run. Transient failures (connection errors, timeouts, HTTP 429/5xx) are retried with
exponential back-off (tenacity); a 404 or a hash mismatch is not.

Example::

    report = fetch_data(data_dir, mirror="http://127.0.0.1:8765/", only=["ssyk-1"])
    report.downloaded  # -> ("ssyk-1",)
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import httpx

from kompetensbron.errors import ConnectorError, ValidationFailed
from kompetensbron.sources.http_retries import TransientResponse, is_transient_status, retrying

from . import catalog
from .catalog import Dataset

__all__ = ["FetchReport", "FetchFailure", "datasets_to_fetch", "fetch_data", "source_of", "PART_SUFFIX"]

PART_SUFFIX = ".part"
_CHUNK = 1 << 16
#: progress callback: (dataset key, bytes just written, total bytes of the dataset)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class FetchFailure:
    """One dataset that could not be fetched: which, from where, and why."""

    key: str
    source: str
    cause: str

    def __str__(self) -> str:
        return f"{self.key} from {self.source}: {self.cause}"


@dataclass(frozen=True)
class FetchReport:
    """What a fetch did: datasets downloaded, already present and valid, failed."""

    downloaded: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    failed: tuple[FetchFailure, ...] = ()
    bytes_downloaded: int = 0

    def raise_for_failures(self) -> None:
        """Raise :class:`ConnectorError` naming every failed dataset, its source and the cause."""
        if self.failed:
            lines = "; ".join(str(f) for f in self.failed)
            raise ConnectorError(f"{len(self.failed)} dataset(s) could not be fetched: {lines}")


@dataclass
class _Counters:
    downloaded: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    failed: list[FetchFailure] = field(default_factory=list)
    bytes: int = 0


class _Corrupt(Exception):
    """The downloaded bytes do not match the registry's size or SHA-256."""


def _selected(only: Iterable[str] | None) -> list[Dataset]:
    if not only:
        return list(catalog.DATASETS.values())
    keys = list(only)
    unknown = [k for k in keys if k not in catalog.DATASETS]
    if unknown:
        raise ValidationFailed(
            f"unknown dataset key(s): {', '.join(unknown)}; 'kompetensbron data-status' lists the keys",
            {"only": ", ".join(unknown)},
        )
    return [catalog.DATASETS[k] for k in keys]


def is_valid(data_dir: Path, ds: Dataset) -> bool:
    """The file is present with the registry's size and SHA-256."""
    path = Path(data_dir) / ds.path
    if not path.is_file() or (ds.size and path.stat().st_size != ds.size):
        return False
    return not ds.sha256 or catalog.file_sha256(path) == ds.sha256


def datasets_to_fetch(data_dir: Path, only: Iterable[str] | None = None) -> list[Dataset]:
    """The datasets (all, or ``only`` these keys) that are missing or fail their hash."""
    return [ds for ds in _selected(only) if not is_valid(data_dir, ds)]


def _is_url(mirror: str) -> bool:
    return urlsplit(mirror).scheme in ("http", "https")


def source_of(ds: Dataset, mirror: str | None) -> str | None:
    """Where ``ds`` is fetched from: ``<mirror>/<path>``, else its registry URL (``None``: nowhere)."""
    if not mirror:
        return ds.url
    if _is_url(mirror):
        return mirror.rstrip("/") + "/" + quote(ds.path)
    base = unquote(urlsplit(mirror).path) if mirror.startswith("file://") else mirror
    return str(Path(base).expanduser() / ds.path)


def fetch_data(
    data_dir: Path,
    *,
    mirror: str | None = None,
    only: Iterable[str] | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    attempts: int = 4,
    backoff: float = 0.5,
    timeout: float = 30.0,
) -> FetchReport:
    """Download what is missing or fails its hash into ``data_dir``; see the module docstring.

    Failures are collected, not raised: call :meth:`FetchReport.raise_for_failures`.
    ``client`` is injectable (tests pass one; otherwise one is made with ``timeout``).
    """
    data_dir = Path(data_dir)
    run = _Counters()
    own_client = client is None
    http = client or httpx.Client(timeout=timeout, follow_redirects=True)
    try:
        for ds in _selected(only):
            target = data_dir / ds.path
            _remove(target.with_name(f".{target.name}{PART_SUFFIX}"))  # left by a killed run
            if is_valid(data_dir, ds):
                run.present.append(ds.key)
                continue
            source = source_of(ds, mirror)
            if source is None:
                run.failed.append(
                    FetchFailure(
                        ds.key,
                        "(no public URL)",
                        "available from a mirror only: set KOMPETENSBRON_DATA_MIRROR or pass --mirror",
                    )
                )
                continue
            try:
                written = _fetch_one(ds, source, target, http, progress, attempts=attempts, backoff=backoff)
            except (httpx.HTTPError, TransientResponse, _Corrupt, OSError) as exc:
                run.failed.append(FetchFailure(ds.key, source, _describe(exc)))
                continue
            run.downloaded.append(ds.key)
            run.bytes += written
    finally:
        if own_client:
            http.close()
    return FetchReport(tuple(run.downloaded), tuple(run.present), tuple(run.failed), run.bytes)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, FileNotFoundError):
        return "not in the mirror directory"
    text = str(exc) or exc.__class__.__name__
    return text if isinstance(exc, (_Corrupt, TransientResponse)) else f"{exc.__class__.__name__}: {text}"


def _fetch_one(
    ds: Dataset,
    source: str,
    target: Path,
    http: httpx.Client,
    progress: Progress | None,
    *,
    attempts: int,
    backoff: float,
) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}{PART_SUFFIX}")
    try:
        for attempt in retrying(attempts=attempts, backoff=backoff):
            with attempt:
                size = _download(ds, source, part, http, progress)
        _verify(ds, part)
        os.replace(part, target)
        return size
    finally:
        _remove(part)


def _download(ds: Dataset, source: str, part: Path, http: httpx.Client, progress: Progress | None) -> int:
    """Write ``source`` to ``part`` (truncating an earlier attempt); the number of bytes."""
    written = 0
    report = progress or (lambda _k, _n, _t: None)
    with open(part, "wb") as out:
        if not _is_url(source):
            with open(source, "rb") as src:
                for chunk in iter(lambda: src.read(_CHUNK), b""):
                    out.write(chunk)
                    written += len(chunk)
                    report(ds.key, len(chunk), ds.size)
            return written
        with http.stream("GET", source) as response:
            if is_transient_status(response.status_code):
                raise TransientResponse.of(response)
            response.raise_for_status()
            for chunk in response.iter_bytes(_CHUNK):
                out.write(chunk)
                written += len(chunk)
                if ds.size and written > ds.size:
                    raise _Corrupt(f"larger than the expected {ds.size:,} bytes")
                report(ds.key, len(chunk), ds.size)
    return written


def _verify(ds: Dataset, part: Path) -> None:
    size = part.stat().st_size
    if ds.size and size != ds.size:
        raise _Corrupt(f"size {size:,} bytes, expected {ds.size:,} (incomplete or changed file)")
    if ds.sha256:
        digest = hashlib.sha256()
        with open(part, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != ds.sha256:
            raise _Corrupt(f"SHA-256 {digest.hexdigest()[:16]}…, expected {ds.sha256[:16]}… (corrupt or changed file)")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except IsADirectoryError:  # pragma: no cover - never created by us
        shutil.rmtree(path, ignore_errors=True)
