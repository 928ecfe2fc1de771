"""The REST API (django-ninja): one NinjaAPI, routers from each app, errors mapped once."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError as DatabaseDataError
from django.db import IntegrityError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from kompetensbron import __version__
from kompetensbron.dossier.api import router as dossier_router
from kompetensbron.education.api import router as education_router
from kompetensbron.errors import (
    DataError,
    KompetensbronError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    WarehouseUnavailable,
)
from kompetensbron.graduates.api import router as graduates_router
from kompetensbron.housing.api import router as housing_router
from kompetensbron.labour_market.api import router as demand_router
from kompetensbron.labour_market.gap_api import router as gap_router
from kompetensbron.matchning.api import router as matchning_router
from kompetensbron.reference.api import router as reference_router
from kompetensbron.region_groups.api import router as region_groups_router
from kompetensbron.samverkan.api import router as samverkan_router
from kompetensbron.search.api import router as search_router

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
    if isinstance(exc, WarehouseUnavailable):
        return 503
    return 500


@api.exception_handler(KompetensbronError)
def _domain_error(request: HttpRequest, exc: KompetensbronError):
    body: dict = {"detail": str(exc)}
    if isinstance(exc, ValidationFailed) and exc.errors:
        body["errors"] = exc.errors
    return api.create_response(request, body, status=_status(exc))


@api.exception_handler(IntegrityError)
@api.exception_handler(DatabaseDataError)
@api.exception_handler(DjangoValidationError)
@api.exception_handler(OverflowError)
@api.exception_handler(UnicodeEncodeError)
def _refused_by_database(request: HttpRequest, exc: Exception):
    """Safety net: input the database (or its driver) refuses is the client's error, not ours.

    The services bound and check their input first (kompetensbron.input_types,
    kompetensbron.unique_writes); this only catches what slipped through, and is logged so it
    gets its own check. The write ran in the service's transaction, so nothing was committed.
    """
    logging.getLogger(__name__).warning("input refused by the database on %s %s: %r", request.method, request.path, exc)
    return api.create_response(
        request, {"detail": _("Uppgifterna kunde inte sparas: ett värde är ogiltigt eller finns redan.")}, status=422
    )


api.add_router("/", reference_router)
api.add_router("/samverkan/", samverkan_router)
api.add_router("/demand/", demand_router)
api.add_router("/education/", education_router)
api.add_router("/gap/", gap_router)
api.add_router("/dossier/", dossier_router)
api.add_router("/matchning/", matchning_router)
api.add_router("/housing/", housing_router)
api.add_router("/graduates/", graduates_router)
api.add_router("/", search_router)
api.add_router("/region-groups/", region_groups_router)
