"""The typed result of a relevance dossier (:class:`Dossier`) and the input schema.

One :class:`Dossier` feeds the JSON route, the page, the PDF and the Excel file, so all four
show the same figures. Every block of figures names its sources (:class:`SourceOut`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from kompetensbron.education.schemas import CodeLabel
from kompetensbron.input_types import Line, Text, bounded_line
from kompetensbron.labour_market.schemas import ProvenanceOut

__all__ = [
    "ProgrammeFacts",
    "TargetOccupation",
    "DemandRow",
    "OutlookRow",
    "SkillRef",
    "SkillCoverage",
    "InputOut",
    "InputIn",
    "SourceOut",
    "Dossier",
    "FrozenVersion",
    "OutcomeRow",
    "MappingOut",
    "ErrorOut",
]

TargetBasis = Literal["confirmed", "suggested", "none"]


class ProgrammeFacts(BaseModel):
    id: int
    code: str
    name: str
    institution: str
    degree: str
    sun_level: CodeLabel | None
    sun_field: CodeLabel | None
    form: str = Field("campus", description="study form code (campus / distance)")
    form_label: str
    places: int | None
    credits: float | None
    kommun: CodeLabel | None
    lan: CodeLabel | None
    fa_region: CodeLabel | None
    courses: int
    courses_with_outcomes: int
    learning_outcomes: int
    admitted_year: int | None = Field(None, description="latest year with an admitted figure")
    admitted: int | None = None
    graduates_year: int | None = Field(None, description="latest year with a graduates figure")
    graduates: int | None = None
    is_demo: bool


class TargetOccupation(BaseModel):
    ssyk: str
    label: str
    provenance: str
    provenance_label: str
    score: float
    rank: int | None
    status: str
    status_label: str
    link_id: int


class DemandRow(BaseModel):
    """2024 job ads of one target occupation: Sweden, the programme's län and FA-region."""

    ssyk: str
    label: str
    national: int | None
    lan: int | None
    lan_share: float | None = Field(None, description="län ads / national ads")
    fa: int | None
    fa_share: float | None = None


class OutlookRow(BaseModel):
    """Arbetsförmedlingen's bristindex of one target occupation with our label and its uncertainty."""

    ssyk: str
    label: str
    barometer_code: str | None = Field(None, description="the SSYK code AF rates (SSYK-4, or its SSYK-3 group)")
    lan_index: float | None = Field(None, description="1-year index in the programme's län, 1 (surplus) – 5 (shortage)")
    lan_text: str | None = Field(None, description="AF's own words, e.g. 'Viss brist'")
    balance: str | None = Field(None, description="shortage / balance / surplus (AF limits, borderline → balance)")
    borderline: bool = False
    leaning: str | None = None
    probability: float | None = Field(None, description="how often such labels held in the back-test")
    low: float | None = None
    high: float | None = None
    cases: int = 0
    uncertainty: str = "unknown"
    five_year_index: float | None = Field(None, description="national 5-year index")
    five_year_label: str | None = None
    current_round: str | None = Field(None, description="the open-data Yrkesbarometer round, e.g. '2026-1'")
    current_area: str | None = Field(None, description="'00' (Sweden) or the län the current assessment is for")
    current_occupation: str | None = Field(None, description="AF's barometer occupation")
    current_opportunities: str | None = Field(None, description="job opportunities: små / medelstora / stora")
    current_recruitment: str | None = Field(None, description="överskott / balans / paradox / brist")
    current_balance: str | None = Field(None, description="shortage / balance / surplus / paradox")
    current_outlook: str | None = Field(None, description="5-year direction: öka / vara oförändrad / minska")
    current_text: str | None = Field(None, description="AF's own sentence on the recruitment situation")


class SkillRef(BaseModel):
    skill_id: str
    label: str
    origins: list[str] = Field(default_factory=list, description="courses (outcomes) or occupations + source (demand)")


class SkillCoverage(BaseModel):
    outcome_skills: list[SkillRef]
    demanded: list[SkillRef]
    covered: list[SkillRef]
    missing: list[SkillRef]
    coverage: float | None = Field(None, description="covered / demanded")
    ads_skills_used: bool = Field(False, description="true when skills of enriched ads were part of the demand")


class InputOut(BaseModel):
    id: int
    kind: str
    kind_label: str
    date: dt.date
    author_name: str = Field(description="who gave the input; empty when the reader may not see names")
    organisation: str
    text: str
    recorded_by: str | None
    recorded_at: dt.datetime
    names_hidden: bool = Field(False, description="true when the names were left out for this reader")


class InputIn(BaseModel):
    kind: bounded_line(32) = "programme_council"  # type: ignore[valid-type]
    date: dt.date
    author_name: Line
    organisation: Line = ""
    text: Text


class SourceOut(BaseModel):
    title: str
    detail: str
    period: str | None = None
    version: str | None = None
    data_date: str | None = Field(None, description="the date of the data, from the source registry")
    data_old: bool = Field(False, description="older than its publisher renews this kind of data")
    kind: str = Field(
        "", description="programme / load / barometer / inputs: the words are set from it when read; '' keeps the text"
    )
    name: str = Field("", description="the programme's code and name (kind programme)")
    on: str | None = Field(None, description="the date the words name: changed, loaded, file dated (ISO)")
    count: int | None = Field(None, description="the number of inputs (kind inputs)")


class FrozenVersion(BaseModel):
    """Set on a dossier read from a frozen version (:mod:`.versions`); ``None`` on a live one."""

    id: int
    version_date: dt.date
    frozen_at: dt.datetime
    label: str = ""


class OutcomeRow(BaseModel):
    """One outcome measure of the programme's graduates, or the statement that data is missing."""

    key: str = Field(description="establishment / stay_in_lan / applicants_per_place / imported")
    title: str
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    unit: str = ""
    region: str = ""
    period: str = ""
    source: str = ""
    missing: str | None = Field(None, description="why there is no figure (the dossier says so)")


class Dossier(BaseModel):
    programme: ProgrammeFacts
    built_at: dt.datetime
    version: str = Field(description="cache key: changes when the programme, its links or inputs change")
    target_basis: TargetBasis
    occupations: list[TargetOccupation]
    demand: list[DemandRow]
    demand_provenance: list[ProvenanceOut]
    outlook: list[OutlookRow]
    outlook_provenance: list[ProvenanceOut]
    backtest_rate: float | None = Field(None, description="overall hit rate of the 1-year → 5-year label back-test")
    outlook_date: str | None = Field(None, description="data date of the 1-year workbook behind lan_index / balance")
    outlook_old: bool = False
    current_round: str | None = Field(None, description="the open-data Yrkesbarometer round behind current_* (newest)")
    current_date: str | None = Field(None, description="the round as a month, e.g. 2026-06")
    current_newer: bool = Field(False, description="the round is newer than the workbook: lead with it")
    skills: SkillCoverage
    skills_provenance: list[str]
    inputs: list[InputOut]
    summary: list[str]
    sources: list[SourceOut]
    notes: list[str]
    pending: bool = Field(
        False,
        description="the costly figures (demand, outlook, skills, summary) are still being computed; "
        "they are empty here and the page fetches them apart",
    )
    outcomes: list[OutcomeRow] = Field(default_factory=list, description="graduates' outcomes where data exists")
    frozen: FrozenVersion | None = None


class MappingOut(BaseModel):
    """What the explicit mapping action did."""

    programme_id: int
    created: int = Field(description="suggested occupation links stored")
    message: str


class ErrorOut(BaseModel):
    detail: str
    errors: dict[str, str] | None = None
