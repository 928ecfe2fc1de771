"""Which governance an activity follows, and which statuses it may move to by hand.

The one owner of these rules: the permissions, the services, the public schema and the pages
call :func:`governance_of`, :func:`noting_council` and :func:`manual_next`.
"""

from __future__ import annotations

from .models import WORKFLOW, Activity, ActivityStatus, Body, BodyKind, Governance

__all__ = ["governance_of", "noting_council", "manual_next", "allowed_next", "required_parties"]

S = ActivityStatus

#: Statuses reached only through a decision / the parties' approvals, never by a status change.
_DECIDED_ELSEWHERE = {S.PROPOSED, S.DECIDED, S.REJECTED}


def governance_of(activity: Activity) -> str:
    """The body's own governance (the activity's working group or council), else the agreement's,
    else a steering group's (an activity outside any agreement)."""
    group = activity.working_group if activity.working_group_id else None
    if group is not None and group.governance:
        return group.governance
    if activity.agreement_id is not None:
        return activity.agreement.governance
    return Governance.STEERING_GROUP


def noting_council(activity: Activity) -> Body | None:
    """The council that notes the activity under ``council_notes``: its own body when that is a
    council, else the agreement's council."""
    group = activity.working_group if activity.working_group_id else None
    if group is not None and group.kind == BodyKind.COUNCIL:
        return group
    if activity.agreement_id is not None:
        return Body.objects.filter(agreement_id=activity.agreement_id, kind=BodyKind.COUNCIL).order_by("pk").first()
    return None


def allowed_next(activity: Activity) -> tuple[str, ...]:
    """Every status the activity may reach next under its governance (by any route)."""
    nxt = WORKFLOW[activity.status]
    if governance_of(activity) == Governance.COUNCIL_NOTES:
        return tuple(s for s in nxt if s not in _DECIDED_ELSEWHERE)
    return tuple(s for s in nxt if not (activity.status == S.IDEA and s == S.RUNNING))


def manual_next(activity: Activity) -> tuple[str, ...]:
    """The statuses reached by a plain status change (not a proposal, decision or approval)."""
    return tuple(s for s in allowed_next(activity) if s not in _DECIDED_ELSEWHERE)


def required_parties(activity: Activity) -> list:
    """The organisations whose coordinators must approve under ``direct``: the agreement's parties."""
    if activity.agreement_id is None:
        return []
    return list(activity.agreement.parties.order_by("name"))
