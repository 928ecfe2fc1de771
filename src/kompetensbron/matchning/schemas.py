"""Typed inputs and results of Matchning, one family per resource.

Plain pydantic models (django-ninja takes them as bodies and responses): the services build them
from rows explicitly, so ninja's ORM-reading ``Schema`` validator is not needed — and it made a
ranked list of 25 opportunities several times slower.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from .models import MAX_SKILLS


class Schema(BaseModel):
    model_config = ConfigDict(extra="ignore")


SkillIds = list[str]


class SkillRef(Schema):
    id: str
    label: str


# ------------------------------------------------------------------ opportunities


class OpportunityBase(Schema):
    kind: str
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=10000)
    unit_id: int | None = None
    level: str = ""
    credits: int | None = Field(default=None, ge=1, le=120)
    required_skills: SkillIds = Field(default_factory=list, max_length=MAX_SKILLS)
    desirable_skills: SkillIds = Field(default_factory=list, max_length=MAX_SKILLS)
    ssyk_code: str | None = Field(default=None, max_length=4)
    kommun_code: str | None = Field(default=None, max_length=4)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    capacity: int = Field(default=1, ge=1, le=500)
    work_mode: str = "on_site"
    pay: str = Field(default="", max_length=200)
    dual_report_note: str = Field(default="", max_length=2000)


class OpportunityCreate(OpportunityBase):
    host_id: int


class OpportunityUpdate(Schema):
    kind: str | None = None
    title: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=10000)
    unit_id: int | None = None
    level: str | None = None
    credits: int | None = Field(default=None, ge=1, le=120)
    required_skills: SkillIds | None = Field(default=None, max_length=MAX_SKILLS)
    desirable_skills: SkillIds | None = Field(default=None, max_length=MAX_SKILLS)
    ssyk_code: str | None = Field(default=None, max_length=4)
    kommun_code: str | None = Field(default=None, max_length=4)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    capacity: int | None = Field(default=None, ge=1, le=500)
    work_mode: str | None = None
    pay: str | None = Field(default=None, max_length=200)
    dual_report_note: str | None = Field(default=None, max_length=2000)


class OpportunityPublic(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    host_id: int
    host: str
    unit: str | None = None
    description: str
    level: str
    credits: int | None = None
    required_skills: list[SkillRef]
    desirable_skills: list[SkillRef]
    ssyk_code: str | None = None
    ssyk_label: str | None = None
    kommun_code: str | None = None
    kommun: str | None = None
    lan: str | None = None
    fa_region: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    capacity: int
    places_left: int
    work_mode: str
    work_mode_label: str
    pay: str
    dual_report_note: str
    status: str
    status_label: str
    published_at: dt.datetime | None = None
    is_demo: bool


class OpportunityTransitionIn(Schema):
    to_status: str


class SuggestSkillsIn(Schema):
    text: str = Field(max_length=20000)


class SuggestedSkills(Schema):
    skills: list[SkillRef]


# ------------------------------------------------------------------ students


class StudentRegistrationIn(Schema):
    email: str = Field(max_length=254)
    first_name: str = Field(default="", max_length=150)
    last_name: str = Field(default="", max_length=150)


class StudentRegistrationOut(Schema):
    email: str
    detail: str


class StudentInviteIn(StudentRegistrationIn):
    university_id: int


class StudentInviteOut(Schema):
    user_id: int
    email: str
    activation_path: str


class StudentProfileUpdate(Schema):
    programme_id: int | None = None
    programme_name: str | None = Field(default=None, max_length=200)
    course_ids: list[int] | None = Field(default=None, max_length=200)
    added_skills: SkillIds | None = Field(default=None, max_length=MAX_SKILLS)
    removed_skills: SkillIds | None = Field(default=None, max_length=400)
    preferred_kommuner: list[str] | None = Field(default=None, max_length=50)
    preferred_kinds: list[str] | None = Field(default=None, max_length=10)
    available_from: dt.date | None = None
    available_to: dt.date | None = None
    consent_matching: bool | None = None
    consent_followup: bool | None = None


class CourseRef(Schema):
    id: int
    code: str
    title: str


class StudentProfilePublic(Schema):
    id: int
    university_id: int
    university: str
    programme_id: int | None = None
    programme: str
    courses: list[CourseRef]
    skills: list[SkillRef]
    derived_skills: list[SkillRef]
    added_skills: list[SkillRef]
    removed_skills: list[SkillRef]
    preferred_kommuner: list[str]
    preferred_kinds: list[str]
    available_from: dt.date | None = None
    available_to: dt.date | None = None
    consent_matching: bool
    consent_followup: bool


class RankedOpportunity(Schema):
    opportunity: OpportunityPublic
    score: float
    skill_fit: float
    preference_fit: float
    required_covered: int
    required_total: int
    missing: list[str]
    reasons: list[str]
    neighbour: bool


class RankedList(Schema):
    matches: list[RankedOpportunity]
    neighbours: list[RankedOpportunity]
    notes: list[str] = Field(default_factory=list)


class AllowedDomainIn(Schema):
    domain: str = Field(max_length=253)
    university_id: int


class AllowedDomainPublic(Schema):
    id: int
    domain: str
    university_id: int
    university: str


# ------------------------------------------------------------------ applications


class ApplyIn(Schema):
    message: str = Field(default="", max_length=4000)


class ApplicationTransitionIn(Schema):
    to_status: str


class ApplicationPublic(Schema):
    """What the student sees of the own application."""

    id: int
    opportunity_id: int
    opportunity: str
    host: str
    status: str
    status_label: str
    message: str
    created_at: dt.datetime


class ApplicantPublic(Schema):
    """What the host sees of an applicant (only after the student applied), best match first."""

    application_id: int
    status: str
    status_label: str
    name: str
    email: str
    university: str
    programme: str
    skills: list[SkillRef]
    message: str
    score: float
    reasons: list[str]
    created_at: dt.datetime


# ------------------------------------------------------------------ rounds


class RoundCreate(Schema):
    title: str = Field(max_length=200)
    organiser_id: int
    opportunity_ids: list[int] = Field(default_factory=list, max_length=5000)


class RoundOpportunitiesIn(Schema):
    opportunity_ids: list[int] = Field(max_length=5000)


class StudentRankingIn(Schema):
    opportunity_ids: list[int] = Field(max_length=100)


class HostRankingIn(Schema):
    student_ids: list[int] = Field(max_length=5000)


class PlacementIn(Schema):
    student_id: int
    opportunity_id: int | None = None


class PlacementPublic(Schema):
    id: int
    student_id: int | None = None
    student: str | None = None
    opportunity_id: int
    opportunity: str
    source: str
    locked: bool
    choice_rank: int | None = None


class RoundPublic(Schema):
    id: int
    title: str
    organiser_id: int
    organiser: str
    status: str
    status_label: str
    opportunities: list[OpportunityPublic]
    students_ranked: int
    hosts_ranked: int
    placements: list[PlacementPublic]
    allocated_at: dt.datetime | None = None


# ------------------------------------------------------------------ outcomes and aggregates


class OutcomeIn(Schema):
    completed: bool | None = None
    grade: str | None = Field(default=None, max_length=16)
    hired: bool | None = None
    stayed_kommun_1y: bool | None = None
    stayed_region_1y: bool | None = None
    stayed_kommun_3y: bool | None = None
    stayed_region_3y: bool | None = None


class OutcomePublic(Schema):
    placement_id: int
    completed: bool | None = None
    grade: str
    hired: bool | None = None
    stayed_kommun_1y: bool | None = None
    stayed_region_1y: bool | None = None
    stayed_kommun_3y: bool | None = None
    stayed_region_3y: bool | None = None


class AggregateRow(Schema):
    dimension: str
    key: str
    label: str
    year: int
    people: int | None = None
    suppressed: bool
    fill_rate: float | None = None
    top3_share: float | None = None
    median_days_to_match: float | None = None
    hires: int | None = None
    stayed_region_share: float | None = None


class Aggregates(Schema):
    min_group: int
    rows: list[AggregateRow]
    sources: list[str]
