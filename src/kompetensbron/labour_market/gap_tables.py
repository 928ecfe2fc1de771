"""The gap pages' tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel from the
same rows): the balance map's region rows, its back-test hit rates and graduate context, and the
forecast page's history + forecast and its back-test (method) tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from kompetensbron.web.tables import Column, Table

from . import gap_schemas as s
from .gap_texts import band_text, method_name

__all__ = [
    "balance_table",
    "shares_table",
    "hit_rates_table",
    "assessment_rates_table",
    "forecast_table",
    "method_errors_table",
    "group_errors_table",
    "direction_table",
]

Names = Mapping[str, Promise | str]


def _pct(label: str, decimals: int = 0) -> Column:
    return Column(label=label, kind="percent", decimals=decimals)


def _interval_columns() -> list[Column]:
    return [_pct(_("Träffsäkerhet")), _pct(_("95 % KI, från")), _pct(_("95 % KI, till"))]


def _region(code: str, name: str) -> str:
    return f"{code} {name}".strip()


def balance_table(rows: Sequence[s.BalanceRowOut], labels: Names, uncertainty: Names) -> Table:
    """One SSYK per region: the 1-year index and its label with how often such labels held, the
    5-year national index, 2024 ads and the graduates of linked programmes (supply)."""

    def label(r: s.BalanceRowOut) -> str:
        text = str(labels.get(r.label or "", "–"))
        notes = []
        if r.leaning:
            notes.append(_("gränsfall, lutar mot %(side)s") % {"side": labels.get(r.leaning, r.leaning)})
        if r.mixed_regions:
            notes.append(_("länen i regionen skiljer sig"))
        return text + (f" ({'; '.join(notes)})" if notes else "")

    def supply(r: s.BalanceRowOut) -> str | None:
        if r.graduates is None:
            return _("utbud okänt")
        years = f"{r.graduates_year_from}–{r.graduates_year}" if r.graduates_year_from != r.graduates_year else ""
        basis = _("bekräftade kopplingar") if r.supply_basis == "confirmed" else _("föreslagna kopplingar")
        return f"{years or r.graduates_year}; {basis}; " + _("%(n)s program") % {"n": r.supply_programmes}

    return Table(
        key="bedomning",
        title=_("Bedömning per region med osäkerhet"),
        columns=[
            Column(label=_("Region")),
            Column(label=_("Index 1 år"), kind="decimal", decimals=2),
            Column(label=_("Bedömning")),
            *_interval_columns(),
            Column(label=_("Fall"), kind="int"),
            Column(label=_("Osäkerhet")),
            Column(label=_("Index 5 år (riket)"), kind="decimal", decimals=2),
            Column(label=_("Bedömning 5 år")),
            Column(label=_("Annonser 2024"), kind="int"),
            Column(label=_("Examinerade"), kind="int"),
            Column(label=_("Utbud: år och underlag")),
        ],
        rows=[
            [
                _region(r.region_code, r.region_name),
                r.index,
                label(r),
                r.probability,
                r.low,
                r.high,
                r.cases,
                str(uncertainty[r.uncertainty]),
                r.five_year_index,
                str(labels.get(r.five_year_label or "", "–")),
                r.ads_2024,
                r.graduates,
                supply(r),
            ]
            for r in rows
        ],
        row_keys=[r.region_code for r in rows],
    )


def shares_table(regions: Sequence[s.RegionShareOut]) -> Table:
    return Table(
        key="andel-brist",
        title=_("Andel yrken med bedömningen brist per region"),
        columns=[Column(label=_("Region")), _pct(_("Andel i brist")), Column(label=_("Bedömda yrken"), kind="int")],
        rows=[[_region(r.code, r.name), r.shortage_share, r.labelled] for r in regions],
        row_keys=[r.code for r in regions],
    )


def hit_rates_table(rates: Sequence[s.HitRateOut], labels: Names) -> Table:
    return Table(
        key="traffsakerhet",
        title=_("Hur ofta höll sådana bedömningar?"),
        columns=[
            Column(label=_("Bedömning")),
            Column(label=_("Avstånd från gräns")),
            Column(label=_("Fall"), kind="int"),
            Column(label=_("Höll"), kind="int"),
            *_interval_columns(),
        ],
        rows=[
            [
                str(labels.get(h.label, h.label)),
                _("alla") if h.band == "all" else band_text(h.band),
                h.n,
                h.hits,
                h.rate,
                h.low,
                h.high,
            ]
            for h in rates
        ],
    )


def assessment_rates_table(rates: Sequence[s.HitRateOut], labels: Names) -> Table:
    return Table(
        key="bedomning-2026",
        title=_("Bedömning 2024 jämförd med 2026"),
        columns=[
            Column(label=_("Bedömning 2024")),
            Column(label=_("Fall"), kind="int"),
            Column(label=_("Samma 2026"), kind="int"),
            *_interval_columns(),
        ],
        rows=[[str(labels.get(h.label, h.label)), h.n, h.hits, h.rate, h.low, h.high] for h in rates],
    )


def forecast_table(f: s.OccupationForecastOut) -> Table:
    """The observed index up to the last year of data, then the forecast with its band."""
    observed = _("utfall")
    rows: list[list] = [[year, value, observed, None, None, None] for year, value in f.history]
    rows += [
        [p.year, p.value, _("prognos"), p.lower, p.upper, _("ja") if p.backtested else _("nej (bandet breddat)")]
        for p in f.forecast
    ]
    return Table(
        key="prognos",
        title=_("Utfall och prognos, index (2015 = 1)"),
        columns=[
            Column(label=_("År"), kind="code"),
            Column(label=_("Index"), kind="decimal", decimals=3),
            Column(label=_("Utfall eller prognos")),
            Column(label=_("Band, från"), kind="decimal", decimals=3),
            Column(label=_("Band, till"), kind="decimal", decimals=3),
            Column(label=_("Bakåttestat")),
        ],
        rows=[[str(r[0]), *r[1:]] for r in rows],
        filename=f"prognos-{f.occupation_id}-{f.measure}",
    )


def _error_columns() -> list[Column]:
    return [
        Column(label=_("Fall"), kind="int"),
        Column(label="MAE", kind="decimal", decimals=4),
        Column(label="MAPE %", kind="decimal", decimals=2),
        Column(label=_("Naiv MAE"), kind="decimal", decimals=4),
        Column(label=_("Naiv MAPE %"), kind="decimal", decimals=2),
    ]


def _errors(e: s.ForecastErrorOut) -> list:
    return [e.n, e.mae, e.mape, e.naive_mae, e.naive_mape]


def method_errors_table(rows: Sequence[s.ForecastErrorOut], measures: Names) -> Table:
    return Table(
        key="fel-per-metod",
        title=_("Fel per metod, alla yrken"),
        columns=[Column(label=_("Mått")), Column(label=_("Metod")), *_error_columns(), Column(label=_("Vald"))],
        rows=[
            [str(measures[e.measure]), method_name(e.method), *_errors(e), _("vald") if e.chosen else ""] for e in rows
        ],
    )


def group_errors_table(rows: Sequence[s.ForecastErrorOut], measures: Names, group_name: Callable[[str], str]) -> Table:
    def dimension(e: s.ForecastErrorOut) -> str:
        return _("AF:s bedömning 2024") if e.dimension == "assessment_2024" else _("antal yrkesverksamma")

    return Table(
        key="fel-per-grupp",
        title=_("Fel per yrkesgrupp (vald metod bredvid naiv)"),
        columns=[
            Column(label=_("Mått")),
            Column(label=_("Gruppering")),
            Column(label=_("Grupp")),
            Column(label=_("Metod")),
            *_error_columns(),
        ],
        rows=[
            [str(measures[e.measure]), dimension(e), group_name(e.group), method_name(e.method), *_errors(e)]
            for e in rows
        ],
    )


def direction_table(hits: Sequence[s.DirectionHitOut], measures: Names, directions: Names) -> Table:
    return Table(
        key="riktning",
        title=_("Hur ofta höll den prognostiserade riktningen?"),
        columns=[
            Column(label=_("Mått")),
            Column(label=_("Prognos")),
            Column(label=_("Fall"), kind="int"),
            Column(label=_("Höll"), kind="int"),
            _pct(_("Andel som höll")),
        ],
        rows=[[str(measures[d.measure]), str(directions[d.label]), d.n, d.hits, d.rate] for d in hits],
    )
