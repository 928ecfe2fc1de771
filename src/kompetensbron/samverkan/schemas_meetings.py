"""Schema families of meetings, competence needs, knowledge links and computed indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from kompetensbron.input_types import Count, Id, Line, Text, Url, bounded_line

from .schemas import ActivityCreate, DecisionPublic, MeetingSummary

DecisionSubjectCode = Literal["activity", "agreement", "programme"]
LinkKindCode = Literal["programme", "course", "occupation", "region"]
SourceKindCode = Literal[
    "matchning:placements",
    "matchning:degree_projects_local",
    "matchning:hires",
    "matchning:fill_rate",
    "graduates",
    "statistics",
]
NeedStatusCode = Literal["open", "answered", "in_progress", "met", "closed"]
AnswerKindCode = Literal["commissioned", "course", "distance", "study_hub"]
AnswerStatusCode = Literal["offered", "accepted", "declined", "running", "completed", "withdrawn"]
RegionCode = bounded_line(4)
SsykCode = bounded_line(4)
Filter = bounded_line(200)

# ------------------------------------------------------------------ meetings


class MeetingCreate(Schema):
    date: dt.date
    title: Line = ""
    place: Line = ""
    agenda: Text = ""
    minutes: Text = ""
    agreement_id: Id | None = None


class MeetingUpdate(Schema):
    date: dt.date = None  # type: ignore[assignment]
    title: Line = None  # type: ignore[valid-type]
    place: Line = None  # type: ignore[valid-type]
    agenda: Text = None  # type: ignore[assignment]
    minutes: Text = None  # type: ignore[assignment]


class AttendeeIn(Schema):
    """A user (``user_id``) or a named person, with the organisation they represent."""

    user_id: Id | None = None
    name: Line = ""
    role: Line = ""
    organisation_id: Id | None = None


class AttendeePublic(Schema):
    id: int
    name: str
    role: str
    organisation: str | None


class MeetingDocumentIn(Schema):
    title: Line
    url: Url


class MeetingDocumentPublic(Schema):
    id: int
    title: str
    url: str
    file_url: str


class IdeaIn(Schema):
    title: Line
    description: Text = ""
    presented_by: Line = ""
    organisation_id: Id | None = None


class IdeaPublic(Schema):
    id: int
    title: str
    description: str
    presented_by: str
    organisation: str | None
    activity_id: int | None
    activity_title: str | None


class IdeaToActivityIn(ActivityCreate):
    """The activity an idea becomes: the usual activity fields (title defaults to the idea's)."""

    title: Line = ""  # type: ignore[valid-type]


class MeetingDecisionIn(Schema):
    """A decision taken at the meeting. On an activity it is the usual steering-group decision."""

    subject: DecisionSubjectCode
    activity_id: Id | None = None
    programme_id: Id | None = None
    decision: Literal["approve", "reject"]
    justification: Text
    date: dt.date | None = None


class MeetingPublic(MeetingSummary):
    agenda: str
    minutes: str
    attendees: list[AttendeePublic]
    documents: list[MeetingDocumentPublic]
    idea_list: list[IdeaPublic]
    decision_list: list[DecisionPublic]
    is_demo: bool


# ------------------------------------------------------------------ knowledge links


class LinkIn(Schema):
    """``ref``: a programme or course id, an SSYK 2012 code, or a kommun (4) / län (2) code."""

    kind: LinkKindCode
    ref: bounded_line(20)  # type: ignore[valid-type]


class LinkPublic(Schema):
    id: int
    kind: LinkKindCode
    kind_label: str
    code: str
    label: str
    url: str | None


class CollaborationRow(Schema):
    """An activity or decision that names a programme or an occupation."""

    kind: Literal["activity", "decision"]
    id: int
    title: str
    status_label: str
    date: dt.date | None
    url: str


# ------------------------------------------------------------------ computed indicators


class IndicatorSourceIn(Schema):
    kind: SourceKindCode
    organisation_id: Id | None = None
    institution_contains: Filter = ""  # type: ignore[valid-type]
    programme_contains: Filter = ""  # type: ignore[valid-type]
    region_code: RegionCode = ""  # type: ignore[valid-type]
    measure_contains: Filter = ""  # type: ignore[valid-type]


class IndicatorSourcePublic(IndicatorSourceIn):
    indicator_id: int
    kind_label: str
    description: str


class ComputedValue(Schema):
    year: int
    value: Decimal | None
    source: str
    data_date: dt.date | None


# ------------------------------------------------------------------ competence needs


class NeedCreate(Schema):
    organisation_id: Id
    unit_id: Id | None = None
    agreement_id: Id | None = None
    title: Line
    description: Text = ""
    headcount: Count
    needed_from: dt.date | None = None
    needed_until: dt.date | None = None
    region_code: RegionCode = ""  # type: ignore[valid-type]
    ssyk_code: SsykCode = ""  # type: ignore[valid-type]
    area_ids: list[Id] = Field(default_factory=list, max_length=50, description="areas of the need's agreement")


class NeedUpdate(Schema):
    """The fields of a need its organisation may change (only those sent are changed); ``status``
    moves along the need's workflow like ``/transition``."""

    unit_id: Id | None = None
    agreement_id: Id | None = None
    title: Line = None
    description: Text = None  # type: ignore[assignment]
    headcount: Count = None  # type: ignore[assignment]
    needed_from: dt.date | None = None
    needed_until: dt.date | None = None
    region_code: RegionCode = None  # type: ignore[valid-type]
    ssyk_code: SsykCode = None  # type: ignore[valid-type]
    area_ids: list[Id] = Field(None, max_length=50)  # type: ignore[assignment]
    status: NeedStatusCode = None  # type: ignore[assignment]


class NeedStatusIn(Schema):
    to_status: NeedStatusCode


class AnswerCreate(Schema):
    organisation_id: Id
    kind: AnswerKindCode
    title: Line
    description: Text = ""
    course_id: Id | None = None
    url: Url = ""
    places: Count | None = None
    starts: dt.date | None = None


class AnswerStatusIn(Schema):
    to_status: AnswerStatusCode


class AnswerPublic(Schema):
    id: int
    need_id: int
    organisation_id: int
    organisation: str
    kind: AnswerKindCode
    kind_label: str
    title: str
    description: str
    course_id: int | None
    course: str | None
    url: str
    places: int | None
    starts: dt.date | None
    status: AnswerStatusCode
    status_label: str
    next_statuses: list[AnswerStatusCode]


class NeedPublic(Schema):
    id: int
    organisation_id: int
    organisation: str
    unit: str | None
    agreement_id: int | None
    areas: list[str] = Field(default_factory=list)
    title: str
    description: str
    headcount: int
    needed_from: dt.date | None
    needed_until: dt.date | None
    region_code: str
    region: str | None
    ssyk_code: str | None
    occupation: str | None
    status: NeedStatusCode
    status_label: str
    next_statuses: list[NeedStatusCode]
    answers: list[AnswerPublic] = Field(default_factory=list)
    is_demo: bool
