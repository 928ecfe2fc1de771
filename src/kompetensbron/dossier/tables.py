"""The dossier page's tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel from
the same rows): target occupations, demand, outlook, inputs and outcomes.

The cached :class:`~.schemas.Dossier` is shared by every language, so the tables are built on
every request from the localised dossier (:func:`.services.localised`), in the reader's
language — the page and its downloads hold the same words and figures.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kompetensbron.labour_market.label_texts import barometer_text
from kompetensbron.web.tables import Cell, Column, Table

from .schemas import Dossier, InputOut, OutcomeRow, OutlookRow
from .summary import RECRUITMENT_TEXT

__all__ = ["dossier_tables"]


def occupations_table(d: Dossier) -> Table:
    return Table(
        key="malyrken",
        title=_("Målyrken"),
        columns=[
            Column(label="SSYK", kind="code"),
            Column(label=_("Yrke")),
            Column(label=_("Ursprung")),
            Column(label=_("Poäng"), kind="decimal", decimals=3),
            Column(label=_("Rang"), kind="int"),
            Column(label=_("Status")),
        ],
        rows=[[o.ssyk, o.label, o.provenance_label, o.score, o.rank, o.status_label] for o in d.occupations],
        row_keys=[o.ssyk for o in d.occupations],
        filename=f"relevansunderlag-{d.programme.code}-malyrken",
    )


def demand_table(d: Dossier) -> Table:
    p = d.programme
    lan = p.lan.label if p.lan else _("Län")
    fa = f"FA {p.fa_region.label}" if p.fa_region else _("FA-region")
    return Table(
        key="efterfragan",
        title=_("Efterfrågan: jobbannonser 2024"),
        columns=[
            Column(label="SSYK", kind="code"),
            Column(label=_("Yrke")),
            Column(label=_("Sverige"), kind="int"),
            Column(label=lan, kind="int"),
            Column(label=_("andel i %(region)s") % {"region": lan}, kind="percent", decimals=1),
            Column(label=fa, kind="int"),
            Column(label=_("andel i %(region)s") % {"region": fa}, kind="percent", decimals=1),
        ],
        rows=[[r.ssyk, r.label, r.national, r.lan, r.lan_share, r.fa, r.fa_share] for r in d.demand],
        row_keys=[r.ssyk for r in d.demand],
        filename=f"relevansunderlag-{p.code}-efterfragan",
    )


def _current(r: OutlookRow) -> str:
    """The open-data Yrkesbarometer's words of one row, as one text."""
    if not r.current_recruitment:
        return "–"
    text = str(RECRUITMENT_TEXT.get(r.current_recruitment, r.current_recruitment))
    if r.current_opportunities:
        text += ", " + _("%(level)s jobbmöjligheter") % {"level": barometer_text(r.current_opportunities)}
    if r.current_outlook:
        text += "; " + _("efterfrågan väntas %(direction)s på 5 år") % {"direction": barometer_text(r.current_outlook)}
        if r.current_area == "00":
            text += " · " + _("Sverige")
    return text


def _outlook_row(r: OutlookRow, with_current: bool) -> list[Cell]:
    from .page_contexts import outlook_display

    o = outlook_display(r)
    code = f"{r.ssyk} ({r.barometer_code})" if r.barometer_code and r.barometer_code != r.ssyk else r.ssyk
    state = o.balance_label
    if r.borderline and o.leaning_label:
        state += " – " + _("gränsfall, lutar mot %(side)s") % {"side": o.leaning_label}
    held = f"{o.interval_pct}, n={r.cases}" if r.probability is not None and o.interval_pct else ""
    return [
        code,
        r.label,
        *([_current(r)] if with_current else []),
        r.lan_index,
        barometer_text(r.lan_text or ""),
        state,
        o.uncertainty_label,
        r.probability,
        held,
        r.five_year_index,
        o.five_year_label if r.five_year_label else "",
    ]


def outlook_table(d: Dossier) -> Table:
    p = d.programme
    index = _("Index 1 år") + (f" ({p.lan.label})" if p.lan else "")
    current = [Column(label=_("Yrkesbarometern %(round)s") % {"round": d.current_round})] if d.current_round else []
    return Table(
        key="prognos",
        title=_("Prognos: brist eller överskott"),
        columns=[
            Column(label="SSYK", kind="code"),
            Column(label=_("Yrke")),
            *current,
            Column(label=index, kind="number", decimals=2),
            Column(label=_("Arbetsförmedlingens ord")),
            Column(label=_("Läge")),
            Column(label=_("Osäkerhet")),
            Column(label=_("Höll i efterhand"), kind="percent"),
            Column(label=_("95 % intervall, antal fall")),
            Column(label=_("Index 5 år (Sverige)"), kind="number", decimals=2),
            Column(label=_("Läge 5 år")),
        ],
        rows=[_outlook_row(r, bool(d.current_round)) for r in d.outlook],
        row_keys=[r.ssyk for r in d.outlook],
        filename=f"relevansunderlag-{p.code}-prognos",
    )


def _given_by(x: InputOut) -> str:
    who = ", ".join(s for s in (x.author_name, x.organisation) if s)
    if x.recorded_by:
        who += " (" + _("registrerad av %(who)s") % {"who": x.recorded_by} + ")"
    return who


def inputs_table(d: Dossier) -> Table:
    return Table(
        key="synpunkter",
        title=_("Synpunkter från programråd och arbetsgivare"),
        columns=[
            Column(label=_("Datum"), kind="code"),
            Column(label=_("Typ")),
            Column(label=_("Lämnad av")),
            Column(label=_("Synpunkt")),
        ],
        rows=[[x.date.isoformat(), x.kind_label, _given_by(x), x.text] for x in d.inputs],
        filename=f"relevansunderlag-{d.programme.code}-synpunkter",
    )


def _outcome_row(o: OutcomeRow) -> list[Cell]:
    """A share shown in per cent (the files hold the same number), a ratio as it is; a missing
    figure says why in the source column."""
    if o.missing:
        return [_(o.title), None, "", None, None, o.region, o.period, _("Data saknas") + ": " + _(o.missing)]
    value, unit = o.value, ""
    if o.unit == "andel" and value is not None:
        value, unit = round(value * 100, 1), "%"
    elif o.unit == "kvot":
        unit = _("per antagen")
    return [_(o.title), value, unit, o.numerator, o.denominator, o.region, o.period, o.source]


def outcomes_table(d: Dossier) -> Table:
    return Table(
        key="utfall",
        title=_("Utfall för utexaminerade"),
        columns=[
            Column(label=_("Mått")),
            Column(label=_("Värde"), kind="number", decimals=2),
            Column(label=_("Enhet")),
            Column(label=_("Täljare"), kind="int"),
            Column(label=_("Nämnare"), kind="int"),
            Column(label=_("Region")),
            Column(label=_("Period")),
            Column(label=_("Källa")),
        ],
        rows=[_outcome_row(o) for o in d.outcomes],
        row_keys=[o.key for o in d.outcomes],
        filename=f"relevansunderlag-{d.programme.code}-utfall",
    )


def dossier_tables(d: Dossier) -> dict[str, Table]:
    """Every table of the dossier page, by name, in the active language."""
    return {
        "occupations": occupations_table(d),
        "demand": demand_table(d),
        "outlook": outlook_table(d),
        "inputs": inputs_table(d),
        "outcomes": outcomes_table(d),
    }
