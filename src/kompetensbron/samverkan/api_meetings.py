"""JSON routes for meetings, competence needs, knowledge links and computed indicators, under
``/api/v1/samverkan/`` (added to :data:`.api.router`): thin wrappers over the services.

Same conventions as :mod:`.api`: session auth (401), CSRF on unsafe methods, PermissionDenied →
403, ValidationFailed → 422, NotFound → 404. A meeting document is an http(s) link (JSON) or an
uploaded file (multipart, ``/documents/file``), bounded by the same service rules as the page's
upload (type, content, size: :func:`.services.meetings.add_document`).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status, UploadedFile
from ninja.security import django_auth

from kompetensbron.input_types import Id, Line, Year, bounded_line
from kompetensbron.web.api_responses import ERRORS, created, ok

from . import services
from .schemas import ActivityPublic, DecisionPublic, MeetingSummary
from .schemas_meetings import (
    AnswerCreate,
    AnswerPublic,
    AnswerStatusIn,
    AttendeeIn,
    CollaborationRow,
    ComputedValue,
    IdeaIn,
    IdeaPublic,
    IdeaToActivityIn,
    IndicatorSourceIn,
    IndicatorSourcePublic,
    LinkIn,
    LinkPublic,
    MeetingCreate,
    MeetingDecisionIn,
    MeetingDocumentIn,
    MeetingPublic,
    MeetingUpdate,
    NeedCreate,
    NeedPublic,
    NeedStatusCode,
    NeedStatusIn,
    NeedUpdate,
)

router = Router(tags=["samverkan"], auth=django_auth)

M = services.meetings
P = services.meetings_public
N = services.needs


def _meeting(pk: int, request) -> MeetingPublic:
    return P.meeting(M.get_meeting(actor=request.auth, pk=pk))


# ------------------------------------------------------------------ meetings


@router.get("/bodies/{body_id}/meetings", response=ok(list[MeetingSummary]), summary="A body's meetings")
def list_meetings(request: HttpRequest, body_id: Id):
    body = M.get_visible_body(actor=request.auth, pk=body_id)
    return [P.meeting_summary(m) for m in M.list_meetings(actor=request.auth, body=body)]


@router.post(
    "/bodies/{body_id}/meetings", response=created(MeetingPublic), summary="Record a meeting (the body's members)"
)
def create_meeting(request: HttpRequest, body_id: Id, data: MeetingCreate):
    meeting = M.create_meeting(actor=request.auth, body=services.get_body(body_id), data=data)
    return Status(201, _meeting(meeting.pk, request))


@router.get("/meetings/{meeting_id}", response=ok(MeetingPublic), summary="One meeting with everything recorded")
def get_meeting(request: HttpRequest, meeting_id: Id):
    return _meeting(meeting_id, request)


@router.patch("/meetings/{meeting_id}", response=ok(MeetingPublic), summary="Edit a meeting (agenda, minutes, ...)")
def update_meeting(request: HttpRequest, meeting_id: Id, data: MeetingUpdate):
    M.update_meeting(actor=request.auth, meeting=M.find_meeting(meeting_id), data=data)
    return _meeting(meeting_id, request)


@router.post("/meetings/{meeting_id}/attendees", response=created(MeetingPublic), summary="Add an attendee")
def add_attendee(request: HttpRequest, meeting_id: Id, data: AttendeeIn):
    M.add_attendee(actor=request.auth, meeting=M.find_meeting(meeting_id), data=data)
    return Status(201, _meeting(meeting_id, request))


@router.post(
    "/meetings/{meeting_id}/documents", response=created(MeetingPublic), summary="Add a document (an http(s) link)"
)
def add_document(request: HttpRequest, meeting_id: Id, data: MeetingDocumentIn):
    M.add_document(actor=request.auth, meeting=M.find_meeting(meeting_id), title=data.title, url=data.url)
    return Status(201, _meeting(meeting_id, request))


@router.post(
    "/meetings/{meeting_id}/documents/file",
    response=created(MeetingPublic),
    summary="Upload a document (multipart: title, file; pdf, docx, xlsx, pptx, odt, txt; at most 10 MB)",
)
def upload_document(request: HttpRequest, meeting_id: Id, title: Form[Line], file: File[UploadedFile]):
    M.add_document(actor=request.auth, meeting=M.find_meeting(meeting_id), title=title, file=file)
    return Status(201, _meeting(meeting_id, request))


@router.post("/meetings/{meeting_id}/ideas", response=created(IdeaPublic), summary="Record an idea presented")
def add_idea(request: HttpRequest, meeting_id: Id, data: IdeaIn):
    idea = M.add_idea(actor=request.auth, meeting=M.find_meeting(meeting_id), data=data)
    return Status(201, next(i for i in _meeting(meeting_id, request).idea_list if i.id == idea.pk))


@router.post(
    "/ideas/{idea_id}/activity",
    response=created(ActivityPublic),
    summary="Turn an idea into an activity in one step (the activity rules apply)",
)
def idea_to_activity(request: HttpRequest, idea_id: Id, data: IdeaToActivityIn):
    activity = M.idea_to_activity(actor=request.auth, idea=M.find_idea(idea_id), data=data)
    return Status(201, services.public.activity(services.get_activity(actor=request.auth, pk=activity.pk)))


@router.post(
    "/meetings/{meeting_id}/decisions",
    response=created(DecisionPublic),
    summary="Record a decision taken at the meeting (on an activity, the agreement or a programme)",
)
def record_decision(request: HttpRequest, meeting_id: Id, data: MeetingDecisionIn):
    decision = M.record_meeting_decision(actor=request.auth, meeting=M.find_meeting(meeting_id), data=data)
    return Status(201, services.public.decision(decision))


# ------------------------------------------------------------------ knowledge links


@router.get("/activities/{activity_id}/links", response=ok(list[LinkPublic]), summary="An activity's links")
def activity_links(request: HttpRequest, activity_id: Id):
    activity = services.get_activity(actor=request.auth, pk=activity_id)
    return [P.link(k) for k in services.knowledge.links_of(activity=activity)]


@router.post(
    "/activities/{activity_id}/links",
    response=created(LinkPublic),
    summary="Name a programme, course, occupation (SSYK) or region",
)
def add_activity_link(request: HttpRequest, activity_id: Id, data: LinkIn):
    link = services.add_activity_link(actor=request.auth, activity=services.find_activity(activity_id), data=data)
    return Status(201, P.link(link))


@router.post(
    "/decisions/{decision_id}/links",
    response=created(LinkPublic),
    summary="Name a programme, course, occupation or region on a decision",
)
def add_decision_link(request: HttpRequest, decision_id: Id, data: LinkIn):
    decision = services.knowledge.find_decision(decision_id)
    return Status(201, P.link(services.add_decision_link(actor=request.auth, decision=decision, data=data)))


@router.get(
    "/programmes/{programme_id}/collaboration",
    response=ok(list[CollaborationRow]),
    summary="Activities and decisions around a programme",
)
def programme_collaboration(request: HttpRequest, programme_id: Id):
    return services.collaboration_around(actor=request.auth, programme_id=programme_id)


@router.get(
    "/occupations/{ssyk}/collaboration",
    response=ok(list[CollaborationRow]),
    summary="Activities and decisions around an occupation (SSYK 2012)",
)
def occupation_collaboration(request: HttpRequest, ssyk: bounded_line(4)):  # type: ignore[valid-type]
    return services.collaboration_around(actor=request.auth, ssyk=ssyk)


# ------------------------------------------------------------------ computed indicators


@router.put(
    "/indicators/{indicator_id}/source",
    response=ok(IndicatorSourcePublic),
    summary="Compute an indicator from platform data (Matchning, graduates, statistics)",
)
def set_indicator_source(request: HttpRequest, indicator_id: Id, data: IndicatorSourceIn):
    source = services.set_indicator_source(
        actor=request.auth, indicator=services.find_indicator(indicator_id), data=data
    )
    return services.computed_indicators.source_public(source)


@router.delete(  # on this router with the PUT above: one path, one router (else 405)
    "/indicators/{indicator_id}/source",
    response={204: None, **ERRORS},
    summary="Stop computing an indicator from platform data (the parties' coordinators)",
)
def remove_indicator_source(request: HttpRequest, indicator_id: Id):
    indicator = services.find_indicator(indicator_id)
    services.computed_indicators.remove_indicator_source(actor=request.auth, indicator=indicator)
    return Status(204, None)


@router.get(
    "/indicators/{indicator_id}/computed/{year}",
    response=ok(ComputedValue),
    summary="A computed indicator's value for a year, with source and data date",
)
def computed_indicator(request: HttpRequest, indicator_id: Id, year: Year):
    from kompetensbron.errors import NotFound

    indicator = services.get_indicator(actor=request.auth, pk=indicator_id)
    source = getattr(indicator, "source", None)
    if source is None:
        raise NotFound(_("Indikatorn har inga beräknade värden (den fylls i för hand)."))
    return services.computed_value(source, year)


# ------------------------------------------------------------------ competence needs


@router.get("/needs", response=ok(list[NeedPublic]), summary="Competence needs (without answers)")
def list_needs(request: HttpRequest, status: NeedStatusCode | None = None):
    return [P.need(n, with_answers=False) for n in N.list_needs(actor=request.auth, status=status)[:500]]


@router.post("/needs", response=created(NeedPublic), summary="Register a competence need (the organisation's members)")
def create_need(request: HttpRequest, data: NeedCreate):
    need = N.create_need(actor=request.auth, data=data)
    return Status(201, P.need(N.get_need(actor=request.auth, pk=need.pk)))


@router.get("/needs/{need_id}", response=ok(NeedPublic), summary="One competence need with its answers")
def get_need(request: HttpRequest, need_id: Id):
    return P.need(N.get_need(actor=request.auth, pk=need_id))


@router.patch(
    "/needs/{need_id}", response=ok(NeedPublic), summary="Change a need's fields or status (its organisation)"
)
def update_need(request: HttpRequest, need_id: Id, data: NeedUpdate):
    N.update_need(actor=request.auth, need=N.find_need(need_id), data=data)
    return P.need(N.get_need(actor=request.auth, pk=need_id))


@router.post("/needs/{need_id}/transition", response=ok(NeedPublic), summary="Move a need along its workflow")
def transition_need(request: HttpRequest, need_id: Id, data: NeedStatusIn):
    N.transition_need(actor=request.auth, need=N.find_need(need_id), to_status=data.to_status)
    return P.need(N.get_need(actor=request.auth, pk=need_id))


@router.post(
    "/needs/{need_id}/answers", response=created(AnswerPublic), summary="Answer a need (a university's members)"
)
def answer_need(request: HttpRequest, need_id: Id, data: AnswerCreate):
    return Status(201, P.answer(N.answer_need(actor=request.auth, need=N.find_need(need_id), data=data)))


@router.post("/answers/{answer_id}/transition", response=ok(AnswerPublic), summary="Accept, run, complete an answer")
def transition_answer(request: HttpRequest, answer_id: Id, data: AnswerStatusIn):
    return P.answer(N.transition_answer(actor=request.auth, answer=N.find_answer(answer_id), to_status=data.to_status))
