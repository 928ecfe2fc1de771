"""The one retry policy of the HTTP connectors (tenacity), honouring ``Retry-After``.

Transient failures — HTTP 429 and 5xx answers, timeouts and connection errors — are tried
again up to ``attempts`` times in all. Between tries the connector waits what the server asked
for in ``Retry-After`` (seconds or an HTTP date, at most :data:`MAX_RETRY_AFTER`), else
``backoff * 2**n`` seconds (n = 0, 1, …; at most 30). Any other answer is returned at once.

Used by the JobTech connectors (:mod:`.jobtech_ads`, :mod:`.jobtech_taxonomy`) through
:func:`get_with_retries` and by ``fetch-data`` (:mod:`.data_fetch`) through :func:`retrying`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from kompetensbron.errors import ConnectorError

__all__ = [
    "MAX_RETRY_AFTER",
    "TransientResponse",
    "get_with_retries",
    "is_transient_status",
    "retry_after_seconds",
    "retrying",
]

#: the longest ``Retry-After`` obeyed (seconds); a longer one is cut to this
MAX_RETRY_AFTER = 60.0
_MAX_BACKOFF = 30.0


class TransientResponse(Exception):
    """An HTTP answer worth another try (429, 5xx), with the server's ``Retry-After`` in seconds."""

    def __init__(self, status: int, reason: str = "", retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}" + (f" {reason}" if reason else ""))
        self.status = status
        self.reason = reason
        self.retry_after = retry_after

    @classmethod
    def of(cls, response: httpx.Response) -> TransientResponse:
        return cls(response.status_code, response.reason_phrase, retry_after_seconds(response.headers))


def is_transient_status(status: int) -> bool:
    """429 Too Many Requests and every 5xx."""
    return status == 429 or status >= 500


def retry_after_seconds(headers: Mapping[str, str], *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds (0 … :data:`MAX_RETRY_AFTER`), or None when absent or unreadable.

    ``{"Retry-After": "7"}`` → 7.0; an HTTP date 10 s ahead → 10.0; ``"soon"`` → None.
    """
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


class _RetryAfterOrBackoff:
    """tenacity wait: the server's ``Retry-After`` when it gave one, else exponential back-off."""

    def __init__(self, backoff: float) -> None:
        self._backoff = wait_exponential(multiplier=backoff, max=_MAX_BACKOFF)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, TransientResponse) and exc.retry_after is not None:
            return exc.retry_after
        return float(self._backoff(state))


def retrying(
    *,
    attempts: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
    retry_also: type[Exception] | None = None,
) -> Retrying:
    """A tenacity ``Retrying`` with this policy (re-raising the last failure)."""
    kinds: tuple[type[BaseException], ...] = (TransientResponse, httpx.TransportError)
    if retry_also is not None:
        kinds = (*kinds, retry_also)
    return Retrying(
        stop=stop_after_attempt(max(1, attempts)),
        wait=_RetryAfterOrBackoff(backoff),
        retry=retry_if_exception(lambda exc: isinstance(exc, kinds)),
        sleep=sleep,
        reraise=True,
    )


def get_with_retries(
    http: httpx.Client,
    url: str,
    *,
    name: str,
    params: Any = None,
    headers: Mapping[str, str] | None = None,
    attempts: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
) -> httpx.Response:
    """GET ``url``; transient failures are retried, then reported as :class:`ConnectorError`
    naming ``name``, the URL and the number of attempts. Other answers (2xx, 3xx, 4xx but 429)
    are returned for the caller to judge."""

    def once() -> httpx.Response:
        response = http.get(url, params=params, headers=headers)
        if is_transient_status(response.status_code):
            raise TransientResponse.of(response)
        return response

    tries = max(1, attempts)
    try:
        for attempt in retrying(attempts=tries, backoff=backoff, sleep=sleep):
            with attempt:
                return once()
    except httpx.TimeoutException as exc:
        raise ConnectorError(f"{name}: {url} timed out after {tries} attempt(s)") from exc
    except httpx.TransportError as exc:
        raise ConnectorError(
            f"{name}: request to {url} failed after {tries} attempt(s): {type(exc).__name__}: {exc}"
        ) from exc
    except TransientResponse as exc:
        raise ConnectorError(f"{name}: {exc} from {url} after {tries} attempt(s)") from exc
    raise AssertionError("unreachable")  # pragma: no cover
