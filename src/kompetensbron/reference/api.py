"""JSON API routes of the reference data (``/api/v1/``): thin wrappers over :mod:`.services`."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kompetensbron.input_types import Code, Count, SearchText

from . import services
from .schemas import (
    ErrorOut,
    FaRegionSummary,
    KommunDetail,
    KommunSummary,
    LanSummary,
    OccupationDetail,
    OccupationSearchResult,
)

router = Router(tags=["reference"])


class OccupationQuery(Schema):
    q: SearchText = ""
    level: int | None = Field(4, ge=1, le=4)
    limit: Count = 25  # clamped by the service


@router.get("/occupations", response=OccupationSearchResult, summary="Search SSYK occupation groups")
def search_occupations(request: HttpRequest, params: Query[OccupationQuery]):
    if params.level is not None and params.level not in (1, 2, 3, 4):
        raise HttpError(422, "level must be 1, 2, 3 or 4")
    return services.search_occupations(params.q, level=params.level, limit=params.limit)


@router.get("/occupations/{ssyk}", response={200: OccupationDetail, 404: ErrorOut}, summary="One SSYK group")
def get_occupation(request: HttpRequest, ssyk: Code):
    return services.get_occupation(ssyk)


@router.get("/regions/kommuner", response=list[KommunSummary], summary="The 290 kommuner")
def list_kommuner(request: HttpRequest, lan: Code | None = None, q: SearchText | None = None):
    return services.list_kommuner(lan=lan, q=q)


@router.get("/regions/kommuner/{kommunkod}", response={200: KommunDetail, 404: ErrorOut}, summary="One kommun")
def get_kommun(request: HttpRequest, kommunkod: Code):
    return services.get_kommun(kommunkod)


@router.get("/regions/lan", response=list[LanSummary], summary="The 21 län")
def list_lan(request: HttpRequest):
    return services.list_lan()


@router.get("/regions/fa-regioner", response=list[FaRegionSummary], summary="Functional labour-market regions")
def list_fa_regions(request: HttpRequest):
    return services.list_fa_regions()


@router.get(
    "/regions/{kind}.geojson", summary="GeoJSON shapes of kommuner, län or FA-regions (kind: kommuner, lan, fa)"
)
def region_geojson(request: HttpRequest, kind: Code):
    return services.region_geojson(kind)
