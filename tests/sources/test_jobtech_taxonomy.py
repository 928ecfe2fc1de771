"""The JobTech Taxonomy API client, against recorded answers (``httpx.MockTransport``; no network).

The fixtures in ``tests/fixtures/taxonomy_api/`` are trimmed copies of the real answers kept in
the data snapshot (see ``make_fixtures.py`` there), named by the GraphQL operation name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from kompetensbron.config import Settings
from kompetensbron.errors import ConnectorError
from kompetensbron.sources import catalog
from kompetensbron.sources.file_formats import read_json
from kompetensbron.sources.jobtech_taxonomy import (
    QUERY_SKILLS,
    QUERY_SSYK_HIERARCHY,
    USER_AGENT,
    TaxonomyClient,
    TaxonomyVersion,
    normalise,
    refresh_taxonomy_files,
    with_version,
)
from kompetensbron.sources.taxonomy_records import (
    parse_isco_links,
    parse_skills,
    parse_ssyk_groups,
    parse_ssyk_hierarchy,
    parse_sun_hierarchy,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "taxonomy_api"
BASE = "https://taxonomy.api.jobtechdev.se/v1/taxonomy"
GRAPHQL_URL = f"{BASE}/graphql"
Handler = Callable[[httpx.Request], httpx.Response]


def recorded(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def operation(request: httpx.Request) -> str:
    match = re.match(r"\s*query\s+(\w+)", request.url.params.get("query", ""))
    assert match, f"no named GraphQL query in {request.url}"
    return match.group(1)


class Api:
    """A fake Taxonomy API: answers each query with its recorded response unless overridden."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []
        self.overrides: dict[str, list[Handler]] = {}  # operation -> handlers used in turn

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/v1/taxonomy/main/versions":
            return httpx.Response(
                200,
                json=[
                    {"taxonomy/version": 2, "taxonomy/timestamp": "2021-06-01T00:00:00Z"},
                    {"taxonomy/version": 1, "taxonomy/timestamp": "2021-03-05T13:38:02.440Z"},
                ],
            )
        assert request.url.path == "/v1/taxonomy/graphql"
        op = operation(request)
        queue = self.overrides.get(op)
        if queue:
            return queue.pop(0)(request) if len(queue) > 1 else queue[0](request)
        return httpx.Response(200, json=recorded(op))

    def client(self) -> TaxonomyClient:
        return TaxonomyClient(self.http(), settings=settings(), sleep=self.sleeps.append)

    def http(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self.handle))


def settings() -> Settings:
    return Settings(taxonomy_api_url=BASE, http_timeout=5.0)


def status(code: int, body: bytes = b"") -> Handler:
    return lambda request: httpx.Response(code, content=body)


def body(text: str, content_type: str = "application/json") -> Handler:
    return lambda request: httpx.Response(200, content=text.encode(), headers={"content-type": content_type})


@pytest.fixture
def api() -> Api:
    return Api()


# --- requests and answers ----------------------------------------------------------------------


def test_query_is_sent_to_the_graphql_endpoint(api: Api) -> None:
    api.client().skills()
    (request,) = api.requests
    assert request.method == "GET"
    assert str(request.url.copy_with(query=None)) == GRAPHQL_URL
    assert request.url.params["query"] == QUERY_SKILLS
    assert "variables" not in request.url.params
    assert request.headers["user-agent"] == USER_AGENT and "Kompetensbron" in USER_AGENT
    assert request.headers["accept"] == "application/json"


def test_variables_are_sent_as_json(api: Api) -> None:
    api.client().graphql("query skills { concepts(type: $t) { id } }", variables={"t": "skill"})
    assert json.loads(api.requests[0].url.params["variables"]) == {"t": "skill"}


@pytest.mark.parametrize(
    ("call", "parse", "expected"),
    [
        (lambda c: c.ssyk_groups(1), lambda p, o: parse_ssyk_groups(p, o, 1), 3),
        (lambda c: c.ssyk_groups(2), lambda p, o: parse_ssyk_groups(p, o, 2), 3),
        (lambda c: c.ssyk_groups(4), lambda p, o: parse_ssyk_groups(p, o, 4), 3),
        (lambda c: c.ssyk_isco(), parse_isco_links, 2),
        (lambda c: c.skills(), parse_skills, 5),
        (lambda c: c.sun_levels(), lambda p, o: parse_sun_hierarchy(p, o, kind="level"), 5),
        (lambda c: c.sun_fields(), lambda p, o: parse_sun_hierarchy(p, o, kind="field"), 7),
    ],
    ids=["ssyk-1", "ssyk-2", "ssyk-4", "ssyk-isco", "skills", "sun-levels", "sun-fields"],
)
def test_dataset_answers_parse_with_the_snapshot_parsers(api: Api, call: Any, parse: Any, expected: int) -> None:
    records = parse(call(api.client()), Path(GRAPHQL_URL))
    assert len(records) == expected


def test_ssyk_hierarchy_parses_into_groups_and_occupation_names(api: Api) -> None:
    payload = api.client().ssyk_hierarchy()
    assert api.requests[0].url.params["query"] == QUERY_SSYK_HIERARCHY
    groups, names = parse_ssyk_hierarchy(payload, Path(GRAPHQL_URL))
    assert {g.level for g in groups} == {1, 2, 3, 4}
    assert ("Skogsarbetare", "6210") in {(g.label, g.code) for g in groups}
    assert {n.label for n in names if n.ssyk_code == "6210"} == {"Naturvårdare", "Virkesmätare"}


def test_ssyk_level_is_checked(api: Api) -> None:
    with pytest.raises(ValueError):
        api.client().ssyk_groups(5)
    assert api.requests == []


def test_version_is_set_on_the_concepts_field(api: Api) -> None:
    api.client().skills(version=25)
    assert 'concepts(version: "25", type: "skill")' in api.requests[0].url.params["query"]
    TaxonomyClient(api.http(), settings=settings(), version="next").ssyk_groups(1)
    assert 'concepts(version: "next", type: "ssyk-level-1")' in api.requests[1].url.params["query"]
    assert with_version("{ concepts { id } }", 3) == '{ concepts(version: "3") { id } }'


def test_versions(api: Api) -> None:
    assert api.client().versions() == [
        TaxonomyVersion(1, "2021-03-05T13:38:02.440Z"),
        TaxonomyVersion(2, "2021-06-01T00:00:00Z"),
    ]
    assert str(api.requests[0].url) == f"{BASE}/main/versions"


def test_answers_are_normalised_to_the_static_dataset_form(api: Api) -> None:
    answer = {
        "data": {
            "concepts": [
                {"id": "b", "type": "skill", "preferred_label": "B", "definition": None},
                {"id": "a", "type": "skill", "preferred_label": "A", "narrower": []},
            ]
        }
    }
    api.overrides["skills"] = [lambda r: httpx.Response(200, json=answer)]
    assert api.client().skills() == {
        "data": {
            "concepts": [
                {"id": "a", "type": "skill", "preferred_label": "A"},
                {"id": "b", "type": "skill", "preferred_label": "B"},
            ]
        }
    }
    assert normalise(recorded("sun_field_hierarchy")) == recorded("sun_field_hierarchy")


def test_default_client_uses_the_settings() -> None:
    client = TaxonomyClient(settings=Settings(taxonomy_api_url=BASE + "/", http_timeout=7.0))
    try:
        assert client.base_url == BASE
        assert str(client._http.base_url) == BASE + "/"
        assert client._http.timeout.read == 7.0
        assert client._http.headers["user-agent"] == USER_AGENT
    finally:
        client.close()
    assert client._http.is_closed


# --- errors and retries ------------------------------------------------------------------------


def test_a_500_then_200_is_retried(api: Api) -> None:
    api.overrides["skills"] = [status(500), lambda r: httpx.Response(200, json=recorded("skills"))]
    assert len(parse_skills(api.client().skills(), Path("x"))) == 5
    assert len(api.requests) == 2
    assert api.sleeps == [0.5]


def test_a_persistent_503_raises_naming_the_url(api: Api) -> None:
    api.overrides["skills"] = [status(503)]
    with pytest.raises(ConnectorError) as err:
        api.client().skills()
    assert GRAPHQL_URL in str(err.value) and "503" in str(err.value)
    assert len(api.requests) == 3
    assert api.sleeps == [0.5, 1.0]


def test_timeouts_are_retried_then_raise(api: Api) -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    api.overrides["skills"] = [timeout, lambda r: httpx.Response(200, json=recorded("skills"))]
    api.client().skills()
    assert len(api.requests) == 2
    api.overrides["skills"] = [timeout]
    with pytest.raises(ConnectorError, match="timed out") as err:
        api.client().skills()
    assert GRAPHQL_URL in str(err.value)


def test_connection_errors_raise(api: Api) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    api.overrides["skills"] = [refused]
    with pytest.raises(ConnectorError, match="failed after 3 attempt.*ConnectError") as err:
        api.client().skills()
    assert GRAPHQL_URL in str(err.value)


def test_a_client_error_is_not_retried_and_shows_the_graphql_message(api: Api) -> None:
    api.overrides["skills"] = [status(400, b'{"errors":[{"message":"Cannot query field `foo`"}]}')]
    with pytest.raises(ConnectorError, match="HTTP 400") as err:
        api.client().skills()
    assert "Cannot query field `foo`" in str(err.value) and GRAPHQL_URL in str(err.value)
    assert len(api.requests) == 1 and api.sleeps == []


def test_a_graphql_error_body_raises(api: Api) -> None:
    api.overrides["skills"] = [body('{"data":null,"errors":[{"message":"Unknown concept type"}]}')]
    with pytest.raises(ConnectorError, match="GraphQL error.*Unknown concept type"):
        api.client().skills()


@pytest.mark.parametrize(
    "handler",
    [body(json.dumps(recorded("skills"))[:-40]), body("<html>Bad gateway</html>", "text/html"), body("")],
    ids=["truncated", "html", "empty"],
)
def test_a_body_that_is_not_json_raises(api: Api, handler: Handler) -> None:
    api.overrides["skills"] = [handler]
    with pytest.raises(ConnectorError, match="not valid JSON") as err:
        api.client().skills()
    assert GRAPHQL_URL in str(err.value)


def test_an_answer_without_concepts_raises(api: Api) -> None:
    api.overrides["skills"] = [body('{"data":{}}')]
    with pytest.raises(ConnectorError, match="data.concepts"):
        api.client().skills()


# --- refreshing a data directory ---------------------------------------------------------------


def test_refresh_writes_every_dataset_in_the_snapshot_format(api: Api, tmp_path: Path) -> None:
    written = refresh_taxonomy_files(tmp_path, settings=settings(), client=api.http())
    keys = ["ssyk-1", "ssyk-2", "ssyk-4", "ssyk-hierarchy", "ssyk-isco", "skills", "sun-levels", "sun-fields"]
    assert written == [tmp_path / catalog.dataset(k).path for k in keys]
    path = {k: catalog.resolve(tmp_path, k) for k in keys}
    assert [r.code for r in parse_ssyk_groups(read_json(path["ssyk-4"]), path["ssyk-4"], 4)]
    groups, names = parse_ssyk_hierarchy(read_json(path["ssyk-hierarchy"]), path["ssyk-hierarchy"])
    assert groups and names
    assert parse_isco_links(read_json(path["ssyk-isco"]), path["ssyk-isco"])
    assert len(parse_skills(read_json(path["skills"]), path["skills"])) == 5
    assert parse_sun_hierarchy(read_json(path["sun-levels"]), path["sun-levels"], kind="level")
    assert parse_sun_hierarchy(read_json(path["sun-fields"]), path["sun-fields"], kind="field")
    # byte for byte the form of the JobTech static datasets: compact, keys sorted, UTF-8
    expected = json.dumps(recorded("skills"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert path["skills"].read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in path["skills"].parent.iterdir()) == sorted(p.name for p in written)


def test_a_failed_refresh_leaves_existing_files_untouched(api: Api, tmp_path: Path) -> None:
    existing = tmp_path / catalog.dataset("skills").path
    existing.parent.mkdir(parents=True)
    existing.write_text('{"data":{"concepts":[{"id":"old","preferred_label":"Old","type":"skill"}]}}')
    before = existing.read_bytes()
    # the last dataset fetched is truncated: everything before it was fetched and staged already
    api.overrides["sun_field_hierarchy"] = [body(json.dumps(recorded("sun_field_hierarchy"))[:100])]
    with pytest.raises(ConnectorError, match="not valid JSON"):
        refresh_taxonomy_files(tmp_path, settings=settings(), client=api.http())
    assert existing.read_bytes() == before
    assert [p.name for p in existing.parent.iterdir()] == ["skills.json"]  # nothing new, no temp files


def test_a_refresh_with_an_unparsable_answer_fails_before_writing(api: Api, tmp_path: Path) -> None:
    broken = recorded("skills")
    del broken["data"]["concepts"][0]["preferred_label"]
    api.overrides["skills"] = [lambda r: httpx.Response(200, json=broken)]
    with pytest.raises(ConnectorError, match="dataset 'skills'.*preferred_label"):
        refresh_taxonomy_files(tmp_path, settings=settings(), client=api.http())
    assert not list((tmp_path / "jobtech" / "taxonomy").iterdir())


def test_a_refresh_with_an_empty_answer_fails(api: Api, tmp_path: Path) -> None:
    api.overrides["ssyk_level_1"] = [body('{"data":{"concepts":[]}}')]
    with pytest.raises(ConnectorError, match="no concepts"):
        refresh_taxonomy_files(tmp_path, settings=settings(), client=api.http())
    assert not list((tmp_path / "jobtech" / "taxonomy").iterdir())


def test_a_refresh_retries_with_the_injected_sleep(api: Api, tmp_path: Path) -> None:
    api.overrides["skills"] = [status(502), lambda r: httpx.Response(200, json=recorded("skills"))]
    sleeps: list[float] = []
    refresh_taxonomy_files(tmp_path, settings=settings(), client=api.http(), sleep=sleeps.append)
    assert sleeps == [0.5]
