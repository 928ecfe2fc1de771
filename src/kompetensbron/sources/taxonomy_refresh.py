"""Fetch a newer JobTech Taxonomy version into the data directory, and record which.

Two ways to the same files (the JobTech "static datasets", ``{"data": {"concepts": [...]}}``):

* ``static`` -- the publisher's static files of a version,
  ``data.jobtechdev.se/taxonomy/version/{N}/query/{slug}/{slug}.json`` (``slug`` = the file's
  name in ``jobtech/taxonomy/``), each downloaded through :func:`~.data_fetch.download_verified`
  (hidden ``.part``, retries, the server's length checked) and parsed with the snapshot parser
  before anything moves;
* ``api`` -- the Taxonomy API's GraphQL answers (:func:`~.jobtech_taxonomy.refresh_taxonomy_files`).

Either way every file is staged first and all are moved into place only when all are valid,
so the data directory never mixes two versions; then the version number, its publication
date and each file's SHA-256 go into the refresh manifest (``refreshed.json``), which
``data-status`` reports (state *refreshed*) and ``fetch-data`` respects.

Example::

    result = fetch_taxonomy(data_dir, source="static")      # the newest published version
    result.version, result.published                       # -> (29, "2026-03-02T10:00:00Z")
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx

from kompetensbron.errors import ConnectorError, DataError

from . import catalog
from .catalog_live import TAXONOMY_STATIC_URL
from .data_fetch import Progress, download_verified
from .file_formats import read_json
from .jobtech_taxonomy import TAXONOMY_DATASETS, TaxonomyClient, refresh_taxonomy_files
from .refresh_manifest import Refreshed, record

__all__ = ["TaxonomyRefresh", "fetch_taxonomy", "static_url"]

Source = Literal["static", "api"]


@dataclass(frozen=True)
class TaxonomyRefresh:
    """What :func:`fetch_taxonomy` wrote."""

    version: int
    published: str
    source: Source
    paths: tuple[Path, ...]


def static_url(key: str, version: int) -> str:
    """The publisher's static file of registry dataset ``key`` in taxonomy ``version``."""
    slug = Path(catalog.dataset(key).path).stem
    return TAXONOMY_STATIC_URL.format(version=version, slug=slug)


def _check(key: str):  # type: ignore[no-untyped-def]
    _fetch, parse = TAXONOMY_DATASETS[key]

    def validate(path: Path) -> None:
        try:
            records = parse(read_json(path), path)
        except DataError as exc:
            raise ValueError(exc.message) from exc
        if not records:
            raise ValueError("no concepts")

    return validate


def _fetch_static(
    data_dir: Path, version: int, client: httpx.Client | None, progress: Progress | None, timeout: float
) -> list[Path]:
    data_dir = Path(data_dir)
    staging = Path(tempfile.mkdtemp(prefix=".taxonomy-", dir=data_dir))
    try:
        staged: list[tuple[Path, Path]] = []
        for key in TAXONOMY_DATASETS:
            target = data_dir / catalog.dataset(key).path
            tmp = staging / target.name
            download_verified(
                static_url(key, version),
                tmp,
                key=key,
                validate=_check(key),
                client=client,
                progress=progress,
                timeout=timeout,
            )
            staged.append((tmp, target))
        for tmp, target in staged:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        return [target for _, target in staged]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def fetch_taxonomy(
    data_dir: Path,
    *,
    version: int | None = None,
    source: Source = "static",
    api: TaxonomyClient | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    timeout: float = 30.0,
) -> TaxonomyRefresh:
    """Fetch taxonomy ``version`` (default: the newest the API lists) and record it.

    ``api`` (the version list, and the GraphQL answers for ``source="api"``) and ``client``
    (the static files) are injectable; raises :class:`ConnectorError` on any failure,
    leaving the data directory as it was.
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    taxonomy = api or TaxonomyClient()
    try:
        versions = {v.version: v for v in taxonomy.versions()}
        if not versions:
            raise ConnectorError("JobTech Taxonomy API lists no published version")
        chosen = max(versions) if version is None else version
        if chosen not in versions:
            raise ConnectorError(f"JobTech Taxonomy version {chosen} is not published; newest is {max(versions)}")
        published = versions[chosen].timestamp
        if source == "static":
            paths = _fetch_static(data_dir, chosen, client, progress, timeout)
            origin = {k: static_url(k, chosen) for k in TAXONOMY_DATASETS}
        else:
            paths = refresh_taxonomy_files(data_dir, client=client, version=chosen)
            origin = {k: f"{taxonomy.base_url}/graphql (version {chosen})" for k in TAXONOMY_DATASETS}
    finally:
        if api is None:
            taxonomy.close()
    record(
        data_dir,
        [
            Refreshed.of(data_dir, key, path, url=origin[key], version=str(chosen), data_date=published[:10])
            for key, path in zip(TAXONOMY_DATASETS, paths, strict=True)
        ],
    )
    return TaxonomyRefresh(chosen, published, source, tuple(paths))
