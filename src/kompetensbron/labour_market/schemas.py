"""Typed results of the demand services: one model per page / API route.

Every block of figures carries a :class:`ProvenanceOut` (source, table, snapshot, period,
method), so the JSON answer and the page name the same source for the same figure.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from kompetensbron.provenance import Provenance
from kompetensbron.region_levels import RegionLevel

#: Region levels of the demand figures: län, kommun or FA-region (sum over its kommuner) — the one
#: region-level type (:class:`kompetensbron.region_levels.RegionLevel`), under its old name here.
RegionKind = RegionLevel

__all__ = [
    "RegionKind",
    "ProvenanceOut",
    "WarehouseStatus",
    "OutlookBasis",
    "OutlookCell",
    "FiveYearOutlook",
    "OccupationOutlook",
    "RegionOutlookInfo",
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


#: the one provenance type (:class:`kompetensbron.provenance.Provenance`) under its API name
ProvenanceOut = Provenance


class WarehouseStatus(BaseModel):
    """What the published warehouse holds, and the commands that fill what is missing."""

    snapshot: str | None
    has_statistics: bool
    has_ads: bool
    has_enriched_ads: bool
    message: str | None = Field(None, description="set when something is missing: what to run")
    commands: list[str] = Field(default_factory=list)


#: Where a region's 1-year index comes from: the län's own row of ``1-ar.xlsx``, the län of a
#: kommun (no kommun figures exist), or the mean over an FA-region's kommuner of their län's index.
OutlookBasis = Literal["lan", "lan_of_kommun", "fa_mean_of_kommuner"]


class OutlookCell(BaseModel):
    """Yrkesbarometer 1-year index of one SSYK group in one region, with our label and its uncertainty."""

    rated_ssyk: str | None = Field(
        description="the SSYK code AF rates (the group itself, its AF group, or its SSYK-3 group)"
    )
    index: float | None = Field(description="AF bristindex 1 year as published, 1 (surplus) – 5 (shortage)")
    text: str | None = Field(description="AF's own class text (per län only; none for an FA-region mean)")
    label: str | None = Field(
        description="shortage / balance / surplus (AF class limits; within 0.1 of a limit: balance)"
    )
    borderline: bool = False
    leaning: str | None = None
    probability: float | None = Field(None, description="how often such labels held in the 1-year vs 5-year back-test")
    low: float | None = Field(None, description="95 % Wilson interval of the probability")
    high: float | None = None
    cases: int = 0
    uncertainty: str = Field("unknown", description="low / medium / high / unknown")
    uncertainty_text: str | None = None
    mixed_regions: bool = Field(False, description="FA-region whose län fall on different sides of a class limit")
    basis: OutlookBasis
    basis_code: str | None = Field(None, description="the län (or FA-region) whose figure this is")
    basis_name: str | None = None
    note: str | None = Field(None, description="'ingen prognos' where AF published no index")
    source: str
    period: str


class FiveYearOutlook(BaseModel):
    """AF's national 5-year bristindex of the group (``5-ar.xlsx``)."""

    ssyk_codes: list[str] = Field(description="the SSYK codes AF rates together")
    name: str
    index: float
    label: str


class OccupationOutlook(BaseModel):
    """The Yrkesbarometer outlook of one SSYK-4 group: per-region cells sit in the count rows."""

    ssyk: str
    rated_ssyk: str | None = Field(description="the SSYK code of AF's 1-year rows used (None: no forecast)")
    rated_name: str | None = Field(None, description="AF's prognosis occupation")
    available: bool
    message: str | None = Field(None, description="'ingen prognos' (or why the files could not be read)")
    five_year: FiveYearOutlook | None
    five_year_message: str | None = None
    backtest_rate: float | None = Field(None, description="overall hit rate of the 1-year labels in the back-test")
    backtest_description: str | None = None
    one_year_provenance: ProvenanceOut | None
    five_year_provenance: ProvenanceOut | None
    notes: list[str] = Field(default_factory=list)


class RegionOutlookInfo(BaseModel):
    """How the region page's 1-year index column was obtained, and its source."""

    basis: OutlookBasis
    basis_code: str | None
    basis_name: str | None
    message: str | None = None
    provenance: ProvenanceOut | None


class RegionCount(BaseModel):
    code: str
    name: str
    ads: int
    population: int | None = Field(None, description="inhabitants (SCB via the reference data; FA = sum of kommuner)")
    ads_per_10k: float | None = Field(None, description="ads per 10,000 inhabitants")
    outlook: OutlookCell | None = Field(None, description="Yrkesbarometer 1 year (occupation pages only)")


class RegionCounts(BaseModel):
    """Ads per region of one level (2024 statistics), with the whole country's total."""

    level: RegionKind
    country_total: int | None = Field(None, description="the file's own count for Sweden")
    rows: list[RegionCount]
    population_date: str | None = Field(None, description="date of the population figures (SCB via the reference data)")
    population_old: bool = Field(False, description="the population figures are older than SCB's yearly renewal")
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
    outlook: OutlookCell | None = Field(None, description="Yrkesbarometer 1 year in the region")


class OccupationShares(BaseModel):
    """The occupations with most ads in one region, with their share of the region's ads."""

    total_ads: int
    rows: list[OccupationShare]
    provenance: ProvenanceOut


class OccupationDemand(BaseModel):
    """Demand for one SSYK-4 group: 2024 counts per region (with the Yrkesbarometer 1-year cell of
    each region), the national 5-year outlook, salary, barometer note, ads, skills."""

    ssyk: str
    label: str
    region_level: RegionKind
    status: WarehouseStatus
    statistics: RegionCounts | None
    salary: SalaryOut | None
    outlook: OccupationOutlook
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
    outlook: RegionOutlookInfo | None = None
