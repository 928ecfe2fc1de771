"""Ranked lists, both ways: opportunities for a student, applicants for an opportunity.

The published opportunities are held as one :class:`~..scoring.OpportunityIndex` per process,
rebuilt when the published set changes (checked with one aggregate query per call: count,
highest id and latest change of the published rows).
"""

from __future__ import annotations

import threading

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import PermissionDenied

from .. import skills as sk
from ..models import Application, Opportunity, OpportunityStatus, StudentProfile
from ..permissions import require, student_profile
from ..schemas import ApplicantPublic, RankedList, RankedOpportunity
from ..scoring import (
    OpportunityIndex,
    OpportunityRecord,
    ScoredOpportunity,
    StudentRecord,
    score_pair,
)
from . import public
from .opportunities import with_counts

__all__ = [
    "NO_CONSENT",
    "opportunity_record",
    "published_index",
    "ranked_applicants",
    "ranked_for_student",
    "student_record",
]

NO_CONSENT = gettext_noop("Ge samtycke till matchning i din profil för att se möjligheter rangordnade efter dig.")
NO_SKILLS = gettext_noop(
    "Lägg till avklarade kurser eller kompetenser i din profil: utan dem rangordnas bara efter ort, period och typ."
)

_lock = threading.Lock()
_cached: dict[str, object] = {"key": None, "index": None}


def opportunity_record(o: Opportunity) -> OpportunityRecord:
    kommun = o.kommun
    return OpportunityRecord(
        id=o.pk,
        kind=o.kind,
        required=tuple(o.required_skills),
        desirable=tuple(o.desirable_skills),
        ssyk=o.ssyk_id or "",
        kommun=o.kommun_id or "",
        fa_region=(kommun.fa_region_id or "") if kommun else "",
        lan=kommun.lan_id if kommun else "",
        period_start=o.period_start,
        period_end=o.period_end,
        remote=o.work_mode == "remote",
    )


def published_index() -> OpportunityIndex:
    """The index of all published opportunities (rebuilt when they change)."""
    published = Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)
    stamp = published.aggregate(n=Count("id"), top=Max("id"), changed=Max("updated_at"))
    key = (stamp["n"], stamp["top"], stamp["changed"])
    with _lock:
        if _cached["key"] == key and _cached["index"] is not None:
            return _cached["index"]  # type: ignore[return-value]
    rows = list(published.select_related("kommun").order_by("id"))
    records = [opportunity_record(o) for o in rows]
    index = OpportunityIndex(records, sk.labels({s for r in records for s in (*r.required, *r.desirable)}))
    with _lock:
        _cached["key"], _cached["index"] = key, index
    return index


def student_record(profile: StudentProfile) -> StudentRecord:
    kommuner = list(profile.preferred_kommuner.all())  # prefetched where many profiles are scored
    return StudentRecord(
        skills=frozenset(profile.skills),
        kommuner=frozenset(k.code for k in kommuner),
        fa_regions=frozenset(k.fa_region_id for k in kommuner if k.fa_region_id),
        lans=frozenset(k.lan_id for k in kommuner),
        kinds=frozenset(profile.preferred_kinds),
        available_from=profile.available_from,
        available_to=profile.available_to,
        kommun_names={k.code: k.name for k in kommuner},
    )


def _ranked(scored: list[ScoredOpportunity], rows: dict[int, object]) -> list[RankedOpportunity]:
    return [
        RankedOpportunity(
            opportunity=rows[s.id],
            score=s.score,
            skill_fit=s.skill_fit,
            preference_fit=s.preference_fit,
            required_covered=s.required_covered,
            required_total=s.required_total,
            missing=list(s.missing),
            reasons=list(s.reasons),
            neighbour=s.neighbour,
        )
        for s in scored
        if s.id in rows
    ]


def ranked_for_student(*, actor, top: int = 20, neighbours: int = 5) -> RankedList:
    """The student's best published opportunities with reasons, plus neighbouring occupations."""
    profile = student_profile(actor)
    if profile is None:
        raise PermissionDenied(_("Endast studenter får en rangordnad lista."))
    if not profile.consent_matching:
        return RankedList(matches=[], neighbours=[], notes=[_(NO_CONSENT)])
    top = max(1, min(top, 100))
    neighbours = max(0, min(neighbours, 20))
    ranking = published_index().rank(student_record(profile), top=top, neighbours=neighbours)
    ids = [s.id for s in (*ranking.matches, *ranking.neighbours)]
    rows = {
        o.id: o
        for o in public.opportunities(
            with_counts(Opportunity.objects.filter(pk__in=ids, status=OpportunityStatus.PUBLISHED))
        )
    }
    notes = [] if profile.skills else [_(NO_SKILLS)]
    return RankedList(matches=_ranked(ranking.matches, rows), neighbours=_ranked(ranking.neighbours, rows), notes=notes)


def ranked_applicants(*, actor, opportunity: Opportunity) -> list[ApplicantPublic]:
    """Applicants to one of the host's opportunities, best match first (nobody who has not applied)."""
    require(actor, "view_applicants", opportunity, _("Endast värdorganisationen ser sökande till sina möjligheter."))
    apps = list(
        Application.objects.filter(opportunity=opportunity)
        .select_related("student__user", "student__university", "student__programme")
        .prefetch_related("student__preferred_kommuner")
    )
    record = opportunity_record(opportunity)
    known = sk.labels({s for a in apps for s in a.student.skills} | set(record.required) | set(record.desirable))
    out = []
    for a in apps:
        p = a.student
        scored = score_pair(student_record(p), record, known)
        out.append(
            ApplicantPublic(
                application_id=a.pk,
                status=a.status,
                status_label=str(a.get_status_display()),
                name=public.student_name(p) or "",
                email=p.user.email,
                university=p.university.name,
                programme=p.programme.name if p.programme_id else p.programme_name,
                skills=sk.refs(p.skills, known),
                message=a.message,
                score=scored.score,
                reasons=list(scored.reasons),
                created_at=a.created_at,
            )
        )
    out.sort(key=lambda r: (-r.score, r.created_at))
    return out
