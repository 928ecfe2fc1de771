"""Activities and their workflow: idea → proposed → decided → running → completed → evaluated.

A working group's members create and propose activities; only members of the steering group
above it decide (approve or reject, with date and justification) — never the person who
proposed it, and never with a date before the proposal. Any other move is refused with
:class:`InvalidTransition`. An activity's owner, agreement, working group and partners must
be the actor's own (:func:`_check_scope`, the same querysets the form offers): 403 otherwise.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed

from .. import validation as v
from ..audit import record, snapshot
from ..models import WORKFLOW, Activity, ActivityStatus, Decision, DecisionOutcome, Phase
from ..permissions import (
    choosable_owners,
    choosable_working_groups,
    is_proposer,
    require,
    visible_activities,
    visible_agreements,
    visible_organisations,
)
from ..schemas import ActivityCreate, ActivityUpdate

__all__ = [
    "InvalidTransition",
    "get_activity",
    "find_activity",
    "list_activities",
    "create_activity",
    "propose_activity",
    "submit_proposal",
    "decide_activity",
    "transition_activity",
    "update_activity",
]


class InvalidTransition(ValidationFailed):
    """An activity cannot move from its status to the requested one (HTTP 422)."""

    def __init__(self, activity: Activity, to_status: str, reason: str = "") -> None:
        self.from_status = activity.status
        self.to_status = to_status
        allowed = ", ".join(str(ActivityStatus(s).label) for s in WORKFLOW[activity.status]) or "inga"
        message = reason or (
            f"En aktivitet med status {ActivityStatus(activity.status).label} kan inte bli "
            f"{ActivityStatus(to_status).label if to_status in ActivityStatus.values else to_status}. "
            f"Tillåtna nästa steg: {allowed}."
        )
        super().__init__(message, errors={"status": message})


def get_activity(*, actor, pk: int) -> Activity:
    """One activity the actor may read (unknown and unreadable look the same: NotFound)."""
    found = visible_activities(actor).filter(pk=pk).select_related("owner", "working_group__parent").first()
    if found is None:
        raise NotFound(f"Okänd aktivitet: {pk}")
    return found


def find_activity(pk: int) -> Activity:
    """Any activity by id, for write operations: the service then checks the right (403)."""
    found = Activity.objects.filter(pk=pk).select_related("owner", "working_group__parent").first()
    if found is None:
        raise NotFound(f"Okänd aktivitet: {pk}")
    return found


def list_activities(
    *, actor, phase: str | None = None, status: str | None = None, agreement_id: int | None = None
) -> QuerySet[Activity]:
    qs = (
        visible_activities(actor)
        .select_related("owner", "working_group__parent", "agreement")
        .prefetch_related(
            "partners", Prefetch("decisions", queryset=Decision.objects.select_related("body", "decided_by"))
        )
    )
    if phase:
        qs = qs.filter(phase=phase)
    if status:
        qs = qs.filter(status=status)
    if agreement_id:
        qs = qs.filter(agreement_id=agreement_id)
    return qs.order_by("phase", "period_start", "title")


def _validate_fields(fields: dict, errors: dict[str, str]) -> None:
    if "title" in fields:
        errors |= v.check_required(title=fields["title"])
    if "phase" in fields and fields["phase"] not in Phase.values:
        errors["phase"] = f"Okänd fas: {fields['phase']}."
    errors |= v.check_period(fields.get("period_start"), fields.get("period_end"))
    errors |= v.check_not_negative(
        expected_participants=fields.get("expected_participants"),
        actual_participants=fields.get("actual_participants"),
    )


SCOPE_REFUSED = {
    "owner_id": "Ägaren måste vara en av dina egna organisationer.",
    "agreement_id": "Du kan bara knyta aktiviteten till ett avtal som din organisation är part i.",
    "working_group_id": "Du kan bara välja en arbetsgrupp inom dina egna avtal och organ.",
    "partner_ids": "Du kan bara välja partner bland organisationer du samverkar med.",
}


def _check_scope(actor, *, owner=None, agreement=None, group=None, partners=()) -> None:
    """Refuse (403) an owner, agreement, working group or partner outside the actor's own."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("Logga in för att ändra aktiviteter.")
    if actor.is_superuser:
        return
    refused = {}
    if owner is not None and not choosable_owners(actor).filter(pk=owner.pk).exists():
        refused["owner_id"] = SCOPE_REFUSED["owner_id"]
    if agreement is not None and not visible_agreements(actor).filter(pk=agreement.pk).exists():
        refused["agreement_id"] = SCOPE_REFUSED["agreement_id"]
    if group is not None and not choosable_working_groups(actor).filter(pk=group.pk).exists():
        refused["working_group_id"] = SCOPE_REFUSED["working_group_id"]
    partner_ids = {p.pk for p in partners}
    if partner_ids and visible_organisations(actor).filter(pk__in=partner_ids).count() != len(partner_ids):
        refused["partner_ids"] = SCOPE_REFUSED["partner_ids"]
    if refused:
        raise PermissionDenied(" ".join(refused.values()))


def create_activity(*, actor, data: ActivityCreate, is_demo: bool = False) -> Activity:
    """Create an activity as an idea (or proposed at once when ``data.propose``)."""
    fields = data.model_dump()
    errors: dict[str, str] = {}
    _validate_fields(fields, errors)
    owner = v.organisation(data.owner_id, "owner_id", errors)
    partners = v.organisations(data.partner_ids, "partner_ids", errors)
    agreement = v.agreement(data.agreement_id, "agreement_id", errors)
    group = v.working_group(data.working_group_id, "working_group_id", errors)
    v.raise_if(errors)
    _check_scope(actor, owner=owner, agreement=agreement, group=group, partners=partners)

    draft = Activity(owner=owner, working_group=group)
    if data.propose:
        require(actor, "propose_activity", draft, "Endast arbetsgruppens medlemmar får föreslå aktiviteter i den.")
        _check_can_be_decided(draft)
    else:
        require(
            actor,
            "change_activity",
            draft,
            "Endast arbetsgruppens medlemmar eller ägarens samordnare får lägga upp aktiviteten.",
        )

    with transaction.atomic():
        activity = Activity.objects.create(
            title=data.title.strip(),
            description=data.description,
            phase=data.phase,
            target_group=data.target_group,
            owner=owner,
            agreement=agreement,
            working_group=group,
            period_start=data.period_start,
            period_end=data.period_end,
            place=data.place,
            expected_participants=data.expected_participants,
            status=ActivityStatus.PROPOSED if data.propose else ActivityStatus.IDEA,
            proposed_by=actor if data.propose else None,
            proposed_at=timezone.now() if data.propose else None,
            is_demo=is_demo,
        )
        activity.partners.set(partners)
        record(actor=actor, action="propose" if data.propose else "create", obj=activity, after=snapshot(activity))
    return activity


def propose_activity(*, actor, data: ActivityCreate, is_demo: bool = False) -> Activity:
    """A working-group member proposes a new activity to the steering group above the group."""
    return create_activity(actor=actor, data=data.model_copy(update={"propose": True}), is_demo=is_demo)


def _check_can_be_decided(activity: Activity) -> None:
    group = activity.working_group
    if group is None:
        raise ValidationFailed(
            "Ett förslag måste komma från en arbetsgrupp.", errors={"working_group_id": "Välj arbetsgrupp."}
        )
    if group.parent is None:
        raise ValidationFailed(
            f"{group.name} har ingen styrgrupp som kan besluta.",
            errors={"working_group_id": "Arbetsgruppen saknar styrgrupp."},
        )


def submit_proposal(*, actor, activity: Activity) -> Activity:
    """idea → proposed, by a member of the activity's working group."""
    require(actor, "propose_activity", activity, "Endast arbetsgruppens medlemmar får föreslå aktiviteter i den.")
    _check_can_be_decided(activity)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if ActivityStatus.PROPOSED not in WORKFLOW[activity.status]:
            raise InvalidTransition(activity, ActivityStatus.PROPOSED)
        before = snapshot(activity)
        activity.status = ActivityStatus.PROPOSED
        activity.proposed_by = actor
        activity.proposed_at = timezone.now()
        activity.save()
        record(actor=actor, action="propose", obj=activity, before=before, after=snapshot(activity))
    return activity


def decide_activity(*, actor, activity: Activity, decision: str, justification: str, date: dt.date) -> Decision:
    """The steering group above the proposing working group approves or rejects a proposal."""
    if is_proposer(actor, activity):
        raise PermissionDenied("Den som föreslog aktiviteten kan inte också besluta om den.")
    require(actor, "decide_activity", activity, "Endast ledamöter i styrgruppen ovanför arbetsgruppen får besluta.")
    errors = v.check_required(justification=justification)
    if decision not in DecisionOutcome.values:
        errors["decision"] = "Beslutet ska vara bifall eller avslag."
    if date is None:
        errors["date"] = v.REQUIRED
    elif date > timezone.localdate():
        errors["date"] = "Beslutsdatum kan inte ligga i framtiden."
    elif activity.proposed_at is not None and date < timezone.localdate(activity.proposed_at):
        errors["date"] = (
            f"Beslutsdatum kan inte ligga före förslaget ({timezone.localdate(activity.proposed_at).isoformat()})."
        )
    v.raise_if(errors, "Beslutet kunde inte registreras.")
    to_status = ActivityStatus.DECIDED if decision == DecisionOutcome.APPROVE else ActivityStatus.REJECTED
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",)).select_related("working_group__parent").get(pk=activity.pk)
        )
        if activity.status != ActivityStatus.PROPOSED:
            raise InvalidTransition(
                activity,
                to_status,
                f"Endast föreslagna aktiviteter kan beslutas (status nu: {activity.get_status_display()}).",
            )
        before = snapshot(activity)
        record_ = Decision.objects.create(
            activity=activity,
            body=activity.working_group.parent,
            decided_by=actor,
            date=date,
            outcome=decision,
            justification=justification.strip(),
        )
        activity.status = to_status
        activity.save()
        record(actor=actor, action="create", obj=record_, after=snapshot(record_))
        record(actor=actor, action="decide", obj=activity, before=before, after=snapshot(activity))
    return record_


def transition_activity(
    *, actor, activity: Activity, to_status: str, actual_participants: int | None = None, evaluation: str = ""
) -> Activity:
    """Move a decided activity on: decided → running → completed → evaluated (rejected → idea)."""
    if to_status == ActivityStatus.PROPOSED:
        return submit_proposal(actor=actor, activity=activity)
    require(
        actor,
        "change_activity",
        activity,
        "Endast arbetsgruppens medlemmar eller ägarens samordnare får ändra aktiviteten.",
    )
    if to_status in (ActivityStatus.DECIDED, ActivityStatus.REJECTED):
        raise InvalidTransition(
            activity, to_status, "Beslut fattas av styrgruppen med ett beslutsprotokoll, inte som statusbyte."
        )
    errors = v.check_not_negative(actual_participants=actual_participants)
    if to_status == ActivityStatus.EVALUATED:
        errors |= v.check_required(evaluation=evaluation)
    v.raise_if(errors)
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity.pk)
        if to_status not in WORKFLOW[activity.status]:
            raise InvalidTransition(activity, to_status)
        before = snapshot(activity)
        activity.status = to_status
        if actual_participants is not None:
            activity.actual_participants = actual_participants
        if evaluation:
            activity.evaluation = evaluation.strip()
        activity.save()
        record(actor=actor, action=f"status:{to_status}", obj=activity, before=before, after=snapshot(activity))
    return activity


def update_activity(*, actor, activity: Activity, data: ActivityUpdate) -> Activity:
    require(
        actor,
        "change_activity",
        activity,
        "Endast arbetsgruppens medlemmar eller ägarens samordnare får ändra aktiviteten.",
    )
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    merged = {
        "period_start": changes.get("period_start", activity.period_start),
        "period_end": changes.get("period_end", activity.period_end),
    } | {k: val for k, val in changes.items() if k not in ("period_start", "period_end")}
    _validate_fields(merged, errors)
    partners = v.organisations(changes.pop("partner_ids"), "partner_ids", errors) if "partner_ids" in changes else None
    if "agreement_id" in changes:
        changes["agreement"] = v.agreement(changes.pop("agreement_id"), "agreement_id", errors)
    v.raise_if(errors)
    new_partners = [p for p in partners or () if p.pk not in set(activity.partners.values_list("pk", flat=True))]
    _check_scope(actor, agreement=changes.get("agreement"), partners=new_partners)
    with transaction.atomic():
        before = snapshot(activity)
        for field, value in changes.items():
            setattr(activity, field, value)
        activity.save()
        if partners is not None:
            activity.partners.set(partners)
        record(actor=actor, action="update", obj=activity, before=before, after=snapshot(activity))
    return activity
