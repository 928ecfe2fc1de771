"""Schema-driven fuzzing of the whole REST API: no input gives a 5xx (issue 8, "done when").

Every operation of ``/api/v1/openapi.json`` is called, as an anonymous visitor and as a
logged-in administrator (session cookie + CSRF token, as a browser sends them), with:

* ``test_hostile_values``: every parameter and body field set to each hostile value in turn
  (2⁶³, −2⁶³−1, lone surrogates, NUL, explicit ``null``, a 1 MB string, ``NaN``,
  ``javascript:``, SQL/LIKE metacharacters, formulas), deterministic; after a write route, the
  pages and routes that read the rows are fetched again (a stored value must not break them);
* ``test_generated_requests``: hypothesis-generated requests built from the operation's
  schemas (conforming values mixed with the hostile ones at every leaf), derandomized so CI
  sees the same cases every run. ``KOMPETENSBRON_FUZZ_EXAMPLES`` raises the count (default 6
  per operation and role).

A 5xx fails the test with the request that caused it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import cache
from typing import Any

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

EXAMPLES = int(os.environ.get("KOMPETENSBRON_FUZZ_EXAMPLES", "6"))
BIG = "x" * 1_000_000
HOSTILE: list[Any] = [
    2**63,
    -(2**63) - 1,
    0,
    "\ud800",
    "a\x00b",
    None,
    BIG,
    float("nan"),
    "javascript:alert(1)",
    "%_%' OR 1=1 --",
    "=1+1",
    [],
    {},
]
HOSTILE_SCALARS = [v for v in HOSTILE if not isinstance(v, list | dict)]

#: Known 5xx in other parts of issue 8, left to the helpers that own them: {operationId: reason}.
KNOWN_5XX: dict[str, str] = {}


# ------------------------------------------------------------------ the schema


@cache
def _schema() -> dict:
    from kompetensbron.web.api import api

    return api.get_openapi_schema()


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = _schema()["components"]["schemas"][name]
    return schema


def _operations() -> list[tuple[str, str, dict]]:
    return [
        (method, path, op)
        for path, item in sorted(_schema()["paths"].items())
        for method, op in sorted(item.items())
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _body_schema(op: dict) -> dict | None:
    content = op.get("requestBody", {}).get("content", {})
    media = content.get("application/json")
    return _resolve(media["schema"]) if media else None


def _fields(schema: dict) -> dict[str, dict]:
    schema = _resolve(schema)
    return {name: _resolve(prop) for name, prop in schema.get("properties", {}).items()}


# ------------------------------------------------------------------ values


SAMPLE_CODES = ["2221", "5321", "22", "2", "2281", "22", "lan", "fa", "kommuner", "01", "EX-SSK", "demand", "1"]


def _typical(schema: dict, name: str = "") -> Any:
    """One conforming value of ``schema`` (for the fields a hostile request does not touch)."""
    schema = _resolve(schema)
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if _resolve(s).get("type") != "null"]
            return _typical(options[0], name) if options else None
    kind = schema.get("type")
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if kind == "object":
        return {k: _typical(v, k) for k, v in _fields(schema).items() if k in schema.get("required", [])}
    if schema.get("format") == "date":
        return "2025-03-01"
    if "url" in name or name == "website":
        return "https://example.se"
    if name == "email":
        return "fuzz@example.se"
    return "Fuzz"


def _strategy(schema: dict, name: str = "", depth: int = 0) -> st.SearchStrategy:
    """Conforming values of ``schema``, mixed with hostile ones at every leaf."""
    schema = _resolve(schema)
    hostile = st.sampled_from(HOSTILE_SCALARS)
    if "enum" in schema:
        return st.one_of(st.sampled_from(schema["enum"]), hostile)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([_strategy(s, name, depth) for s in schema[key]])
    kind = schema.get("type")
    if kind == "null":
        return st.none()
    if kind == "integer":
        low, high = schema.get("minimum", -(2**31)), schema.get("maximum", 2**31)
        return st.one_of(st.integers(1, 12), st.integers(low, high), hostile)
    if kind == "number":
        return st.one_of(
            st.integers(-(10**6), 10**6), st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str), hostile
        )
    if kind == "boolean":
        return st.one_of(st.booleans(), hostile)
    if kind == "array":
        if depth > 2:
            return st.just([])
        return st.one_of(st.lists(_strategy(schema.get("items", {}), name, depth + 1), max_size=3), hostile)
    if kind == "object" or "properties" in schema:
        if depth > 2:
            return st.just({})
        fields = _fields(schema)
        required = {k: _strategy(v, k, depth + 1) for k, v in fields.items() if k in schema.get("required", [])}
        optional = {k: _strategy(v, k, depth + 1) for k, v in fields.items() if k not in schema.get("required", [])}
        return st.one_of(st.fixed_dictionaries(required, optional=optional), hostile)
    if schema.get("format") == "date":
        return st.one_of(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str), st.just("2025-02-30"), hostile)
    return st.one_of(
        st.sampled_from(SAMPLE_CODES),
        st.text(max_size=min(schema.get("maxLength", 40), 40)),
        # just below and just above the limit, where the limit is small enough to generate
        st.text(min_size=schema["maxLength"], max_size=schema["maxLength"] + 2)
        if schema.get("maxLength", 10**6) <= 300
        else st.nothing(),
        hostile,
    )


# ------------------------------------------------------------------ requests


def _url(path: str, path_values: dict[str, Any]) -> str:
    for name, value in path_values.items():
        text = "" if value is None else str(value)
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")[:2000]
        path = path.replace("{" + name + "}", text.replace("/", "%2F").replace("?", "%3F").replace("#", "%23") or "0")
    return path


def _query(values: dict[str, Any]) -> dict[str, str]:
    out = {}
    for name, value in values.items():
        if value is None or isinstance(value, list | dict):
            continue
        # a browser sends UTF-8; a lone surrogate cannot be sent, it arrives as U+FFFD
        out[name] = str(value).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return out


def _send(client: Client, method: str, path: str, op: dict, path_values: dict, query: dict, body: Any, headers: dict):
    url = _url(path, path_values)
    if method == "get":
        return client.get(url, _query(query), **headers)
    payload = json.dumps(body) if body is not ... else ""
    query_string = "&".join(f"{k}={v}" for k, v in _query(query).items())
    if query_string:
        url += "?" + query_string
    return getattr(client, method)(url, data=payload, content_type="application/json", **headers)


def _check(response, method: str, path: str, op: dict, detail: Any) -> None:
    if response.status_code >= 500:
        known = KNOWN_5XX.get(op["operationId"])
        if known:
            pytest.xfail(known)
        shown = repr(detail)
        pytest.fail(f"{method.upper()} {path} → {response.status_code} for {shown[:600]}")


# ------------------------------------------------------------------ data and clients


@pytest.fixture
def seeded(db):
    """A small collaboration and a programme, so that guessed ids find rows."""
    from django.contrib.auth import get_user_model

    from kompetensbron.education.models import Institution
    from kompetensbron.education.schemas import ProgrammeIn
    from kompetensbron.education.services import create_programme
    from kompetensbron.samverkan import services
    from kompetensbron.samverkan.schemas import (
        ActivityCreate,
        AgreementCreate,
        BodyCreate,
        FundingCreate,
        IndicatorCreate,
        OrganisationCreate,
    )

    admin = get_user_model().objects.create_superuser("fuzz-admin", "fuzz-admin@example.se", None)  # no hashing: fast
    orgs = [
        services.create_organisation(
            actor=admin, data=OrganisationCreate(name=f"Fuzzorganisation {i}", kind="municipality")
        )
        for i in range(3)
    ]
    agreement = services.create_agreement(
        actor=admin,
        data=AgreementCreate(title="Fuzzavtal", party_ids=[o.pk for o in orgs[:2]], period_start=dt.date(2024, 1, 1)),
    )
    steering = services.create_body(
        actor=admin, data=BodyCreate(name="Fuzzstyrgrupp", kind="steering_group", agreement_id=agreement.pk)
    )
    working = services.create_body(
        actor=admin,
        data=BodyCreate(name="Fuzzarbetsgrupp", kind="working_group", agreement_id=agreement.pk, parent_id=steering.pk),
    )
    services.set_membership(actor=admin, user=admin, organisation=orgs[0], role="coordinator")
    services.add_body_member(actor=admin, body=working, user=admin, organisation=orgs[0])
    activity = services.create_activity(
        actor=admin,
        data=ActivityCreate(
            title="Fuzzaktivitet",
            phase="attract",
            owner_id=orgs[0].pk,
            agreement_id=agreement.pk,
            working_group_id=working.pk,
        ),
    )
    services.create_funding_application(
        actor=admin, activity=activity, data=FundingCreate(funder="Fuzzfonden", amount_applied=100)
    )
    services.create_indicator(actor=admin, agreement=agreement, data=IndicatorCreate(name="Fuzzindikator"))
    institution = Institution.objects.create(name="Fuzzhögskolan", short_name="FH")
    create_programme(actor=admin, data=ProgrammeIn(institution_id=institution.pk, code="FUZZ", name="Fuzzprogrammet"))
    return admin


def _clients(admin) -> dict[str, tuple[Client, dict]]:
    anonymous = Client(enforce_csrf_checks=True)
    logged_in = Client(enforce_csrf_checks=True)
    logged_in.force_login(admin)
    token = _get_new_csrf_string()
    logged_in.cookies["csrftoken"] = token
    return {"anonymous": (anonymous, {}), "logged_in": (logged_in, {"HTTP_X_CSRFTOKEN": token})}


OPERATIONS = [pytest.param(m, p, id=f"{m.upper()} {p}") for m, p, _ in _operations()]
ROLES = ["anonymous", "logged_in"]


def _op(method: str, path: str) -> dict:
    return _schema()["paths"][path][method]


def _params(op: dict) -> tuple[dict[str, dict], dict[str, dict]]:
    path_params = {p["name"]: p.get("schema", {}) for p in op.get("parameters", []) if p["in"] == "path"}
    query_params = {p["name"]: p.get("schema", {}) for p in op.get("parameters", []) if p["in"] == "query"}
    return path_params, query_params


# ------------------------------------------------------------------ the tests


def test_every_route_is_fuzzed():
    """The schema lists the routes of every app (a new router is fuzzed without a change here)."""
    tags = {t for _, _, op in _operations() for t in op.get("tags", [])}
    assert {"samverkan", "education", "dossier", "demand", "gap", "reference"} <= tags
    assert len(OPERATIONS) >= 40


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, path", OPERATIONS)
def test_hostile_values(seeded, method, path, role):
    client, headers = _clients(seeded)[role]
    op = _op(method, path)
    path_params, query_params = _params(op)
    body_schema = _body_schema(op)
    typical_path = {k: _typical(v, k) for k, v in path_params.items()}
    typical_query = {k: _typical(v, k) for k, v in query_params.items()}
    typical_body = _typical(body_schema) if body_schema else ...
    for value in HOSTILE:
        cases = [({k: value for k in path_params} or typical_path, typical_query, typical_body)]
        if query_params:
            cases.append((typical_path, {k: value for k in query_params}, typical_body))
        if body_schema:
            fields = _fields(body_schema)
            cases.append((typical_path, typical_query, value))  # the whole body
            if fields:
                cases.append((typical_path, typical_query, {k: value for k in fields}))  # every field at once
                if role == "logged_in" and (
                    value is None or isinstance(value, int | float) or value in ("\ud800", BIG)
                ):
                    for k in fields:  # one field at a time, the others as a client would send them
                        cases.append(
                            (
                                typical_path,
                                typical_query,
                                (typical_body if isinstance(typical_body, dict) else {}) | {k: value},
                            )
                        )
        for path_values, query, body in cases:
            response = _send(client, method, path, op, path_values, query, body, headers)
            _check(response, method, path, op, (path_values, query, body))
    if method != "get" and role == "logged_in":
        _read_back(client, method, path)


def _read_back(client: Client, method: str, path: str) -> None:
    """After the hostile writes, every page and route that reads the rows still answers."""
    from kompetensbron.education.models import Programme
    from kompetensbron.samverkan.models import Activity, Agreement, FundingApplication

    agreement, activity = Agreement.objects.order_by("pk").first(), Activity.objects.order_by("pk").first()
    funding, programme = FundingApplication.objects.order_by("pk").first(), Programme.objects.order_by("pk").first()
    urls = [
        "/api/v1/samverkan/organisations",
        "/api/v1/samverkan/bodies",
        "/api/v1/samverkan/activities",
        "/samverkan/",
        "/samverkan/organisationer/",
        "/samverkan/organ/",
    ]
    if agreement:
        a = f"/api/v1/samverkan/agreements/{agreement.pk}"
        urls += [
            a,
            f"{a}/funding",
            f"{a}/report/2025",
            f"{a}/indicators",
            f"/samverkan/avtal/{agreement.pk}/",
            f"/samverkan/avtal/{agreement.pk}/arsrapport/2025/",
            f"/samverkan/avtal/{agreement.pk}/arsrapport/2025.xlsx",
        ]
    if activity:
        urls += [
            f"/api/v1/samverkan/activities/{activity.pk}",
            f"/api/v1/samverkan/activities/{activity.pk}/funding",
            f"/samverkan/aktiviteter/{activity.pk}/",
        ]
    if funding:
        urls.append(f"/api/v1/samverkan/funding/{funding.pk}")
    if programme:
        urls += [f"/api/v1/education/programmes/{programme.pk}", f"/utbildning/program/{programme.pk}/", "/utbildning/"]
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            pytest.fail(f"after hostile {method.upper()} {path}: GET {url} → {response.status_code}")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, path", OPERATIONS)
def test_generated_requests(seeded, method, path, role):
    clients = _clients(seeded)
    client, headers = clients[role]
    op = _op(method, path)
    path_params, query_params = _params(op)
    body_schema = _body_schema(op)

    path_st = st.fixed_dictionaries({k: _strategy(v, k) for k, v in path_params.items()})
    query_st = st.fixed_dictionaries({}, optional={k: _strategy(v, k) for k, v in query_params.items()})
    body_st = _strategy(body_schema) if body_schema else st.just(...)

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )
    @given(path_values=path_st, query=query_st, body=body_st)
    def run(path_values, query, body):
        response = _send(client, method, path, op, path_values, query, body, headers)
        _check(response, method, path, op, (path_values, query, body))

    run()
