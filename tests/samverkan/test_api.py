"""JSON API: 401 for anonymous, 403 for outsiders and forged/missing CSRF, 422 for bad input;
nothing stored or logged for a refused request."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import Activity, AuditEntry, FundingApplication
from kompetensbron.samverkan.schemas import FundingCreate, IndicatorCreate

API = "/api/v1/samverkan"


def _writes(world) -> list[tuple[str, str, dict, str]]:
    """Every write endpoint, with valid input, and who may call it (attribute of ``world``)."""
    decided = world.decided(title="Beslutad")
    proposed = world.proposed(title="Föreslagen")
    idea = services.create_activity(actor=world.wg_member, data=world.activity_data(title="Idé"))
    funding = services.create_funding_application(
        actor=world.wg_member, activity=decided, data=FundingCreate(funder="Vinnova", amount_applied=100)
    )
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Praktikplatser")
    )
    act = json.loads(world.activity_data(title="Ny").model_dump_json())
    return [
        ("post", f"{API}/organisations", {"name": "Ny organisation", "kind": "company"}, "admin"),
        ("patch", f"{API}/organisations/{world.kommun.pk}", {"website": "https://example.invalid"}, "coordinator"),
        ("post", f"{API}/invitations", {"email": "ny@test.invalid", "organisation_id": world.kommun.pk}, "admin"),
        (
            "post",
            f"{API}/agreements",
            {"title": "Nytt avtal", "party_ids": [world.kommun.pk], "period_start": "2025-01-01"},
            "coordinator",
        ),
        ("patch", f"{API}/agreements/{world.agreement.pk}", {"purpose": "Nytt syfte"}, "coordinator"),
        ("post", f"{API}/agreements/{world.agreement.pk}/indicators", {"name": "Examensarbeten"}, "coordinator"),
        ("put", f"{API}/indicators/{indicator.pk}/years/2025", {"target": "5", "value": "3"}, "coordinator"),
        ("post", f"{API}/bodies", {"name": "Nytt råd", "kind": "council"}, "admin"),
        ("post", f"{API}/bodies/{world.working.pk}/members", {"user_id": world.coordinator.pk}, "admin"),
        ("post", f"{API}/activities", act | {"propose": True}, "wg_member"),
        ("patch", f"{API}/activities/{decided.pk}", {"place": "Campus"}, "wg_member"),
        ("post", f"{API}/activities/{idea.pk}/propose", {}, "wg_member"),
        (
            "post",
            f"{API}/activities/{proposed.pk}/decision",
            {"decision": "approve", "justification": "OK", "date": "2025-03-01"},
            "sg_member",
        ),
        ("post", f"{API}/activities/{decided.pk}/transition", {"to_status": "running"}, "wg_member"),
        ("post", f"{API}/activities/{decided.pk}/funding", {"funder": "ESF", "amount_applied": "1000"}, "wg_member"),
        ("patch", f"{API}/funding/{funding.pk}", {"status": "submitted"}, "wg_member"),
        ("get", f"{API}/people/{world.sg_member.pk}/export", {}, "admin"),
        ("post", f"{API}/people/{world.outsider.pk}/erase", {}, "admin"),
    ]


def _call(client: Client, method: str, url: str, body: dict, **extra):
    if method == "get":
        return client.get(url, **extra)
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **extra)


def _csrf_client(user=None) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get(f"{API}/organisations")  # any page; the token comes from the cookie below
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    return client, _mask_cipher_secret(secret)


def test_every_write_endpoint_works_for_the_right_person_with_csrf(world):
    for method, url, body, who in _writes(world):
        client, token = _csrf_client(getattr(world, who))
        before = AuditEntry.objects.count()
        resp = _call(client, method, url, body, HTTP_X_CSRFTOKEN=token)
        assert resp.status_code in (200, 201), (method, url, resp.status_code, resp.content)
        if method != "get":
            assert AuditEntry.objects.count() > before, url


def test_every_write_endpoint_refuses_outsiders(world):
    for method, url, body, _ in _writes(world):
        client, token = _csrf_client(world.outsider if "people" not in url else world.wg_member)
        before = AuditEntry.objects.count()
        resp = _call(client, method, url, body, HTTP_X_CSRFTOKEN=token)
        assert resp.status_code == 403, (method, url, resp.status_code, resp.content)
        assert AuditEntry.objects.count() == before, url


def test_every_write_endpoint_refuses_anonymous(world):
    client = Client()
    for method, url, body, _ in _writes(world):
        resp = _call(client, method, url, body)
        assert resp.status_code == 401, (method, url, resp.status_code)


@pytest.mark.parametrize("token", ["missing", "forged"])
def test_every_unsafe_endpoint_refuses_missing_or_forged_csrf(world, token):
    before_counts = None
    for method, url, body, who in _writes(world):
        if method == "get":
            continue
        client, good = _csrf_client(getattr(world, who))
        extra = {} if token == "missing" else {"HTTP_X_CSRFTOKEN": _mask_cipher_secret(_get_new_csrf_string())}
        before_counts = (AuditEntry.objects.count(), Activity.objects.count())
        resp = _call(client, method, url, body, **extra)
        assert resp.status_code == 403, (method, url, resp.status_code)
        assert (AuditEntry.objects.count(), Activity.objects.count()) == before_counts


def test_proposal_decided_by_non_member_of_steering_group_is_403(world):
    proposed = world.proposed()
    for who in ("wg_member", "coordinator", "outsider", "admin"):
        client, token = _csrf_client(getattr(world, who))
        resp = _call(
            client,
            "post",
            f"{API}/activities/{proposed.pk}/decision",
            {"decision": "approve", "justification": "OK", "date": "2025-03-01"},
            HTTP_X_CSRFTOKEN=token,
        )
        assert resp.status_code == 403, who
    proposed.refresh_from_db()
    assert proposed.status == "proposed"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"period_start": "2025-09-01", "period_end": "2025-08-01"}, "period_end"),
        ({"expected_participants": -1}, "expected_participants"),
        ({"owner_id": 987654}, "owner_id"),
    ],
)
def test_bad_activity_input_is_422_and_stores_nothing(world, overrides, field):
    client, token = _csrf_client(world.wg_member)
    body = json.loads(world.activity_data().model_dump_json()) | overrides
    before = (AuditEntry.objects.count(), Activity.objects.count())
    resp = _call(client, "post", f"{API}/activities", body, HTTP_X_CSRFTOKEN=token)
    assert resp.status_code == 422
    assert field in resp.json()["errors"]
    assert (AuditEntry.objects.count(), Activity.objects.count()) == before


def test_negative_funding_is_422(world):
    activity = world.decided()
    client, token = _csrf_client(world.wg_member)
    resp = _call(
        client,
        "post",
        f"{API}/activities/{activity.pk}/funding",
        {"funder": "X", "amount_applied": "-10"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert resp.status_code == 422 and "amount_applied" in resp.json()["errors"]
    assert not FundingApplication.objects.exists()


def test_agreement_with_unknown_party_or_dates_out_of_order_is_422(world):
    client, token = _csrf_client(world.coordinator)
    resp = _call(
        client,
        "post",
        f"{API}/agreements",
        {"title": "X", "party_ids": [world.kommun.pk, 4242], "period_start": "2025-01-01", "period_end": "2024-01-01"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert resp.status_code == 422
    assert set(resp.json()["errors"]) == {"party_ids", "period_end"}


def test_workflow_skip_is_422(world):
    activity = world.decided()
    client, token = _csrf_client(world.wg_member)
    resp = _call(
        client,
        "post",
        f"{API}/activities/{activity.pk}/transition",
        {"to_status": "evaluated", "evaluation": "x"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert resp.status_code == 422 and "status" in resp.json()["errors"]


def test_reads_follow_membership(world):
    activity = world.proposed()
    client, _ = _csrf_client(world.sg_member)
    assert [a["id"] for a in client.get(f"{API}/activities").json()] == [activity.pk]
    assert client.get(f"{API}/activities/{activity.pk}").json()["steering_group"] == "Styrgruppen"
    assert client.get(f"{API}/agreements/{world.agreement.pk}/report/2025").status_code == 200
    outsider, _ = _csrf_client(world.outsider)
    assert outsider.get(f"{API}/activities").json() == []
    assert outsider.get(f"{API}/activities/{activity.pk}").status_code == 404
    assert outsider.get(f"{API}/agreements/{world.agreement.pk}/report/2025").status_code == 404
    assert Client().get(f"{API}/activities").status_code == 401


def test_read_endpoints_answer(world):
    world.decided()
    client, _ = _csrf_client(world.coordinator)
    for url in (
        "organisations",
        "agreements",
        "bodies",
        "activities",
        f"agreements/{world.agreement.pk}/funding",
        f"agreements/{world.agreement.pk}/indicators",
    ):
        assert client.get(f"{API}/{url}").status_code == 200, url
    assert dt.date.fromisoformat(client.get(f"{API}/agreements").json()[0]["period_start"]) == dt.date(2024, 1, 1)
