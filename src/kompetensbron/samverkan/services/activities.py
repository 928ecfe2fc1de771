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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed

from .. import validation as v
from ..audit import record, snapshot
from ..governance_rules import allowed_next, governance_of, manual_next
from ..models import (
    WORKFLOW,
    Activity,
    ActivityApproval,
    ActivityStatus,
    Decision,
    DecisionOutcome,
    Governance,
    Phase,
    Unit,
)
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
        allowed = ", ".join(str(ActivityStatus(s).label) for s in allowed_next(activity)) or _("inga")
        message = reason or _(
            "En aktivitet med status %(status)s kan inte bli %(to)s. Tillåtna nästa steg: %(allowed)s."
        ) % {
            "status": ActivityStatus(activity.status).label,
            "to": ActivityStatus(to_status).label if to_status in ActivityStatus.values else to_status,
            "allowed": allowed,
        }
        super().__init__(message, errors={"status": message})


def get_activity(*, actor, pk: int) -> Activity:
    """One activity the actor may read (unknown and unreadable look the same: NotFound)."""
    found = visible_activities(actor).filter(pk=pk).select_related("owner", "working_group__parent").first()
    if found is None:
        raise NotFound(_("Okänd aktivitet: %(pk)s") % {"pk": pk})
    return found


def find_activity(pk: int) -> Activity:
    """Any activity by id, for write operations: the service then checks the right (403)."""
    found = Activity.objects.filter(pk=pk).select_related("owner", "working_group__parent").first()
    if found is None:
        raise NotFound(_("Okänd aktivitet: %(pk)s") % {"pk": pk})
    return found


def list_activities(
    *, actor, phase: str | None = None, status: str | None = None, agreement_id: int | None = None
) -> QuerySet[Activity]:
    qs = (
        visible_activities(actor)
        .select_related("owner", "owner_unit", "working_group__parent", "agreement")
        .prefetch_related(
            "partners",
            "areas",
            Prefetch("units", queryset=Unit.objects.select_related("organisation")),
            Prefetch(
                "approvals",
                queryset=ActivityApproval.objects.filter(is_current=True).select_related("organisation", "body", "by"),
            ),
            Prefetch("decisions", queryset=Decision.objects.select_related("body", "decided_by")),
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
    if fields.get("phase") and fields["phase"] not in Phase.values:
        errors["phase"] = _("Okänd fas: %(phase)s.") % {"phase": fields["phase"]}
    errors |= v.check_period(fields.get("period_start"), fields.get("period_end"))
    errors |= v.check_not_negative(
        expected_participants=fields.get("expected_participants"),
        actual_participants=fields.get("actual_participants"),
    )


SCOPE_REFUSED = {
    "owner_id": gettext_lazy("Ägaren måste vara en av dina egna organisationer."),
    "agreement_id": gettext_lazy("Du kan bara knyta aktiviteten till ett avtal som din organisation är part i."),
    "working_group_id": gettext_lazy("Du kan bara välja en arbetsgrupp inom dina egna avtal och organ."),
    "partner_ids": gettext_lazy("Du kan bara välja partner bland organisationer du samverkar med."),
}


def _check_phase(phase: str | None, agreement, errors: dict[str, str]) -> None:
    """A phase is needed where the agreement uses the life-cycle model, and optional elsewhere."""
    if not phase and agreement is not None and agreement.uses_lifecycle:
        errors["phase"] = _("Välj fas: avtalet följer livscykelmodellen (attrahera, stimulera, behålla, utveckla).")


def _areas_and_units(data, agreement, owner_id, partner_ids, errors: dict[str, str]) -> dict:
    """Validated areas, units and owning unit (only given keys); units of the organisations involved."""
    orgs = {owner_id, *partner_ids} | (set(agreement.parties.values_list("pk", flat=True)) if agreement else set())
    out: dict = {}
    if data.get("area_ids") is not None:
        out["areas"] = v.areas(data["area_ids"], "area_ids", errors, agreement)
    if data.get("unit_ids") is not None:
        out["units"] = v.units(data["unit_ids"], "unit_ids", errors, orgs)
    if "owner_unit_id" in data:
        found = v.units([data["owner_unit_id"]] if data["owner_unit_id"] else [], "owner_unit_id", errors, {owner_id})
        out["owner_unit"] = found[0] if found else None
    return out


def _check_scope(actor, *, owner=None, agreement=None, group=None, partners=()) -> None:
    """Refuse (403) an owner, agreement, working group or partner outside the actor's own."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Logga in för att ändra aktiviteter."))
    if actor.is_superuser:
        return
    refused = {}
    if owner is not None and not choosable_owners(actor).filter(pk=owner.pk).exists():
        refused["owner_id"] = str(SCOPE_REFUSED["owner_id"])
    if agreement is not None and not visible_agreements(actor).filter(pk=agreement.pk).exists():
        refused["agreement_id"] = str(SCOPE_REFUSED["agreement_id"])
    if group is not None and not choosable_working_groups(actor).filter(pk=group.pk).exists():
        refused["working_group_id"] = str(SCOPE_REFUSED["working_group_id"])
    partner_ids = {p.pk for p in partners}
    if partner_ids and visible_organisations(actor).filter(pk__in=partner_ids).count() != len(partner_ids):
        refused["partner_ids"] = str(SCOPE_REFUSED["partner_ids"])
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
    _check_phase(data.phase, agreement, errors)
    extra = _areas_and_units(fields, agreement, data.owner_id, data.partner_ids, errors)
    v.raise_if(errors)
    _check_scope(actor, owner=owner, agreement=agreement, group=group, partners=partners)

    draft = Activity(owner=owner, working_group=group, agreement=agreement)
    if data.propose:
        _check_steering(draft, ActivityStatus.PROPOSED)
        require(actor, "propose_activity", draft, _("Endast arbetsgruppens medlemmar får föreslå aktiviteter i den."))
        _check_can_be_decided(draft)
    else:
        require(
            actor,
            "change_activity",
            draft,
            _("Endast arbetsgruppens medlemmar eller ägarens samordnare får lägga upp aktiviteten."),
        )

    with transaction.atomic():
        activity = Activity.objects.create(
            title=data.title.strip(),
            description=data.description,
            phase=data.phase or "",
            target_group=data.target_group,
            owner=owner,
            owner_unit=extra.get("owner_unit"),
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
        activity.areas.set(extra.get("areas", []))
        activity.units.set(extra.get("units", []))
        record(actor=actor, action="propose" if data.propose else "create", obj=activity, after=snapshot(activity))
    return activity


def propose_activity(*, actor, data: ActivityCreate, is_demo: bool = False) -> Activity:
    """A working-group member proposes a new activity to the steering group above the group."""
    return create_activity(actor=actor, data=data.model_copy(update={"propose": True}), is_demo=is_demo)


def _check_steering(activity: Activity, to_status: str) -> None:
    """Proposals and decisions belong to steering-group governance; the others have their own steps."""
    governance = governance_of(activity)
    if governance == Governance.DIRECT:
        raise InvalidTransition(
            activity,
            to_status,
            _(
                "Avtalet har ingen styrgrupp som beslutar: parternas samordnare kommer överens direkt "
                "(godkänn aktiviteten för din part)."
            ),
        )
    if governance == Governance.COUNCIL_NOTES:
        raise InvalidTransition(
            activity,
            to_status,
            _("Rådet beslutar inte: det noterar aktiviteten, och parterna startar den."),
        )


def _check_can_be_decided(activity: Activity) -> None:
    group = activity.working_group
    if group is None:
        raise ValidationFailed(
            _("Ett förslag måste komma från en arbetsgrupp."), errors={"working_group_id": _("Välj arbetsgrupp.")}
        )
    if group.parent is None:
        raise ValidationFailed(
            _("%(name)s har ingen styrgrupp som kan besluta.") % {"name": group.name},
            errors={"working_group_id": "Arbetsgruppen saknar styrgrupp."},
        )


def submit_proposal(*, actor, activity: Activity) -> Activity:
    """idea → proposed, by a member of the activity's working group."""
    _check_steering(activity, ActivityStatus.PROPOSED)
    require(actor, "propose_activity", activity, _("Endast arbetsgruppens medlemmar får föreslå aktiviteter i den."))
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
    _check_steering(activity, ActivityStatus.DECIDED)
    if is_proposer(actor, activity):
        raise PermissionDenied(_("Den som föreslog aktiviteten kan inte också besluta om den."))
    require(actor, "decide_activity", activity, _("Endast ledamöter i styrgruppen ovanför arbetsgruppen får besluta."))
    errors = v.check_required(justification=justification)
    if decision not in DecisionOutcome.values:
        errors["decision"] = _("Beslutet ska vara bifall eller avslag.")
    if date is None:
        errors["date"] = _(v.REQUIRED)
    elif date > timezone.localdate():
        errors["date"] = _("Beslutsdatum kan inte ligga i framtiden.")
    elif activity.proposed_at is not None and date < timezone.localdate(activity.proposed_at):
        errors["date"] = _("Beslutsdatum kan inte ligga före förslaget (%(date)s).") % {
            "date": timezone.localdate(activity.proposed_at).isoformat()
        }
    v.raise_if(errors, _("Beslutet kunde inte registreras."))
    to_status = ActivityStatus.DECIDED if decision == DecisionOutcome.APPROVE else ActivityStatus.REJECTED
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",)).select_related("working_group__parent").get(pk=activity.pk)
        )
        if activity.status != ActivityStatus.PROPOSED:
            raise InvalidTransition(
                activity,
                to_status,
                _("Endast föreslagna aktiviteter kan beslutas (status nu: %(status)s).")
                % {"status": activity.get_status_display()},
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
    """Move an activity on by a plain status change: decided → running → completed → evaluated,
    rejected → idea; under ``council_notes`` also idea → running (the parties start it)."""
    if to_status == ActivityStatus.PROPOSED:
        return submit_proposal(actor=actor, activity=activity)
    require(
        actor,
        "move_activity",
        activity,
        _(
            "Endast arbetsgruppens medlemmar, ägarens samordnare eller (utan styrgrupp) parternas samordnare "
            "får flytta aktiviteten."
        ),
    )
    if to_status in (ActivityStatus.DECIDED, ActivityStatus.REJECTED):
        how = {
            Governance.DIRECT: _("parternas samordnare godkänner den"),
            Governance.COUNCIL_NOTES: _("rådet beslutar inte; parterna startar aktiviteten"),
        }.get(governance_of(activity), _("styrgruppen beslutar med ett beslutsprotokoll"))
        raise InvalidTransition(activity, to_status, _("Det är inget statusbyte: %(how)s.") % {"how": how})
    errors = v.check_not_negative(actual_participants=actual_participants)
    if to_status == ActivityStatus.EVALUATED:
        errors |= v.check_required(evaluation=evaluation)
    v.raise_if(errors)
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("agreement", "working_group")
            .get(pk=activity.pk)
        )
        if to_status not in manual_next(activity):
            raise InvalidTransition(activity, to_status)
        before = snapshot(activity)
        if to_status == ActivityStatus.IDEA:  # reworked: the parties approve the new version again
            activity.approvals.filter(is_current=True).update(is_current=False)
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
        _("Endast arbetsgruppens medlemmar eller ägarens samordnare får ändra aktiviteten."),
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
    agreement = changes.get("agreement", activity.agreement)
    if "phase" in changes:
        changes["phase"] = changes["phase"] or ""
    _check_phase(changes.get("phase", activity.phase), agreement, errors)
    partner_ids = (
        [p.pk for p in partners] if partners is not None else list(activity.partners.values_list("pk", flat=True))
    )
    extra = _areas_and_units(
        {k: changes.pop(k) for k in ("area_ids", "unit_ids", "owner_unit_id") if k in changes},
        agreement,
        activity.owner_id,
        partner_ids,
        errors,
    )
    if "owner_unit" in extra:
        changes["owner_unit"] = extra.pop("owner_unit")
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
        for name, rows in extra.items():  # areas, units
            getattr(activity, name).set(rows)
        record(actor=actor, action="update", obj=activity, before=before, after=snapshot(activity))
    return activity
