"""JSON routes of the demand analytics (``/api/v1/demand/``): thin wrappers over :mod:`.services`.

Unknown SSYK codes, region kinds and region codes answer 404 (``UnknownConcept``); invalid
query parameters 422. An empty warehouse is no error: ``status.message`` says what to run.

Occupation answers carry the Yrkesbarometer outlook (``outlook``: national 5-year index, the
sources and the back-test) and, in each count row, the region's 1-year cell (index, AF's text,
label, uncertainty, source file and period); region answers carry the 1-year cell per top
occupation. No forecast is no error: ``"ingen prognos"``.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from kompetensbron.input_types import Code
from kompetensbron.reference.schemas import ErrorOut
from kompetensbron.region_levels import RegionLevel

from . import services
from .schemas import DemandMap, OccupationDemand, RegionKind, RegionTopOccupations, TopSkills, WarehouseStatus

router = Router(tags=["demand"])


class RegionLevelQuery(Schema):
    region_level: RegionKind = RegionLevel.LAN


class MapQuery(Schema):
    ssyk: Code | None = Field(None, description="SSYK-4 code; empty for all occupations")
    region_level: RegionKind = RegionLevel.LAN


class LimitQuery(Schema):
    limit: int = Field(10, ge=1, le=100)


class SkillLimitQuery(Schema):
    limit: int = Field(20, ge=1, le=100)


@router.get("/status", response=WarehouseStatus, summary="What the demand warehouse holds")
def status(request: HttpRequest):
    return services.warehouse_status()


@router.get("/map", response={200: DemandMap, 404: ErrorOut}, summary="2024 ads per region (one occupation or all)")
def demand_map(request: HttpRequest, params: Query[MapQuery]):
    return services.demand_map(ssyk=params.ssyk or None, region_level=params.region_level)


@router.get(
    "/occupations/{ssyk}", response={200: OccupationDemand, 404: ErrorOut}, summary="Demand for one SSYK-4 group"
)
def occupation_demand(request: HttpRequest, ssyk: Code, params: Query[RegionLevelQuery]):
    return services.occupation_demand(ssyk, region_level=params.region_level)


@router.get(
    "/occupations/{ssyk}/skills", response={200: TopSkills, 404: ErrorOut}, summary="Top skills in enriched ads"
)
def occupation_skills(request: HttpRequest, ssyk: Code, params: Query[SkillLimitQuery]):
    return services.occupation_skills(ssyk, limit=params.limit)


@router.get(
    "/regions/{kind}/{code}/top-occupations",
    response={200: RegionTopOccupations, 404: ErrorOut},
    summary="Top occupations of a län, kommun or FA-region",
)
def region_top_occupations(request: HttpRequest, kind: Code, code: Code, params: Query[LimitQuery]):
    return services.region_top_occupations(kind, code, limit=params.limit)
