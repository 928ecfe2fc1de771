"""Typed results of the demand services: one model per page / API route.

Every block of figures carries a :class:`ProvenanceOut` (source, table, snapshot, period,
method), so the JSON answer and the page name the same source for the same figure.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

#: Region levels of the demand figures: län, kommun or FA-region (sum over its kommuner).
RegionKind = Literal["lan", "kommun", "fa"]

__all__ = [
    "RegionKind",
    "ProvenanceOut",
    "WarehouseStatus",
    "RegionCount",
    "RegionCounts",
    "SalaryOut",
    "BarometerOut",
    "TrendPoint",
    "AdsTrend",
    "RegionChange",
    "AdsYearOnYear",
    "SkillOut",
    "TopSkills",
    "OccupationShare",
    "OccupationShares",
    "OccupationDemand",
    "DemandMap",
    "RegionTopOccupations",
]


class ProvenanceOut(BaseModel):
    """Where a block of figures comes from and how it was computed."""

    source: str
    table: str
    snapshot: str | None
    period: str
    taxonomy: str | None = None
    method: str


class WarehouseStatus(BaseModel):
    """What the published warehouse holds, and the commands that fill what is missing."""

    snapshot: str | None
    has_statistics: bool
    has_ads: bool
    has_enriched_ads: bool
    message: str | None = Field(None, description="set when something is missing: what to run")
    commands: list[str] = Field(default_factory=list)


class RegionCount(BaseModel):
    code: str
    name: str
    ads: int


class RegionCounts(BaseModel):
    """Ads per region of one level (2024 statistics), with the whole country's total."""

    level: RegionKind
    country_total: int | None = Field(None, description="the file's own count for Sweden")
    rows: list[RegionCount]
    provenance: ProvenanceOut

    @property
    def max_ads(self) -> int:
        return max((r.ads for r in self.rows), default=0)

    @property
    def regions_total(self) -> int:
        return sum(r.ads for r in self.rows)


class SalaryOut(BaseModel):
    p10: int | None
    average: int | None
    p90: int | None
    unit: str
    provenance: ProvenanceOut


class BarometerOut(BaseModel):
    """Yrkesbarometer outlook; ``linked`` is false when it cannot be tied to SSYK-4."""

    linked: bool
    note: str
    provenance: ProvenanceOut | None = None


class TrendPoint(BaseModel):
    year: int
    month: int | None
    ads: int
    vacancies: int


class AdsTrend(BaseModel):
    """Ingested ads of an occupation per month, summed over all regions."""

    points: list[TrendPoint]
    provenance: ProvenanceOut


class RegionChange(BaseModel):
    code: str
    name: str
    ads: int
    ads_prev: int
    change: int
    change_pct: float | None


class AdsYearOnYear(BaseModel):
    """Ingested ads per region in ``year`` against the year before."""

    level: RegionKind
    year: int
    rows: list[RegionChange]
    provenance: ProvenanceOut


class SkillOut(BaseModel):
    skill_id: str
    label: str
    ads: int
    share: float


class TopSkills(BaseModel):
    """Skills named in most enriched ads of an occupation (empty, with a message, when none)."""

    ssyk: str
    label: str
    total_ads: int
    ads_with_skills: int
    rows: list[SkillOut]
    message: str | None = None
    provenance: ProvenanceOut
    status: WarehouseStatus


class OccupationShare(BaseModel):
    ssyk: str
    label: str
    ads: int
    share: float


class OccupationShares(BaseModel):
    """The occupations with most ads in one region, with their share of the region's ads."""

    total_ads: int
    rows: list[OccupationShare]
    provenance: ProvenanceOut


class OccupationDemand(BaseModel):
    """Demand for one SSYK-4 group: 2024 counts per region, salary, barometer, ads, skills."""

    ssyk: str
    label: str
    region_level: RegionKind
    status: WarehouseStatus
    statistics: RegionCounts | None
    salary: SalaryOut | None
    barometer: BarometerOut
    trend: AdsTrend | None
    year_on_year: AdsYearOnYear | None
    skills: TopSkills


class DemandMap(BaseModel):
    """The overview map: 2024 ads per region of one level, for one occupation or all."""

    ssyk: str | None
    label: str | None
    region_level: RegionKind
    status: WarehouseStatus
    statistics: RegionCounts | None


class RegionTopOccupations(BaseModel):
    """Top occupations of a kommun, län or FA-region (2024 statistics; ingested ads)."""

    kind: RegionKind
    code: str
    name: str
    status: WarehouseStatus
    statistics: OccupationShares | None
    ads: OccupationShares | None
