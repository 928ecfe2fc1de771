"""JSON routes of the relevance dossier under ``/api/v1/dossier/``: thin over the services.

Reading is public and never writes (the dossier holds aggregates and opinions meant for review).
Suggesting target occupations for a programme without links is an explicit POST (the right to
change programmes: 403 without it).
Recording an input needs the Django session (anonymous → 401) and the CSRF token (403);
bad input → 422 with per-field ``errors``; an unknown programme → 404.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from kompetensbron.input_types import Id

from . import services
from .schemas import Dossier, ErrorOut, InputIn, InputOut, MappingOut

router = Router(tags=["dossier"])


@router.get(
    "/programmes/{programme_id}",
    response={200: Dossier, 404: ErrorOut},
    summary="The relevance dossier (MERUT) of one programme",
)
def get_dossier(request: HttpRequest, programme_id: Id):
    return services.build_dossier(programme_id=programme_id, viewer=request.user)


@router.post(
    "/programmes/{programme_id}/inputs",
    response={201: InputOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Record programme-council or employer input (date, author, text)",
)
def add_input(request: HttpRequest, programme_id: Id, data: InputIn):
    return Status(201, services.add_input(actor=request.auth, programme_id=programme_id, data=data))


@router.post(
    "/programmes/{programme_id}/mapping",
    response={201: MappingOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=django_auth,
    summary="Suggest target occupations of a programme without occupation links (runs the mapper)",
)
def suggest_occupations(request: HttpRequest, programme_id: Id):
    return Status(201, services.suggest_target_occupations(actor=request.auth, programme_id=programme_id))


from .version_api import router as version_router  # noqa: E402 - mounted after the dossier's own routes

router.add_router("", version_router)
