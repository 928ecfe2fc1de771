"""JSON routes of graduate supply and retention under ``/api/v1/graduates/`` (read-only, public)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from . import services
from .schemas import AdmissionsResult, FiguresResult, LanRetentionOut, RetentionOverview

router = Router(tags=["graduates"])


class ErrorOut(Schema):
    detail: str


class AdmissionsQuery(Schema):
    q: str = ""
    university: str = ""
    limit: int = 50


class FiguresQuery(Schema):
    source: str = ""
    region: str = ""
    year: int | None = None
    limit: int = 100


@router.get(
    "/retention", response=RetentionOverview, summary="Stay rates per län and per institution's seat län (Saco)"
)
def retention(request: HttpRequest):
    return services.retention_overview()


@router.get(
    "/retention/{lan}", response={200: LanRetentionOut, 404: ErrorOut}, summary="Stay rates of one län (code or name)"
)
def retention_of_lan(request: HttpRequest, lan: str):
    return services.lan_retention_detail(lan)


@router.get(
    "/admissions",
    response={200: AdmissionsResult, 422: ErrorOut},
    summary="Applicants per place per programme (UHR 2010–2022)",
)
def admissions(request: HttpRequest, params: Query[AdmissionsQuery]):
    return services.search_admissions(params.q, university=params.university, limit=params.limit)


@router.get("/figures", response={200: FiguresResult, 422: ErrorOut}, summary="Imported UKÄ / SCB graduate figures")
def figures(request: HttpRequest, params: Query[FiguresQuery]):
    return services.imported_figures(source=params.source, region=params.region, year=params.year, limit=params.limit)
