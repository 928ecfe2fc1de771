"""The Matchning statistics page's tables as :class:`kompetensbron.web.tables.Table` (page, CSV
and Excel from the same rows): outcomes per group and year (small groups suppressed), and the
indicators of the user's organisations."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompetensbron.web.tables import Column, Table

from .schemas import AggregateRow

__all__ = ["aggregates_table", "indicators_table"]

#: the page's words for the grouping keys of :func:`kompetensbron.matchning.aggregates.aggregates`
#: (the API keeps the keys); the "total" group's label is the one word "Alla" in both
DIMENSION_LABELS = {
    "total": gettext_lazy("Alla"),
    "university": gettext_lazy("Lärosäte"),
    "employer": gettext_lazy("Värd"),
    "kommun": gettext_lazy("Kommun"),
}


def aggregates_table(rows: Sequence[AggregateRow], min_group: int) -> Table:
    """One row per group and year; a group under ``min_group`` placements shows no figures."""
    hidden = _("färre än %(n)s placeringar, visas inte") % {"n": min_group}

    def group(r: AggregateRow) -> str:
        # the suppressed group's note goes with its name: the figures' columns hold numbers only
        label = str(DIMENSION_LABELS["total"]) if r.dimension == "total" else r.label
        return f"{label} ({hidden})" if r.suppressed else label

    def figures(r: AggregateRow) -> list:
        if r.suppressed:
            return [None, None, None, None, None, None]
        return [r.people, r.fill_rate, r.top3_share, r.median_days_to_match, r.hires, r.stayed_region_share]

    return Table(
        key="utfall",
        title=_("Utfall av matchningen"),
        columns=[
            Column(label=_("Indelning")),
            Column(label=_("Grupp")),
            Column(label=_("År"), kind="code"),
            Column(label=_("Placerade"), kind="int"),
            Column(label=_("Fyllnadsgrad"), kind="percent"),
            Column(label=_("Topp 3-val"), kind="percent"),
            Column(label=_("Median dagar till matchning"), kind="decimal", decimals=1),
            Column(label=_("Anställda"), kind="int"),
            Column(label=_("Kvar i regionen efter 1 år"), kind="percent"),
        ],
        rows=[[str(DIMENSION_LABELS.get(r.dimension, r.dimension)), group(r), str(r.year), *figures(r)] for r in rows],
        row_keys=[f"{r.dimension}-{r.key}" for r in rows],
    )


def indicators_table(indicators: Sequence[tuple[str, str, int, Decimal | None]]) -> Table:
    return Table(
        key="indikatorer",
        title=_("Indikatorer för mina organisationer (räknas ur placeringarna)"),
        columns=[
            Column(label=_("Organisation")),
            Column(label=_("Indikator")),
            Column(label=_("År"), kind="code"),
            Column(label=_("Värde"), kind="number", decimals=1),
        ],
        rows=[
            [org, label, str(year), None if value is None else float(value)] for org, label, year, value in indicators
        ],
    )
