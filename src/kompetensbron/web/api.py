"""The REST API (django-ninja): one NinjaAPI, routers from each app, errors mapped once."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI

from kompetensbron import __version__
from kompetensbron.errors import DataError, KompetensbronError, NotFound, PermissionDenied, ValidationFailed
from kompetensbron.dossier.api import router as dossier_router
from kompetensbron.education.api import router as education_router
from kompetensbron.graduates.api import router as graduates_router
from kompetensbron.labour_market.api import router as demand_router
from kompetensbron.labour_market.gap_api import router as gap_router
from kompetensbron.reference.api import router as reference_router
from kompetensbron.samverkan.api import router as samverkan_router

api = NinjaAPI(
    title="Kompetensbron API",
    version="1",
    description=f"Kompetensbron {__version__}: labour-market and education reference data for Swedish regions.",
    urls_namespace="api-v1",
)


def _status(exc: KompetensbronError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, ValidationFailed | DataError):
        return 422
    if isinstance(exc, PermissionDenied):
        return 403
    return 500


@api.exception_handler(KompetensbronError)
def _domain_error(request: HttpRequest, exc: KompetensbronError):
    body: dict = {"detail": str(exc)}
    if isinstance(exc, ValidationFailed) and exc.errors:
        body["errors"] = exc.errors
    return api.create_response(request, body, status=_status(exc))


api.add_router("/", reference_router)
api.add_router("/samverkan/", samverkan_router)
api.add_router("/demand/", demand_router)
api.add_router("/education/", education_router)
api.add_router("/gap/", gap_router)
api.add_router("/dossier/", dossier_router)
api.add_router("/graduates/", graduates_router)
