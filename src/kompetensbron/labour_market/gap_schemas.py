"""Typed results of the gap pages and ``/api/v1/gap/`` (balance map, label back-tests, forecasts)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from kompetensbron.graduates.regional import GraduateContext

from .schemas import ProvenanceOut

__all__ = [
    "GapRegionLevel",
    "Measure",
    "HitRateOut",
    "LabelBacktestOut",
    "BalanceRowOut",
    "GroupBalanceOut",
    "RegionShareOut",
    "GapMap",
    "ForecastErrorOut",
    "MethodChoiceOut",
    "DirectionHitOut",
    "ForecastOccupationOut",
    "ForecastBacktestOut",
    "ForecastPointOut",
    "OccupationForecastOut",
]

GapRegionLevel = Literal["lan", "fa"]
Measure = Literal["demand", "entrants", "retirements"]


class HitRateOut(BaseModel):
    label: str
    band: str = Field(description="distance of the index from the nearest class limit, or 'all'")
    n: int
    hits: int
    rate: float | None
    low: float | None = Field(None, description="95 % Wilson interval")
    high: float | None = None


class LabelBacktestOut(BaseModel):
    key: str
    description: str
    sources: list[str]
    rates: list[HitRateOut]
    overall_rate: float | None


class BalanceRowOut(BaseModel):
    ssyk: str
    name: str
    area: str
    region_code: str
    region_name: str
    index: float | None = Field(description="AF bristindex 1 year, 1 (surplus) – 5 (shortage)")
    label: str | None = Field(description="shortage / balance / surplus")
    borderline: bool
    leaning: str | None
    probability: float | None = Field(description="how often such labels held in the back-test")
    low: float | None
    high: float | None
    cases: int
    uncertainty: str
    mixed_regions: bool
    five_year_index: float | None
    five_year_label: str | None
    ads_2024: int | None
    graduates: int | None = Field(description="graduates of linked programmes studying in the region")
    graduates_year: int | None = Field(None, description="latest year of the graduate figures used")
    graduates_year_from: int | None = Field(
        None, description="earliest year used (programmes' latest years can differ)"
    )
    supply_basis: Literal["confirmed", "suggested"] | None = Field(
        None, description="links behind the figure: confirmed/manual, or suggested where the SSYK has no confirmed link"
    )
    supply_programmes: int = Field(0, description="programmes behind the figure")
    supply_note: str | None


class RegionShareOut(BaseModel):
    code: str
    name: str
    value: float | None = Field(description="map value: the index of the chosen SSYK, or the share in shortage")
    labelled: int
    shortage_share: float | None


class GroupBalanceOut(BaseModel):
    """A region group's aggregate on the balance map (its members are the map's rows and regions)."""

    key: str = Field(description="the group's key: a predefined slug or g<id>")
    name: str
    description: str
    predefined: bool
    codes: list[str]
    names: list[str]
    index_mean: float | None = Field(None, description="unweighted mean of the members' 1-year AF index")
    label_counts: dict[str, int] = Field(
        default_factory=dict, description="members (chosen SSYK) or member × occupation cells (all) per label"
    )
    ads_2024: int | None = Field(None, description="sum of the members' 2024 job ads")
    graduates: int | None = Field(None, description="sum of the members' graduates of linked programmes")
    supply_programmes: int = 0
    labelled: int = Field(0, description="labelled occupation cells over the members (all occupations)")
    shortage_share: float | None = Field(None, description="share of the members' labelled cells in shortage")
    provenance: ProvenanceOut


class GapMap(BaseModel):
    ssyk: str | None
    rated_ssyk: str | None = Field(
        None, description="the SSYK code AF rates for it (itself, its AF group or its SSYK-3 group)"
    )
    name: str | None
    region_level: GapRegionLevel
    regions: list[RegionShareOut]
    rows: list[BalanceRowOut] = Field(description="one row per region for the chosen SSYK; empty for all occupations")
    occupations: list[tuple[str, str]]
    ssyk_level: str = Field(
        "", description="SSYK selection (levels 1–3 or 'higher-education') of the share in shortage; '' = all"
    )
    backtest: LabelBacktestOut
    assessment_backtest: LabelBacktestOut
    supply_known: bool
    supply_years: tuple[int, int] | None = Field(None, description="first and last year of the graduate figures used")
    supply_basis: list[str] = Field(default_factory=list, description="link bases behind the supply figures shown")
    ads_known: bool
    provenance: list[ProvenanceOut]
    notes: list[str]
    graduates: GraduateContext | None = Field(
        None, description="per län: Saco stay rate and UHR applicants per place, with period and source"
    )
    group: GroupBalanceOut | None = Field(
        None, description="the chosen region group's aggregate; rows and regions are then its members"
    )


class ForecastErrorOut(BaseModel):
    measure: str
    method: str
    dimension: str
    group: str
    horizon: int
    n: int
    mae: float | None
    mape: float | None
    naive_mae: float | None
    naive_mape: float | None
    chosen: bool


class MethodChoiceOut(BaseModel):
    measure: str
    method: str
    mae: float
    mape: float
    naive_mae: float
    naive_mape: float
    reason: str


class DirectionHitOut(BaseModel):
    measure: str
    label: str
    n: int
    hits: int
    rate: float | None


class ForecastOccupationOut(BaseModel):
    """A prognosis occupation as the page offers it: AF's name where the operator added AF's
    list (``af-yrkesbarometer/prognosyrken.csv``), else what tells it apart (``bedomning.csv``, Sweden)."""

    occupation_id: str
    name: str | None = Field(description="AF's name (names file); null without the file")
    name_en: str | None = None
    ssyk: list[str] = Field(default_factory=list, description="SSYK 2012 unit groups (names file)")
    employed: int | None = None
    share_women: float | None = Field(None, description="per cent")
    national_label_1y: str | None = None


class ForecastBacktestOut(BaseModel):
    origins: list[int]
    horizons: list[int]
    series: int
    seconds: float
    overall: list[ForecastErrorOut]
    groups: list[ForecastErrorOut] = Field(description="chosen method per occupation group, naive beside it")
    choices: list[MethodChoiceOut]
    direction_hits: list[DirectionHitOut]
    occupations: list[str]
    occupation_details: list[ForecastOccupationOut] = Field(
        default_factory=list, description="every occupation with its name (when known) and figures, by name or size"
    )
    names_known: bool = Field(False, description="AF's names file (prognosyrken.csv) is in the data directory")
    provenance: list[ProvenanceOut]
    notes: list[str]


class ForecastPointOut(BaseModel):
    year: int
    value: float
    lower: float | None
    upper: float | None
    backtested: bool


class OccupationForecastOut(BaseModel):
    occupation_id: str
    name: str | None = Field(None, description="AF's name (names file); null without the file")
    name_en: str | None = None
    ssyk: list[str] = Field(default_factory=list, description="SSYK 2012 unit groups (names file)")
    measure: Measure
    method: str
    employed: int | None
    history: list[tuple[int, float]]
    forecast: list[ForecastPointOut]
    af_projection: list[tuple[int, float]]
    direction: str
    national_label_1y: str | None
    national_label_5y: str | None
    provenance: list[ProvenanceOut]
    notes: list[str]
