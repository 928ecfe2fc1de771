"""Route-table rows of meetings, knowledge links, computed indicators and competence needs
(merged into ``ROUTES`` by tests/samverkan/route_rules.py; same row format)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

API = "/api/v1/samverkan"
ANSWER = lambda w: {"organisation_id": w.uni.pk, "kind": "distance", "title": "Distanskurs"}  # noqa: E731
NEED = lambda w: {"organisation_id": w.kommun.pk, "title": "Sjuksköterskor", "headcount": 3}  # noqa: E731
LINK = lambda w: {"kind": "programme", "ref": str(w.programme.pk)}  # noqa: E731
IDEA_ACTIVITY = lambda w: {"phase": "develop", "owner_id": w.kommun.pk, "agreement_id": w.agreement.pk}  # noqa: E731


def setup(w):
    from kompetensbron.samverkan import services
    from kompetensbron.samverkan.schemas_meetings import (
        AnswerCreate,
        IdeaIn,
        MeetingCreate,
        MeetingDecisionIn,
        NeedCreate,
    )

    m = services.meetings
    w.meeting = m.create_meeting(actor=w.admin, body=w.steering, data=MeetingCreate(date=dt.date(2025, 2, 1)))
    w.meeting_idea = m.add_idea(actor=w.admin, meeting=w.meeting, data=IdeaIn(title="Matrisidé"))
    w.meeting_decision = m.record_meeting_decision(
        actor=w.admin,
        meeting=w.meeting,
        data=MeetingDecisionIn(subject="agreement", decision="approve", justification="Modellen gäller."),
    )
    w.need = services.needs.create_need(actor=w.coordinator, data=NeedCreate(**NEED(w)))
    w.answer = services.needs.answer_need(actor=w.admin, need=w.need, data=AnswerCreate(**ANSWER(w)))


ROUTES = {
    # ------------------------------------------------------------ API
    f"POST {API}/bodies/{{body_id}}/meetings": {
        "rule": "samverkan.record_meeting",
        "path": lambda w: f"{API}/bodies/{w.steering.pk}/meetings",
        "body": {"date": "2025-03-01", "title": "Möte"},
    },
    f"PATCH {API}/meetings/{{meeting_id}}": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"{API}/meetings/{w.meeting.pk}",
        "body": {"minutes": "Protokoll"},
    },
    f"POST {API}/meetings/{{meeting_id}}/attendees": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"{API}/meetings/{w.meeting.pk}/attendees",
        "body": {"name": "Gäst"},
    },
    f"POST {API}/meetings/{{meeting_id}}/documents": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"{API}/meetings/{w.meeting.pk}/documents",
        "body": {"title": "Dagordning", "url": "https://example.org/dagordning.pdf"},
    },
    f"POST {API}/meetings/{{meeting_id}}/documents/file": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"{API}/meetings/{w.meeting.pk}/documents/file",
        "body": lambda w: {"title": "Dagordning", "file": SimpleUploadedFile("d.txt", b"Dagordning", "text/plain")},
        "form": True,  # multipart
    },
    f"POST {API}/meetings/{{meeting_id}}/ideas": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"{API}/meetings/{w.meeting.pk}/ideas",
        "body": {"title": "Idé"},
    },
    f"POST {API}/meetings/{{meeting_id}}/decisions": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"{API}/meetings/{w.meeting.pk}/decisions",
        "body": {"subject": "agreement", "decision": "approve", "justification": "x"},
    },
    f"POST {API}/ideas/{{idea_id}}/activity": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"{API}/ideas/{w.meeting_idea.pk}/activity",
        "body": IDEA_ACTIVITY,
    },
    f"POST {API}/activities/{{activity_id}}/links": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"{API}/activities/{w.idea.pk}/links",
        "body": LINK,
    },
    f"POST {API}/decisions/{{decision_id}}/links": {
        "rule": "samverkan.link_decision",
        "path": lambda w: f"{API}/decisions/{w.meeting_decision.pk}/links",
        "body": LINK,
    },
    f"PUT {API}/indicators/{{indicator_id}}/source": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"{API}/indicators/{w.indicator.pk}/source",
        "body": lambda w: {"kind": "matchning:placements", "organisation_id": w.kommun.pk},
    },
    f"POST {API}/needs": {"rule": "samverkan.add_competence_need", "path": f"{API}/needs", "body": NEED},
    f"POST {API}/needs/{{need_id}}/transition": {
        "rule": "samverkan.change_competence_need",
        "path": lambda w: f"{API}/needs/{w.need.pk}/transition",
        "body": {"to_status": "closed"},
    },
    f"POST {API}/needs/{{need_id}}/answers": {
        "rule": "samverkan.answer_competence_need",
        "path": lambda w: f"{API}/needs/{w.need.pk}/answers",
        "body": ANSWER,
    },
    f"POST {API}/answers/{{answer_id}}/transition": {
        "rule": "samverkan.accept_need_answer",
        "path": lambda w: f"{API}/answers/{w.answer.pk}/transition",
        "body": {"to_status": "accepted"},
    },
    # ------------------------------------------------------------ pages
    "POST samverkan:meetings": {
        "rule": "samverkan.record_meeting",
        "path": lambda w: f"/samverkan/organ/{w.steering.pk}/moten/",
        "body": {"date": "2025-03-01"},
    },
    "POST samverkan:meeting_edit": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"/samverkan/moten/{w.meeting.pk}/redigera/",
        "body": {"date": "2025-03-01", "minutes": "Protokoll"},
    },
    "POST samverkan:meeting_attendee": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"/samverkan/moten/{w.meeting.pk}/deltagare/",
        "body": {"attendee-name": "Gäst"},
    },
    "POST samverkan:meeting_document": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"/samverkan/moten/{w.meeting.pk}/dokument/",
        "body": {"document-title": "Dagordning", "document-url": "https://example.org/d.pdf"},
    },
    "POST samverkan:meeting_idea": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"/samverkan/moten/{w.meeting.pk}/ideer/",
        "body": {"idea-title": "Idé"},
    },
    "POST samverkan:meeting_decision": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"/samverkan/moten/{w.meeting.pk}/beslut/",
        "body": {"decision-subject": "agreement", "decision-decision": "approve", "decision-justification": "x"},
    },
    "POST samverkan:idea_activity": {
        "rule": "samverkan.change_meeting",
        "path": lambda w: f"/samverkan/ideer/{w.meeting_idea.pk}/aktivitet/",
        "body": lambda w: {"title": "Ny", "phase": "develop", "owner": w.kommun.pk},
    },
    "POST samverkan:activity_links": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"/samverkan/aktiviteter/{w.idea.pk}/kopplingar/",
        "body": LINK,
    },
    "POST samverkan:decision_links": {
        "rule": "samverkan.link_decision",
        "path": lambda w: f"/samverkan/beslut/{w.meeting_decision.pk}/kopplingar/",
        "body": LINK,
    },
    "POST samverkan:indicator_source": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"/samverkan/indikatorer/{w.indicator.pk}/kalla/",
        "body": lambda w: {"kind": "matchning:placements", "organisation": w.kommun.pk},
    },
    "POST samverkan:need_create": {
        "rule": "samverkan.add_competence_need",
        "path": "/samverkan/behov/nytt/",
        "body": lambda w: {"organisation": w.kommun.pk, "title": "Sjuksköterskor", "headcount": 3},
    },
    "POST samverkan:need_transition": {
        "rule": "samverkan.change_competence_need",
        "path": lambda w: f"/samverkan/behov/{w.need.pk}/status/",
        "body": {"to_status": "closed"},
    },
    "POST samverkan:need_answer": {
        "rule": "samverkan.answer_competence_need",
        "path": lambda w: f"/samverkan/behov/{w.need.pk}/svar/",
        "body": lambda w: {"organisation": w.uni.pk, "kind": "distance", "title": "Distanskurs"},
    },
    "POST samverkan:answer_transition": {
        "rule": "samverkan.accept_need_answer",
        "path": lambda w: f"/samverkan/svar/{w.answer.pk}/status/",
        "body": {"to_status": "accepted"},
    },
}
