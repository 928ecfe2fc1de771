"""JobSearch / historical ads / JobStream clients against recorded-style answers (no network)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest

from kompetensbron.errors import ConnectorError, NotFound
from kompetensbron.sources.jobtech_ads import (
    HistoricalAdsClient,
    JobSearchClient,
    JobStreamClient,
    write_jsonl,
)


def _ad(i: int, **extra) -> dict:
    """An ad in the JobSearch answer format (abridged to the fields the warehouse reads)."""
    return {
        "id": str(27000000 + i),
        "headline": f"Mjukvaruutvecklare {i}",
        "number_of_vacancies": 1,
        "description": {"text": "Vi söker en utvecklare.", "text_formatted": None},
        "employer": {"name": "Exempelbolaget AB", "organization_number": "5560000001"},
        "occupation": {"concept_id": "rQds_YGd_quU", "label": "Mjukvaruutvecklare", "legacy_ams_taxonomy_id": "80"},
        "occupation_group": {
            "concept_id": "DJh5_yyF_hEM",
            "label": "Mjukvaru- och systemutvecklare m.fl.",
            "legacy_ams_taxonomy_id": "2512",
        },
        "workplace_address": {
            "municipality_code": "0180",
            "municipality_concept_id": "AvNB_uwa_6n6",
            "region_code": "01",
        },
        "publication_date": "2024-03-01T08:00:00",
        "removed": False,
        **extra,
    }


def _search_answer(total: int, hits: list[dict]) -> dict:
    return {
        "total": {"value": total},
        "positions": total,
        "query_time_in_millis": 12,
        "result_time_in_millis": 15,
        "stats": [],
        "freetext_concepts": {},
        "hits": hits,
    }


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_search_pages_until_the_total(tmp_path: Path) -> None:
    requests: list[httpx.Request] = []
    all_ads = [_ad(i) for i in range(250)]

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        return httpx.Response(200, json=_search_answer(250, all_ads[offset : offset + limit]))

    client = JobSearchClient(_client(handler), api_key="secret", timeout=5)
    ads = list(client.iter_ads(occupation_group="DJh5_yyF_hEM", published_after=datetime(2024, 3, 1, 8, 0)))
    assert [a["id"] for a in ads] == [a["id"] for a in all_ads]
    assert [r.url.params["offset"] for r in requests] == ["0", "100", "200"]
    first = requests[0]
    assert first.url.host == "jobsearch.api.jobtechdev.se" and first.url.path == "/search"
    assert first.url.params["occupation-group"] == "DJh5_yyF_hEM"
    assert first.url.params["published-after"] == "2024-03-01T08:00:00"
    assert first.headers["api-key"] == "secret" and first.headers["accept"] == "application/json"
    assert write_jsonl(ads, tmp_path / "ads.jsonl") == 250
    assert json.loads((tmp_path / "ads.jsonl").read_text().splitlines()[0])["id"] == "27000000"


def test_search_respects_max_ads_and_the_offset_limit() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        calls.append(offset)
        return httpx.Response(200, json=_search_answer(10_000, [_ad(offset + i) for i in range(100)]))

    client = JobSearchClient(_client(handler), timeout=5)
    assert len(list(client.iter_ads(q="utvecklare", max_ads=150))) == 150
    calls.clear()
    assert len(list(client.iter_ads(q="utvecklare"))) == 2100  # offsets 0..2000
    assert calls[-1] == 2000


def test_historical_search_sends_the_period() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=_search_answer(1, [_ad(1, publication_date="2019-05-02T00:00:00")]))

    client = HistoricalAdsClient(_client(handler), timeout=5)
    ads = list(client.iter_period(date(2019, 1, 1), "2019-12-31T23:59:59", municipality="AvNB_uwa_6n6"))
    assert len(ads) == 1
    params = seen[0].url.params
    assert seen[0].url.host == "historical.api.jobtechdev.se"
    assert (params["historical-from"], params["historical-to"]) == ("2019-01-01T00:00:00", "2019-12-31T23:59:59")
    assert params["municipality"] == "AvNB_uwa_6n6"


def test_get_ad_and_not_found() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/ad/27000001":
            return httpx.Response(200, json=_ad(1))
        return httpx.Response(404, json={"message": "Ad not found"})

    client = JobSearchClient(_client(handler), timeout=5)
    assert client.get_ad("27000001")["headline"] == "Mjukvaruutvecklare 1"
    with pytest.raises(NotFound):
        client.get_ad("1")


def test_server_errors_are_retried_then_reported() -> None:
    attempts: list[int] = []
    sleeps: list[float] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        if len(attempts) < 3:
            return httpx.Response(503)
        return httpx.Response(200, json=_search_answer(0, []))

    client = JobSearchClient(_client(flaky), timeout=5, sleep=sleeps.append)
    assert client.search(q="x").total == 0
    assert sleeps == [0.5, 1.0]

    down = JobSearchClient(_client(lambda r: httpx.Response(500)), timeout=5, sleep=lambda s: None)
    with pytest.raises(ConnectorError, match="HTTP 500"):
        down.search(q="x")


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(200, content=b"<html>maintenance</html>"), "did not answer JSON"),
        (httpx.Response(200, json={"hits": "none"}), "lacks a 'hits' list"),
        (httpx.Response(200, json={"hits": []}), "lacks 'total.value'"),
        (httpx.Response(400, json={"message": "bad param"}), "HTTP 400"),
    ],
)
def test_odd_answers_are_connector_errors(response: httpx.Response, message: str) -> None:
    client = JobSearchClient(_client(lambda r: response), timeout=5, sleep=lambda s: None)
    with pytest.raises(ConnectorError, match=message):
        client.search(q="x")


def test_timeouts_are_connector_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client = JobStreamClient(_client(handler), timeout=5, attempts=2, sleep=lambda s: None)
    with pytest.raises(ConnectorError, match="timed out after 2 attempt"):
        client.snapshot()


def test_stream_and_snapshot() -> None:
    seen: list[httpx.Request] = []
    removed = {"id": "27000002", "removed": True, "removed_date": "2024-03-05T10:00:00"}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/stream":
            return httpx.Response(200, json=[_ad(1), removed])
        return httpx.Response(200, json=[_ad(1), _ad(3)])

    client = JobStreamClient(_client(handler), timeout=5)
    changes = client.stream(
        datetime(2024, 3, 1),
        updated_before="2024-03-06T00:00:00",
        occupation_concept_ids=["DJh5_yyF_hEM", "Z8ci_bBE_tmx"],
        location_concept_ids=["CifL_Rzy_Mku"],
    )
    assert changes[1] == removed
    params = seen[0].url.params
    assert params["date"] == "2024-03-01T00:00:00" and params["updated-before-date"] == "2024-03-06T00:00:00"
    assert params.get_list("occupation-concept-id") == ["DJh5_yyF_hEM", "Z8ci_bBE_tmx"]
    assert params.get_list("location-concept-id") == ["CifL_Rzy_Mku"]
    assert [a["id"] for a in client.snapshot()] == ["27000001", "27000003"]
    assert seen[1].url.path == "/snapshot"

    bad = JobStreamClient(_client(lambda r: httpx.Response(200, json={"ads": []})), timeout=5)
    with pytest.raises(ConnectorError, match="expected a JSON list"):
        bad.stream("2024-03-01")
