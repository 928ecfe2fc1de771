"""Competence needs: registered by the organisation's members (region and SSYK validated against
the reference tables), answered by universities, followed up along their workflows, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import AuditEntry, Unit
from kompetensbron.samverkan.schemas_meetings import AnswerCreate, NeedCreate

from .meeting_fixtures import toy_reference

N = services.needs


def _need(world, actor=None, **overrides):
    data = (
        dict(
            organisation_id=world.kommun.pk,
            title="Förskollärare med specialpedagogik",
            headcount=12,
            needed_from=dt.date(2026, 8, 1),
            region_code="0126",
            ssyk_code="2343",
        )
        | overrides
    )
    return N.create_need(actor=actor or world.wg_member, data=NeedCreate(**data))


def _answer(world, need, actor=None, **overrides):
    data = dict(organisation_id=world.uni.pk, kind="commissioned", title="Uppdragsutbildning, 15 hp", places=12)
    return N.answer_need(actor=actor or world.sg_member, need=need, data=AnswerCreate(**(data | overrides)))


def test_a_member_registers_a_need_with_region_and_occupation(world):
    toy_reference()
    unit = Unit.objects.create(organisation=world.kommun, name="Barn- och utbildningsförvaltningen")
    need = _need(world, unit_id=unit.pk)
    assert (need.kommun_id, need.ssyk_id, need.unit, need.status) == ("0126", "2343", unit, "open")
    assert AuditEntry.objects.filter(model="samverkan.competenceneed", action="create").count() == 1
    public = services.meetings_public.need(need)
    assert public.region == "Huddinge" and public.occupation == "Förskollärare"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("region_code", "9999"),
        ("region_code", "1"),
        ("ssyk_code", "9999"),
        ("headcount", 0),
        ("needed_until", "2026-01-01"),
    ],
)
def test_bad_inputs_are_422(world, field, value):
    toy_reference()
    with pytest.raises(ValidationFailed) as exc:
        _need(world, **{field: value})
    assert field in exc.value.errors


def test_scope_a_need_only_for_ones_own_organisation_and_unit(world):
    toy_reference()
    with pytest.raises(PermissionDenied):
        _need(world, actor=world.outsider)  # for the kommun, from another organisation
    other_unit = Unit.objects.create(organisation=world.other, name="Annan enhet")
    with pytest.raises(ValidationFailed):
        _need(world, unit_id=other_unit.pk)


def test_universities_answer_and_the_workflows_are_followed(world):
    toy_reference()
    need = _need(world)
    with pytest.raises(PermissionDenied):  # a municipality does not answer in a university's name
        _answer(world, need, actor=world.coordinator, organisation_id=world.kommun.pk)
    with pytest.raises(PermissionDenied):  # nor in another organisation's
        _answer(world, need, actor=world.outsider)
    answer = _answer(world, need)
    need.refresh_from_db()
    assert need.status == "answered"
    with pytest.raises(PermissionDenied):  # the need's organisation accepts, not the university
        N.transition_answer(actor=world.sg_member, answer=answer, to_status="accepted")
    N.transition_answer(actor=world.coordinator, answer=answer, to_status="accepted")
    with pytest.raises(PermissionDenied):  # the university runs it, not the need's organisation
        N.transition_answer(actor=world.coordinator, answer=answer, to_status="running")
    N.transition_answer(actor=world.sg_member, answer=answer, to_status="running")
    with pytest.raises(ValidationFailed):
        N.transition_answer(actor=world.sg_member, answer=answer, to_status="offered")
    N.transition_need(actor=world.wg_member, need=need, to_status="in_progress")
    with pytest.raises(ValidationFailed):
        N.transition_need(actor=world.wg_member, need=need, to_status="open")
    with pytest.raises(PermissionDenied):
        N.transition_need(actor=world.sg_member, need=need, to_status="met")
    N.transition_need(actor=world.wg_member, need=need, to_status="met")
    with pytest.raises(ValidationFailed):  # a met need takes no more answers
        _answer(world, need)
    actions = set(
        AuditEntry.objects.filter(model__in=["samverkan.needanswer", "samverkan.competenceneed"]).values_list(
            "action", flat=True
        )
    )
    assert {
        "create",
        "status:answered",
        "status:accepted",
        "status:running",
        "status:in_progress",
        "status:met",
    } <= actions


def test_a_catalogue_course_must_be_the_answering_universitys(world):
    from kompetensbron.education.models import Course, Institution

    toy_reference()
    need = _need(world)
    own = Institution.objects.create(name="Testhögskolan", organisation=world.uni)
    foreign = Institution.objects.create(name="Annan högskola", organisation=world.other)
    course = Course.objects.create(institution=own, code="SP101", title="Specialpedagogik", credits=15)
    other = Course.objects.create(institution=foreign, code="XX1", title="Annat", credits=7.5)
    with pytest.raises(ValidationFailed):
        _answer(world, need, kind="course")
    with pytest.raises(ValidationFailed):
        _answer(world, need, kind="course", course_id=other.pk)
    answer = _answer(world, need, kind="course", course_id=course.pk)
    assert services.meetings_public.answer(answer).course == "SP101 Specialpedagogik"


def test_pages_and_api(world):
    toy_reference()
    c = Client()
    c.force_login(world.wg_member)
    r = c.post(
        "/samverkan/behov/nytt/",
        {"organisation": world.kommun.pk, "title": "Sjuksköterskor", "headcount": 4, "region_code": "0126"},
    )
    assert r.status_code == 302, r.content
    need = world.kommun.competence_needs.get()
    bad = c.post(
        "/samverkan/behov/nytt/", {"organisation": world.kommun.pk, "title": "X", "headcount": 1, "region_code": "9999"}
    )
    assert bad.status_code == 422 and "Okänd regionkod".encode() in bad.content
    assert b"Sjuksk" in c.get("/samverkan/behov/").content
    uni = Client()
    uni.force_login(world.sg_member)
    r = uni.post(
        f"/samverkan/behov/{need.pk}/svar/",
        {"organisation": world.uni.pk, "kind": "distance", "title": "Distanskurs i vård"},
    )
    assert r.status_code == 302, r.content
    answer = need.answers.get()
    page = c.get(f"/samverkan/behov/{need.pk}/")
    assert b"Distanskurs" in page.content and f"/samverkan/svar/{answer.pk}/status/".encode() in page.content
    assert c.post(f"/samverkan/svar/{answer.pk}/status/", {"to_status": "accepted"}).status_code == 302
    answer.refresh_from_db()
    assert answer.status == "accepted"
    assert uni.post(f"/samverkan/behov/{need.pk}/status/", {"to_status": "closed"}).status_code == 403
    api = c.get(f"/api/v1/samverkan/needs/{need.pk}").json()
    assert api["answers"][0]["status"] == "accepted" and api["region"] == "Huddinge"
    r = c.post(
        "/api/v1/samverkan/needs",
        {"organisation_id": world.kommun.pk, "title": "X", "headcount": 2**40},
        content_type="application/json",
    )
    assert r.status_code == 422
