"""The education API: public reading, writing with session + CSRF, 401/403/404/422."""

from __future__ import annotations

import json

import pytest
from django.test import Client

API = "/api/v1/education"


def _post(client, url: str, body: dict | None = None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def _programme_body(miun, **overrides) -> dict:
    body = dict(
        institution_id=miun.pk,
        code="EX-API",
        name="API-programmet",
        degree="kandidatexamen",
        sun_level="536",
        sun_field="723a",
        form="distance",
        places=25,
        kommun="2380",
        credits="180",
    )
    body.update(overrides)
    return body


@pytest.mark.django_db
def test_search_and_get_programme(client, programme, suggested):
    found = client.get(f"{API}/programmes", {"q": "sjukskoterskeprogram"}).json()
    assert found["count"] == 1 and found["results"][0]["code"] == "EX-SSK"
    detail = client.get(f"{API}/programmes/{programme.pk}").json()
    assert detail["sun_field"] == {"code": "723a", "label": "Sjuksköterskeutbildning, grundutbildning"}
    assert len(detail["courses"]) == 15 and detail["years"][-1] == {"year": 2024, "admitted": 80, "graduates": 61}
    assert [(x["ssyk"]["code"], x["provenance"], x["status"]) for x in detail["occupation_links"]] == [
        ("2221", "official_ssyk_sun", "suggested"),
        ("5321", "skill_overlap", "suggested"),
    ]
    missing = client.get(f"{API}/programmes/999999")
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]


@pytest.mark.django_db
def test_courses(client):
    page = client.get(f"{API}/courses", {"q": "omvardnad", "limit": 5}).json()
    assert page["count"] > 50 and len(page["results"]) == 5
    all_courses = client.get(f"{API}/courses", {"limit": 1}).json()
    assert all_courses["count"] == 3586 and all_courses["pages"] == 3586
    course = client.get(f"{API}/courses/AK001A").json()
    assert course["institution"] == "Mittuniversitetet" and course["credits"] == "7.5" and len(course["ilos"]) == 4
    assert course["sources"][0]["dataset"] == "miun-syllabi" and course["source_line"] == 1
    assert client.get(f"{API}/courses/NOPE99").status_code == 404


@pytest.mark.django_db
def test_create_programme_needs_login_and_right(client, reader, miun):
    assert _post(client, f"{API}/programmes", _programme_body(miun)).status_code == 401
    client.force_login(reader)
    assert _post(client, f"{API}/programmes", _programme_body(miun)).status_code == 403


@pytest.mark.django_db
def test_create_programme_422_and_201(client, coordinator, miun):
    client.force_login(coordinator)
    bad = _post(
        client, f"{API}/programmes", _programme_body(miun, sun_level="206", sun_field="zzz", places=-3, kommun="9999")
    )
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"sun_level", "sun_field", "places", "kommun"}
    assert _post(client, f"{API}/programmes", {"code": "X"}).status_code == 422  # schema: required fields missing
    ok = _post(client, f"{API}/programmes", _programme_body(miun))
    assert ok.status_code == 201 and ok.json()["form"] == "distance" and ok.json()["kommun"]["code"] == "2380"
    again = _post(client, f"{API}/programmes", _programme_body(miun))
    assert again.status_code == 422 and "code" in again.json()["errors"]


@pytest.mark.django_db
def test_unsafe_methods_need_csrf(coordinator, miun):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert _post(client, f"{API}/programmes", _programme_body(miun)).status_code == 403


@pytest.mark.django_db
def test_confirm_and_reject_links(client, suggested, staff, reader):
    official, overlap = suggested
    assert _post(client, f"{API}/links/{official.pk}/confirm").status_code == 401
    client.force_login(reader)
    assert _post(client, f"{API}/links/{official.pk}/confirm").status_code == 403
    client.force_login(staff)
    assert _post(client, f"{API}/links/999999/confirm").status_code == 404
    confirmed = _post(client, f"{API}/links/{official.pk}/confirm")
    assert (
        confirmed.status_code == 200
        and confirmed.json()["status"] == "confirmed"
        and confirmed.json()["author"] == "planerare"
    )
    no_reason = _post(client, f"{API}/links/{overlap.pk}/reject", {"reason": ""})
    assert no_reason.status_code == 422 and no_reason.json()["errors"] == {"reason": "En motivering krävs."}
    rejected = _post(client, f"{API}/links/{overlap.pk}/reject", {"reason": "Annan utbildningsnivå."})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
