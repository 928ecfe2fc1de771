"""The JSON API under /api/v1/ on the real snapshot."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]


def test_occupation_search(client):
    r = client.get("/api/v1/occupations", {"q": "sjukskoterska"})
    assert r.status_code == 200
    body = r.json()
    assert body["results"][0]["code"] == "2221"


def test_occupation_detail_and_404(client):
    r = client.get("/api/v1/occupations/2221")
    assert r.status_code == 200 and r.json()["label"] == "Grundutbildade sjuksköterskor"
    r = client.get("/api/v1/occupations/9999")
    assert r.status_code == 404
    assert r.json() == {"detail": "Okänd SSYK-kod: '9999'"}
    english = client.get("/api/v1/occupations/9999", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 404 and english.json() == {"detail": "Unknown SSYK code: '9999'"}


def test_kommuner(client):
    r = client.get("/api/v1/regions/kommuner")
    assert r.status_code == 200 and len(r.json()) == 290
    r = client.get("/api/v1/regions/kommuner", {"lan": "22"})
    assert {k["name"] for k in r.json()} >= {"Härnösand", "Sundsvall"}
    r = client.get("/api/v1/regions/kommuner/0180")
    assert r.json()["name"] == "Stockholm" and r.json()["lan_name"] == "Stockholms län"
    r = client.get("/api/v1/regions/kommuner/abcd")
    assert r.status_code == 404 and "abcd" in r.json()["detail"]


def test_bad_parameters_are_422_not_500(client):
    assert client.get("/api/v1/occupations", {"level": "7"}).status_code == 422
    assert client.get("/api/v1/occupations", {"limit": "many"}).status_code == 422
    assert client.get("/api/v1/regions/planets.geojson").status_code == 404


def test_openapi_and_docs(client):
    schema = client.get("/api/v1/openapi.json").json()
    for p in (
        "/api/v1/occupations",
        "/api/v1/occupations/{ssyk}",
        "/api/v1/regions/kommuner",
        "/api/v1/regions/kommuner/{kommunkod}",
    ):
        assert p in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
