"""Education services: search and look-up of programmes and courses, programme editing.

Views and API routes call these; each returns one typed result (:mod:`.schemas`). Writes are
keyword-only, check the actor's rights, validate (``ValidationFailed`` with per-field
messages) and run in one transaction. Occupation-link decisions live in :mod:`.links`.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import NotFound, UnknownConcept
from kompetensbron.reference.search_text import query_terms, search_key
from kompetensbron.reference.services import list_data_sources
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.unique_writes import atomic_unique

from . import validation as v
from .models import Course, CourseLevel, Institution, OccupationLink, Programme, StudyForm
from .permissions import require
from .schemas import (
    MAX_LIMIT,
    CodeLabel,
    CourseDetail,
    CourseSearchResult,
    CourseSummary,
    InstitutionOut,
    OccupationLinkOut,
    ProgrammeCourseOut,
    ProgrammeDetail,
    ProgrammeIn,
    ProgrammeSearchResult,
    ProgrammeSummary,
    ProgrammeYearOut,
)
from .schemas import code_label as _code_label

__all__ = [
    "MAX_LIMIT",
    "programme_search_text",
    "search_programmes",
    "get_programme",
    "get_programme_model",
    "search_courses",
    "get_course",
    "get_course_model",
    "link_out",
    "create_programme",
    "update_programme",
    "list_institutions",
]


def programme_search_text(code: str, name: str, degree: str = "", institution: str = "") -> str:
    return search_key(" | ".join(x for x in (code, name, degree, institution) if x))


def _terms_filter(qs: QuerySet, query: str) -> QuerySet:
    cond = Q()
    for t in query_terms(query):
        cond &= Q(search_text__contains=t)
    return qs.filter(cond)


def _summary(p: Programme) -> ProgrammeSummary:
    return ProgrammeSummary(
        id=p.pk,
        code=p.code,
        name=p.name,
        institution=p.institution.name,
        degree=p.degree,
        form=p.form,
        kommun=_code_label(p.kommun, "name"),
        sun_field=_code_label(p.sun_field),
        is_demo=p.is_demo,
    )


def search_programmes(query: str = "", *, limit: int = 50) -> ProgrammeSearchResult:
    """Programmes whose code, name, degree or institution match every term of ``query``."""
    limit = max(1, min(limit, MAX_LIMIT))
    qs = Programme.objects.select_related("institution", "kommun", "sun_field").order_by("name", "code")
    qs = _terms_filter(qs, query)
    rows = list(qs[: limit + 1]) if not query else list(qs)
    if query:
        folded = search_key(query)
        rows.sort(
            key=lambda p: (
                p.code.casefold() != query.strip().casefold(),
                not search_key(p.name).startswith(folded),
                p.name,
            )
        )
    return ProgrammeSearchResult(query=query, count=qs.count(), results=[_summary(p) for p in rows[:limit]])


def get_programme_model(pk: int) -> Programme:
    try:
        return Programme.objects.select_related(
            "institution", "institution__kommun", "kommun", "sun_level", "sun_field"
        ).get(pk=pk)
    except Programme.DoesNotExist:
        raise NotFound(_("Det finns inget utbildningsprogram med id %(pk)s.") % {"pk": pk}) from None


def link_out(link: OccupationLink) -> OccupationLinkOut:
    return OccupationLinkOut(
        id=link.pk,
        ssyk=CodeLabel(code=link.ssyk.code, label=link.ssyk.label),
        provenance=link.provenance,
        provenance_label=str(link.get_provenance_display()),
        score=link.score,
        rank=link.rank,
        status=link.status,
        status_label=str(link.get_status_display()),
        reason=link.reason,
        evidence=link.evidence,
        author=(link.author.get_full_name() or link.author.get_username()) if link.author else None,
        decided_at=link.decided_at,
        programme_id=link.programme_id,
        course_code=link.course.code if link.course_id else None,
    )


def _links(qs: QuerySet) -> list[OccupationLinkOut]:
    return [
        link_out(x)
        for x in qs.select_related("ssyk", "author", "course").order_by("provenance", "rank", "-score", "ssyk_id")
    ]


def get_programme(pk: int) -> ProgrammeDetail:
    p = get_programme_model(pk)
    inst = p.institution
    courses = [
        ProgrammeCourseOut(
            code=pc.course.code,
            title=pc.course.title,
            credits=pc.course.credits,
            level=pc.course.level,
            term=pc.term,
            mandatory=pc.mandatory,
        )
        for pc in p.programme_courses.select_related("course").order_by("term", "order", "course__code")
    ]
    return ProgrammeDetail(
        id=p.pk,
        code=p.code,
        name=p.name,
        institution=InstitutionOut(
            id=inst.pk, name=inst.name, short_name=inst.short_name, kommun=_code_label(inst.kommun, "name")
        ),
        degree=p.degree,
        sun_level=_code_label(p.sun_level),
        sun_field=_code_label(p.sun_field),
        form=p.form,
        form_label=str(p.get_form_display()),
        places=p.places,
        kommun=_code_label(p.kommun, "name"),
        credits=p.credits,
        description=p.description,
        is_demo=p.is_demo,
        courses=courses,
        years=[
            ProgrammeYearOut(year=y.year, admitted=y.admitted, graduates=y.graduates) for y in p.years.order_by("year")
        ],
        occupation_links=_links(p.occupation_links.all()),
        created_at=p.created_at,
        updated_at=p.updated_at,
    )


def search_courses(
    query: str = "", *, level: str | None = None, page: int = 1, per_page: int = 50
) -> CourseSearchResult:
    """Courses matching every term of ``query`` (code, title, subject), one page at a time."""
    per_page = max(1, min(per_page, MAX_LIMIT))
    qs = Course.objects.select_related("institution").order_by("code", "institution__name")
    if level:
        qs = qs.filter(level=level)
    qs = _terms_filter(qs, query)
    paginator = Paginator(qs, per_page)
    number = max(1, min(page, paginator.num_pages or 1))
    rows = paginator.page(number).object_list
    results = [
        CourseSummary(
            code=c.code,
            title=c.title,
            institution=c.institution.name,
            level=c.level,
            credits=c.credits,
            subject=c.subject,
        )
        for c in rows
    ]
    return CourseSearchResult(
        query=query,
        count=paginator.count,
        page=number,
        pages=max(1, math.ceil(paginator.count / per_page)),
        results=results,
    )


def get_course_model(code: str, *, institution_id: int | None = None) -> Course:
    qs = Course.objects.select_related("institution", "load").filter(code=code)
    if institution_id is not None:
        qs = qs.filter(institution_id=institution_id)
    course = qs.order_by("institution__name").first()
    if course is None:
        raise UnknownConcept("course code", code)
    return course


def get_course(code: str, *, institution_id: int | None = None) -> CourseDetail:
    c = get_course_model(code, institution_id=institution_id)
    programmes = (
        Programme.objects.filter(programme_courses__course=c)
        .select_related("institution", "kommun", "sun_field")
        .distinct()
    )
    return CourseDetail(
        code=c.code,
        title=c.title,
        institution=c.institution.name,
        level=c.level,
        level_label=str(CourseLevel(c.level).label) if c.level else "",
        credits=c.credits,
        subject=c.subject,
        subject_group_code=c.subject_group_code,
        subject_group=c.subject_group,
        depth_code=c.depth_code,
        learning_outcomes=c.learning_outcomes,
        learning_outcomes_en=c.learning_outcomes_en,
        ilos=list(c.ilos or []),
        eligibility=c.eligibility,
        valid_from=c.valid_from,
        version=c.version,
        source_file=c.source_file,
        source_line=c.source_line,
        programmes=[_summary(p) for p in programmes],
        occupation_links=_links(c.occupation_links.all()),
        sources=list_data_sources([c.load.dataset]) if c.load_id else [],
    )


def list_institutions() -> list[InstitutionOut]:
    return [
        InstitutionOut(id=i.pk, name=i.name, short_name=i.short_name, kommun=_code_label(i.kommun, "name"))
        for i in Institution.objects.select_related("kommun").order_by("name")
    ]


# ------------------------------------------------------------------ programme editing


def _validate(data: ProgrammeIn, *, instance: Programme | None = None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not Institution.objects.filter(pk=data.institution_id).exists():
        errors["institution_id"] = _("Okänt lärosäte: %(institution_id)s.") % {"institution_id": data.institution_id}
    if not data.code.strip():
        errors["code"] = _(v.REQUIRED)
    if not data.name.strip():
        errors["name"] = _(v.REQUIRED)
    if data.form not in StudyForm.values:
        errors["form"] = _("Okänd studieform ”%(form)s” (campus eller distance).") % {"form": data.form}
    errors.update(v.check_sun_level(data.sun_level))
    errors.update(v.check_sun_field(data.sun_field))
    errors.update(v.check_kommun(data.kommun))
    errors.update(v.check_not_negative(places=data.places))
    errors.update(v.check_positive(credits=data.credits))
    if (
        data.credits is not None
        and "credits" not in errors
        and (data.credits >= 100000 or data.credits != data.credits.quantize(Decimal("0.1")))
    ):
        errors["credits"] = _("Högst en decimal och mindre än 100 000.")
    if "institution_id" not in errors and "code" not in errors:
        errors.update(
            v.check_programme_code(data.institution_id, data.code, instance_pk=instance.pk if instance else None)
        )
    return errors


def _apply(p: Programme, data: ProgrammeIn) -> Programme:
    p.institution_id = data.institution_id
    p.code, p.name, p.degree = data.code.strip(), data.name.strip(), data.degree.strip()
    p.sun_level_id, p.sun_field_id, p.kommun_id = data.sun_level or None, data.sun_field or None, data.kommun or None
    p.form, p.places, p.credits, p.description, p.is_demo = (
        data.form,
        data.places,
        data.credits,
        data.description,
        data.is_demo,
    )
    institution = Institution.objects.get(pk=data.institution_id)
    p.search_text = programme_search_text(p.code, p.name, p.degree, institution.name)
    p.save()
    return p


ADD_REFUSED = gettext_noop("Du får bara lägga till utbildningsprogram för ditt eget lärosäte.")
CHANGE_REFUSED = gettext_noop("Du får bara ändra utbildningsprogram vid ditt eget lärosäte.")


def create_programme(*, actor, data: ProgrammeIn) -> Programme:
    """A new programme at an institution the actor may add to (:mod:`.permissions`)."""
    institution = Institution.objects.filter(pk=data.institution_id).first()
    require(actor, "add_programme", institution, _(ADD_REFUSED))  # None (unknown): 422 below
    v.raise_if(_validate(data))
    with atomic_unique(
        "code", _("Lärosätet har redan ett program med koden ”%(code)s”.") % {"code": data.code.strip()}
    ):
        programme = _apply(Programme(), data)
        record(actor=actor, action="create", obj=programme, after=snapshot(programme))
    return programme


def update_programme(*, actor, programme: Programme, data: ProgrammeIn) -> Programme:
    """Change a programme the actor may change; moving it needs the add right at the target."""
    require(actor, "change_programme", programme, _(CHANGE_REFUSED))
    if data.institution_id != programme.institution_id:
        require(actor, "add_programme", Institution.objects.filter(pk=data.institution_id).first(), _(ADD_REFUSED))
    v.raise_if(_validate(data, instance=programme))
    with atomic_unique(
        "code", _("Lärosätet har redan ett program med koden ”%(code)s”.") % {"code": data.code.strip()}
    ):
        before = snapshot(Programme.objects.get(pk=programme.pk))
        programme = _apply(programme, data)
        record(actor=actor, action="update", obj=programme, before=before, after=snapshot(programme))
    return programme
