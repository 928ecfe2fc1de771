"""Funding and indicators carry the agreement's development areas and the units involved (issue
12, point 2): the web forms and the API let a coordinator set them, only among the agreement's
own areas and the involved organisations' units (a foreign agreement's area is a 422)."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import Agreement, AuditEntry, DevelopmentArea, Unit
from kompetensbron.samverkan.schemas import IndicatorCreate

API = "/api/v1/samverkan"


def _setting(world):
    area = DevelopmentArea.objects.get(name="Kompetensförsörjning")
    unit = Unit.objects.create(organisation=world.kommun, name="Socialförvaltningen")
    foreign_area = DevelopmentArea.objects.create(name="Främmande område")
    Agreement.objects.create(title="Annat avtal", period_start=dt.date(2024, 1, 1)).areas.add(foreign_area)
    foreign_unit = Unit.objects.create(organisation=world.other, name="Annan AB:s enhet")
    return area, unit, foreign_area, foreign_unit


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_funding_form_sets_areas_and_units(world):
    area, unit, foreign_area, foreign_unit = _setting(world)
    activity = world.proposed()
    c = _client(world.wg_member)
    page = c.get(f"/samverkan/aktiviteter/{activity.pk}/").content.decode()
    assert "Socialförvaltningen" in page and "Främmande område" not in page  # only the agreement's own offered
    url = f"/samverkan/aktiviteter/{activity.pk}/finansiering/"
    body = {"funder": "ESF", "amount_applied": "100000", "status": "planned"}
    r = c.post(url, body | {"areas": [area.pk], "units": [unit.pk]})
    assert r.status_code == 302, r.content.decode()[:3000]
    app = activity.funding_applications.get()
    assert list(app.areas.all()) == [area] and list(app.units.all()) == [unit]
    assert AuditEntry.objects.get(model="samverkan.fundingapplication", action="create").after["areas"] == [area.pk]
    assert c.post(url, body | {"areas": [foreign_area.pk]}).status_code == 422
    assert c.post(url, body | {"units": [foreign_unit.pk]}).status_code == 422
    assert activity.funding_applications.count() == 1
    assert _client(world.outsider).post(url, body | {"areas": [area.pk]}).status_code == 403


def test_the_funding_api_sets_areas_and_units(world):
    area, unit, foreign_area, foreign_unit = _setting(world)
    activity = world.proposed()
    c = _client(world.wg_member)
    url = f"{API}/activities/{activity.pk}/funding"
    body = {"funder": "ESF", "amount_applied": 1000}
    r = c.post(url, body | {"area_ids": [area.pk], "unit_ids": [unit.pk]}, content_type="application/json")
    assert r.status_code == 201, r.content
    assert [x["name"] for x in r.json()["areas"]] == ["Kompetensförsörjning"]
    assert [x["id"] for x in r.json()["units"]] == [unit.pk]
    r = c.post(url, body | {"area_ids": [foreign_area.pk]}, content_type="application/json")
    assert r.status_code == 422 and "area_ids" in r.content.decode()
    assert c.post(url, body | {"unit_ids": [foreign_unit.pk]}, content_type="application/json").status_code == 422
    funding_id = activity.funding_applications.get().pk
    r = c.patch(f"{API}/funding/{funding_id}", {"area_ids": [foreign_area.pk]}, content_type="application/json")
    assert r.status_code == 422
    r = c.patch(f"{API}/funding/{funding_id}", {"area_ids": []}, content_type="application/json")
    assert r.status_code == 200 and r.json()["areas"] == []


def test_the_indicator_page_edits_areas_and_units(world):
    area, unit, foreign_area, foreign_unit = _setting(world)
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Antal praktikplatser")
    )
    c = _client(world.coordinator)
    url = f"/samverkan/indikatorer/{indicator.pk}/andra/"
    assert url.encode() in c.get(f"/samverkan/avtal/{world.agreement.pk}/indikatorer/").content
    assert c.get(url).status_code == 200
    body = {"name": "Praktikplatser", "unit": "st", "higher_is_better": "on"}
    r = c.post(url, body | {"areas": [area.pk], "units": [unit.pk]})
    assert r.status_code == 302, r.content.decode()[:3000]
    indicator.refresh_from_db()
    assert (indicator.name, list(indicator.areas.all()), list(indicator.units.all())) == (
        "Praktikplatser",
        [area],
        [unit],
    )
    entry = AuditEntry.objects.get(model="samverkan.indicator", action="update")
    assert entry.before["name"] == "Antal praktikplatser" and entry.after["units"] == [unit.pk]
    assert c.post(url, body | {"areas": [foreign_area.pk]}).status_code == 422
    assert c.post(url, body | {"units": [foreign_unit.pk]}).status_code == 422
    assert c.post(url, body | {"name": ""}).status_code == 422
    wg = _client(world.wg_member)  # a member, not a coordinator
    assert wg.get(url).status_code == 403 and wg.post(url, body).status_code == 403


def test_the_indicator_api_patches_areas_and_units(world):
    area, unit, foreign_area, foreign_unit = _setting(world)
    make = services.create_indicator
    indicator = make(actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Anställda"))
    make(actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Examinerade"))
    c = _client(world.coordinator)
    url = f"{API}/indicators/{indicator.pk}"
    r = c.patch(url, {"area_ids": [area.pk], "unit_ids": [unit.pk]}, content_type="application/json")
    assert r.status_code == 200, r.content
    assert (r.json()["name"], [x["id"] for x in r.json()["areas"]]) == ("Anställda", [area.pk])
    for bad in ({"area_ids": [foreign_area.pk]}, {"unit_ids": [foreign_unit.pk]}, {"name": "examinerade"}):
        assert c.patch(url, bad, content_type="application/json").status_code == 422, bad
    assert _client(world.wg_member).patch(url, {"name": "X"}, content_type="application/json").status_code == 403
    assert AuditEntry.objects.filter(model="samverkan.indicator", action="update").count() == 1
