"""Personal data held by Matchning (registered with :mod:`kompetensbron.privacy`).

:func:`export` returns the student profile, applications, round rankings and placements with
outcomes of one person. :func:`erase` deletes the profile with its applications and rankings;
placements stay for the aggregates, without the person (``student`` set to NULL), and an
outcome's individual follow-up answers (stayed in kommun / region) are cleared.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kompetensbron.samverkan.models import AuditEntry

from .models import Outcome, Placement, RoundHostRank, StudentProfile

__all__ = ["erase", "export"]


def export(user) -> dict[str, Any]:
    profile = StudentProfile.objects.filter(user=user).select_related("university", "programme").first()
    if profile is None:
        return {}
    return {
        "profile": {
            "university": profile.university.name,
            "programme": profile.programme.name if profile.programme else profile.programme_name,
            "completed_courses": sorted(profile.completed_courses.values_list("code", flat=True)),
            "skills": profile.skills,
            "derived_skills": list(profile.derived_skills),
            "added_skills": list(profile.added_skills),
            "removed_skills": list(profile.removed_skills),
            "preferred_kommuner": sorted(profile.preferred_kommuner.values_list("code", flat=True)),
            "preferred_kinds": list(profile.preferred_kinds),
            "available_from": profile.available_from.isoformat() if profile.available_from else None,
            "available_to": profile.available_to.isoformat() if profile.available_to else None,
            "consent_matching": profile.consent_matching,
            "consent_followup": profile.consent_followup,
        },
        "applications": [
            {
                "opportunity": a.opportunity.title,
                "status": a.status,
                "message": a.message,
                "created_at": a.created_at.isoformat(),
            }
            for a in profile.applications.select_related("opportunity")
        ],
        "round_rankings": [
            {"round": r.round.title, "opportunity": r.opportunity.title, "rank": r.rank}
            for r in profile.round_ranks.select_related("round", "opportunity")
        ],
        "placements": [_placement(p) for p in profile.placements.select_related("opportunity")],
    }


def _placement(p: Placement) -> dict[str, Any]:
    out: dict[str, Any] = {
        "opportunity": p.opportunity.title,
        "source": p.source,
        "matched_at": p.matched_at.isoformat(),
    }
    outcome = Outcome.objects.filter(placement=p).first()
    if outcome is not None:
        out["outcome"] = {
            "completed": outcome.completed,
            "grade": outcome.grade,
            "hired": outcome.hired,
            "stayed_kommun_1y": outcome.stayed_kommun_1y,
            "stayed_region_1y": outcome.stayed_region_1y,
            "stayed_kommun_3y": outcome.stayed_kommun_3y,
            "stayed_region_3y": outcome.stayed_region_3y,
        }
    return out


def erase(user) -> int:
    """Remove the person from Matchning; rows changed (profile, its rows, cleared outcomes, audit)."""
    profile = StudentProfile.objects.filter(user=user).first()
    if profile is None:
        return 0
    changed = Outcome.objects.filter(placement__student=profile).update(
        grade="", stayed_kommun_1y=None, stayed_region_1y=None, stayed_kommun_3y=None, stayed_region_3y=None
    )
    application_ids = [str(pk) for pk in profile.applications.values_list("pk", flat=True)]
    # The audit log's copies of the profile and the applications (messages, skills) go too.
    changed += AuditEntry.objects.filter(
        Q(model="matchning.studentprofile", object_id=str(profile.pk))
        | Q(model="matchning.application", object_id__in=application_ids)
    ).update(before=None, after=None)
    changed += Placement.objects.filter(student=profile).update(student=None, application=None)
    changed += (
        len(application_ids) + profile.round_ranks.count() + RoundHostRank.objects.filter(student=profile).count()
    )
    profile.delete()  # cascades to applications and rankings
    return changed + 1
