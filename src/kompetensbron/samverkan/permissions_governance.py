"""The rules of governance other than a steering group (django-rules, registered on import by
:mod:`.permissions`):

- ``samverkan.approve_activity``: under ``direct`` governance, a coordinator of a party of the
  activity's agreement approves (or declines) for that party; where the activity names units of
  that party (its owner unit, its units), only a coordinator of one of those units or of the
  whole organisation (a membership without a unit) — :func:`approvable_party_ids`;
- ``samverkan.note_activity``: under ``council_notes``, a member (or the chair) of the council
  records that it noted the activity;
- ``samverkan.move_activity``: a plain status change (start, complete, evaluate) — whoever may
  change the activity, and under ``direct`` and ``council_notes`` also the parties' coordinators.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from .governance_rules import governance_of, noting_council
from .models import Activity, Governance, Membership, Unit
from .permissions import body_ids, coordinated_organisation_ids, is_member_of_working_group, is_owner_coordinator


def _party_ids(activity: Activity) -> set[int]:
    if activity is None or activity.agreement_id is None:
        return set()
    return set(activity.agreement.parties.values_list("pk", flat=True))


@rules.predicate
def is_direct(user, activity: Activity) -> bool:
    return activity is not None and governance_of(activity) == Governance.DIRECT


@rules.predicate
def is_council_noted(user, activity: Activity) -> bool:
    return activity is not None and governance_of(activity) == Governance.COUNCIL_NOTES


@rules.predicate
def is_coordinator_of_activity_party(user, activity: Activity) -> bool:
    return bool(_party_ids(activity) & coordinated_organisation_ids(user))


def named_units(activity: Activity) -> dict[int, set[int]]:
    """Organisation id → the ids of its units the activity names (owner unit and units)."""
    rows = Unit.objects.filter(Q(activities=activity) | Q(pk=activity.owner_unit_id)).values_list(
        "organisation_id", "pk"
    )
    out: dict[int, set[int]] = {}
    for org, unit in rows:
        out.setdefault(org, set()).add(unit)
    return out


def approvable_party_ids(user, activity: Activity | None) -> set[int]:
    """The parties of the activity's agreement ``user`` may approve for: those they coordinate;
    where the activity names units of a party, only with a membership of one of those units or
    of the whole party (no unit) — a department's coordinator does not answer for another's."""
    if activity is None or not user.is_authenticated:
        return set()
    if user.is_superuser:
        return _party_ids(activity)
    parties = _party_ids(activity) & coordinated_organisation_ids(user)
    if not parties:
        return set()
    named = named_units(activity)
    unit_of = dict(
        Membership.objects.filter(user=user, organisation_id__in=parties).values_list("organisation_id", "unit_id")
    )
    return {p for p in parties if not named.get(p) or unit_of.get(p) is None or unit_of[p] in named[p]}


@rules.predicate
def may_approve_for_a_party(user, activity: Activity) -> bool:
    return bool(approvable_party_ids(user, activity))


@rules.predicate
def is_member_of_noting_council(user, activity: Activity) -> bool:
    council = noting_council(activity) if activity is not None else None
    if council is None or not user.is_authenticated:
        return False
    return council.pk in body_ids(user) or council.chair_id == user.pk


rules.add_perm("samverkan.approve_activity", is_direct & may_approve_for_a_party)
rules.add_perm("samverkan.note_activity", is_council_noted & is_member_of_noting_council)
rules.add_perm(
    "samverkan.move_activity",
    is_member_of_working_group
    | is_owner_coordinator
    | ((is_direct | is_council_noted) & is_coordinator_of_activity_party),
)
