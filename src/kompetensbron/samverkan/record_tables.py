"""The tables of a Samverkan record's own page as :class:`kompetensbron.web.tables.Table` (the
page, CSV and Excel from the same rows): an indicator's targets and values per year, an
indicator's values computed from platform data per year, and the decisions taken at a meeting.
The report-wide tables (a yearly report, funding, meetings, needs) are :mod:`.report_tables`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from kompetensbron.web.tables import Cell, Column, Link, Table

from .report_tables import _num
from .schemas import DecisionPublic, IndicatorPublic
from .schemas_meetings import ComputedValue, LinkPublic

__all__ = ["indicator_years_table", "computed_values_table", "meeting_decisions_table"]


def indicator_years_table(indicator: IndicatorPublic) -> Table:
    """One indicator's target and outcome per year (newest first, as the service lists them)."""
    return Table(
        key=f"indikator-{indicator.id}",
        title=indicator.name + (f" ({indicator.unit})" if indicator.unit else ""),
        filename=f"indikator-{indicator.id}",
        columns=[
            Column(label=_("År")),
            Column(label=_("Mål"), kind="number", decimals=2),
            Column(label=_("Utfall"), kind="number", decimals=2),
            Column(label=_("Kommentar")),
        ],
        rows=[[str(y.year), _num(y.target), _num(y.value), y.comment] for y in indicator.years],
    )


def computed_values_table(indicator_id: int, name: str, values: Sequence[ComputedValue]) -> Table:
    """An indicator's values computed from the platform's data, per year, with the data's date."""
    return Table(
        key="beraknade-varden",
        title=_("Beräknade värden: %(name)s") % {"name": name},
        filename=f"indikator-{indicator_id}-beraknad",
        columns=[
            Column(label=_("År")),
            Column(label=_("Värde"), kind="number", decimals=2),
            Column(label=_("Data per")),
        ],
        rows=[[str(v.year), _num(v.value), v.data_date.isoformat() if v.data_date else None] for v in values],
    )


def _links_text(links: Sequence[LinkPublic]) -> str:
    return "; ".join(f"{k.kind_label}: {k.code} {k.label}".strip() for k in links)


def meeting_decisions_table(
    meeting_id: int, decisions: Sequence[DecisionPublic], links: Mapping[int, Sequence[LinkPublic]]
) -> Table:
    """The decisions taken at a meeting: date, what it concerns (the activity linked), the
    outcome, the justification and what the decision is linked to (occupations, regions…)."""

    def subject(d: DecisionPublic) -> Cell:
        text = f"{d.subject_label}: {d.activity_title}" if d.subject_label else d.activity_title
        if d.activity_id:
            return Link(text=text, href=reverse("samverkan:activity", args=[d.activity_id]))
        return text

    return Table(
        key="motesbeslut",
        title=_("Beslut"),
        filename=f"mote-{meeting_id}-beslut",
        columns=[
            Column(label=_("Datum")),
            Column(label=_("Beslutet gäller")),
            Column(label=_("Beslut")),
            Column(label=_("Motivering")),
            Column(label=_("Kopplingar")),
        ],
        rows=[
            [d.date.isoformat(), subject(d), d.outcome_label, d.justification, _links_text(links.get(d.id, []))]
            for d in decisions
        ],
    )
