"""Meeting, need and link rows → their Public schemas (the one place for these conversions)."""

from __future__ import annotations

from django.urls import reverse

from ..models import ANSWER_WORKFLOW, NEED_WORKFLOW, CompetenceNeed, KnowledgeLink, Meeting, NeedAnswer
from ..schemas_meetings import (
    AnswerPublic,
    AttendeePublic,
    IdeaPublic,
    LinkPublic,
    MeetingDocumentPublic,
    MeetingPublic,
    MeetingSummary,
    NeedPublic,
)
from . import public

__all__ = ["meeting_summary", "meeting", "need", "answer", "link"]


def meeting_summary(m: Meeting) -> MeetingSummary:
    ideas = list(m.ideas.all())
    return MeetingSummary(
        id=m.pk,
        body_id=m.body_id,
        body=m.body.name,
        agreement_id=m.agreement_id,
        date=m.date,
        title=m.title,
        place=m.place,
        ideas=len(ideas),
        ideas_to_activities=sum(1 for i in ideas if i.activity_id),
        decisions=len(m.samverkan_decisions.all()),
    )


def meeting(m: Meeting) -> MeetingPublic:
    decisions = m.samverkan_decisions.select_related("activity", "agreement", "programme", "body", "decided_by")
    return MeetingPublic(
        **meeting_summary(m).model_dump(),
        agenda=m.agenda,
        minutes=m.minutes,
        attendees=[
            AttendeePublic(
                id=a.pk,
                name=a.name or public.person(a.user) or "",
                role=a.role,
                organisation=a.organisation.name if a.organisation_id else None,
            )
            for a in m.attendees.select_related("user", "organisation")
        ],
        documents=[
            MeetingDocumentPublic(id=d.pk, title=d.title, url=d.url, file_url=d.file.url if d.file else "")
            for d in m.documents.all()
        ],
        idea_list=[
            IdeaPublic(
                id=i.pk,
                title=i.title,
                description=i.description,
                presented_by=i.presented_by,
                organisation=i.organisation.name if i.organisation_id else None,
                activity_id=i.activity_id,
                activity_title=i.activity.title if i.activity_id else None,
            )
            for i in m.ideas.select_related("organisation", "activity")
        ],
        decision_list=[public.decision(d) for d in decisions.order_by("date", "pk")],
        is_demo=m.is_demo,
    )


def answer(a: NeedAnswer) -> AnswerPublic:
    return AnswerPublic(
        id=a.pk,
        need_id=a.need_id,
        organisation_id=a.organisation_id,
        organisation=a.organisation.name,
        kind=a.kind,
        kind_label=str(a.get_kind_display()),
        title=a.title,
        description=a.description,
        course_id=a.course_id,
        course=f"{a.course.code} {a.course.title}" if a.course_id else None,
        url=a.url,
        places=a.places,
        starts=a.starts,
        status=a.status,
        status_label=str(a.get_status_display()),
        next_statuses=list(ANSWER_WORKFLOW[a.status]),
    )


def need(n: CompetenceNeed, *, with_answers: bool = True) -> NeedPublic:
    region = n.kommun or n.lan
    answers = n.answers.select_related("organisation", "course") if with_answers else []
    return NeedPublic(
        id=n.pk,
        organisation_id=n.organisation_id,
        organisation=n.organisation.name,
        unit=n.unit.name if n.unit_id else None,
        agreement_id=n.agreement_id,
        areas=[x.name for x in n.areas.all()],
        title=n.title,
        description=n.description,
        headcount=n.headcount,
        needed_from=n.needed_from,
        needed_until=n.needed_until,
        region_code=n.kommun_id or n.lan_id or "",
        region=region.name if region else None,
        ssyk_code=n.ssyk_id,
        occupation=n.ssyk.label if n.ssyk_id else None,
        status=n.status,
        status_label=str(n.get_status_display()),
        next_statuses=list(NEED_WORKFLOW[n.status]),
        answers=[answer(a) for a in answers],
        is_demo=n.is_demo,
    )


def link(k: KnowledgeLink) -> LinkPublic:
    if k.programme_id:
        code, label, url = k.programme.code, k.programme.name, reverse("education:programme", args=[k.programme_id])
    elif k.course_id:
        code, label, url = k.course.code, k.course.title, None
    elif k.ssyk_id:
        code, label, url = k.ssyk_id, k.ssyk.label, reverse("reference:occupation", args=[k.ssyk_id])
    else:
        region = k.kommun or k.lan
        code, label, url = region.pk, region.name, None
    return LinkPublic(id=k.pk, kind=k.kind, kind_label=str(k.get_kind_display()), code=code, label=label, url=url)
