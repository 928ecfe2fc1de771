"""Typed results of the reference services: one model feeds the JSON API and the HTML page."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = [
    "OccupationHit",
    "OccupationSearchResult",
    "OccupationNameOut",
    "IscoOut",
    "SunFieldOut",
    "SsykRef",
    "OccupationDetail",
    "KommunSummary",
    "KommunDetail",
    "LanSummary",
    "FaRegionSummary",
    "SourceOut",
    "ErrorOut",
]


class SourceOut(BaseModel):
    dataset: str
    title: str
    source_file: str
    version: str
    publisher: str
    licence: str
    loaded_at: str


class SsykRef(BaseModel):
    code: str
    label: str
    level: int


class OccupationHit(BaseModel):
    code: str = Field(description="SSYK 2012 code")
    label: str
    level: int
    matched_names: list[str] = Field(default_factory=list, description="occupation-names that matched the query")


class OccupationSearchResult(BaseModel):
    query: str
    count: int
    offset: int = 0
    results: list[OccupationHit]


class OccupationNameOut(BaseModel):
    concept_id: str
    label: str
    label_en: str | None = Field(None, description="English name: the ESCO occupation it exactly matches")


class IscoOut(BaseModel):
    code: str
    label: str
    concept_id: str


class SunFieldOut(BaseModel):
    code: str
    label: str


class OccupationDetail(BaseModel):
    code: str
    level: int
    label: str
    definition: str
    concept_id: str | None
    parents: list[SsykRef]
    children: list[SsykRef]
    occupation_names: list[OccupationNameOut]
    isco: list[IscoOut]
    sun_fields: list[SunFieldOut]
    sources: list[SourceOut]


class LanSummary(BaseModel):
    code: str
    name: str
    population: int | None


class FaRegionSummary(BaseModel):
    code: str
    name: str


class KommunSummary(BaseModel):
    code: str
    name: str
    lan_code: str
    lan_name: str
    fa_region_code: str | None
    fa_region_name: str | None
    population: int | None


class KommunDetail(KommunSummary):
    area_km2: float | None
    concept_id: str | None
    fa_region_kommuner: list[KommunSummary]
    sources: list[SourceOut]


class FaRegionDetail(FaRegionSummary):
    """One FA-region with its kommuner (population = sum over its kommuner)."""

    population: int | None
    kommuner: list[KommunSummary]
    sources: list[SourceOut]


class ErrorOut(BaseModel):
    detail: str
