"""Indicators that compute their yearly values from platform data instead of typed values.

An :class:`~.models.IndicatorSource` says where from: Matchning outcomes for one party of the
agreement (placements, degree projects with employers in its län, hires — computed by
:func:`kompetensbron.matchning.aggregates.indicator_value`, the one owner of those counts),
programme graduates from imported UKÄ statistics (sum of the matching rows of the year) or an
imported SCB statistic (the region's figure of the year). Every value carries its source and
data date; the yearly report shows them instead of a typed value.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound

from .. import validation as v
from ..audit import record, snapshot
from ..models import Indicator, IndicatorSource, SourceKind
from ..permissions import require
from ..schemas import IndicatorRow
from ..schemas_meetings import ComputedValue, IndicatorSourceIn, IndicatorSourcePublic
from .knowledge import resolve_region

__all__ = ["set_indicator_source", "remove_indicator_source", "source_public", "computed_value", "computed_row"]

_MATCHNING = "matchning:"


def set_indicator_source(*, actor, indicator: Indicator, data: IndicatorSourceIn) -> IndicatorSource:
    """Make the indicator computed (or change how): a coordinator of a party of its agreement."""
    require(
        actor, "change_indicator", indicator.agreement, _("Endast avtalsparternas samordnare följer upp indikatorer.")
    )
    errors: dict[str, str] = {}
    fields = data.model_dump()
    fields.pop("kind")
    organisation_id = fields.pop("organisation_id")
    organisation = None
    if data.kind.startswith(_MATCHNING):
        organisation = v.organisation(organisation_id, "organisation_id", errors)
        if organisation is not None and not indicator.agreement.parties.filter(pk=organisation.pk).exists():
            errors["organisation_id"] = _("%(name)s är inte part i avtalet.") % {"name": organisation.name}
    elif data.kind == SourceKind.GRADUATES:
        if not (data.institution_contains.strip() or data.programme_contains.strip()):
            errors["programme_contains"] = _("Ange lärosäte eller examen/program att räkna.")
    else:
        resolve_region(data.region_code, errors)
        errors |= v.check_required(measure_contains=data.measure_contains)
    v.raise_if(errors, _("Källan kunde inte sparas."))
    with transaction.atomic():
        source = IndicatorSource.objects.select_for_update().filter(indicator=indicator).first()
        before = snapshot(source) if source else None
        source = source or IndicatorSource(indicator=indicator)
        source.kind = data.kind
        source.organisation = organisation
        for key, value in fields.items():
            setattr(source, key, value.strip())
        source.save()
        record(actor=actor, action="update" if before else "create", obj=source, before=before, after=snapshot(source))
    return source


def remove_indicator_source(*, actor, indicator: Indicator) -> None:
    """Make a computed indicator typed by hand again (its yearly values stay): the rule of
    :func:`set_indicator_source`; audited (``delete``, with the source as it was)."""
    require(
        actor, "change_indicator", indicator.agreement, _("Endast avtalsparternas samordnare följer upp indikatorer.")
    )
    with transaction.atomic():
        source = IndicatorSource.objects.select_for_update().filter(indicator=indicator).first()
        if source is None:
            raise NotFound(_("Indikatorn %(name)s beräknas inte ur plattformens data.") % {"name": indicator.name})
        record(actor=actor, action="delete", obj=source, before=snapshot(source))
        source.delete()


def _describe(s: IndicatorSource) -> str:
    if s.kind.startswith(_MATCHNING):
        from kompetensbron.matchning.aggregates import INDICATOR_KINDS

        org = s.organisation.name if s.organisation_id else "?"
        return f"Kompetensbron Matchning: {_(INDICATOR_KINDS[s.kind.removeprefix(_MATCHNING)])} – {org}"
    if s.kind == SourceKind.GRADUATES:
        parts = [p for p in (s.institution_contains, s.programme_contains, s.measure_contains) if p]
        return _("UKÄ examensstatistik (importerad): %(parts)s") % {"parts": ", ".join(parts)}
    return _("SCB-statistik (importerad): region %(region_code)s, mått som innehåller ”%(measure_contains)s”") % {
        "region_code": s.region_code,
        "measure_contains": s.measure_contains,
    }


def source_public(s: IndicatorSource) -> IndicatorSourcePublic:
    return IndicatorSourcePublic(
        indicator_id=s.indicator_id,
        kind=s.kind,
        kind_label=str(s.get_kind_display()),
        description=_describe(s),
        organisation_id=s.organisation_id,
        institution_contains=s.institution_contains,
        programme_contains=s.programme_contains,
        region_code=s.region_code,
        measure_contains=s.measure_contains,
    )


def _date(value) -> dt.date | None:
    if value is None:
        return None
    return timezone.localdate(value) if timezone.is_aware(value) else value.date()


def _matchning(s: IndicatorSource, year: int) -> tuple[Decimal | None, dt.date | None]:
    from kompetensbron.matchning.aggregates import indicator_value
    from kompetensbron.matchning.models import Placement

    if s.organisation is None:
        return None, None
    value = indicator_value(s.kind.removeprefix(_MATCHNING), s.organisation, year)
    involved = Placement.objects.filter(
        Q(opportunity__host=s.organisation) | Q(university=s.organisation), matched_at__year=year
    )
    latest = involved.aggregate(m=Max("matched_at"), o=Max("outcome__updated_at"))
    newest = max((x for x in (latest["m"], latest["o"]) if x is not None), default=None)
    return value, _date(newest)


def _imported(s: IndicatorSource, year: int) -> tuple[Decimal | None, dt.date | None, str]:
    from kompetensbron.graduates.models import GraduateFigure

    rows = GraduateFigure.objects.filter(year=year, value__isnull=False)
    if s.kind == SourceKind.GRADUATES:
        rows = rows.filter(data_import__kind="uka")
        if s.institution_contains:
            rows = rows.filter(institution__icontains=s.institution_contains)
        if s.programme_contains:
            rows = rows.filter(programme__icontains=s.programme_contains)
    else:
        rows = rows.filter(data_import__kind="scb", region_code=s.region_code)
    if s.measure_contains:
        rows = rows.filter(measure__icontains=s.measure_contains)
    found = list(rows.select_related("data_import").order_by("-data_import__imported_at", "line")[:5000])
    if not found:
        return None, None, ""
    if s.kind == SourceKind.STATISTICS:
        found = found[:1]
    value = Decimal(str(sum(f.value for f in found))).quantize(Decimal("0.01"))
    newest = max(found, key=lambda f: f.data_import.imported_at).data_import
    return value, _date(newest.imported_at), newest.file_name


def computed_value(source: IndicatorSource, year: int) -> ComputedValue:
    description = _describe(source)
    if source.kind.startswith(_MATCHNING):
        value, data_date = _matchning(source, year)
    else:
        value, data_date, file_name = _imported(source, year)
        if file_name:
            description += f" ({file_name})"
    return ComputedValue(year=year, value=value, source=description, data_date=data_date)


def computed_row(indicator: Indicator, year: int, *, target: Decimal | None, comment: str) -> IndicatorRow | None:
    """The yearly report's row of a computed indicator (None for a typed one)."""
    source = getattr(indicator, "source", None)
    if source is None:
        return None
    this, previous = computed_value(source, year), computed_value(source, year - 1)
    reached = None
    if target is not None and this.value is not None:
        reached = this.value >= target if indicator.higher_is_better else this.value <= target
    return IndicatorRow(
        id=indicator.pk,
        name=indicator.name,
        unit=indicator.unit,
        target=target,
        value=this.value,
        previous_value=previous.value,
        reached=reached,
        comment=comment,
        computed=True,
        source=this.source,
        data_date=this.data_date,
    )
