"""/api/v1/housing/: public reads, 401 anonymous, 403 without the right or CSRF token, 422 invalid."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kompetensbron.housing.models import HousingProject, Programme
from kompetensbron.samverkan.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/api/v1/housing"


def _post(client, url, data, method="post"):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


def _project(world):
    return {
        "name": "Lärkan",
        "owner_id": world.company.pk,
        "kommun_code": "0180",
        "homes": 120,
        "home_type": "studio",
        "expected_completion_year": 2027,
    }


def test_anonymous_reads_but_cannot_write(client, world):
    assert client.get(f"{BASE}/projects").status_code == 200
    assert client.get(f"{BASE}/programmes").status_code == 200
    assert client.get(f"{BASE}/queue-statistics").status_code == 200
    assert client.get(f"{BASE}/simulator/rules").json()[0]["name"] == "sssb"
    assert _post(client, f"{BASE}/projects", _project(world)).status_code == 401
    assert _post(client, f"{BASE}/simulator/run", {"rules": "sssb"}).status_code == 401
    assert not HousingProject.objects.exists()


def test_coordinator_creates_and_moves_a_project(client, world):
    client.force_login(world.company_coordinator)
    created = _post(client, f"{BASE}/projects", _project(world))
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    assert created.json()["lan_code"] == "01" and created.json()["history"][0]["to_status"] == "idea"
    moved = _post(client, f"{BASE}/projects/{pid}/status", {"to_status": "under_construction"})
    assert moved.status_code == 200 and moved.json()["status"] == "under_construction"
    back = _post(client, f"{BASE}/projects/{pid}/status", {"to_status": "idea"})
    assert back.status_code == 422 and "to_status" in back.json()["errors"]
    patched = _post(client, f"{BASE}/projects/{pid}", {"homes": 150}, method="patch")
    assert patched.status_code == 200 and patched.json()["homes"] == 150
    assert AuditEntry.objects.filter(model="housing.housingproject", object_id=str(pid)).count() == 3


def test_forbidden_and_invalid(client, world):
    client.force_login(world.outsider)
    assert _post(client, f"{BASE}/projects", _project(world)).status_code == 403
    client.force_login(world.company_coordinator)
    assert _post(client, f"{BASE}/projects", {**_project(world), "homes": 0}).status_code == 422
    assert _post(client, f"{BASE}/projects", {**_project(world), "kommun_code": "9999"}).status_code == 422
    assert (
        _post(client, f"{BASE}/projects", {**_project(world), "status": "completed"}).status_code == 422
    )  # no completion year
    assert client.get(f"{BASE}/projects/999999").status_code == 404
    programme = {
        "name": "P",
        "owner_id": world.region.pk,
        "lan_code": "01",
        "baseline_year": 2013,
        "target_year": 2017,
        "target_value": 6000,
    }
    assert _post(client, f"{BASE}/programmes", programme).status_code == 403
    assert not HousingProject.objects.filter(owner=world.other_company).exists()


def test_csrf_is_required(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.company_coordinator)
    assert _post(client, f"{BASE}/projects", _project(world)).status_code == 403


def test_programme_progress_and_targets(client, world):
    client.force_login(world.region_coordinator)
    data = {
        "name": "Sthlm",
        "owner_id": world.region.pk,
        "lan_code": "01",
        "baseline_year": 2013,
        "target_year": 2017,
        "target_kind": "percent",
        "target_value": 50,
    }
    created = _post(client, f"{BASE}/programmes", data)
    assert created.status_code == 201
    pid = created.json()["id"]
    progress = client.get(f"{BASE}/programmes/{pid}/progress").json()
    assert progress["programme"]["target_homes"] is None  # a percent target without a baseline stock
    assert len(progress["kommuner"]) == 26 and len(progress["kommuner_without_student_homes"]) == 26
    assert (
        _post(
            client,
            f"{BASE}/programmes/{pid}/kommun-targets",
            {"kommun_code": "0180", "target_homes": 3000},
            method="put",
        ).status_code
        == 200
    )
    assert (
        _post(
            client, f"{BASE}/programmes/{pid}/kommun-targets", {"kommun_code": "0380", "target_homes": 10}, method="put"
        ).status_code
        == 422
    )
    assert _post(client, f"{BASE}/programmes/{pid}", {"target_year": 2000}, method="patch").status_code == 422
    assert Programme.objects.get(pk=pid).target_year == 2017


def test_queue_statistics_and_simulation(client, world):
    client.force_login(world.company_coordinator)
    row = {
        "organisation_id": world.company.pk,
        "year": 2018,
        "home_type": "studio",
        "median_wait_days": 900,
        "p90_wait_days": 1400,
    }
    assert _post(client, f"{BASE}/queue-statistics", row).status_code == 200
    assert _post(client, f"{BASE}/queue-statistics", {**row, "p90_wait_days": 100}).status_code == 422
    assert (
        _post(client, f"{BASE}/queue-statistics", {**row, "organisation_id": world.other_company.pk}).status_code == 403
    )
    series = client.get(f"{BASE}/queue-statistics").json()
    assert series[0]["rows"][0]["median_wait_days"] == 900
    run = _post(
        client, f"{BASE}/simulator/run", {"rules": "chalmers", "homes": 60, "arrivals_per_year": 70, "years": 1}
    )
    assert run.status_code == 200 and "by_type" in run.json()["result"]
    assert _post(client, f"{BASE}/simulator/run", {"rules": "chalmers", "homes": 10**7}).status_code == 422
