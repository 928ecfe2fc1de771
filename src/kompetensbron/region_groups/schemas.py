"""Typed results and inputs of region groups: one schema family, one analysis result."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from kompetensbron.graduates.regional import GraduateContext
from kompetensbron.input_types import Id, bounded_line
from kompetensbron.labour_market.schemas import ProvenanceOut

__all__ = ["MAX_MEMBERS", "RegionGroupIn", "RegionGroupOut", "MemberRow", "GroupAnalysis"]

MAX_MEMBERS = 290  # every kommun of Sweden


class RegionGroupIn(BaseModel):
    name: bounded_line(100)  # type: ignore[valid-type]
    level: bounded_line(8) = "lan"  # type: ignore[valid-type]
    codes: list[bounded_line(4)] = Field(min_length=1, max_length=MAX_MEMBERS)  # type: ignore[valid-type]
    description: bounded_line(500) = ""  # type: ignore[valid-type]
    organisation_id: Id


class RegionGroupOut(BaseModel):
    key: str
    id: int | None = Field(None, description="database id; none for a predefined group")
    name: str
    level: str
    codes: list[str]
    names: list[str]
    description: str
    predefined: bool
    organisation: str | None = None
    updated_at: dt.datetime | None = None


class MemberRow(BaseModel):
    """One member region (or the group's total): demand beside supply."""

    code: str
    name: str
    ads_2024: int = Field(description="job ads 2024 of the selected occupations (JobTech statistics)")
    graduates: int | None = Field(None, description="graduates of programmes linked to the selected occupations")
    graduate_programmes: int = 0
    graduates_per_100_ads: float | None = None


class GroupAnalysis(BaseModel):
    group: RegionGroupOut
    ssyk_level: str = Field(description="the SSYK selection: '' (all), 'higher-education' or SSYK codes of 1–3 digits")
    ssyk_label: str
    members: list[MemberRow]
    total: MemberRow
    graduates_years: str | None = None
    retention: GraduateContext | None = Field(None, description="stay rates and applicants per place (län groups)")
    demand_provenance: ProvenanceOut | None = None
    supply_method: str
    notes: list[str]
