"""Hostile input to the education API and pages is refused with 422 (or a form error), never
a 500: numbers beyond the column, lone surrogates, 1 MB strings and queries, ids ≥ 2⁶³, and a
duplicate programme code that wins a race (issue 8, items 1 and 5)."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.test import Client

from kompetensbron.education.models import Programme

API = "/api/v1/education"
HUGE = 2**63
pytestmark = pytest.mark.django_db


def _post(client, url: str, body: dict):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _body(miun, **overrides) -> dict:
    return dict(institution_id=miun.pk, code="EX-BND", name="Gränsprogrammet", places=25, credits="180") | overrides


@pytest.mark.parametrize(
    "overrides",
    [
        {"places": HUGE},
        {"places": 2**31},
        {"credits": "1e30"},
        {"credits": "12345678"},
        {"credits": "NaN"},
        {"institution_id": HUGE},
        {"name": "x" * 1_000_000},
        {"description": "x" * 1_000_000},
        {"name": "Program \ud800"},
        {"code": None},
    ],
)
def test_programme_input_beyond_the_columns_is_422(coordinator, miun, overrides):
    client = Client()
    client.force_login(coordinator)
    response = _post(client, f"{API}/programmes", _body(miun, **overrides))
    assert response.status_code == 422, response.content
    assert not Programme.objects.filter(code="EX-BND").exists()


def test_queries_and_ids_beyond_the_bounds(client, programme):
    assert client.get(f"{API}/programmes", {"q": "x" * 1_000_000}).status_code == 422
    assert client.get(f"{API}/courses", {"q": "a " * 100_000}).status_code == 422
    assert client.get(f"{API}/courses", {"page": HUGE}).status_code == 422
    assert client.get(f"{API}/programmes/{HUGE}").status_code == 422
    assert client.get(f"{API}/courses/XX123", {"institution": HUGE}).status_code == 422
    # the pages: a form error or a 404, never a 500
    assert client.get("/utbildning/", {"q": "x" * 1_000_000}).status_code == 200
    assert client.get("/utbildning/kurser/", {"q": "a%_" * 100_000, "page": str(HUGE)}).status_code == 200
    assert client.get(f"/utbildning/program/{HUGE}/").status_code == 404
    assert client.get(f"/relevans/program/{HUGE}/").status_code == 404


def test_a_long_query_is_cut_by_the_service(programme):
    from kompetensbron.education.services import search_courses, search_programmes

    assert search_programmes("sjukskoterskeprogram " + "x" * 1_000_000).count == 0
    assert search_courses("omvardnad " * 50_000).count > 0


def test_a_duplicate_code_that_wins_a_race_is_422(coordinator, miun):
    client = Client()
    client.force_login(coordinator)
    assert _post(client, f"{API}/programmes", _body(miun)).status_code == 201
    with mock.patch("kompetensbron.education.validation.check_programme_code", return_value={}):  # passes, as in a race
        response = _post(client, f"{API}/programmes", _body(miun, name="Samma kod"))
    assert response.status_code == 422, response.content
    assert response.json()["errors"]["code"]
    assert Programme.objects.filter(code="EX-BND").count() == 1
