"""Model rows → the typed results of :mod:`..schemas` (shared by the API and the pages)."""

from __future__ import annotations

from collections.abc import Iterable

from .. import skills as sk
from ..models import (
    Application,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    Placement,
    StudentProfile,
    WorkMode,
)
from ..schemas import (
    ApplicationPublic,
    CourseRef,
    OpportunityPublic,
    PlacementPublic,
    StudentProfilePublic,
)

OPPORTUNITY_RELATED = ("host", "unit", "ssyk", "kommun__lan", "kommun__fa_region")


def opportunities(rows: Iterable[Opportunity]) -> list[OpportunityPublic]:
    """Many opportunities with one label look-up for all their skills."""
    rows = list(rows)
    known = sk.labels(s for o in rows for s in (*o.required_skills, *o.desirable_skills))
    return [opportunity(o, known) for o in rows]


def opportunity(o: Opportunity, known: dict[str, str] | None = None, filled: int | None = None) -> OpportunityPublic:
    if known is None:
        known = sk.labels([*o.required_skills, *o.desirable_skills])
    if filled is None:
        filled = getattr(o, "filled_count", None)
    if filled is None:
        filled = o.placements.count() if o.pk else 0
    kommun = o.kommun
    return OpportunityPublic(
        id=o.pk,
        title=o.title,
        kind=o.kind,
        kind_label=str(OpportunityKind(o.kind).label),
        host_id=o.host_id,
        host=o.host.name,
        unit=o.unit.name if o.unit_id else None,
        description=o.description,
        level=o.level,
        credits=o.credits,
        required_skills=sk.refs(o.required_skills, known),
        desirable_skills=sk.refs(o.desirable_skills, known),
        ssyk_code=o.ssyk_id,
        ssyk_label=o.ssyk.label if o.ssyk_id else None,
        kommun_code=o.kommun_id,
        kommun=kommun.name if kommun else None,
        lan=kommun.lan.name if kommun else None,
        fa_region=kommun.fa_region.name if kommun and kommun.fa_region_id else None,
        period_start=o.period_start,
        period_end=o.period_end,
        capacity=o.capacity,
        places_left=max(0, o.capacity - filled),
        work_mode=o.work_mode,
        work_mode_label=str(WorkMode(o.work_mode).label),
        pay=o.pay,
        dual_report_note=o.dual_report_note,
        status=o.status,
        status_label=str(OpportunityStatus(o.status).label),
        published_at=o.published_at,
        is_demo=o.is_demo,
    )


def profile(p: StudentProfile) -> StudentProfilePublic:
    known = sk.labels([*p.derived_skills, *p.added_skills, *p.removed_skills])
    return StudentProfilePublic(
        id=p.pk,
        university_id=p.university_id,
        university=p.university.name,
        programme_id=p.programme_id,
        programme=p.programme.name if p.programme_id else p.programme_name,
        courses=[CourseRef(id=c.pk, code=c.code, title=c.title) for c in p.completed_courses.order_by("code")],
        skills=sk.refs(p.skills, known),
        derived_skills=sk.refs(p.derived_skills, known),
        added_skills=sk.refs(p.added_skills, known),
        removed_skills=sk.refs(p.removed_skills, known),
        preferred_kommuner=sorted(p.preferred_kommuner.values_list("code", flat=True)),
        preferred_kinds=list(p.preferred_kinds),
        available_from=p.available_from,
        available_to=p.available_to,
        consent_matching=p.consent_matching,
        consent_followup=p.consent_followup,
    )


def application(a: Application) -> ApplicationPublic:
    return ApplicationPublic(
        id=a.pk,
        opportunity_id=a.opportunity_id,
        opportunity=a.opportunity.title,
        host=a.opportunity.host.name,
        status=a.status,
        status_label=str(a.get_status_display()),
        message=a.message,
        created_at=a.created_at,
    )


def student_name(p: StudentProfile | None) -> str | None:
    if p is None:
        return None
    name = f"{p.user.first_name} {p.user.last_name}".strip()
    return name or p.user.email


def placement(p: Placement) -> PlacementPublic:
    return PlacementPublic(
        id=p.pk,
        student_id=p.student_id,
        student=student_name(p.student),
        opportunity_id=p.opportunity_id,
        opportunity=p.opportunity.title,
        source=p.source,
        locked=p.locked,
        choice_rank=p.choice_rank,
    )
