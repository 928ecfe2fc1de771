"""Typed results and inputs of the education services: one model feeds the API and the page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

from kompetensbron.input_types import Count, Credits, Id, Line, Text, bounded_line
from kompetensbron.provenance import LinkProvenance
from kompetensbron.reference.schemas import ErrorOut, SourceOut

__all__ = [
    "CodeLabel",
    "InstitutionOut",
    "ProgrammeSummary",
    "ProgrammeSearchResult",
    "ProgrammeCourseOut",
    "ProgrammeYearOut",
    "OccupationLinkOut",
    "ProgrammeDetail",
    "CourseSummary",
    "CourseSearchResult",
    "CourseDetail",
    "ProgrammeIn",
    "LinkDecisionIn",
    "ManualLinkIn",
    "ErrorOut",
    "SourceOut",
]


class CodeLabel(BaseModel):
    code: str
    label: str


class InstitutionOut(BaseModel):
    id: int
    name: str
    short_name: str
    kommun: CodeLabel | None


class ProgrammeSummary(BaseModel):
    id: int
    code: str
    name: str
    institution: str
    degree: str
    form: str
    kommun: CodeLabel | None
    sun_field: CodeLabel | None
    is_demo: bool


class ProgrammeSearchResult(BaseModel):
    query: str
    count: int
    results: list[ProgrammeSummary]


class ProgrammeCourseOut(BaseModel):
    code: str
    title: str
    credits: Decimal
    level: str
    term: int | None
    mandatory: bool


class ProgrammeYearOut(BaseModel):
    year: int
    admitted: int | None
    graduates: int | None


class OccupationLinkOut(BaseModel):
    id: int
    ssyk: CodeLabel
    provenance: LinkProvenance = Field(description="official_ssyk_sun, skill_overlap or manual")
    provenance_label: str
    score: float
    rank: int | None
    status: str = Field(description="suggested, confirmed or rejected")
    status_label: str
    reason: str
    evidence: dict | list
    author: str | None
    decided_at: dt.datetime | None
    programme_id: int | None
    course_code: str | None


class ProgrammeDetail(BaseModel):
    id: int
    code: str
    name: str
    institution: InstitutionOut
    degree: str
    sun_level: CodeLabel | None
    sun_field: CodeLabel | None
    form: str
    form_label: str
    places: int | None
    kommun: CodeLabel | None
    credits: Decimal | None
    description: str
    is_demo: bool
    courses: list[ProgrammeCourseOut]
    years: list[ProgrammeYearOut]
    occupation_links: list[OccupationLinkOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class CourseSummary(BaseModel):
    code: str
    title: str
    institution: str
    level: str
    credits: Decimal
    subject: str


class CourseSearchResult(BaseModel):
    query: str
    count: int
    page: int
    pages: int
    results: list[CourseSummary]


class CourseDetail(CourseSummary):
    level_label: str
    subject_group_code: str
    subject_group: str
    depth_code: str
    learning_outcomes: str
    learning_outcomes_en: str
    ilos: list[str]
    eligibility: str
    valid_from: dt.date | None
    version: int | None
    source_file: str
    source_line: int | None
    programmes: list[ProgrammeSummary]
    occupation_links: list[OccupationLinkOut]
    sources: list[SourceOut]


class ProgrammeIn(BaseModel):
    """A programme to create or replace (codes of the official classifications)."""

    institution_id: Id
    code: bounded_line(32) = Field(min_length=1)  # type: ignore[valid-type]
    name: Line = Field(min_length=1)
    degree: bounded_line(128) = ""  # type: ignore[valid-type]
    sun_level: bounded_line(8) | None = Field(default=None, description="SUN 2020 level code, e.g. 537")  # type: ignore[valid-type]
    sun_field: bounded_line(8) | None = Field(default=None, description="SUN 2020 field code, e.g. 723a")  # type: ignore[valid-type]
    form: bounded_line(16) = Field(default="campus", description="campus or distance")  # type: ignore[valid-type]
    places: Count | None = None
    kommun: bounded_line(4) | None = Field(default=None, description="kommunkod, e.g. 2281")  # type: ignore[valid-type]
    credits: Credits | None = None
    description: Text = ""
    is_demo: bool = False


class LinkDecisionIn(BaseModel):
    reason: Text = ""


class ManualLinkIn(BaseModel):
    ssyk: bounded_line(4) = Field(description="SSYK-4 code")  # type: ignore[valid-type]
    reason: Text
    programme_id: Id | None = None
    course_code: bounded_line(16) | None = None  # type: ignore[valid-type]


#: the most rows one search or list answer returns
MAX_LIMIT = 200


def code_label(obj, label_attr: str = "label") -> CodeLabel | None:
    """``CodeLabel`` of a reference row (``None`` stays ``None``)."""
    return CodeLabel(code=obj.code, label=getattr(obj, label_attr)) if obj is not None else None
