"""Removing links to the knowledge base and computed indicator sources (issue 12, point 5): on
the page and in the API, by the rule that adds them, audited; refused 403, unknown 404."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import AuditEntry, KnowledgeLink
from kompetensbron.samverkan.schemas import IndicatorCreate
from kompetensbron.samverkan.schemas_meetings import IndicatorSourceIn, LinkIn, MeetingCreate, MeetingDecisionIn

from .meeting_fixtures import toy_reference

API = "/api/v1/samverkan"


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _deleted(model: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(model=model, action="delete"))


def test_an_activity_link_is_removed_on_the_page_and_in_the_api(world):
    toy_reference()
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    add = services.add_activity_link
    first = add(actor=world.wg_member, activity=activity, data=LinkIn(kind="occupation", ref="2343"))
    second = add(actor=world.wg_member, activity=activity, data=LinkIn(kind="region", ref="0126"))
    member = _client(world.wg_member)
    page = member.get(f"/samverkan/aktiviteter/{activity.pk}/kopplingar/").content.decode()
    assert f"/samverkan/kopplingar/{first.pk}/ta-bort/" in page
    assert _client(world.outsider).post(f"/samverkan/kopplingar/{first.pk}/ta-bort/").status_code == 403
    r = member.post(f"/samverkan/kopplingar/{first.pk}/ta-bort/")
    assert r.status_code == 302 and r["Location"] == f"/samverkan/aktiviteter/{activity.pk}/kopplingar/"
    assert list(KnowledgeLink.objects.filter(activity=activity)) == [second]
    [entry] = _deleted("samverkan.knowledgelink")
    assert entry.before["ssyk_id"] == "2343" and entry.actor == world.wg_member
    assert member.post(f"/samverkan/kopplingar/{first.pk}/ta-bort/").status_code == 404
    assert member.get(f"/samverkan/kopplingar/{second.pk}/ta-bort/").status_code == 405  # no GET that writes
    assert _client(world.outsider).delete(f"{API}/links/{second.pk}").status_code == 403
    assert member.delete(f"{API}/links/{second.pk}").status_code == 204
    assert member.delete(f"{API}/links/{second.pk}").status_code == 404
    assert (
        not KnowledgeLink.objects.filter(activity=activity).exists() and len(_deleted("samverkan.knowledgelink")) == 2
    )


def test_a_decision_link_is_removed_from_the_meeting_page(world):
    toy_reference()
    meeting = services.meetings.create_meeting(
        actor=world.admin, body=world.steering, data=MeetingCreate(date=dt.date(2025, 2, 1))
    )
    decision = services.meetings.record_meeting_decision(
        actor=world.admin,
        meeting=meeting,
        data=MeetingDecisionIn(subject="agreement", decision="approve", justification="Modellen gäller."),
    )
    link = services.add_decision_link(actor=world.admin, decision=decision, data=LinkIn(kind="occupation", ref="2343"))
    admin = _client(world.admin)
    assert f"/samverkan/kopplingar/{link.pk}/ta-bort/".encode() in admin.get(f"/samverkan/moten/{meeting.pk}/").content
    assert _client(world.wg_member).post(f"/samverkan/kopplingar/{link.pk}/ta-bort/").status_code == 403
    r = admin.post(f"/samverkan/kopplingar/{link.pk}/ta-bort/")
    assert r.status_code == 302 and r["Location"] == f"/samverkan/moten/{meeting.pk}/"
    assert not decision.knowledge_links.exists() and len(_deleted("samverkan.knowledgelink")) == 1


def test_a_computed_source_is_removed_and_the_indicator_typed_again(world):
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Anställningar")
    )
    data = IndicatorSourceIn(kind="matchning:hires", organisation_id=world.uni.pk)
    services.set_indicator_source(actor=world.coordinator, indicator=indicator, data=data)
    coordinator = _client(world.coordinator)
    url = f"/samverkan/indikatorer/{indicator.pk}/kalla/ta-bort/"
    assert url.encode() in coordinator.get(f"/samverkan/indikatorer/{indicator.pk}/kalla/").content
    assert _client(world.wg_member).post(url).status_code == 403  # a member, not a coordinator
    r = coordinator.post(url)
    assert r.status_code == 302 and r["Location"] == f"/samverkan/indikatorer/{indicator.pk}/kalla/"
    indicator.refresh_from_db()
    assert not hasattr(indicator, "source")
    [entry] = _deleted("samverkan.indicatorsource")
    assert entry.before["kind"] == "matchning:hires"
    assert coordinator.post(url).status_code == 404  # nothing to remove
    services.set_indicator_source(actor=world.coordinator, indicator=indicator, data=data)
    assert _client(world.wg_member).delete(f"{API}/indicators/{indicator.pk}/source").status_code == 403
    assert coordinator.delete(f"{API}/indicators/{indicator.pk}/source").status_code == 204
    assert coordinator.delete(f"{API}/indicators/{indicator.pk}/source").status_code == 404
    assert len(_deleted("samverkan.indicatorsource")) == 2
