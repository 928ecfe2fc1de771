"""Samverkan indicators that count themselves from Matchning (instead of being typed).

:func:`compute_indicator_year` computes a value with :func:`..aggregates.indicator_value` for one
party of the indicator's agreement and stores it through Samverkan's own
``set_indicator_year`` (its permission — a coordinator of a party — and its audit entry);
the year's target is kept.
"""

from __future__ import annotations

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.samverkan.models import Indicator, IndicatorYear
from kompetensbron.samverkan.schemas import IndicatorYearIn
from kompetensbron.samverkan.services import get_organisation, set_indicator_year

from ..aggregates import INDICATOR_KINDS, indicator_value

__all__ = ["compute_indicator_year", "find_indicator"]


def find_indicator(pk: int) -> Indicator:
    found = Indicator.objects.filter(pk=pk).select_related("agreement").first()
    if found is None:
        raise NotFound(f"Okänd indikator: {pk}")
    return found


def compute_indicator_year(*, actor, indicator: Indicator, year: int, kind: str, organisation_id: int) -> IndicatorYear:
    if kind not in INDICATOR_KINDS:
        raise ValidationFailed(f"Okänd indikator: {kind}.", errors={"kind": ", ".join(INDICATOR_KINDS)})
    organisation = get_organisation(organisation_id)
    if not indicator.agreement.parties.filter(pk=organisation.pk).exists():
        raise ValidationFailed(
            f"{organisation.name} är inte part i avtalet.", errors={"organisation_id": "inte part i avtalet"}
        )
    existing = IndicatorYear.objects.filter(indicator=indicator, year=year).first()
    value = indicator_value(kind, organisation, year)
    comment = f"Beräknat ur Matchning: {INDICATOR_KINDS[kind]} ({organisation.name})."
    data = IndicatorYearIn(target=existing.target if existing else None, value=value, comment=comment)
    return set_indicator_year(actor=actor, indicator=indicator, year=year, data=data)
