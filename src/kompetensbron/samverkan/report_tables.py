"""The Samverkan report tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel
from the same rows): a yearly report's activities per phase and status, its decisions, its
indicators against their targets, and an agreement's funding totals per phase. The whole report
as one workbook or PDF stays :mod:`.report_exports`."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from kompetensbron.web.tables import Cell, Column, Link, Table

from .schemas import DecisionPublic, FundingTotals, IndicatorRow, MeetingSummary, PhaseStatusCount
from .schemas_governance import NeedAreaRow, NeedsSection
from .schemas_meetings import NeedPublic

__all__ = [
    "phase_status_table",
    "decisions_table",
    "funding_table",
    "indicators_table",
    "meetings_table",
    "needs_table",
    "needs_per_area_table",
]


def _num(value) -> float | None:
    return None if value is None else float(value)


def _money(label: str) -> Column:
    return Column(label=label, kind="number", decimals=2)


def phase_status_table(phases: Sequence[PhaseStatusCount], statuses: Sequence[tuple[str, str]]) -> Table:
    return Table(
        key="fas-status",
        title=_("Aktiviteter per fas och status"),
        columns=[
            Column(label=_("Fas")),
            *[Column(label=label, kind="int") for _code, label in statuses],
            Column(label=_("Summa"), kind="int"),
        ],
        rows=[[p.phase_label, *[p.by_status.get(code, 0) for code, _l in statuses], p.total] for p in phases],
    )


def decisions_table(decisions: Sequence[DecisionPublic]) -> Table:
    return Table(
        key="beslut",
        title=_("Fattade beslut"),
        columns=[
            Column(label=_("Datum")),
            Column(label=_("Aktivitet")),
            Column(label=_("Beslut")),
            Column(label=_("Organ")),
            Column(label=_("Motivering")),
        ],
        rows=[
            [
                d.date.isoformat(),
                (f"{d.subject_label}: " if d.subject != "activity" else "") + d.activity_title,
                d.outcome_label,
                d.body,
                d.justification,
            ]
            for d in decisions
        ],
    )


def funding_table(funding: FundingTotals) -> Table:
    return Table(
        key="finansiering",
        title=_("Finansiering"),
        columns=[
            Column(label=_("Fas")),
            Column(label=_("Ansökningar"), kind="int"),
            _money(_("Sökt (kr)")),
            _money(_("Beviljat (kr)")),
            _money(_("Ej avgjort (kr)")),
        ],
        rows=[[r.phase_label, r.applications, _num(r.applied), _num(r.granted), _num(r.pending)] for r in funding.rows],
        footer=[[_("Summa"), None, _num(funding.applied), _num(funding.granted), None]],
    )


def indicators_table(indicators: Sequence[IndicatorRow]) -> Table:
    def comment(i: IndicatorRow) -> str:
        if not i.computed:
            return i.comment
        source = _("Beräknat ur") + ": " + i.source
        if i.data_date:
            source += "; " + _("data per") + " " + i.data_date.isoformat()
        return "; ".join(x for x in (i.comment, source) if x)

    def reached(i: IndicatorRow) -> str | None:
        return None if i.reached is None else (_("Ja") if i.reached else _("Nej"))

    return Table(
        key="indikatorer",
        title=_("Indikatorer mot mål"),
        columns=[
            Column(label=_("Indikator")),
            Column(label=_("Mål"), kind="number", decimals=2),
            Column(label=_("Utfall"), kind="number", decimals=2),
            Column(label=_("Föregående år"), kind="number", decimals=2),
            Column(label=_("Nått")),
            Column(label=_("Kommentar")),
        ],
        rows=[
            [
                i.name + (f" ({i.unit})" if i.unit else ""),
                _num(i.target),
                _num(i.value),
                _num(i.previous_value),
                reached(i),
                comment(i),
            ]
            for i in indicators
        ],
    )


def meetings_table(meetings: Sequence[MeetingSummary]) -> Table:
    """A body's (or a year's) meetings: date, title (linked), ideas and how many became activities, decisions."""
    return Table(
        key="moten",
        title=_("Möten"),
        columns=[
            Column(label=_("Datum")),
            Column(label=_("Möte")),
            Column(label=_("Plats")),
            Column(label=_("Idéer"), kind="int"),
            Column(label=_("Blev aktiviteter"), kind="int"),
            Column(label=_("Beslut"), kind="int"),
        ],
        rows=[
            [
                m.date.isoformat(),
                Link(text=m.title or m.body, href=reverse("samverkan:meeting", args=[m.id])),
                m.place,
                m.ideas,
                m.ideas_to_activities,
                m.decisions,
            ]
            for m in meetings
        ],
    )


def needs_table(needs: Sequence[NeedPublic]) -> Table:
    """Competence needs: what (linked), who, how many, from when, where, state."""
    return Table(
        key="behov",
        title=_("Kompetensbehov"),
        columns=[
            Column(label=_("Behov")),
            Column(label=_("Organisation")),
            Column(label=_("Antal"), kind="int"),
            Column(label=_("När")),
            Column(label=_("Var")),
            Column(label=_("Status")),
        ],
        rows=[
            [
                Link(text=n.title, href=reverse("samverkan:need", args=[n.id])),
                n.organisation + (f", {n.unit}" if n.unit else ""),
                n.headcount,
                n.needed_from.isoformat() if n.needed_from else None,
                n.region,
                n.status_label,
            ]
            for n in needs
        ],
    )


def needs_per_area_table(section: NeedsSection) -> Table:
    """The yearly report's competence needs per area of the agreement, with the total."""

    def cells(row: NeedAreaRow, label: str) -> list[Cell]:
        return [label, row.registered, row.headcount, row.answered, row.answers, row.accepted]

    return Table(
        key="behov-per-omrade",
        title=_("Kompetensbehov och svar per område"),
        columns=[
            Column(label=_("Område")),
            Column(label=_("Registrerade behov"), kind="int"),
            Column(label=_("Antal personer"), kind="int"),
            Column(label=_("Besvarade behov"), kind="int"),
            Column(label=_("Svar"), kind="int"),
            Column(label=_("Antagna svar"), kind="int"),
        ],
        rows=[cells(row, row.area) for row in section.rows],
        footer=[cells(section.total, _("Summa"))],
    )
