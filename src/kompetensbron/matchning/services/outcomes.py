"""Outcomes of placements: completed, grade, hired by the host (the host or a coordinator of the
student's university records them) and — only with the student's consent to follow-up —
whether the person stayed in the kommun / region after 1 and 3 years."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.samverkan.audit import record, snapshot

from ..models import Opportunity, Outcome, Placement
from ..permissions import require
from ..schemas import OutcomeIn, OutcomePublic

__all__ = ["FOLLOW_UP_FIELDS", "find_placement", "outcome_public", "placements_of", "record_outcome"]

FOLLOW_UP_FIELDS = ("stayed_kommun_1y", "stayed_region_1y", "stayed_kommun_3y", "stayed_region_3y")


def find_placement(pk: int) -> Placement:
    found = Placement.objects.filter(pk=pk).select_related("opportunity", "student").first()
    if found is None:
        raise NotFound(_("Okänd placering: %(pk)s") % {"pk": pk})
    return found


def placements_of(opportunity: Opportunity) -> QuerySet[Placement]:
    """The placements at ``opportunity`` with their student, opportunity and outcome (if any)."""
    return Placement.objects.filter(opportunity=opportunity).select_related("student__user", "opportunity", "outcome")


def outcome_public(o: Outcome) -> OutcomePublic:
    return OutcomePublic(
        placement_id=o.placement_id,
        completed=o.completed,
        grade=o.grade,
        hired=o.hired,
        **{f: getattr(o, f) for f in FOLLOW_UP_FIELDS},
    )


def record_outcome(*, actor, placement: Placement, data: OutcomeIn) -> Outcome:
    require(actor, "record_outcome", placement, _("Endast värden eller studentens lärosäte registrerar utfall."))
    changes = data.model_dump(exclude_unset=True)
    follow_up = {f: changes[f] for f in FOLLOW_UP_FIELDS if changes.get(f) is not None}
    if follow_up and (placement.student is None or not placement.student.consent_followup):
        raise ValidationFailed(
            _("Uppföljning av var personen bor kräver studentens samtycke till uppföljning."),
            errors={f: _("samtycke saknas") for f in follow_up},
        )
    if changes.get("grade"):
        changes["grade"] = changes["grade"].strip()
    with transaction.atomic():
        outcome, created = Outcome.objects.select_for_update().get_or_create(placement=placement)
        before = None if created else snapshot(outcome)
        for field, value in changes.items():
            setattr(outcome, field, (value or "") if field == "grade" else value)
        outcome.save()
        record(
            actor=actor, action="create" if created else "update", obj=outcome, before=before, after=snapshot(outcome)
        )
    return outcome
