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

from kompetensbron.errors import ConnectorError, DataError, ValidationFailed
from kompetensbron.sources.http_retries import TransientResponse, is_transient_status, retrying

from . import catalog
from .catalog import Dataset

__all__ = [
    "FetchReport",
    "FetchFailure",
    "datasets_to_fetch",
    "download_verified",
    "fetch_data",
    "source_of",
    "PART_SUFFIX",
]

PART_SUFFIX = ".part"
_CHUNK = 1 << 16
#: progress callback: (dataset key, bytes just written, total bytes of the dataset)
Progress = Callable[[str, int, int], None]
#: checks a downloaded file before it is moved into place; raises ``ValueError`` (or a
#: :class:`~kompetensbron.errors.DataError`) when the file is not usable
Validate = Callable[[Path], object]


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
    """The file is present with the registry's size and SHA-256, or is the newer file a refresh
    recorded (``refreshed.json``: e.g. a newer taxonomy version), which is not put back."""
    from .refresh_manifest import matching

    path = Path(data_dir) / ds.path
    if not path.is_file():
        return False
    if ds.size and path.stat().st_size != ds.size or ds.sha256 and catalog.file_sha256(path) != ds.sha256:
        return matching(data_dir, ds.key, catalog.file_sha256(path)) is not None
    return True


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


def download_verified(
    source: str,
    target: Path,
    *,
    key: str,
    sha256: str = "",
    size: int = 0,
    validate: Validate | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    attempts: int = 4,
    backoff: float = 0.5,
    timeout: float = 30.0,
) -> int:
    """Download one file that the registry has no fixed hash for (a publisher's live file).

    The same code path as :func:`fetch_data`: a hidden ``.part`` beside ``target``, retries
    with back-off, the SHA-256 / size check when given (``size`` 0: the server's
    ``Content-Length`` is checked instead), then ``validate(part)`` -- e.g. parse it, or
    test a zip's CRCs -- and only then the atomic rename. Returns the bytes written; raises
    :class:`ConnectorError` naming ``key``, the source and the cause, leaving ``target`` as it was.
    """
    ds = Dataset(key, str(target), key, "", "", "", required=False, url=source, sha256=sha256, size=size)
    own_client = client is None
    http = client or httpx.Client(timeout=timeout, follow_redirects=True)
    try:
        _remove(target.with_name(f".{target.name}{PART_SUFFIX}"))
        return _fetch_one(ds, source, target, http, progress, attempts=attempts, backoff=backoff, validate=validate)
    except (httpx.HTTPError, TransientResponse, _Corrupt, OSError) as exc:
        raise ConnectorError(f"{key} from {source}: {_describe(exc)}") from exc
    finally:
        if own_client:
            http.close()


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
    validate: Validate | None = None,
) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}{PART_SUFFIX}")
    try:
        for attempt in retrying(attempts=attempts, backoff=backoff):
            with attempt:
                size = _download(ds, source, part, http, progress)
        _verify(ds, part)
        if validate is not None:
            try:
                validate(part)
            except (ValueError, DataError) as exc:
                raise _Corrupt(f"not usable: {exc}") from exc
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
            # without a registered size, the server's own length catches a cut-off answer
            announced = 0 if ds.size or response.headers.get("content-encoding") else _length(response)
            for chunk in response.iter_bytes(_CHUNK):
                out.write(chunk)
                written += len(chunk)
                if ds.size and written > ds.size:
                    raise _Corrupt(f"larger than the expected {ds.size:,} bytes")
                report(ds.key, len(chunk), ds.size or announced)
            if announced and written != announced:
                raise _Corrupt(f"{written:,} bytes received, the server announced {announced:,} (incomplete)")
    return written


def _length(response: httpx.Response) -> int:
    try:
        return max(0, int(response.headers.get("content-length", "0")))
    except ValueError:
        return 0


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
