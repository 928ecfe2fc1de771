"""The steps of governance other than a steering group, and the explanation of the next step.

- :func:`agree_activity` (``direct``): a party's coordinator approves or declines the activity
  for their organisation. The first approval makes an idea *proposed* (waiting for the other
  parties); when every party of the agreement has approved it is *decided*; a refusal rejects it.
- :func:`note_activity` (``council_notes``): a council member records that the council noted it;
  the status does not change — the council decides nothing, the parties start the activity.
- :func:`next_steps`: what the next step needs and who may take it, for the activity page and
  the JSON answer (one owner of the explanation).

Each write checks its rule (:mod:`..permissions_governance`), validates, writes and audits in one
transaction, or raises and writes nothing.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetensbron.errors import PermissionDenied, ValidationFailed

from ..audit import record, snapshot
from ..governance_rules import governance_of, manual_next, noting_council, required_parties
from ..models import Activity, ActivityApproval, ActivityStatus, ApprovalKind, Governance, Unit
from ..permissions import coordinated_organisation_ids, require
from ..permissions_governance import approvable_party_ids, named_units
from ..schemas import NextStep
from .activities import InvalidTransition

__all__ = ["agree_activity", "note_activity", "next_steps"]

S = ActivityStatus


def _locked(activity: Activity) -> Activity:
    return (
        Activity.objects.select_for_update(of=("self",))
        .select_related("agreement", "working_group__parent")
        .get(pk=activity.pk)
    )


def activity_units_of(activity: Activity, organisation_id: int) -> list[Unit]:
    """The units of one organisation the activity names (owner unit and units)."""
    ids = named_units(activity).get(organisation_id, set())
    return list(Unit.objects.filter(pk__in=ids).order_by("name"))


def agree_activity(*, actor, activity: Activity, organisation_id: int, approve: bool, comment: str = ""):
    """A party's coordinator approves (or declines) the activity for ``organisation_id`` (where
    the activity names units of that party: a coordinator of one of them, or of the whole party)."""
    allowed = approvable_party_ids(actor, activity)
    unit_refusal = None  # the party's coordinator, but of a unit the activity does not name
    if organisation_id not in allowed and organisation_id in coordinated_organisation_ids(actor):
        units = ", ".join(u.name for u in activity_units_of(activity, organisation_id))
        unit_refusal = _("Aktiviteten gäller %(units)s; endast deras samordnare godkänner för parten.") % {
            "units": units
        }
    general = _(
        "Endast samordnare för en part i avtalet godkänner aktiviteten, och bara där parterna kommer överens direkt."
    )
    require(actor, "approve_activity", activity, unit_refusal or general)
    parties = {p.pk: p for p in required_parties(activity)}
    if organisation_id not in parties:
        raise ValidationFailed(
            _("Organisationen är inte part i avtalet."), errors={"organisation_id": _("Välj en av avtalets parter.")}
        )
    if organisation_id not in allowed:
        raise PermissionDenied(unit_refusal or _("Du är inte samordnare för den parten."))
    with transaction.atomic():
        activity = _locked(activity)
        if activity.status not in (S.IDEA, S.PROPOSED):
            raise InvalidTransition(
                activity,
                S.DECIDED if approve else S.REJECTED,
                _("Endast idéer och förslag godkänns (status nu: %(status)s).")
                % {"status": activity.get_status_display()},
            )
        if activity.approvals.filter(is_current=True, organisation_id=organisation_id).exists():
            raise ValidationFailed(
                _("%(party)s har redan svarat.") % {"party": parties[organisation_id].name},
                errors={"organisation_id": _("Redan besvarat.")},
            )
        before = snapshot(activity)
        try:
            with transaction.atomic():
                approval = ActivityApproval.objects.create(
                    activity=activity,
                    kind=ApprovalKind.APPROVE if approve else ApprovalKind.DECLINE,
                    organisation_id=organisation_id,
                    by=actor,
                    date=timezone.localdate(),
                    comment=comment.strip(),
                )
        except IntegrityError:
            raise ValidationFailed(
                _("Parten svarade samtidigt från en annan session."), errors={"organisation_id": _("Redan besvarat.")}
            ) from None
        approved = set(
            activity.approvals.filter(is_current=True, kind=ApprovalKind.APPROVE).values_list(
                "organisation_id", flat=True
            )
        )
        if not approve:
            activity.status = S.REJECTED
        elif approved >= set(parties):
            activity.status = S.DECIDED
        else:
            activity.status = S.PROPOSED
        if activity.proposed_at is None:
            activity.proposed_by, activity.proposed_at = actor, timezone.now()
        activity.save()
        record(actor=actor, action="create", obj=approval, after=snapshot(approval))
        record(
            actor=actor,
            action="approve" if approve else "decline",
            obj=activity,
            before=before,
            after=snapshot(activity),
        )
    return approval


def note_activity(*, actor, activity: Activity, comment: str = "") -> ActivityApproval:
    """The council records that it noted the activity (no status change: it decides nothing)."""
    require(actor, "note_activity", activity, _("Endast rådets ledamöter noterar aktiviteter, där rådet noterar."))
    council = noting_council(activity)
    with transaction.atomic():
        activity = _locked(activity)
        if activity.approvals.filter(is_current=True, kind=ApprovalKind.NOTE, body=council).exists():
            raise ValidationFailed(
                _("%(council)s har redan noterat aktiviteten.") % {"council": council},
                errors={"comment": _("Redan noterad.")},
            )
        note = ActivityApproval.objects.create(
            activity=activity,
            kind=ApprovalKind.NOTE,
            body=council,
            by=actor,
            date=timezone.localdate(),
            comment=comment.strip(),
        )
        record(actor=actor, action="note", obj=note, after=snapshot(note))
    return note


# ------------------------------------------------------------------ the explanation of the next step


def _names(items) -> str:
    names = [str(x) for x in items]
    return ", ".join(names) if names else "–"


def next_steps(activity: Activity, user) -> list[NextStep]:
    """What the next step of ``activity`` needs, who may take it, and whether ``user`` may."""
    governance = governance_of(activity)
    steps: list[NextStep] = []
    status = activity.status
    if governance == Governance.STEERING_GROUP and status in (S.IDEA, S.PROPOSED):
        group = activity.working_group
        steering = group.parent if group is not None else None
        if group is None or steering is None:
            steps.append(
                NextStep(
                    action="none",
                    text=_(
                        "Aktiviteten behöver en arbetsgrupp under en styrgrupp innan den kan föreslås och beslutas."
                    ),
                    who=_("Ägarens samordnare väljer arbetsgrupp."),
                )
            )
        elif status == S.IDEA:
            steps.append(
                NextStep(
                    action="propose",
                    text=_("En ledamot i %(group)s föreslår aktiviteten för %(steering)s.")
                    % {"group": group.name, "steering": steering.name},
                    who=_("Ledamöter i %(body)s") % {"body": group.name},
                    can_take=user.has_perm("samverkan.propose_activity", activity),
                )
            )
        else:
            steps.append(
                NextStep(
                    action="decide",
                    text=_("%(steering)s beslutar: bifall eller avslag, med datum och motivering.")
                    % {"steering": steering.name},
                    who=_("Ledamöter i %(body)s (inte den som föreslog)") % {"body": steering.name},
                    can_take=user.has_perm("samverkan.decide_activity", activity),
                )
            )
    elif governance == Governance.DIRECT and status in (S.IDEA, S.PROPOSED):
        parties = required_parties(activity)
        done = set(
            activity.approvals.filter(is_current=True, kind=ApprovalKind.APPROVE).values_list(
                "organisation_id", flat=True
            )
        )
        waiting = [p for p in parties if p.pk not in done]
        steps.append(
            NextStep(
                action="approve",
                text=_(
                    "Ingen styrgrupp beslutar: parterna kommer överens direkt. Aktiviteten är beslutad när alla "
                    "parter har godkänt den. Godkänt av: %(approved)s. Väntar på: %(waiting)s."
                )
                % {"approved": _names(p for p in parties if p.pk in done), "waiting": _names(waiting)},
                who=_("Samordnare för %(parties)s") % {"parties": _names(waiting)},
                can_take=user.has_perm("samverkan.approve_activity", activity)
                and bool({p.pk for p in waiting} & approvable_party_ids(user, activity)),
            )
        )
    elif governance == Governance.COUNCIL_NOTES and status == S.IDEA:
        council = noting_council(activity)
        noted = council is not None and activity.approvals.filter(is_current=True, kind=ApprovalKind.NOTE).exists()
        steps.append(
            NextStep(
                action="note",
                text=(
                    (_("%(council)s har noterat aktiviteten.") if noted else _("%(council)s diskuterar och noterar."))
                    % {"council": council.name}
                    + " "
                    + _("Rådet beslutar inte; parterna startar aktiviteten.")
                    if council is not None
                    else _("Rådet beslutar inte; parterna startar aktiviteten.")
                ),
                who=_("Ledamöter i %(body)s") % {"body": council.name} if council is not None else "–",
                can_take=not noted and user.has_perm("samverkan.note_activity", activity),
            )
        )
    moves = manual_next(activity)
    if moves:
        labels = ", ".join(str(S(s).label) for s in moves)
        who = (
            _("Arbetsgruppens ledamöter eller ägarens samordnare")
            if governance == Governance.STEERING_GROUP
            else _("Arbetsgruppens ledamöter, ägarens samordnare eller parternas samordnare")
        )
        steps.append(
            NextStep(
                action="move",
                text=_("Nästa status: %(statuses)s.") % {"statuses": labels},
                who=who,
                can_take=user.has_perm("samverkan.move_activity", activity),
            )
        )
    if not steps:
        steps.append(NextStep(action="none", text=_("Inga fler steg."), who="–"))
    return steps
