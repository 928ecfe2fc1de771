"""Funding applications per activity, and totals per agreement and phase.

The agreements bind no money (Härnösand: "ingen, för parterna bindande, finansiering"):
money is applied for case by case, so totals separate *applied*, *granted* and *pending*,
and nothing counts as available before a funder has granted it.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from kompetensbron.errors import NotFound

from .. import validation as v
from ..audit import record, snapshot
from ..models import Agreement, FundingApplication, FundingStatus, Phase
from ..permissions import require, visible_activities
from ..schemas import FundingCreate, FundingTotal, FundingTotals, FundingUpdate

__all__ = [
    "get_funding",
    "find_funding",
    "create_funding_application",
    "update_funding_application",
    "funding_totals",
    "NOT_BINDING",
]

NOT_BINDING = (
    "Avtalet innebär ingen bindande finansiering: medel söks i varje enskilt fall. "
    "Endast beviljade belopp är säkra; sökta belopp är inte utlovade."
)


def get_funding(*, actor, pk: int) -> FundingApplication:
    found = (
        FundingApplication.objects.filter(pk=pk, activity__in=visible_activities(actor))
        .select_related("activity")
        .first()
    )
    if found is None:
        raise NotFound(f"Okänd finansieringsansökan: {pk}")
    return found


def find_funding(pk: int) -> FundingApplication:
    """Any application by id, for write operations (the service then checks the right)."""
    found = FundingApplication.objects.filter(pk=pk).select_related("activity__working_group").first()
    if found is None:
        raise NotFound(f"Okänd finansieringsansökan: {pk}")
    return found


def _validate(fields: dict, errors: dict[str, str]) -> None:
    if "funder" in fields:
        errors |= v.check_required(funder=fields["funder"])
    errors |= v.check_not_negative(
        amount_applied=fields.get("amount_applied"), amount_granted=fields.get("amount_granted")
    )
    if fields.get("status") not in (None, *FundingStatus.values):
        errors["status"] = f"Okänd status: {fields['status']}."
    if fields.get("amount_granted") is not None and fields.get("status") not in (None, FundingStatus.GRANTED):
        errors["amount_granted"] = "Beviljat belopp anges endast för beviljade ansökningar."


def create_funding_application(*, actor, activity, data: FundingCreate, is_demo: bool = False) -> FundingApplication:
    require(
        actor,
        "change_activity",
        activity,
        "Endast arbetsgruppens medlemmar eller ägarens samordnare söker medel för aktiviteten.",
    )
    fields = data.model_dump()
    errors: dict[str, str] = {}
    _validate(fields, errors)
    v.raise_if(errors)
    with transaction.atomic():
        app = FundingApplication.objects.create(activity=activity, is_demo=is_demo, **fields)
        record(actor=actor, action="create", obj=app, after=snapshot(app))
    return app


def update_funding_application(*, actor, application: FundingApplication, data: FundingUpdate) -> FundingApplication:
    require(
        actor,
        "change_activity",
        application.activity,
        "Endast arbetsgruppens medlemmar eller ägarens samordnare ändrar ansökan.",
    )
    changes = data.model_dump(exclude_unset=True)
    merged = {
        "status": application.status,
        "amount_granted": application.amount_granted,
        "amount_applied": application.amount_applied,
    } | changes
    errors: dict[str, str] = {}
    _validate(merged, errors)
    v.raise_if(errors)
    with transaction.atomic():
        before = snapshot(application)
        for field, value in changes.items():
            setattr(application, field, value)
        application.save()
        record(actor=actor, action="update", obj=application, before=before, after=snapshot(application))
    return application


def funding_totals(*, agreement: Agreement, year: int | None = None) -> FundingTotals:
    """Applied, granted and pending amounts per phase for the agreement's activities."""
    apps = FundingApplication.objects.filter(activity__agreement=agreement).select_related("activity")
    if year is not None:
        apps = [a for a in apps if _in_year(a, year)]
    rows = []
    zero = Decimal("0")
    for phase in Phase:
        mine = [a for a in apps if a.activity.phase == phase]
        rows.append(
            FundingTotal(
                phase=phase.value,
                phase_label=str(phase.label),
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
        note=NOT_BINDING,
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
