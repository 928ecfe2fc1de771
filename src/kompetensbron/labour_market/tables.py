"""The demand pages' tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel
from the same rows): 2024 ads per region with inhabitants and ads per 10,000 inhabitants, and,
on an occupation's page, each region's Yrkesbarometer 1-year cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from kompetensbron.web.tables import Column, Link, Table

from .label_texts import balance_text, barometer_text, uncertainty_text
from .schemas import AdsYearOnYear, OccupationShares, OutlookCell, RegionCounts, TopSkills

if TYPE_CHECKING:
    from .comparison import RegionComparison

__all__ = [
    "region_counts_table",
    "comparison_table",
    "occupation_shares_table",
    "year_on_year_table",
    "skills_table",
]


def _outlook_cells(o: OutlookCell | None) -> list:
    if o is None:
        return [None, None, None, None]
    if o.note:
        text = _("ingen prognos")
    elif o.text:
        text = barometer_text(o.text)
    elif o.basis == "fa_mean_of_kommuner":
        text = _("medel av kommunernas län")
    else:
        text = None
    if o.basis == "lan_of_kommun" and o.basis_name:
        text = ((text + " – ") if text else "") + _("länets siffra (%(lan)s)") % {"lan": o.basis_name}
    label = None
    if o.label:
        label = balance_text(o.label, "")
        if o.borderline:
            side = {"shortage": _("lutar mot brist"), "surplus": _("lutar mot överskott")}.get(o.leaning or "")
            label += " (" + _("nära en klassgräns") + (f", {side}" if side else "") + ")"
        label += " · " + _("osäkerhet") + " " + uncertainty_text(o.uncertainty)
        if o.mixed_regions:
            label += "; " + _("länen ligger på olika sidor om en gräns")
    return [o.index, text, label, o.probability]


def _population_label(date: str | None) -> str:
    """ "Folkmängd" with the date of the figures (every population column says its date)."""
    return _("Folkmängd %(date)s") % {"date": date} if date else str(_("Folkmängd"))


def _per_10k_label(date: str | None, region: str = "") -> str:
    """ "Per 10,000 inhabitants" with the date of the population it divides by (and the region)."""
    label = _("Per 10 000 invånare (folkmängd %(date)s)") % {"date": date} if date else str(_("Per 10 000 invånare"))
    return f"{label}, {region}" if region else label


def _ads_per_10k_label(date: str | None) -> str:
    if date:
        return _("Annonser per 10 000 invånare (folkmängd %(date)s)") % {"date": date}
    return str(_("Annonser per 10 000 invånare"))


def region_counts_table(stats: RegionCounts, level_name: str, *, key: str = "regioner", title: str = "") -> Table:
    """Ads per region (2024), inhabitants, ads per 10,000 inhabitants; the outlook columns when
    the rows carry Yrkesbarometer cells (an occupation's page)."""
    has_outlook = any(r.outlook is not None for r in stats.rows)
    columns = [
        Column(label=_("Kod"), kind="code"),
        Column(label=str(level_name)),
        Column(label=_("Annonser 2024"), kind="int"),
        Column(label=_population_label(stats.population_date), kind="int"),
        Column(label=_ads_per_10k_label(stats.population_date), kind="decimal", decimals=1),
    ]
    if has_outlook:
        columns += [
            Column(label=_("Bristindex 1 år"), kind="decimal", decimals=2),
            Column(label=_("AF:s bedömning")),
            Column(label=_("Etikett och osäkerhet")),
            Column(label=_("Sådana etiketter höll i efterhand"), kind="percent"),
        ]
    rows = []
    for r in stats.rows:
        row = [
            r.code,
            Link(text=r.name, href=reverse("labour_market:region", args=[stats.level, r.code])),
            r.ads,
            r.population,
            r.ads_per_10k,
        ]
        if has_outlook:
            row += _outlook_cells(r.outlook)
        rows.append(row)
    blank = [None] * (4 if has_outlook else 0)
    people = [r.population for r in stats.rows if r.population]
    population = sum(people) if len(people) == len(stats.rows) and people else None
    footer = [
        [
            None,
            _("Summa över regionerna"),
            stats.regions_total,
            population,
            round(stats.regions_total * 10_000 / population, 1) if population else None,
            *blank,
        ]
    ]
    if stats.country_total is not None:
        footer.append([None, _("Hela Sverige (enligt filen)"), stats.country_total, None, None, *blank])
    return Table(
        key=key,
        title=title or _("Platsannonser 2024 per region"),
        columns=columns,
        rows=rows,
        footer=footer,
        filename=f"annonser-2024-{stats.level}",
        row_keys=[r.code for r in stats.rows],
    )


def comparison_table(c: RegionComparison) -> Table:
    """Region A against region B per occupation: ads, per 10,000 inhabitants, share of the region's ads."""
    a, b = c.a.name, c.b.name
    return Table(
        key="jamforelse",
        title=_("Platsannonser 2024 per yrke: %(a)s och %(b)s") % {"a": a, "b": b},
        filename=f"jamforelse-{c.level}-{c.a.code}-{c.b.code}",
        columns=[
            Column(label="SSYK", kind="code"),
            Column(label=_("Yrke")),
            Column(label=_("Annonser, %(r)s") % {"r": a}, kind="int"),
            Column(label=_("Annonser, %(r)s") % {"r": b}, kind="int"),
            Column(label=_per_10k_label(c.population_date, a), kind="decimal", decimals=1),
            Column(label=_per_10k_label(c.population_date, b), kind="decimal", decimals=1),
            Column(label=_("Andel av annonserna, %(r)s") % {"r": a}, kind="percent", decimals=1),
            Column(label=_("Andel av annonserna, %(r)s") % {"r": b}, kind="percent", decimals=1),
        ],
        rows=[
            [
                r.ssyk,
                Link(text=r.label, href=reverse("labour_market:occupation", args=[r.ssyk]) + f"?level={c.level}"),
                r.ads_a,
                r.ads_b,
                r.per_10k_a,
                r.per_10k_b,
                r.share_a,
                r.share_b,
            ]
            for r in c.rows
        ],
        footer=[
            [
                None,
                _("Alla yrken"),
                c.a.total_ads,
                c.b.total_ads,
                c.a.ads_per_10k,
                c.b.ads_per_10k,
                None,
                None,
            ]
        ],
        row_keys=[r.ssyk for r in c.rows],
    )


def _short_outlook(o: OutlookCell | None) -> str | None:
    if o is None:
        return None
    if o.note:
        return _("ingen prognos")
    parts = [barometer_text(o.text)] if o.text else []
    if o.label:
        parts.append(f"{balance_text(o.label, '')}, {_('osäkerhet')} {uncertainty_text(o.uncertainty)}")
    return " · ".join(parts) or None


def occupation_shares_table(
    shares: OccupationShares, *, key: str, title: str, region_kind: str, with_share: bool, with_outlook: bool
) -> Table:
    """A region's occupations with most ads: SSYK, occupation (linked), ads, share of the region's
    ads, and the Yrkesbarometer 1-year index and assessment where the region has them."""
    columns = [Column(label="SSYK", kind="code"), Column(label=_("Yrke")), Column(label=_("Annonser"), kind="int")]
    if with_share:
        columns.append(Column(label=_("Andel"), kind="percent"))
    if with_outlook:
        columns += [Column(label=_("Bristindex 1 år"), kind="decimal", decimals=2), Column(label=_("Bedömning"))]
    rows = []
    for o in shares.rows:
        label = (
            Link(text=o.label, href=reverse("labour_market:occupation", args=[o.ssyk]) + f"?level={region_kind}")
            if with_share
            else o.label
        )
        row = [o.ssyk, label, o.ads]
        if with_share:
            row.append(o.share)
        if with_outlook:
            row += [o.outlook.index if o.outlook else None, _short_outlook(o.outlook)]
        rows.append(row)
    return Table(key=key, title=title, columns=columns, rows=rows, filename=key, row_keys=[o.ssyk for o in shares.rows])


def year_on_year_table(y: AdsYearOnYear, level_name: str) -> Table:
    """Ingested ads per region in a year against the year before."""
    return Table(
        key="ar-mot-ar",
        title=_("Förändring %(year)s mot året innan") % {"year": y.year},
        filename=f"annonser-{y.year}-mot-{y.year - 1}",
        columns=[
            Column(label=str(level_name)),
            Column(label=str(y.year), kind="int"),
            Column(label=_("Året innan"), kind="int"),
            Column(label=_("Förändring"), kind="int"),
            Column(label=_("Förändring i procent"), kind="decimal", decimals=1),
        ],
        rows=[[c.name, c.ads, c.ads_prev, c.change, c.change_pct] for c in y.rows],
        row_keys=[c.code for c in y.rows],
    )


def skills_table(skills: TopSkills) -> Table:
    """The skills named in most enriched ads of an occupation."""
    return Table(
        key="kompetenser",
        title=_("Efterfrågade kompetenser"),
        filename=f"kompetenser-{skills.ssyk}",
        columns=[
            Column(label=_("Kompetens")),
            Column(label=_("Annonser"), kind="int"),
            Column(label=_("Andel"), kind="percent"),
        ],
        rows=[[s.label, s.ads, s.share] for s in skills.rows],
    )
