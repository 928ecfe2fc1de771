"""Meetings: recorded by the body's members, ideas become activities in one step through the
activity rules, decisions on activities / the agreement / a programme, bounded documents, and
the yearly report lists them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import Activity, AuditEntry, Decision, MeetingIdea
from kompetensbron.samverkan.schemas_meetings import (
    AttendeeIn,
    IdeaIn,
    IdeaToActivityIn,
    MeetingCreate,
    MeetingDecisionIn,
)

from .meeting_fixtures import council

M = services.meetings


@pytest.fixture
def rådet(world):
    return council(world, (world.coordinator, world.kommun), (world.sg_member, world.uni))


def _meeting(world, body, actor=None):
    return M.create_meeting(
        actor=actor or world.coordinator,
        body=body,
        data=MeetingCreate(date=dt.date(2025, 3, 12), title="Vårmötet", agenda="1. Läget", minutes="Noterat."),
    )


def test_members_record_a_meeting_others_are_refused(world, rådet):
    before = AuditEntry.objects.count()
    meeting = _meeting(world, rådet)
    assert meeting.agreement == world.agreement  # the body's agreement by default
    assert AuditEntry.objects.filter(model="samverkan.meeting", object_id=str(meeting.pk), action="create").exists()
    with pytest.raises(PermissionDenied):
        _meeting(world, rådet, actor=world.outsider)
    with pytest.raises(PermissionDenied):
        _meeting(world, rådet, actor=world.wg_member)  # in the kommun but not in the council
    assert AuditEntry.objects.count() == before + 1


def test_attendees_are_users_or_named_people_with_an_organisation(world, rådet):
    meeting = _meeting(world, rådet)
    M.add_attendee(actor=world.coordinator, meeting=meeting, data=AttendeeIn(user_id=world.sg_member.pk))
    M.add_attendee(
        actor=world.coordinator, meeting=meeting, data=AttendeeIn(name="Prorektor", organisation_id=world.uni.pk)
    )
    public = services.meetings_public.meeting(meeting)
    assert [(a.name, a.organisation) for a in public.attendees] == [
        ("Styrgrupp Testsson", "Testuniversitetet"),  # the organisation of their seat
        ("Prorektor", "Testuniversitetet"),
    ]
    with pytest.raises(ValidationFailed):
        M.add_attendee(actor=world.coordinator, meeting=meeting, data=AttendeeIn(user_id=world.sg_member.pk))
    with pytest.raises(ValidationFailed):
        M.add_attendee(actor=world.coordinator, meeting=meeting, data=AttendeeIn())
    with pytest.raises(ValidationFailed):  # a user of an organisation the coordinator does not work with
        M.add_attendee(actor=world.coordinator, meeting=meeting, data=AttendeeIn(user_id=world.outsider.pk))
    with pytest.raises(PermissionDenied):  # an organisation the coordinator does not work with
        M.add_attendee(
            actor=world.coordinator, meeting=meeting, data=AttendeeIn(name="X", organisation_id=world.other.pk)
        )


def test_an_idea_becomes_an_activity_in_one_step(world, rådet):
    meeting = _meeting(world, rådet)
    idea = M.add_idea(
        actor=world.sg_member,
        meeting=meeting,
        data=IdeaIn(
            title="Forskarskola för lärare", description="Lärare forskar på deltid.", organisation_id=world.uni.pk
        ),
    )
    activity = M.idea_to_activity(
        actor=world.coordinator,
        idea=idea,
        data=IdeaToActivityIn(phase="develop", owner_id=world.kommun.pk, partner_ids=[world.uni.pk]),
    )
    idea.refresh_from_db()
    assert idea.activity == activity
    assert (activity.title, activity.description, activity.status) == (
        "Forskarskola för lärare",
        "Lärare forskar på deltid.",
        "idea",
    )
    assert activity.agreement == world.agreement  # the meeting's agreement
    assert AuditEntry.objects.filter(model="samverkan.meetingidea", action="to_activity").count() == 1
    assert AuditEntry.objects.filter(model="samverkan.activity", object_id=str(activity.pk), action="create").exists()
    with pytest.raises(ValidationFailed):
        M.idea_to_activity(
            actor=world.coordinator, idea=idea, data=IdeaToActivityIn(phase="develop", owner_id=world.kommun.pk)
        )


def test_the_activity_rules_apply_and_a_refusal_leaves_nothing(world, rådet):
    meeting = _meeting(world, rådet)
    idea = M.add_idea(actor=world.coordinator, meeting=meeting, data=IdeaIn(title="Idé"))
    count = Activity.objects.count()
    # the university member may not make the kommun own it (the activity service's scope rule)
    with pytest.raises(PermissionDenied):
        M.idea_to_activity(
            actor=world.sg_member, idea=idea, data=IdeaToActivityIn(phase="develop", owner_id=world.kommun.pk)
        )
    # proposing at once is for the working group's members (the activity rule)
    with pytest.raises(PermissionDenied):
        M.idea_to_activity(
            actor=world.coordinator,
            idea=idea,
            data=IdeaToActivityIn(phase="develop", owner_id=world.kommun.pk, propose=True),
        )
    assert Activity.objects.count() == count
    assert MeetingIdea.objects.get(pk=idea.pk).activity is None
    with pytest.raises(PermissionDenied):  # not in the council at all
        M.idea_to_activity(
            actor=world.wg_member, idea=idea, data=IdeaToActivityIn(phase="develop", owner_id=world.kommun.pk)
        )


def test_decisions_on_the_agreement_a_programme_and_an_activity(world, rådet):
    from kompetensbron.education.models import Institution, Programme

    meeting = _meeting(world, rådet)
    on_model = M.record_meeting_decision(
        actor=world.coordinator,
        meeting=meeting,
        data=MeetingDecisionIn(subject="agreement", decision="approve", justification="Modellen utvidgas."),
    )
    assert (on_model.subject, on_model.agreement, on_model.body, on_model.date) == (
        "agreement",
        world.agreement,
        rådet,
        meeting.date,
    )
    institution = Institution.objects.create(name="Testhögskolan", organisation=world.uni)
    programme = Programme.objects.create(institution=institution, code="SSK", name="Sjuksköterskeprogrammet")
    on_programme = M.record_meeting_decision(
        actor=world.coordinator,
        meeting=meeting,
        data=MeetingDecisionIn(
            subject="programme", programme_id=programme.pk, decision="approve", justification="Inrättas."
        ),
    )
    assert on_programme.subject_title == "SSK Sjuksköterskeprogrammet"
    foreign = Programme.objects.create(
        institution=Institution.objects.create(name="Annan högskola", organisation=world.other), code="X", name="X"
    )
    with pytest.raises(PermissionDenied):  # a programme of an institution outside the body and the agreement
        M.record_meeting_decision(
            actor=world.coordinator,
            meeting=meeting,
            data=MeetingDecisionIn(subject="programme", programme_id=foreign.pk, decision="approve", justification="?"),
        )
    with pytest.raises(ValidationFailed):
        M.record_meeting_decision(
            actor=world.coordinator,
            meeting=meeting,
            data=MeetingDecisionIn(subject="programme", decision="approve", justification="?"),
        )
    # on an activity: the steering group's decision; recorded at the steering group's meeting
    proposal = world.proposed()
    with pytest.raises(ValidationFailed):  # the council does not decide the working group's proposals
        M.record_meeting_decision(
            actor=world.sg_member,
            meeting=meeting,
            data=MeetingDecisionIn(
                subject="activity", activity_id=proposal.pk, decision="approve", justification="Ja."
            ),
        )
    proposal.refresh_from_db()
    assert proposal.status == "proposed" and not Decision.objects.filter(activity=proposal).exists()
    steering_meeting = _meeting(world, world.steering, actor=world.sg_member)
    decision = M.record_meeting_decision(
        actor=world.sg_member,
        meeting=steering_meeting,
        data=MeetingDecisionIn(subject="activity", activity_id=proposal.pk, decision="approve", justification="Ja."),
    )
    proposal.refresh_from_db()
    assert proposal.status == "decided" and decision.meeting == steering_meeting
    with pytest.raises(PermissionDenied):
        M.record_meeting_decision(
            actor=world.outsider,
            meeting=meeting,
            data=MeetingDecisionIn(subject="agreement", decision="approve", justification="x"),
        )
    report = services.yearly_report(actor=world.coordinator, agreement=world.agreement, year=2025)
    titles = {(d.subject, d.activity_title) for d in report.decisions}
    assert ("agreement", "Samverkansavtal test") in titles and ("programme", "SSK Sjuksköterskeprogrammet") in titles
    assert [m.id for m in report.meetings] == sorted([meeting.pk, steering_meeting.pk])
    assert report.meetings[0].decisions + report.meetings[1].decisions == 3


PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "content", "content_type", "ok"),
    [
        ("dagordning.pdf", PDF, "application/pdf", True),
        ("protokoll.txt", "Protokoll åäö".encode(), "text/plain", True),
        ("virus.exe", b"MZ\x90\x00", "application/octet-stream", False),
        ("falsk.pdf", b"<html>", "application/pdf", False),  # the content is no PDF
        ("fel.pdf", PDF, "text/html", False),  # declared type does not match
        ("binar.txt", b"abc\x00def", "text/plain", False),
    ],
)
def test_uploaded_documents_are_bounded_by_type_and_content(
    world, rådet, settings, tmp_path, name, content, content_type, ok
):
    settings.MEDIA_ROOT = tmp_path
    meeting = _meeting(world, rådet)
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    if ok:
        doc = M.add_document(actor=world.coordinator, meeting=meeting, title="Dokument", file=upload)
        assert doc.file.name.startswith("samverkan/moten/")
    else:
        with pytest.raises(ValidationFailed):
            M.add_document(actor=world.coordinator, meeting=meeting, title="Dokument", file=upload)


def test_documents_too_large_or_without_link_or_file_are_refused(world, rådet, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    meeting = _meeting(world, rådet)
    monkeypatch.setattr(M, "MAX_DOCUMENT_BYTES", 10)
    with pytest.raises(ValidationFailed, match="högst"):
        M.add_document(
            actor=world.coordinator,
            meeting=meeting,
            title="Stor",
            file=SimpleUploadedFile("s.pdf", PDF, "application/pdf"),
        )
    with pytest.raises(ValidationFailed):
        M.add_document(actor=world.coordinator, meeting=meeting, title="Tom")


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_api_meeting_round_trip_and_unsafe_links(world, rådet):
    c = _client(world.coordinator)
    r = c.post(
        f"/api/v1/samverkan/bodies/{rådet.pk}/meetings",
        {"date": "2025-03-12", "title": "Vårmötet", "agenda": "1. Läget"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    bad = c.post(
        f"/api/v1/samverkan/meetings/{pk}/documents",
        {"title": "x", "url": "javascript:alert(1)"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    r = c.post(f"/api/v1/samverkan/meetings/{pk}/ideas", {"title": "Idé"}, content_type="application/json")
    assert r.status_code == 201
    r = c.post(
        f"/api/v1/samverkan/ideas/{r.json()['id']}/activity",
        {"phase": "attract", "owner_id": world.kommun.pk},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["title"] == "Idé" and r.json()["status"] == "idea"
    r = c.patch(f"/api/v1/samverkan/meetings/{pk}", {"minutes": "Noterat."}, content_type="application/json")
    assert r.json()["minutes"] == "Noterat." and r.json()["ideas_to_activities"] == 1
    assert _client(world.outsider).get(f"/api/v1/samverkan/meetings/{pk}").status_code == 404
    assert c.get(f"/api/v1/samverkan/bodies/{rådet.pk}/meetings").json()[0]["id"] == pk


def test_pages_list_record_and_turn_an_idea_into_an_activity(world, rådet):
    c = _client(world.coordinator)
    assert f"/samverkan/organ/{rådet.pk}/moten/".encode() in c.get("/samverkan/organ/").content
    r = c.post(f"/samverkan/organ/{rådet.pk}/moten/", {"date": "2025-03-12", "title": "Vårmötet"})
    assert r.status_code == 302
    meeting = rådet.meetings.get()
    assert c.post(f"/samverkan/moten/{meeting.pk}/ideer/", {"idea-title": "Mentorer"}).status_code == 302
    idea = meeting.ideas.get()
    page = c.get(f"/samverkan/moten/{meeting.pk}/")
    assert b"Mentorer" in page.content and f"/samverkan/ideer/{idea.pk}/aktivitet/".encode() in page.content
    form = c.get(f"/samverkan/ideer/{idea.pk}/aktivitet/")
    assert form.status_code == 200 and b'value="Mentorer"' in form.content
    r = c.post(
        f"/samverkan/ideer/{idea.pk}/aktivitet/", {"title": "Mentorer", "phase": "stimulate", "owner": world.kommun.pk}
    )
    assert r.status_code == 302, r.content
    idea.refresh_from_db()
    assert r["Location"] == f"/samverkan/aktiviteter/{idea.activity_id}/"
    bad = c.post(
        f"/samverkan/moten/{meeting.pk}/dokument/", {"document-title": "x", "document-url": "javascript:alert(1)"}
    )
    assert bad.status_code == 422
    assert _client(world.outsider).post(f"/samverkan/moten/{meeting.pk}/ideer/", {"idea-title": "x"}).status_code == 403
    assert (
        c.post(
            f"/samverkan/moten/{meeting.pk}/beslut/",
            {
                "decision-subject": "agreement",
                "decision-decision": "approve",
                "decision-justification": "Modellen gäller.",
            },
        ).status_code
        == 302
    )
    decision = meeting.samverkan_decisions.get()
    r = c.post(f"/samverkan/beslut/{decision.pk}/kopplingar/", {"kind": "programme", "ref": "999999"})
    assert r.status_code == 302 and decision.knowledge_links.count() == 0  # refused, with a message
    from kompetensbron.education.models import Institution, Programme

    programme = Programme.objects.create(
        institution=Institution.objects.create(name="Testhögskolan", organisation=world.uni), code="P1", name="Prog"
    )
    assert (
        c.post(
            f"/samverkan/beslut/{decision.pk}/kopplingar/", {"kind": "programme", "ref": str(programme.pk)}
        ).status_code
        == 302
    )
    assert "P1 Prog" in c.get(f"/samverkan/moten/{meeting.pk}/").content.decode()
    report = c.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/")
    assert f"/samverkan/moten/{meeting.pk}/".encode() in report.content


def test_the_board_links_the_latest_meetings_of_the_users_bodies(world, rådet):
    meeting = _meeting(world, rådet)
    link = f'href="/samverkan/moten/{meeting.pk}/"'
    assert link in _client(world.coordinator).get("/samverkan/").content.decode()  # sits on the council
    assert link not in _client(world.wg_member).get("/samverkan/").content.decode()  # does not
    # its date as the site's other dates: ISO in both languages (never the ambiguous "03/12/2025")
    board = _client(world.coordinator)
    assert "2025-03-12" in board.get("/samverkan/").content.decode()
    english = board.get("/samverkan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2025-03-12" in english and "03/12/2025" not in english
