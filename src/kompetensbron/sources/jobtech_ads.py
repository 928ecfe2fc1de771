"""Clients of the JobTech job-ad APIs: JobSearch, historical ads and JobStream.

All three answer with ads in the same JSON format the warehouse ingests
(:mod:`kompetensbron.warehouse.normalise`), so fetched ads are written to a JSON Lines file
with :func:`write_jsonl` and ingested like a downloaded bulk file.

* **JobSearch** (``https://jobsearch.api.jobtechdev.se``): ``GET /search`` with ``q``,
  ``offset``, ``limit`` (<= 100; ``offset`` <= 2000) and filters such as
  ``occupation-group``, ``municipality``, ``region``, ``published-after``; answers
  ``{"total": {"value": n}, "hits": [ad, ...], ...}``. ``GET /ad/{id}`` answers one ad.
* **Historical ads** (``https://historical.api.jobtechdev.se``): the same search with
  ``historical-from`` / ``historical-to`` dates.
* **JobStream** (``https://jobstream.api.jobtechdev.se``): ``GET /stream?date=...`` (ads
  changed since a time, optionally ``updated-before-date``, ``occupation-concept-id``,
  ``location-concept-id``) and ``GET /snapshot`` (all open ads); both answer a JSON list.
  Removed ads arrive as ``{"id": ..., "removed": true, "removed_date": ...}``.

Every client takes an injectable ``httpx.Client`` (tests use ``httpx.MockTransport``),
retries 5xx / 429 / timeouts, and raises :class:`~kompetensbron.errors.ConnectorError`
(or :class:`~kompetensbron.errors.NotFound` for an unknown ad id).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson

from kompetensbron import __version__
from kompetensbron.errors import ConnectorError, NotFound
from kompetensbron.sources.http_retries import get_with_retries

__all__ = [
    "JOBSEARCH_URL",
    "HISTORICAL_URL",
    "JOBSTREAM_URL",
    "SearchPage",
    "JobSearchClient",
    "HistoricalAdsClient",
    "JobStreamClient",
    "write_jsonl",
]

JOBSEARCH_URL = "https://jobsearch.api.jobtechdev.se"
HISTORICAL_URL = "https://historical.api.jobtechdev.se"
JOBSTREAM_URL = "https://jobstream.api.jobtechdev.se"
MAX_LIMIT = 100
MAX_OFFSET = 2000
USER_AGENT = f"Kompetensbron/{__version__} (JobTech job-ad client; python-httpx/{httpx.__version__})"

Params = dict[str, str | int | list[str]]


def _when(value: date | datetime | str) -> str:
    """The API's time format: ``YYYY-MM-DDTHH:MM:SS`` (a date means its midnight)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00"
    return str(value)


@dataclass(frozen=True)
class SearchPage:
    """One page of a search: the total number of matches and this page's ads."""

    total: int
    offset: int
    limit: int
    hits: tuple[dict[str, Any], ...]


class _ApiClient:
    """Transport shared by the clients: base URL, API key header, retries, typed errors."""

    name = "JobTech API"

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        base_url: str,
        api_key: str | None = None,
        timeout: float | None = None,
        attempts: int = 3,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if timeout is None:
            from kompetensbron.config import get_settings

            timeout = get_settings().http_timeout
        self.base_url = base_url.rstrip("/")
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self._sleep = sleep
        self._headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if api_key:
            self._headers["api-key"] = api_key
        self._owns_client = client is None
        self._http = client or httpx.Client(timeout=timeout, follow_redirects=True)

    def close(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._owns_client:
            self._http.close()

    def __enter__(self) -> _ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _get_json(self, path: str, params: Params | None = None, *, not_found: str | None = None) -> Any:
        url = f"{self.base_url}/{path.lstrip('/')}"
        response = get_with_retries(
            self._http,
            url,
            name=self.name,
            params=params,
            headers=self._headers,
            attempts=self.attempts,
            backoff=self.backoff,
            sleep=self._sleep,
        )
        status = response.status_code
        if status == 404 and not_found:
            raise NotFound(not_found)
        if status >= 300:
            raise ConnectorError(
                f"{self.name}: HTTP {status} {response.reason_phrase} from {url}: {response.text[:200]!r}"
            )
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError as exc:
            raise ConnectorError(f"{self.name}: {url} did not answer JSON: {exc}") from exc


class JobSearchClient(_ApiClient):
    """JobSearch: ads open for application now, searchable and paged."""

    name = "JobTech JobSearch"

    def __init__(self, client: httpx.Client | None = None, *, base_url: str = JOBSEARCH_URL, **kwargs: Any) -> None:
        super().__init__(client, base_url=base_url, **kwargs)

    def _search_params(self, filters: dict[str, Any]) -> Params:
        params: Params = {}
        for key, value in filters.items():
            if value is None or value == () or value == []:
                continue
            name = key.replace("_", "-")
            if isinstance(value, (date, datetime)):
                params[name] = _when(value)
            elif isinstance(value, (list, tuple)):
                params[name] = [str(v) for v in value]
            else:
                params[name] = value
        return params

    def search(self, *, offset: int = 0, limit: int = MAX_LIMIT, **filters: Any) -> SearchPage:
        """One page of ads. Filters are API parameters with ``_`` for ``-``
        (``q``, ``occupation_group``, ``municipality``, ``region``, ``published_after``...)."""
        if not 0 <= offset <= MAX_OFFSET:
            raise ValueError(f"offset must be within 0..{MAX_OFFSET}")
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be within 1..{MAX_LIMIT}")
        params = self._search_params(filters)
        params.update({"offset": offset, "limit": limit})
        payload = self._get_json("search", params)
        if not isinstance(payload, dict) or not isinstance(payload.get("hits"), list):
            raise ConnectorError(f"{self.name}: search answer lacks a 'hits' list")
        total = payload.get("total")
        value = total.get("value") if isinstance(total, dict) else total
        if not isinstance(value, int):
            raise ConnectorError(f"{self.name}: search answer lacks 'total.value'")
        hits = tuple(h for h in payload["hits"] if isinstance(h, dict))
        return SearchPage(total=value, offset=offset, limit=limit, hits=hits)

    def iter_ads(
        self, *, max_ads: int | None = None, page_size: int = MAX_LIMIT, **filters: Any
    ) -> Iterator[dict[str, Any]]:
        """Every ad of a search, page by page, up to the API's offset limit or ``max_ads``."""
        offset = 0
        seen = 0
        while offset <= MAX_OFFSET:
            page = self.search(offset=offset, limit=page_size, **filters)
            for ad in page.hits:
                yield ad
                seen += 1
                if max_ads is not None and seen >= max_ads:
                    return
            offset += len(page.hits)
            if not page.hits or offset >= page.total:
                return

    def get_ad(self, ad_id: str) -> dict[str, Any]:
        """One ad by id; :class:`~kompetensbron.errors.NotFound` when it does not exist."""
        payload = self._get_json(f"ad/{ad_id}", not_found=f"job ad {ad_id!r}")
        if not isinstance(payload, dict) or "id" not in payload:
            raise ConnectorError(f"{self.name}: ad answer lacks an 'id'")
        return payload


class HistoricalAdsClient(JobSearchClient):
    """Historical ads (2006 onwards): the JobSearch search with a publication-date window."""

    name = "JobTech historical ads"

    def __init__(self, client: httpx.Client | None = None, *, base_url: str = HISTORICAL_URL, **kwargs: Any) -> None:
        super().__init__(client, base_url=base_url, **kwargs)

    def iter_period(
        self, historical_from: date | datetime | str, historical_to: date | datetime | str, **filters: Any
    ) -> Iterator[dict[str, Any]]:
        """Ads published in ``[historical_from, historical_to]`` (paged, see ``iter_ads``)."""
        return self.iter_ads(historical_from=_when(historical_from), historical_to=_when(historical_to), **filters)


class JobStreamClient(_ApiClient):
    """JobStream: every ad changed since a time, and a snapshot of all open ads."""

    name = "JobTech JobStream"

    def __init__(self, client: httpx.Client | None = None, *, base_url: str = JOBSTREAM_URL, **kwargs: Any) -> None:
        super().__init__(client, base_url=base_url, **kwargs)

    def _ads(self, payload: Any) -> list[dict[str, Any]]:
        if not isinstance(payload, list):
            raise ConnectorError(f"{self.name}: expected a JSON list of ads, got {type(payload).__name__}")
        return [ad for ad in payload if isinstance(ad, dict)]

    def stream(
        self,
        date: date | datetime | str,
        *,
        updated_before: date | datetime | str | None = None,
        occupation_concept_ids: Iterable[str] = (),
        location_concept_ids: Iterable[str] = (),
    ) -> list[dict[str, Any]]:
        """Ads created, changed or removed since ``date`` (removed ones as stubs)."""
        params: Params = {"date": _when(date)}
        if updated_before is not None:
            params["updated-before-date"] = _when(updated_before)
        if occ := list(occupation_concept_ids):
            params["occupation-concept-id"] = occ
        if loc := list(location_concept_ids):
            params["location-concept-id"] = loc
        return self._ads(self._get_json("stream", params))

    def snapshot(self) -> list[dict[str, Any]]:
        """All ads open now."""
        return self._ads(self._get_json("snapshot"))


def write_jsonl(ads: Iterable[dict[str, Any]], path: Path) -> int:
    """Write ads as JSON Lines, atomically (a temporary file renamed into place).

    Returns the number of ads written; the file can be passed to ``ingest_ads``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    count = 0
    try:
        with open(tmp, "wb") as fh:
            for ad in ads:
                fh.write(orjson.dumps(ad))
                fh.write(b"\n")
                count += 1
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return count
