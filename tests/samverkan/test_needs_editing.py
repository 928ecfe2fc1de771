"""Editing a competence need (issue 12, point 6): what, how many, when, where, its areas and its
status, by the need's own organisation only, on the page and in the API, audited."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import Agreement, AuditEntry, DevelopmentArea
from kompetensbron.samverkan.schemas_meetings import NeedCreate

from .meeting_fixtures import toy_reference

N = services.needs


def _need(world):
    toy_reference()
    return N.create_need(
        actor=world.wg_member,
        data=NeedCreate(organisation_id=world.kommun.pk, title="Förskollärare", headcount=12, region_code="0126"),
    )


def _form(world, **overrides):
    return {
        "agreement": world.agreement.pk,
        "title": "Förskollärare med specialpedagogik",
        "description": "Till hösten",
        "headcount": 15,
        "needed_from": "2026-08-01",
        "needed_until": "2027-06-30",
        "region_code": "0126",
        "ssyk_code": "2343",
        "areas": [DevelopmentArea.objects.get(name="Kompetensförsörjning").pk],
        "status": "open",
    } | overrides


def _foreign_area():
    other = Agreement.objects.create(title="Annat avtal", period_start=dt.date(2024, 1, 1))
    area = DevelopmentArea.objects.create(name="Främmande område")
    other.areas.add(area)
    return area


def test_the_page_edits_a_need_and_audits_it(world):
    need = _need(world)
    c = Client()
    c.force_login(world.wg_member)
    assert c.get(f"/samverkan/behov/{need.pk}/andra/").status_code == 200
    assert f"/samverkan/behov/{need.pk}/andra/".encode() in c.get(f"/samverkan/behov/{need.pk}/").content
    r = c.post(f"/samverkan/behov/{need.pk}/andra/", _form(world, status="closed"))
    assert r.status_code == 302, r.content.decode()[:2000]
    need.refresh_from_db()
    assert (need.title, need.headcount, need.needed_until, need.ssyk_id, need.status) == (
        "Förskollärare med specialpedagogik",
        15,
        dt.date(2027, 6, 30),
        "2343",
        "closed",
    )
    assert [a.name for a in need.areas.all()] == ["Kompetensförsörjning"]
    entry = AuditEntry.objects.filter(model="samverkan.competenceneed", object_id=str(need.pk), action="update").get()
    assert entry.before["headcount"] == 12 and entry.after["headcount"] == 15
    assert entry.before["areas"] == [] and entry.after["areas"] == [need.areas.get().pk]


def test_the_page_refuses_others_and_bad_input(world):
    need = _need(world)
    uni = Client()
    uni.force_login(world.sg_member)  # a university member, not of the need's organisation
    assert uni.get(f"/samverkan/behov/{need.pk}/andra/").status_code == 403
    assert uni.post(f"/samverkan/behov/{need.pk}/andra/", _form(world)).status_code == 403
    c = Client()
    c.force_login(world.wg_member)
    for bad in (
        {"headcount": 0},  # the form's bound
        {"region_code": "9999"},  # the service's reference check
        {"status": "met"},  # not a next step of an open need
        {"needed_until": "2026-01-01"},  # before needed_from
    ):
        assert c.post(f"/samverkan/behov/{need.pk}/andra/", _form(world, **bad)).status_code == 422, bad
    foreign = _foreign_area()
    r = c.post(f"/samverkan/behov/{need.pk}/andra/", _form(world, areas=[foreign.pk]))
    assert r.status_code == 422  # not offered: the form refuses an area of an agreement one is not party to
    assert not AuditEntry.objects.filter(model="samverkan.competenceneed", action="update").exists()


def test_the_api_patches_a_need(world):
    need = _need(world)
    c = Client()
    c.force_login(world.wg_member)
    url = f"/api/v1/samverkan/needs/{need.pk}"
    area = DevelopmentArea.objects.get(name="Kompetensförsörjning")
    r = c.patch(url, {"area_ids": [area.pk]}, content_type="application/json")
    assert r.status_code == 422 and "area_ids" in r.content.decode()  # no agreement: no agreement's areas
    body = {"agreement_id": world.agreement.pk, "area_ids": [area.pk], "headcount": 20, "status": "closed"}
    r = c.patch(url, body, content_type="application/json")
    assert r.status_code == 200, r.content
    assert (r.json()["headcount"], r.json()["areas"], r.json()["status"]) == (20, ["Kompetensförsörjning"], "closed")
    assert r.json()["region_code"] == "0126"  # not sent: unchanged
    r = c.patch(url, {"area_ids": [_foreign_area().pk]}, content_type="application/json")
    assert r.status_code == 422
    r = c.patch(url, {"status": "met"}, content_type="application/json")
    assert r.status_code == 422
    uni = Client()
    uni.force_login(world.sg_member)
    assert uni.patch(url, {"headcount": 1}, content_type="application/json").status_code == 403
    need.refresh_from_db()
    assert need.headcount == 20
    assert AuditEntry.objects.filter(model="samverkan.competenceneed", action="update").count() == 1
