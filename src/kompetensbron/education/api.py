"""JSON routes of the education supply under ``/api/v1/education/``: thin over the services.

Reading is public. Writing needs the Django session (anonymous → 401), the CSRF token
(403 otherwise) and the rule of :mod:`.permissions` on the institution, programme or link (403). Domain errors map centrally
(web/api.py): ValidationFailed → 422 with per-field ``errors``, NotFound → 404.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth

from kompetensbron.input_types import Count, Id, SearchText, bounded_line

from . import leading, links, services
from .schemas import (
    CourseDetail,
    CourseSearchResult,
    ErrorOut,
    LinkDecisionIn,
    OccupationLinkOut,
    ProgrammeDetail,
    ProgrammeIn,
    ProgrammeSearchResult,
)

router = Router(tags=["education"])

_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


CourseCode = bounded_line(16)
SsykCode = bounded_line(8)


class ProgrammeQuery(Schema):
    q: SearchText = ""
    limit: Count = 50  # clamped by the service


class CourseQuery(Schema):
    q: SearchText = ""
    level: bounded_line(2) | None = None  # type: ignore[valid-type]
    limit: Count = 50  # clamped by the service
    page: Count = 1  # clamped by the service


@router.get("/programmes", response=ProgrammeSearchResult, summary="Search education programmes")
def search_programmes(request: HttpRequest, params: Query[ProgrammeQuery]):
    return services.search_programmes(params.q, limit=params.limit)


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeDetail, 404: ErrorOut},
    summary="One programme with courses, years and occupation links",
)
def get_programme(request: HttpRequest, programme_id: Id):
    return services.get_programme(programme_id)


@router.post(
    "/programmes",
    response={201: ProgrammeDetail, **_ERRORS},
    auth=django_auth,
    summary="Create a programme (staff, or a member of the institution's organisation)",
)
def create_programme(request: HttpRequest, data: ProgrammeIn):
    programme = services.create_programme(actor=request.auth, data=data)
    return Status(201, services.get_programme(programme.pk))


@router.get("/courses", response=CourseSearchResult, summary="Search courses (syllabi)")
def search_courses(request: HttpRequest, params: Query[CourseQuery]):
    return services.search_courses(params.q, level=params.level, page=params.page, per_page=params.limit)


@router.get(
    "/courses/{code}",
    response={200: CourseDetail, 404: ErrorOut},
    summary="One course with learning outcomes and occupation links",
)
def get_course(request: HttpRequest, code: CourseCode, institution: Id | None = None):
    return services.get_course(code, institution_id=institution)


@router.post(
    "/links/{link_id}/confirm",
    response={200: OccupationLinkOut, **_ERRORS},
    auth=django_auth,
    summary="Confirm an occupation link",
)
def confirm_link(request: HttpRequest, link_id: Id, data: LinkDecisionIn | None = None):
    link = links.confirm_link(actor=request.auth, link=links.get_link(link_id), reason=data.reason if data else "")
    return services.link_out(link)


@router.post(
    "/links/{link_id}/reject",
    response={200: OccupationLinkOut, **_ERRORS},
    auth=django_auth,
    summary="Reject an occupation link (reason required)",
)
def reject_link(request: HttpRequest, link_id: Id, data: LinkDecisionIn):
    link = links.reject_link(actor=request.auth, link=links.get_link(link_id), reason=data.reason)
    return services.link_out(link)


@router.get(
    "/occupations/{ssyk}/programmes",
    response={200: leading.ProgrammesLeadingTo, 404: ErrorOut},
    summary="Programmes and courses leading to an SSYK-4 group (confirmed/manual first, then suggestions)",
    url_name="education_programmes_leading_to",
)
def programmes_leading_to(request: HttpRequest, ssyk: SsykCode, limit: Count = leading.LEADING_LIMIT):
    return leading.programmes_leading_to(ssyk, limit=limit)
