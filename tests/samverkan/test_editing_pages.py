"""The coordinators' web pages of issue 12 item 4: the same rules and audit as the API, 403 for
those without the right, 422 with messages on the form, never 500; the board's GET filters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import AgreementDocument, AuditEntry, BodyMembership, Indicator
from kompetensbron.samverkan.schemas import ActivityCreate, AgreementCreate, FundingCreate

from .conftest import make_user


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_activity_edit_page(world):
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    url = f"/samverkan/aktiviteter/{activity.pk}/redigera/"
    assert _client(world.outsider).get(url).status_code == 403
    client = _client(world.coordinator)
    assert client.get(url).status_code == 200
    area = world.agreement.areas.get()
    bad = client.post(url, {"title": "Ny titel", "phase": "", "period_start": "2025-05-01", "period_end": "2025-01-01"})
    assert bad.status_code == 422 and "Slutdatum" in bad.content.decode()
    before = AuditEntry.objects.filter(model="samverkan.activity", action="update").count()
    ok = client.post(url, {"title": "Ny titel", "phase": "retain", "areas": [area.pk], "partners": [world.uni.pk]})
    assert ok.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Ny titel" and activity.phase == "retain" and list(activity.areas.all()) == [area]
    assert AuditEntry.objects.filter(model="samverkan.activity", action="update").count() == before + 1


def test_funding_status_page(world):
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    app = services.create_funding_application(
        actor=world.wg_member, activity=activity, data=FundingCreate(funder="ESF", amount_applied=100)
    )
    url = f"/samverkan/finansiering/{app.pk}/status/"
    p = f"f{app.pk}-"
    assert _client(world.outsider).post(url, {p + "status": "granted"}).status_code == 403
    client = _client(world.wg_member)
    bad = client.post(url, {p + "status": "submitted", p + "amount_granted": "50"})
    assert bad.status_code == 422 and "Beviljat belopp anges endast" in bad.content.decode()
    assert client.post(url, {p + "status": "granted", p + "amount_granted": "80"}).status_code == 302
    app.refresh_from_db()
    assert app.status == "granted" and app.amount_granted == 80
    assert "Spara status" in client.get(f"/samverkan/aktiviteter/{activity.pk}/").content.decode()


def test_agreement_edit_and_documents(world):
    url = f"/samverkan/avtal/{world.agreement.pk}/redigera/"
    assert _client(world.outsider).get(url).status_code == 403
    client = _client(world.coordinator)
    assert "Kompetensförsörjning" in client.get(url).content.decode()
    data = {
        "title": "Samverkansavtal test",
        "period_start": "2024-01-01",
        "governance": "direct",
        "binds_funding": "unknown",
        "areas": "Samhällsbyggnad\nKompetensförsörjning\nLikvärdig vård",
    }
    assert client.post(url, data | {"period_end": "2023-01-01"}).status_code == 422
    assert client.post(url, data).status_code == 302
    world.agreement.refresh_from_db()
    assert world.agreement.governance == "direct" and world.agreement.binds_funding is None
    assert not world.agreement.uses_lifecycle and world.agreement.areas.count() == 3
    page = client.get(f"/samverkan/avtal/{world.agreement.pk}/").content.decode()
    assert "Parterna kommer överens direkt" in page and "ingen bindande" not in page.lower()

    add = f"/samverkan/avtal/{world.agreement.pk}/dokument/nytt/"
    assert client.post(add, {"title": "Avtalstext", "url": "javascript:alert(1)"}).status_code == 422
    assert client.post(add, {"title": "Avtalstext", "url": "https://example.org/avtal.pdf"}).status_code == 302
    doc = AgreementDocument.objects.get(agreement=world.agreement)
    remove = f"/samverkan/avtal/{world.agreement.pk}/dokument/{doc.pk}/ta-bort/"
    assert _client(world.outsider).post(remove).status_code == 403
    assert client.post(remove).status_code == 302 and not AgreementDocument.objects.exists()
    assert client.post(remove).status_code == 404


def test_body_page_edit_and_members(world):
    url = f"/samverkan/organ/{world.working.pk}/"
    assert _client(world.outsider).get(url).status_code == 404  # not visible
    assert "Arbetsgruppen" in _client(world.wg_member).get(url).content.decode()
    assert _client(world.wg_member).post(f"{url}redigera/", {"governance": "direct"}).status_code == 403
    admin = _client(world.admin)
    unit = services.create_unit(actor=world.coordinator, organisation=world.kommun, name="Socialförvaltningen")
    edit = admin.post(
        f"{url}redigera/", {"governance": "council_notes", "organisations": [world.kommun.pk], "units": [unit.pk]}
    )
    assert edit.status_code == 302
    world.working.refresh_from_db()
    assert world.working.governance == "council_notes" and list(world.working.units.all()) == [unit]
    assert admin.post(f"{url}ledamoter/", {"user": world.outsider.pk}).status_code == 422  # not of its organisations
    assert admin.post(f"{url}ledamoter/", {"user": world.coordinator.pk}).status_code == 302
    assert BodyMembership.objects.filter(body=world.working, user=world.coordinator).exists()
    assert admin.post(f"{url}ledamoter/{world.coordinator.pk}/ta-bort/").status_code == 302
    assert not BodyMembership.objects.filter(body=world.working, user=world.coordinator).exists()
    assert AuditEntry.objects.filter(model="samverkan.bodymembership", action="delete").count() == 1


def test_indicator_pages(world):
    url = f"/samverkan/avtal/{world.agreement.pk}/indikatorer/"
    client = _client(world.coordinator)
    assert client.get(url).status_code == 200
    assert _client(world.wg_member).post(url, {"name": "X"}).status_code == 403  # a member, not a coordinator
    area = world.agreement.areas.get()
    assert client.post(url, {"name": "Praktikplatser", "unit": "st", "areas": [area.pk]}).status_code == 302
    assert client.post(url, {"name": "praktikplatser"}).status_code == 422  # already there (any case)
    ind = Indicator.objects.get(name="Praktikplatser")
    year = f"/samverkan/indikatorer/{ind.pk}/ar/"
    p = f"i{ind.pk}-"
    assert client.post(year, {p + "year": "3000", p + "target": "5"}).status_code == 422
    assert client.post(year, {p + "year": "2025", p + "target": "5", p + "value": "7"}).status_code == 302
    assert ind.years.get(year=2025).value == 7
    assert "Praktikplatser" in client.get(url).content.decode()


def test_board_filters_and_groups(world):
    agreement = services.create_agreement(
        actor=world.admin,
        data=AgreementCreate(
            title="Områdesavtal",
            party_ids=[world.kommun.pk],
            period_start=dt.date(2024, 1, 1),
            uses_lifecycle=False,
            area_names=["Samhällsbyggnad", "Likvärdig vård"],
        ),
    )
    area = agreement.areas.get(name="Likvärdig vård")
    services.create_activity(
        actor=world.coordinator,
        data=ActivityCreate(
            title="Vårdaktivitet", owner_id=world.kommun.pk, agreement_id=agreement.pk, area_ids=[area.pk]
        ),
    )
    services.create_activity(
        actor=world.coordinator,
        data=ActivityCreate(title="Annan aktivitet", owner_id=world.kommun.pk, agreement_id=agreement.pk),
    )
    client = _client(world.coordinator)
    page = client.get(f"/samverkan/?omrade={area.pk}&grupp=area").content.decode()
    assert "Vårdaktivitet" in page and "Annan aktivitet" not in page and 'id="area-' in page
    page = client.get("/samverkan/?fas=none&grupp=organisation").content.decode()
    assert "Vårdaktivitet" in page and "Annan aktivitet" in page
    for junk in ("omrade=abc", "enhet=99999999999999999999999", "fas=<script>", "grupp=x", "status=nope"):
        assert client.get(f"/samverkan/?{junk}").status_code == 200


@pytest.mark.parametrize("path", ["aktiviteter/{a}/godkann/", "aktiviteter/{a}/notera/"])
def test_governance_posts_refuse_without_the_role(world, path):
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    body = {"organisation": world.kommun.pk, "approve": "1"}
    response = _client(world.wg_member).post("/samverkan/" + path.format(a=activity.pk), body)
    assert response.status_code == 403  # a steering-group agreement: no approvals, no council


def test_api_approval_documents_bodies_and_units(world):
    api = "/api/v1/samverkan"
    agreement = services.create_agreement(
        actor=world.admin,
        data=AgreementCreate(
            title="API-avtal",
            party_ids=[world.kommun.pk, world.uni.pk],
            period_start=dt.date(2024, 1, 1),
            governance="direct",
        ),
    )
    activity = services.create_activity(
        actor=world.coordinator,
        data=ActivityCreate(title="API", phase="attract", owner_id=world.kommun.pk, agreement_id=agreement.pk),
    )
    client = _client(world.coordinator)
    r = client.post(
        f"{api}/activities/{activity.pk}/approval",
        {"organisation_id": world.kommun.pk},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "proposed" and r.json()["approvals"][0]["kind"] == "approve"
    steps = client.get(f"{api}/activities/{activity.pk}/next-steps").json()
    assert steps[0]["action"] == "approve" and "Testuniversitetet" in steps[0]["text"]
    r = client.post(
        f"{api}/agreements/{agreement.pk}/documents",
        {"title": "Avtal", "url": "https://example.org/a"},
        content_type="application/json",
    )
    assert r.status_code == 201
    doc_id = r.json()["documents"][0]["id"]
    assert client.delete(f"{api}/agreements/{agreement.pk}/documents/{doc_id}").json()["documents"] == []
    r = client.post(
        f"{api}/organisations/{world.kommun.pk}/units", {"name": "Socialförvaltningen"}, content_type="application/json"
    )
    assert r.status_code == 201
    assert [u["name"] for u in client.get(f"{api}/organisations/{world.kommun.pk}/units").json()] == [
        "Socialförvaltningen"
    ]
    stranger = make_user("stranger@test.invalid")
    assert _client(stranger).get(f"{api}/organisations/{world.kommun.pk}/units").status_code == 404
    admin = _client(world.admin)
    r = admin.patch(f"{api}/bodies/{world.working.pk}", {"governance": "direct"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["governance"] == "direct"
    r = admin.delete(f"{api}/bodies/{world.working.pk}/members/{world.wg_member.pk}")
    assert r.status_code == 200 and r.json()["member_count"] == 0
    assert admin.delete(f"{api}/bodies/{world.working.pk}/members/{world.wg_member.pk}").status_code == 404
