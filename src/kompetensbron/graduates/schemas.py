"""Typed results of the graduate services (pydantic): the API serialises them, the pages render them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class SourceOut(BaseModel):
    key: str
    title: str
    file: str
    note: str = ""
    data_date: str | None = None  # the date of the data (source registry)
    data_old: bool = False


class LanRetentionOut(BaseModel):
    lanskod: str | None
    lan: str
    from_total: int
    studied_home: int
    stayed: int
    returned: int
    share_living_home: float | None
    share_stayed: float | None
    share_returned: float | None
    in_total: int
    in_from_away: int
    in_living_here: int
    share_living_in_study_lan: float | None
    share_incomers_stayed: float | None


class UniversityRegionOut(BaseModel):
    university: str
    lanskod: str
    lan: str
    share_living_in_study_lan: float | None
    programmes: int


class RetentionOverview(BaseModel):
    cohort: str
    lan: list[LanRetentionOut]
    universities: list[UniversityRegionOut]
    sources: list[SourceOut]


class TermOut(BaseModel):
    year: int
    term: str
    applicants: int
    first_hand_applicants: int
    admitted: int
    first_hand_per_place: float | None
    applicants_per_place: float | None


class ProgrammeAdmissionsOut(BaseModel):
    key: str
    code: str
    name: str
    university: str
    lanskod: str | None
    latest: TermOut
    terms: list[TermOut]


class AdmissionsResult(BaseModel):
    query: str
    university: str
    total: int
    programmes: list[ProgrammeAdmissionsOut]
    universities: list[str]
    sources: list[SourceOut]


class GraduateImportOut(BaseModel):
    id: int
    kind: str
    file_name: str
    sha256: str
    title: str
    rows: int
    first_year: int | None
    last_year: int | None
    imported_at: datetime
    replaced: bool = False


class GraduateFigureOut(BaseModel):
    source: str
    year: int
    value: float | None
    region_code: str
    region_name: str
    institution: str
    programme: str
    measure: str
    file_name: str


class FiguresResult(BaseModel):
    total: int
    figures: list[GraduateFigureOut]
    imports: list[GraduateImportOut]


class RetentionIndicator(BaseModel):
    """A computed indicator for Samverkan: a share with what it is computed from."""

    name: str
    region: str
    value: float | None
    numerator: int
    denominator: int
    data_period: str
    source: str
