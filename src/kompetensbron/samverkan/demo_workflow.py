"""Demo activities go through the same services as everyone's: created, proposed, decided,
approved, noted and moved by the demo users — no status is written around the workflow.

:func:`walk` takes a freshly created activity to its target status under its governance, each
step by the person whose role allows it (the services check the rules and audit every step).
"""

from __future__ import annotations

from django.utils import timezone

from . import services
from .governance_rules import governance_of, required_parties
from .models import Activity, ActivityStatus, Governance
from .permissions import coordinated_organisation_ids

__all__ = ["walk"]

S = ActivityStatus
_AFTER_DECISION = [S.RUNNING, S.COMPLETED, S.EVALUATED]


def walk(
    activity: Activity,
    target: str,
    *,
    proposer=None,
    decider=None,
    coordinators=(),
    council_member=None,
    mover=None,
    actual_participants: int | None = None,
    evaluation: str = "",
    justification: str = "",
) -> Activity:
    """Move ``activity`` (an idea) to ``target`` through the services, by the given people."""
    governance = governance_of(activity)
    if target == S.IDEA:
        return activity
    if governance == Governance.STEERING_GROUP:
        activity = services.submit_proposal(actor=proposer, activity=activity)
        if target == S.PROPOSED:
            return activity
        services.decide_activity(
            actor=decider, activity=activity, decision="approve", justification=justification, date=timezone.localdate()
        )
    elif governance == Governance.DIRECT:
        for party in required_parties(activity):
            actor = next(c for c in coordinators if party.pk in coordinated_organisation_ids(c))
            services.agree_activity(actor=actor, activity=activity, organisation_id=party.pk, approve=True)
            activity.refresh_from_db()
            if target == S.PROPOSED:
                return activity
    elif council_member is not None:
        services.note_activity(actor=council_member, activity=activity)
    activity.refresh_from_db()
    if target == S.DECIDED:
        return activity
    for status in _AFTER_DECISION:
        activity = services.transition_activity(
            actor=mover,
            activity=activity,
            to_status=status,
            actual_participants=actual_participants if status == S.COMPLETED else None,
            evaluation=evaluation if status == S.EVALUATED else "",
        )
        if status == target:
            break
    return activity
