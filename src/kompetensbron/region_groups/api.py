"""JSON routes of region groups under ``/api/v1/region-groups/``: thin over the services.

Routes::

    GET    /api/v1/region-groups/                        predefined and organisations' groups
    POST   /api/v1/region-groups/                        define a group (members of the organisation)
    GET    /api/v1/region-groups/{key}                   one group
    PUT    /api/v1/region-groups/{key}                   change it (members of its organisation)
    DELETE /api/v1/region-groups/{key}                   delete it
    GET    /api/v1/region-groups/{key}/analysis?ssyk_level=   demand and supply per member and summed

Writes need the session (401) and the CSRF token (403); refused rights → 403; bad input → 422.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import Field

from kompetensbron.input_types import Code, bounded_line

from . import analysis, services
from .schemas import GroupAnalysis, RegionGroupIn, RegionGroupOut

router = Router(tags=["region-groups"])


class ErrorOut(Schema):
    detail: str
    errors: dict[str, str] | None = None


class AnalysisQuery(Schema):
    ssyk_level: bounded_line(200) = Field(  # type: ignore[valid-type]
        "", description="'' (all), 'higher-education' (SSYK 1–3) or SSYK codes of 1–3 digits"
    )


@router.get("/", response=list[RegionGroupOut], summary="Region groups (Stockholm–Mälaren and organisations' own)")
def list_groups(request: HttpRequest):
    return services.list_groups()


@router.post(
    "/",
    response={201: RegionGroupOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Define a region group for an organisation",
)
def create_group(request: HttpRequest, data: RegionGroupIn):
    return Status(201, services.create_group(actor=request.auth, data=data))


@router.get("/{key}", response={200: RegionGroupOut, 404: ErrorOut}, summary="One region group")
def get_group(request: HttpRequest, key: Code):
    spec, row = services.get_group(key)
    return services.group_out(spec, row)


@router.put(
    "/{key}",
    response={200: RegionGroupOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Change a region group",
)
def update_group(request: HttpRequest, key: Code, data: RegionGroupIn):
    return services.update_group(actor=request.auth, key=key, data=data)


@router.delete(
    "/{key}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=django_auth,
    summary="Delete a region group",
)
def delete_group(request: HttpRequest, key: Code):
    services.delete_group(actor=request.auth, key=key)
    return Status(204, None)


@router.get(
    "/{key}/analysis",
    response={200: GroupAnalysis, 404: ErrorOut, 422: ErrorOut},
    summary="Demand (2024 ads) and supply (graduates) per member region and for the group",
)
def group_analysis(request: HttpRequest, key: Code, params: Query[AnalysisQuery]):
    return analysis.group_analysis(key=key, ssyk_level=params.ssyk_level)
