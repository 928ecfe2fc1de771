"""Refresh from the official services: the current Yrkesbarometer and JobTech's historical ads.

Both go through :func:`~.data_fetch.download_verified`, the code ``fetch-data`` uses: a hidden
``.part`` beside the target, retries with back-off, the server's length checked, then a
validation of the content (the Yrkesbarometer is parsed; a zip of ads has every member's CRC
tested) and only then the atomic rename -- a failed or killed download never replaces a good
file. What was fetched is recorded in the refresh manifest (``refreshed.json``).

Example::

    round_ = fetch_barometer(data_dir)            # -> BarometerRound("2026-1", ...)
    path = fetch_ads(data_dir, 2023)              # the official 1 % sample of 2023
    path = fetch_ads(data_dir, 2023, sample=False)  # the whole year (about 1 GB)
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from pathlib import Path

import httpx

from kompetensbron.errors import ValidationFailed

from . import catalog
from .catalog_live import ADS_FULL_URL, ADS_SAMPLE_URL
from .data_fetch import Progress, download_verified, source_of
from .refresh_manifest import Refreshed, record
from .yrkesbarometer_json import BarometerRound, read_barometer_json

__all__ = [
    "fetch_barometer",
    "fetch_ads",
    "ads_path",
    "ads_url",
    "barometer_path",
    "FIRST_ADS_YEAR",
    "FIRST_SAMPLE_YEAR",
]

FIRST_ADS_YEAR = 2006  # the first year of the historical files
FIRST_SAMPLE_YEAR = 2016  # the first year with an official 1 % sample


def barometer_path(data_dir: Path) -> Path:
    """Where ``yrkesbarometer.json`` lives in a data directory (from the registry)."""
    return Path(data_dir) / catalog.live("yrkesbarometer-json").path


def _live_source(key: str, path: str, url: str, mirror: str | None) -> str:
    """``url``, or the file's place in ``mirror`` (a base URL or a directory with the data layout)."""
    if not mirror:
        return url
    ds = catalog.Dataset(key, path, key, "", "", "", required=False, url=url)
    return source_of(ds, mirror) or url


def fetch_barometer(
    data_dir: Path,
    *,
    url: str | None = None,
    mirror: str | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    timeout: float = 30.0,
) -> BarometerRound:
    """Download the current ``yrkesbarometer.json``, check it parses, move it into place, record its round."""
    src = catalog.live("yrkesbarometer-json")
    target = barometer_path(data_dir)
    source = url or _live_source(src.key, src.path, src.url, mirror)
    download_verified(
        source,
        target,
        key=src.key,
        validate=read_barometer_json,
        client=client,
        progress=progress,
        timeout=timeout,
    )
    parsed = read_barometer_json(target)
    record(
        data_dir,
        [Refreshed.of(data_dir, src.key, target, url=source, version=parsed.round, data_date=parsed.round)],
    )
    return parsed


def _check_year(year: int, sample: bool) -> None:
    last = dt.date.today().year
    first = FIRST_SAMPLE_YEAR if sample else FIRST_ADS_YEAR
    if not first <= year <= last:
        kind = "official 1 % samples exist" if sample else "historical ads files exist"
        raise ValidationFailed(f"year {year}: {kind} for {first}–{last}", {"year": str(year)})


def ads_path(data_dir: Path, year: int, *, sample: bool = True) -> Path:
    """Where ``fetch-ads`` writes the ads of ``year`` (``ingest-ads`` reads this zip)."""
    pattern = catalog.live("ads-historical").path
    return Path(data_dir) / pattern.format(kind="sample" if sample else "full", year=year)


def ads_url(year: int, *, sample: bool = True) -> str:
    return (ADS_SAMPLE_URL if sample else ADS_FULL_URL).format(year=year)


def _check_zip(path: Path) -> None:
    """A readable zip with a JSON (Lines) member whose every CRC is right."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith((".jsonl", ".json"))]
            if not members:
                raise ValueError("the zip has no .jsonl or .json file")
            bad = zf.testzip()
            if bad is not None:
                raise ValueError(f"member {bad} fails its CRC check")
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ValueError(f"not a readable zip file ({exc})") from exc


def fetch_ads(
    data_dir: Path,
    year: int,
    *,
    sample: bool = True,
    url: str | None = None,
    mirror: str | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    timeout: float = 120.0,
) -> Path:
    """Download one year of JobTech historical ads (the 1 % sample by default) and return its path."""
    _check_year(year, sample)
    target = ads_path(data_dir, year, sample=sample)
    rel = str(target.relative_to(Path(data_dir)))
    key = f"ads-historical:{'sample' if sample else 'full'}-{year}"
    source = url or _live_source(key, rel, ads_url(year, sample=sample), mirror)
    download_verified(source, target, key=key, validate=_check_zip, client=client, progress=progress, timeout=timeout)
    version = f"{'1 % sample' if sample else 'whole year'} {year}"
    record(data_dir, [Refreshed.of(data_dir, key, target, url=source, version=version, data_date=str(year))])
    return target
