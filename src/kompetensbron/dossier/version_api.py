"""JSON routes of frozen dossier versions (mounted on the dossier router, ``/api/v1/dossier/``).

::

    POST /api/v1/dossier/programmes/{programme_id}/versions   freeze today's dossier (programme owners; CSRF)
    GET  /api/v1/dossier/programmes/{programme_id}/versions   the programme's versions
    GET  /api/v1/dossier/versions/{version_id}                the frozen dossier, as stored
    GET  /api/v1/dossier/compare?left=v12&right=p5            two dossiers side by side
    GET  /api/v1/dossier/compare.xlsx?left=v12&right=p5       the same as an Excel file
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth

from kompetensbron.input_types import Id, bounded_line
from kompetensbron.web.tables import table_xlsx
from kompetensbron.web.xlsx import XLSX_MIME

from . import compare, versions
from .schemas import Dossier, ErrorOut
from .version_schemas import DossierComparison, FreezeIn, VersionOut

router = Router(tags=["dossier"])


class CompareQuery(Schema):
    left: bounded_line(20)  # type: ignore[valid-type]
    right: bounded_line(20)  # type: ignore[valid-type]


@router.post(
    "/programmes/{programme_id}/versions",
    response={201: VersionOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Freeze a dated version of the dossier (programme owners)",
)
def freeze(request: HttpRequest, programme_id: Id, data: FreezeIn):
    return Status(201, versions.freeze_dossier(actor=request.auth, programme_id=programme_id, data=data))


@router.get(
    "/programmes/{programme_id}/versions",
    response={200: list[VersionOut], 404: ErrorOut},
    summary="The frozen versions of a programme's dossier",
)
def version_list(request: HttpRequest, programme_id: Id):
    return versions.list_versions(programme_id=programme_id, viewer=request.user)


@router.get("/versions/{version_id}", response={200: Dossier, 404: ErrorOut}, summary="A frozen dossier, as stored")
def version(request: HttpRequest, version_id: Id):
    return versions.version_dossier(version_id=version_id)


@router.get(
    "/compare",
    response={200: DossierComparison, 404: ErrorOut},
    summary="Two dossiers side by side (v<version id> or p<programme id>)",
)
def compare_dossiers(request: HttpRequest, params: Query[CompareQuery]):
    left = compare.resolve(params.left, viewer=request.user)
    right = compare.resolve(params.right, viewer=request.user)
    return compare.compare_dossiers(left, right)


@router.get(
    "/compare.xlsx",
    response={200: None, 404: ErrorOut},
    summary="Two dossiers side by side as an Excel file (the dates in the column heads and the file name)",
)
def compare_dossiers_xlsx(request: HttpRequest, params: Query[CompareQuery]):
    table = compare.comparison_table(compare_dossiers(request, params))
    response = HttpResponse(table_xlsx(table), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{table.export_name("xlsx")}"'
    return response
