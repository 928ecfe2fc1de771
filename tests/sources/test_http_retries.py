"""The connectors' one retry policy: tenacity, honouring Retry-After (fake transports, no network)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from kompetensbron.config import Settings
from kompetensbron.errors import ConnectorError
from kompetensbron.sources.http_retries import MAX_RETRY_AFTER, get_with_retries, retry_after_seconds
from kompetensbron.sources.jobtech_ads import JobSearchClient
from kompetensbron.sources.jobtech_taxonomy import TaxonomyClient


def _answers(*responses: httpx.Response) -> tuple[httpx.Client, list[httpx.Request]]:
    """A client whose transport gives ``responses`` in order (the last one repeated)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return responses[min(len(seen), len(responses)) - 1]

    return httpx.Client(transport=httpx.MockTransport(handler)), seen


def test_retry_after_in_seconds_or_as_a_date_bounded() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds({"retry-after": "7"}) == 7.0
    assert (
        retry_after_seconds({"retry-after": format_datetime(now + timedelta(seconds=10), usegmt=True)}, now=now) == 10.0
    )
    assert retry_after_seconds({"retry-after": format_datetime(now - timedelta(hours=1), usegmt=True)}, now=now) == 0.0
    assert retry_after_seconds({"retry-after": "86400"}) == MAX_RETRY_AFTER
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None


def test_the_server_s_retry_after_is_waited_else_exponential_backoff() -> None:
    http, seen = _answers(
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(503),
        httpx.Response(200, json={"ok": True}),
    )
    sleeps: list[float] = []
    response = get_with_retries(http, "https://api.example/x", name="Test API", attempts=3, sleep=sleeps.append)
    assert response.json() == {"ok": True}
    assert len(seen) == 3
    assert sleeps == [7.0, 1.0]  # Retry-After, then backoff 0.5 * 2**1


def test_client_errors_are_returned_at_once_and_exhausted_retries_are_connector_errors() -> None:
    http, seen = _answers(httpx.Response(400))
    sleeps: list[float] = []
    assert get_with_retries(http, "https://api.example/x", name="Test API", sleep=sleeps.append).status_code == 400
    assert (len(seen), sleeps) == (1, [])

    http, seen = _answers(httpx.Response(502))
    with pytest.raises(
        ConnectorError, match=r"Test API: HTTP 502 Bad Gateway from https://api.example/x after 2 attempt"
    ):
        get_with_retries(http, "https://api.example/x", name="Test API", attempts=2, sleep=sleeps.append)
    assert len(seen) == 2


def test_jobtech_connectors_honour_retry_after() -> None:
    search = {"total": {"value": 0}, "hits": []}
    http, seen = _answers(httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200, json=search))
    sleeps: list[float] = []
    assert JobSearchClient(http, timeout=5, sleep=sleeps.append).search(q="x").total == 0
    assert (len(seen), sleeps) == (2, [3.0])

    http, seen = _answers(httpx.Response(503, headers={"Retry-After": "2"}), httpx.Response(200, json={"data": {}}))
    sleeps = []
    with TaxonomyClient(
        http,
        settings=Settings(taxonomy_api_url="https://taxonomy.example/v1/taxonomy", http_timeout=5.0),
        sleep=sleeps.append,
    ) as api:
        assert api.graphql("query { concepts { id } }") == {"data": {}}
    assert (len(seen), sleeps) == (2, [2.0])
