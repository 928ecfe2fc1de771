"""Funding applications per activity, and totals per agreement and phase.

Money is applied for case by case, so totals separate *applied*, *granted* and *pending*, and
nothing counts as available before a funder has granted it. Where an agreement says it binds no
money (Härnösand: "ingen, för parterna bindande, finansiering"; ``Agreement.binds_funding`` is
False) its totals carry that clause (:data:`NOT_BINDING`); elsewhere they do not.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound

from .. import validation as v
from ..audit import record, snapshot
from ..models import Agreement, FundingApplication, FundingStatus
from ..permissions import require, visible_activities
from ..schemas import FundingCreate, FundingTotal, FundingTotals, FundingUpdate
from .public import NOT_BINDING, funding_note, phase_groups

__all__ = [
    "get_funding",
    "find_funding",
    "create_funding_application",
    "update_funding_application",
    "funding_totals",
    "NOT_BINDING",
]


def get_funding(*, actor, pk: int) -> FundingApplication:
    found = (
        FundingApplication.objects.filter(pk=pk, activity__in=visible_activities(actor))
        .select_related("activity")
        .first()
    )
    if found is None:
        raise NotFound(_("Okänd finansieringsansökan: %(pk)s") % {"pk": pk})
    return found


def find_funding(pk: int) -> FundingApplication:
    """Any application by id, for write operations (the service then checks the right)."""
    found = FundingApplication.objects.filter(pk=pk).select_related("activity__working_group").first()
    if found is None:
        raise NotFound(_("Okänd finansieringsansökan: %(pk)s") % {"pk": pk})
    return found


def _validate(fields: dict, errors: dict[str, str]) -> None:
    if "funder" in fields:
        errors |= v.check_required(funder=fields["funder"])
    errors |= v.check_not_negative(
        amount_applied=fields.get("amount_applied"), amount_granted=fields.get("amount_granted")
    )
    if fields.get("status") not in (None, *FundingStatus.values):
        errors["status"] = _("Okänd status: %(status)s.") % {"status": fields["status"]}
    if fields.get("amount_granted") is not None and fields.get("status") not in (None, FundingStatus.GRANTED):
        errors["amount_granted"] = _("Beviljat belopp anges endast för beviljade ansökningar.")


def _areas_and_units(activity, fields: dict, errors: dict[str, str]) -> dict:
    """Areas (of the activity's agreement) and units (of the organisations involved); pops the ids."""
    agreement = activity.agreement
    orgs = {activity.owner_id, *activity.partners.values_list("pk", flat=True)}
    if agreement is not None:
        orgs |= set(agreement.parties.values_list("pk", flat=True))
    out = {}
    area_ids, unit_ids = fields.pop("area_ids", None), fields.pop("unit_ids", None)
    if area_ids is not None:
        out["areas"] = v.areas(area_ids, "area_ids", errors, agreement)
    if unit_ids is not None:
        out["units"] = v.units(unit_ids, "unit_ids", errors, orgs)
    return out


def create_funding_application(*, actor, activity, data: FundingCreate, is_demo: bool = False) -> FundingApplication:
    require(
        actor,
        "change_activity",
        activity,
        _("Endast arbetsgruppens medlemmar eller ägarens samordnare söker medel för aktiviteten."),
    )
    fields = data.model_dump()
    errors: dict[str, str] = {}
    _validate(fields, errors)
    extra = _areas_and_units(activity, fields, errors)
    v.raise_if(errors)
    with transaction.atomic():
        app = FundingApplication.objects.create(activity=activity, is_demo=is_demo, **fields)
        for name, rows in extra.items():
            getattr(app, name).set(rows)
        record(actor=actor, action="create", obj=app, after=snapshot(app))
    return app


def update_funding_application(*, actor, application: FundingApplication, data: FundingUpdate) -> FundingApplication:
    require(
        actor,
        "change_activity",
        application.activity,
        _("Endast arbetsgruppens medlemmar eller ägarens samordnare ändrar ansökan."),
    )
    changes = data.model_dump(exclude_unset=True)
    merged = {
        "status": application.status,
        "amount_granted": application.amount_granted,
        "amount_applied": application.amount_applied,
    } | changes
    errors: dict[str, str] = {}
    _validate(merged, errors)
    extra = _areas_and_units(application.activity, changes, errors)
    v.raise_if(errors)
    with transaction.atomic():
        before = snapshot(application)
        for field, value in changes.items():
            setattr(application, field, value)
        application.save()
        for name, rows in extra.items():
            getattr(application, name).set(rows)
        record(actor=actor, action="update", obj=application, before=before, after=snapshot(application))
    return application


def funding_totals(*, agreement: Agreement, year: int | None = None) -> FundingTotals:
    """Applied, granted and pending amounts per phase for the agreement's activities (one row of
    activities without a phase, where there are any; only that row where the agreement does not
    use the life-cycle model)."""
    apps = FundingApplication.objects.filter(activity__agreement=agreement).select_related("activity")
    if year is not None:
        apps = [a for a in apps if _in_year(a, year)]
    rows = []
    zero = Decimal("0")
    groups = phase_groups(agreement, any_unphased=any(not a.activity.phase for a in apps))
    for phase, label in groups:
        mine = [a for a in apps if (a.activity.phase or None) == phase]
        rows.append(
            FundingTotal(
                phase=phase,
                phase_label=label,
                applications=len(mine),
                applied=sum((a.amount_applied for a in mine), zero),
                granted=sum((a.amount_granted or zero for a in mine if a.status == FundingStatus.GRANTED), zero),
                pending=sum(
                    (a.amount_applied for a in mine if a.status in (FundingStatus.PLANNED, FundingStatus.SUBMITTED)),
                    zero,
                ),
            )
        )
    return FundingTotals(
        agreement_id=agreement.pk,
        rows=rows,
        applied=sum((r.applied for r in rows), zero),
        granted=sum((r.granted for r in rows), zero),
        note=funding_note(agreement),
    )


def _in_year(app: FundingApplication, year: int) -> bool:
    """An application belongs to a year by its deadline, else by its activity's period."""
    if app.deadline is not None:
        return app.deadline.year == year
    act = app.activity
    start = act.period_start.year if act.period_start else None
    end = act.period_end.year if act.period_end else start
    if start is None:
        return app.created_at.year == year
    return start <= year <= (end or start)
