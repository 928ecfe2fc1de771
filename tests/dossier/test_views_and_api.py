"""The dossier page, the input form (login, CSRF, validation) and the JSON routes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from kompetensbron.dossier.models import DossierInput
from kompetensbron.dossier.summary import number

pytestmark = pytest.mark.django_db

TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


def test_page_shows_real_numbers_and_sections(linked, client):
    api = client.get(f"/api/v1/dossier/programmes/{linked.pk}").json()
    response = client.get(f"/relevans/program/{linked.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for anchor in (
        "program",
        "sammanfattning",
        "yrken",
        "efterfragan",
        "prognos",
        "kompetenser",
        "synpunkter",
        "kallor",
    ):
        assert f'id="{anchor}"' in html
    top = api["demand"][0]
    assert f'class="num">{number(top["national"])}<' in html and f'class="num">{number(top["lan"])}<' in html
    assert number(top["national"]) in html  # in the summary
    assert "ssyk_id_region_annonser_2024.json" in html and "1-ar.xlsx" in html
    assert f"/relevans/program/{linked.pk}.pdf" in html and f"/relevans/program/{linked.pk}.xlsx" in html
    assert "Logga in" in html and 'name="text"' not in html  # the form needs a login


def test_unknown_programme_is_404(client, db):
    assert client.get("/relevans/program/987654/").status_code == 404
    assert client.get("/relevans/program/987654.pdf").status_code == 404
    assert client.get("/relevans/program/987654.xlsx").status_code == 404
    assert client.get("/api/v1/dossier/programmes/987654").status_code == 404


def test_form_adds_an_input(linked, user, client):
    client.force_login(user)
    page = client.get(f"/relevans/program/{linked.pk}/").content.decode()
    assert 'name="text"' in page and "csrfmiddlewaretoken" in page
    response = client.post(
        f"/relevans/program/{linked.pk}/synpunkter/",
        {
            "kind": "programme_council",
            "date": "2025-05-20",
            "author_name": "Programrådet",
            "organisation": "Mittuniversitetet",
            "text": "Mer simulering.",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#synpunkter")
    html = client.get(f"/relevans/program/{linked.pk}/").content.decode()
    assert "Mer simulering." in html and "2025-05-20" in html


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"kind": "employer", "date": TOMORROW, "author_name": "A", "text": "x"}, "framtiden"),
        ({"kind": "employer", "date": "2025-01-01", "author_name": "A", "text": ""}, "field-error"),
    ],
)
def test_form_refuses_bad_input(linked, user, client, post, message):
    client.force_login(user)
    response = client.post(f"/relevans/program/{linked.pk}/synpunkter/", post)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not DossierInput.objects.exists()


def test_form_needs_login_and_csrf(linked, user):
    anonymous = Client()
    response = anonymous.post(
        f"/relevans/program/{linked.pk}/synpunkter/", {"date": "2025-01-01", "author_name": "A", "text": "x"}
    )
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post(
        f"/relevans/program/{linked.pk}/synpunkter/",
        {"kind": "employer", "date": "2025-01-01", "author_name": "A", "text": "x"},
    )
    assert response.status_code == 403
    assert not DossierInput.objects.exists()


def _post(client, pk, body):
    return client.post(
        f"/api/v1/dossier/programmes/{pk}/inputs", data=json.dumps(body), content_type="application/json"
    )


def test_api_input_rules(linked, user):
    body = {
        "kind": "employer",
        "date": "2025-02-03",
        "author_name": "Erik Lund",
        "organisation": "Sundsvalls kommun",
        "text": "Behov av distriktssköterskor.",
    }
    assert _post(Client(), linked.pk, body).status_code == 401
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert _post(strict, linked.pk, body).status_code == 403  # no CSRF token
    client = Client()
    client.force_login(user)
    assert _post(client, linked.pk, {**body, "date": TOMORROW}).json()["errors"].keys() == {"date"}
    response = _post(client, linked.pk, {**body, "text": " "})
    assert response.status_code == 422 and "text" in response.json()["errors"]
    assert _post(client, 987654, body).status_code == 404
    created = _post(client, linked.pk, body)
    assert created.status_code == 201 and created.json()["author_name"] == "Erik Lund"
    dossier = client.get(f"/api/v1/dossier/programmes/{linked.pk}").json()
    assert [i["organisation"] for i in dossier["inputs"]] == ["Sundsvalls kommun"]
    assert any("Synpunkter" in s["title"] for s in dossier["sources"])


def test_english_page(linked, client):
    response = client.get(f"/relevans/program/{linked.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
