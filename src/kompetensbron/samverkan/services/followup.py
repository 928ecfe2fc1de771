"""Indicators with yearly targets and values, and the yearly report per agreement.

:func:`yearly_report` assembles one :class:`YearlyReport` that the JSON route returns and the
report page (and the PDF/Excel exports, where present) render.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound
from kompetensbron.input_types import YEAR_MAX, YEAR_MIN
from kompetensbron.unique_writes import atomic_unique

from .. import validation as v
from ..audit import record, snapshot
from ..models import Activity, ActivityStatus, Agreement, Decision, Indicator, IndicatorYear
from ..permissions import note_visible_agreement, require, visible_agreements
from ..schemas import (
    AreaSection,
    IndicatorCreate,
    IndicatorRow,
    IndicatorYearIn,
    PhaseStatusCount,
    ReportActivity,
    YearlyReport,
)
from ..schemas_governance import IndicatorUpdate
from . import public
from .computed_indicators import computed_row
from .funding import funding_totals
from .meetings import meetings_of_agreement_year
from .meetings_public import meeting_summary
from .needs_report import needs_section

__all__ = [
    "get_visible_agreement",
    "get_indicator",
    "find_indicator",
    "create_indicator",
    "update_indicator",
    "set_indicator_year",
    "yearly_report",
]

_MIN_YEAR, _MAX_YEAR = 1990, 2100


def get_visible_agreement(*, actor, pk: int) -> Agreement:
    found = visible_agreements(actor).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Okänt avtal: %(pk)s") % {"pk": pk})
    note_visible_agreement(actor, found.pk)
    return found


def get_indicator(*, actor, pk: int) -> Indicator:
    found = Indicator.objects.filter(pk=pk, agreement__in=visible_agreements(actor)).select_related("agreement").first()
    if found is None:
        raise NotFound(_("Okänd indikator: %(pk)s") % {"pk": pk})
    return found


def find_indicator(pk: int) -> Indicator:
    found = Indicator.objects.filter(pk=pk).select_related("agreement").first()
    if found is None:
        raise NotFound(_("Okänd indikator: %(pk)s") % {"pk": pk})
    return found


def create_indicator(*, actor, agreement: Agreement, data: IndicatorCreate, is_demo: bool = False) -> Indicator:
    require(actor, "change_indicator", agreement, _("Endast avtalsparternas samordnare lägger upp indikatorer."))
    errors = v.check_required(name=data.name)
    if Indicator.objects.filter(agreement=agreement, name__iexact=data.name.strip()).exists():
        errors["name"] = _("Indikatorn %(name)s finns redan för avtalet.") % {"name": data.name.strip()}
    areas = v.areas(data.area_ids, "area_ids", errors, agreement)
    units = v.units(data.unit_ids, "unit_ids", errors, set(agreement.parties.values_list("pk", flat=True)))
    v.raise_if(errors)
    with atomic_unique("name", _("Indikatorn %(name)s finns redan för avtalet.") % {"name": data.name.strip()}):
        indicator = Indicator.objects.create(
            agreement=agreement,
            name=data.name.strip(),
            unit=data.unit,
            description=data.description,
            higher_is_better=data.higher_is_better,
            is_demo=is_demo,
        )
        indicator.areas.set(areas)
        indicator.units.set(units)
        record(actor=actor, action="create", obj=indicator, after=snapshot(indicator))
    return indicator


def update_indicator(*, actor, indicator: Indicator, data: IndicatorUpdate) -> Indicator:
    """Change an indicator's name, unit, description, direction, areas and units (only the fields
    sent), with the same rule and audit as its creation."""
    agreement = indicator.agreement
    require(actor, "change_indicator", agreement, _("Endast avtalsparternas samordnare ändrar indikatorer."))
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
        errors |= v.check_required(name=changes["name"])
        taken = Indicator.objects.filter(agreement=agreement, name__iexact=changes["name"]).exclude(pk=indicator.pk)
        if changes["name"] and taken.exists():
            errors["name"] = _("Indikatorn %(name)s finns redan för avtalet.") % {"name": changes["name"]}
    for name in ("unit", "description"):
        if name in changes:
            changes[name] = changes[name] or ""
    if changes.get("higher_is_better", True) is None:
        changes.pop("higher_is_better")
    related = {}
    if changes.get("area_ids") is not None:
        related["areas"] = v.areas(changes.pop("area_ids"), "area_ids", errors, agreement)
    if changes.get("unit_ids") is not None:
        parties = set(agreement.parties.values_list("pk", flat=True))
        related["units"] = v.units(changes.pop("unit_ids"), "unit_ids", errors, parties)
    changes.pop("area_ids", None), changes.pop("unit_ids", None)
    v.raise_if(errors)
    with atomic_unique(
        "name", _("Indikatorn %(name)s finns redan för avtalet.") % {"name": changes.get("name", indicator.name)}
    ):
        before = snapshot(indicator)
        for name, value in changes.items():
            setattr(indicator, name, value)
        indicator.save()
        for name, rows in related.items():
            getattr(indicator, name).set(rows)
        record(actor=actor, action="update", obj=indicator, before=before, after=snapshot(indicator))
    return indicator


def set_indicator_year(*, actor, indicator: Indicator, year: int, data: IndicatorYearIn) -> IndicatorYear:
    """Set the target and/or the value of one indicator for one year."""
    require(
        actor, "change_indicator", indicator.agreement, _("Endast avtalsparternas samordnare följer upp indikatorer.")
    )
    errors: dict[str, str] = {}
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        errors["year"] = _("Året ska ligga mellan %(first)s och %(last)s.") % {"first": _MIN_YEAR, "last": _MAX_YEAR}
    v.raise_if(errors)
    with atomic_unique(
        "year", _("Värdet för %(year)s sparades samtidigt av någon annan; försök igen.") % {"year": year}
    ):
        row = IndicatorYear.objects.select_for_update().filter(indicator=indicator, year=year).first()
        before = snapshot(row) if row else None
        if row is None:
            row = IndicatorYear(indicator=indicator, year=year)
        row.target, row.value, row.comment = data.target, data.value, data.comment
        row.save()
        record(actor=actor, action="update" if before else "create", obj=row, before=before, after=snapshot(row))
    return row


def _reached(target: Decimal | None, value: Decimal | None, higher_is_better: bool) -> bool | None:
    if target is None or value is None:
        return None
    return value >= target if higher_is_better else value <= target


def yearly_report(*, actor, agreement: Agreement, year: int) -> YearlyReport:
    """Activities by phase and status, decisions, funding and indicators of one agreement year."""
    require(actor, "view_agreement", agreement, _("Du deltar inte i avtalet."))
    if not YEAR_MIN <= year <= YEAR_MAX:
        v.raise_if({"year": _("Året ska ligga mellan %(first)s och %(last)s.") % {"first": YEAR_MIN, "last": YEAR_MAX}})
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    acts = list(
        Activity.objects.filter(agreement=agreement)
        .filter(Q(period_start__lte=end) | Q(period_start__isnull=True))
        .filter(
            Q(period_end__gte=start)
            | Q(period_end__isnull=True, period_start__gte=start)
            | Q(period_start__isnull=True, period_end__isnull=True)
        )
        .select_related("owner")
        .prefetch_related("areas")
        .order_by("phase", "period_start", "title")
    )
    groups = public.phase_groups(agreement, any_unphased=any(not a.phase for a in acts))
    phases = []
    for phase, label in groups:
        mine = [a for a in acts if (a.phase or None) == phase]
        counts = {s: sum(1 for a in mine if a.status == s) for s in ActivityStatus.values}
        phases.append(PhaseStatusCount(phase=phase, phase_label=label, by_status=counts, total=len(mine)))
    decisions = (
        Decision.objects.filter(
            Q(activity__agreement=agreement) | Q(agreement=agreement) | Q(meeting__agreement=agreement),
            date__year=year,
        )
        .distinct()
        .select_related("activity", "agreement", "programme", "body", "decided_by")
        .order_by("date", "id")
    )
    indicators = []
    indicator_rows = list(
        agreement.indicators.select_related("source__organisation__kommun").prefetch_related("years", "areas")
    )
    for ind in indicator_rows:
        years = {y.year: y for y in ind.years.all()}
        this, prev = years.get(year), years.get(year - 1)
        row = computed_row(ind, year, target=this.target if this else None, comment=this.comment if this else "")
        if row is not None:  # computed from platform data, with its source and data date
            indicators.append(row)
            continue
        indicators.append(
            IndicatorRow(
                id=ind.pk,
                name=ind.name,
                unit=ind.unit,
                target=this.target if this else None,
                value=this.value if this else None,
                previous_value=prev.value if prev else None,
                reached=_reached(this.target, this.value, ind.higher_is_better) if this else None,
                comment=this.comment if this else "",
            )
        )
    return YearlyReport(
        agreement=public.agreement(agreement),
        year=year,
        status_labels={s.value: str(s.label) for s in ActivityStatus},
        phases=phases,
        activities=[
            ReportActivity(
                id=a.pk,
                title=a.title,
                phase=a.phase or None,
                phase_label=str(a.get_phase_display()) if a.phase else "",
                areas=[x.name for x in a.areas.all()],
                status=a.status,
                status_label=str(a.get_status_display()),
                owner=a.owner.name,
                period_start=a.period_start,
                period_end=a.period_end,
                expected_participants=a.expected_participants,
                actual_participants=a.actual_participants,
            )
            for a in acts
        ],
        decisions=[public.decision(d) for d in decisions],
        funding=funding_totals(agreement=agreement, year=year),
        indicators=indicators,
        participants_expected=_reported_sum(a.expected_participants for a in acts),
        participants_actual=_reported_sum(a.actual_participants for a in acts),
        generated_at=timezone.now(),
        is_demo=agreement.is_demo,
        meetings=[meeting_summary(m) for m in meetings_of_agreement_year(agreement=agreement, year=year)],
        areas=area_sections(agreement, acts, indicator_rows),
        needs=needs_section(agreement=agreement, year=year),
    )


def _reported_sum(values) -> int | None:
    """The sum of the reported figures; ``None`` when no activity reported one (not 0: "ej
    rapporterat" is not "nobody came")."""
    reported = [v for v in values if v is not None]
    return sum(reported) if reported else None


def area_sections(agreement: Agreement, acts: list[Activity], indicators: list[Indicator]) -> list[AreaSection]:
    """One section per area of the agreement (activities and indicators carrying it), and one of
    the activities without an area where there are any."""
    sections = []
    areas = [(x.pk, x.name) for x in agreement.areas.all()]
    no_area = [a for a in acts if not a.areas.all()]
    for pk, name in areas + ([(None, _("Utan område"))] if no_area and areas else []):
        mine = no_area if pk is None else [a for a in acts if any(x.pk == pk for x in a.areas.all())]
        theirs = [i for i in indicators if pk is not None and any(x.pk == pk for x in i.areas.all())]
        sections.append(
            AreaSection(
                area_id=pk,
                area=name,
                by_status={s: sum(1 for a in mine if a.status == s) for s in ActivityStatus.values},
                total=len(mine),
                activity_ids=[a.pk for a in mine],
                activity_titles=[a.title for a in mine],
                indicator_ids=[i.pk for i in theirs],
                indicator_names=[i.name for i in theirs],
            )
        )
    return sections
