"""Samverkan indicators that count themselves from Matchning (instead of being typed).

:func:`compute_indicator_year` computes a value with :func:`..aggregates.indicator_value` for one
party of the indicator's agreement and stores it through Samverkan's own
``set_indicator_year`` (its permission — a coordinator of a party — and its audit entry);
the year's target is kept.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.samverkan.models import Indicator, IndicatorYear, Organisation
from kompetensbron.samverkan.permissions import organisation_ids
from kompetensbron.samverkan.schemas import IndicatorYearIn
from kompetensbron.samverkan.services import get_organisation, set_indicator_year

from ..aggregates import INDICATOR_KINDS, indicator_value

__all__ = ["compute_indicator_year", "find_indicator", "own_indicator_rows"]


def find_indicator(pk: int) -> Indicator:
    found = Indicator.objects.filter(pk=pk).select_related("agreement").first()
    if found is None:
        raise NotFound(_("Okänd indikator: %(pk)s") % {"pk": pk})
    return found


def own_indicator_rows(user, year: int) -> list[tuple[str, str, int, Decimal | None]]:
    """Every indicator of :data:`..aggregates.INDICATOR_KINDS` for each organisation ``user`` is a
    member of (by name): (organisation, indicator label, year, value)."""
    organisations = Organisation.objects.filter(pk__in=organisation_ids(user)).select_related("kommun").order_by("name")
    return [
        (org.name, label, year, indicator_value(kind, org, year))
        for org in organisations
        for kind, label in ((k, _(v)) for k, v in INDICATOR_KINDS.items())
    ]


def compute_indicator_year(*, actor, indicator: Indicator, year: int, kind: str, organisation_id: int) -> IndicatorYear:
    if kind not in INDICATOR_KINDS:
        raise ValidationFailed(
            _("Okänd indikator: %(kind)s.") % {"kind": kind}, errors={"kind": ", ".join(INDICATOR_KINDS)}
        )
    organisation = get_organisation(organisation_id)
    if not indicator.agreement.parties.filter(pk=organisation.pk).exists():
        raise ValidationFailed(
            _("%(name)s är inte part i avtalet.") % {"name": organisation.name},
            errors={"organisation_id": _("inte part i avtalet")},
        )
    existing = IndicatorYear.objects.filter(indicator=indicator, year=year).first()
    value = indicator_value(kind, organisation, year)
    comment = _("Beräknat ur Matchning: %(indicator)s (%(name)s).") % {
        "indicator": _(INDICATOR_KINDS[kind]),
        "name": organisation.name,
    }
    data = IndicatorYearIn(target=existing.target if existing else None, value=value, comment=comment)
    return set_indicator_year(actor=actor, indicator=indicator, year=year, data=data)
