"""The dossier as Excel (xlsxwriter) and PDF (WeasyPrint), from the same
:class:`~.schemas.Dossier` that the page and the JSON route show.

Excel sheets: Sammanfattning, Yrken, Efterfrågan, Prognos, Kompetenser, Synpunkter, Källor,
Utfall — the same figures as the page, numbers as numbers; sheet names, headers and labels in
the request's language (:func:`sheet_names`). The PDF renders the page's body partial
(``dossier/_body.html``) in a print template. WeasyPrint is imported only when a PDF is
asked for (it loads system libraries).
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.utils.translation import pgettext

from kompetensbron.labour_market.label_texts import barometer_text
from kompetensbron.web import xlsx as xl

from .page_contexts import BALANCE_LABELS, UNCERTAINTY_LABELS, DossierPage
from .schemas import Dossier
from .source_words import worded

__all__ = ["SHEETS", "XLSX_MIME", "dossier_filename", "dossier_xlsx", "dossier_pdf", "sheet_names"]

XLSX_MIME = xl.XLSX_MIME
SHEETS = (
    N_("Sammanfattning"),
    N_("Yrken"),
    N_("Efterfrågan"),
    N_("Prognos"),
    N_("Kompetenser"),
    N_("Synpunkter"),
    N_("Källor"),
    N_("Utfall"),
)


def sheet_names() -> tuple[str, ...]:
    """The workbook's sheet names in the active language (Swedish: :data:`SHEETS`)."""
    return tuple(_(name) for name in SHEETS)


def dossier_filename(d: Dossier, ext: str) -> str:
    code = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in d.programme.code)
    if d.frozen is not None:  # a frozen version is named by its version date
        return f"relevansunderlag-{code}-version-{d.frozen.version_date.isoformat()}-{d.frozen.id}.{ext}"
    return f"relevansunderlag-{code}-{d.built_at.date().isoformat()}.{ext}"


def _label(mapping, value) -> str:
    return str(mapping.get(value or "", "")) if value else ""


def dossier_xlsx(d: Dossier) -> bytes:
    buf = io.BytesIO()
    book = xl.workbook(buf)
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    pct = book.add_format({"num_format": "0.0%"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    p = d.programme
    names = sheet_names()

    sheet = book.add_worksheet(names[0])
    frozen = " — " + _("fryst version %(date)s") % {"date": d.frozen.version_date.isoformat()} if d.frozen else ""
    xl.write(sheet, 0, 0, _("Relevansunderlag: %(programme)s") % {"programme": f"{p.code} {p.name}{frozen}"}, title)
    basis = {"confirmed": _("bekräftade"), "suggested": _("föreslagna")}.get(d.target_basis, _("inga"))
    facts = [
        (_("Lärosäte"), p.institution),
        (_("Examen"), p.degree),
        (_("SUN 2020-nivå"), f"{p.sun_level.code} {p.sun_level.label}" if p.sun_level else ""),
        (_("SUN 2020-inriktning"), f"{p.sun_field.code} {p.sun_field.label}" if p.sun_field else ""),
        (_("Studieort"), f"{p.kommun.label} ({p.kommun.code})" if p.kommun else ""),
        (pgettext("ett län", "Län"), f"{p.lan.label} ({p.lan.code})" if p.lan else ""),
        (_("FA-region"), f"{p.fa_region.label} ({p.fa_region.code})" if p.fa_region else ""),
        (_("Utbildningsplatser"), p.places),
        (_("Kurser"), p.courses),
        (_("Kurser med lärandemål"), p.courses_with_outcomes),
        (_("Lärandemål"), p.learning_outcomes),
        (f"{_('Antagna')} {p.admitted_year or ''}".strip(), p.admitted),
        (f"{_('Examinerade')} {p.graduates_year or ''}".strip(), p.graduates),
        (_("Målyrken"), basis),
        (_("Skapad"), d.built_at.strftime("%Y-%m-%d %H:%M UTC")),
        (_("Version"), d.version),
        *(
            [(_("Fryst version"), d.frozen.version_date.isoformat()), (_("Benämning"), d.frozen.label)]
            if d.frozen
            else []
        ),
    ]
    for i, (k, v) in enumerate(facts, start=2):
        xl.write(sheet, i, 0, k, bold)
        if v is not None:
            xl.write(sheet, i, 1, v)
    row = len(facts) + 3
    xl.write(sheet, row, 0, names[0], bold)
    for i, sentence in enumerate(d.summary, start=row + 1):
        xl.write(sheet, i, 0, sentence)
    row += len(d.summary) + 2
    for note in d.notes:
        xl.write(sheet, row, 0, note)
        row += 1
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 60)

    occ = book.add_worksheet(names[1])
    xl.write_row(occ, 0, 0, ["SSYK", _("Yrke"), _("Ursprung"), _("Poäng"), _("Rang"), _("Status")], bold)
    for i, o in enumerate(d.occupations, start=1):
        xl.write_row(occ, i, 0, [o.ssyk, o.label, o.provenance_label])
        xl.write(occ, i, 3, o.score)
        if o.rank is not None:
            xl.write(occ, i, 4, o.rank)
        xl.write(occ, i, 5, o.status_label)
    occ.set_column(1, 1, 45)
    occ.set_column(2, 2, 28)

    dem = book.add_worksheet(names[2])
    lan = p.lan.label if p.lan else _("län")
    fa = f"FA {p.fa_region.label}" if p.fa_region else _("FA-region")
    share = _("Andel %(area)s")
    heads = ["SSYK", _("Yrke"), _("Sverige 2024"), f"{lan} 2024", share % {"area": lan}, f"{fa} 2024"]
    xl.write_row(dem, 0, 0, [*heads, share % {"area": fa}], bold)
    for i, r in enumerate(d.demand, start=1):
        xl.write_row(dem, i, 0, [r.ssyk, r.label])
        for col, value, fmt in (
            (2, r.national, None),
            (3, r.lan, None),
            (4, r.lan_share, pct),
            (5, r.fa, None),
            (6, r.fa_share, pct),
        ):
            if value is not None:
                xl.write(dem, i, col, value, fmt)
    _provenance(dem, len(d.demand) + 2, d.demand_provenance, bold)
    dem.set_column(1, 1, 45)
    dem.set_column(2, 6, 14)

    out = book.add_worksheet(names[3])
    xl.write_row(
        out,
        0,
        0,
        [
            "SSYK",
            _("Yrke"),
            _("Bedömd SSYK"),
            _("Bristindex 1 år (%(area)s)") % {"area": lan},
            _("AF:s text"),
            _("Läge"),
            _("Gränsfall"),
            _("Lutar mot"),
            _("Träffsäkerhet"),
            _("Intervall låg"),
            _("Intervall hög"),
            _("Fall"),
            _("Osäkerhet"),
            _("Index 5 år (Sverige)"),
            _("Läge 5 år"),
        ],
        bold,
    )
    for i, r in enumerate(d.outlook, start=1):
        xl.write_row(out, i, 0, [r.ssyk, r.label, r.barometer_code or ""])
        if r.lan_index is not None:
            xl.write(out, i, 3, r.lan_index)
        xl.write_row(
            out,
            i,
            4,
            [
                barometer_text(r.lan_text or ""),
                _label(BALANCE_LABELS, r.balance),
                _("ja") if r.borderline else _("nej"),
                _label(BALANCE_LABELS, r.leaning),
            ],
        )
        for col, value, fmt in ((8, r.probability, pct), (9, r.low, pct), (10, r.high, pct)):
            if value is not None:
                xl.write(out, i, col, value, fmt)
        xl.write(out, i, 11, r.cases)
        xl.write(out, i, 12, str(UNCERTAINTY_LABELS.get(r.uncertainty, r.uncertainty)))
        if r.five_year_index is not None:
            xl.write(out, i, 13, r.five_year_index)
        xl.write(out, i, 14, _label(BALANCE_LABELS, r.five_year_label))
    row = len(d.outlook) + 2
    if d.backtest_rate is not None:
        xl.write(out, row, 0, _("Träffsäkerhet totalt (1 år mot 5 år)"), bold)
        xl.write(out, row, 3, d.backtest_rate, pct)
        row += 1
    _provenance(out, row + 1, d.outlook_provenance, bold)
    out.set_column(1, 1, 40)

    sk = book.add_worksheet(names[4])
    xl.write_row(sk, 0, 0, [_("Status"), _("Kompetens"), "Id", _("Varifrån")], bold)
    i = 1
    for status, items in (
        (_("täcks"), d.skills.covered),
        (_("saknas"), d.skills.missing),
        (_("i lärandemålen"), d.skills.outcome_skills),
    ):
        for s in items:
            xl.write_row(sk, i, 0, [status, s.label, s.skill_id, "; ".join(s.origins)])
            i += 1
    xl.write(sk, i + 1, 0, _("Täckning"), bold)
    if d.skills.coverage is not None:
        xl.write(sk, i + 1, 1, d.skills.coverage, pct)
    xl.write_row(sk, i + 2, 0, [_("Efterfrågade"), len(d.skills.demanded)])
    xl.write_row(sk, i + 3, 0, [_("Täcks"), len(d.skills.covered)])
    xl.write_row(sk, i + 4, 0, [_("Saknas"), len(d.skills.missing)])
    for j, line in enumerate(d.skills_provenance, start=i + 6):
        xl.write(sk, j, 0, line)
    sk.set_column(1, 1, 40)
    sk.set_column(3, 3, 60)

    inp = book.add_worksheet(names[5])
    heads = [_("Datum"), _("Typ"), _("Lämnad av"), _("Organisation"), _("Synpunkt"), _("Registrerad av")]
    xl.write_row(inp, 0, 0, heads, bold)
    for i, x in enumerate(d.inputs, start=1):
        xl.write(inp, i, 0, x.date)
        xl.write_row(inp, i, 1, [x.kind_label, x.author_name, x.organisation])
        xl.write(inp, i, 4, x.text, wrap)
        xl.write(inp, i, 5, x.recorded_by or "")
    inp.set_column(0, 0, 12)
    inp.set_column(4, 4, 70)

    src = book.add_worksheet(names[6])
    xl.write_row(src, 0, 0, [_("Källa"), _("Detalj"), _("Period"), _("Version / datum"), _("Data från")], bold)
    for i, s in enumerate(map(worded, d.sources), start=1):
        when = (s.data_date or "") + (" (" + _("gammal data") + ")" if s.data_old else "")
        xl.write_row(src, i, 0, [s.title, s.detail, s.period or "", s.version or "", when])
    src.set_column(0, 1, 60)
    _outcomes(book.add_worksheet(names[7]), d, bold)
    book.close()
    return buf.getvalue()


def _outcomes(sheet, d: Dossier, bold) -> None:
    heads = [_("Mått"), _("Värde"), _("Täljare"), _("Nämnare"), _("Region"), _("Period"), _("Källa")]
    xl.write_row(sheet, 0, 0, [*heads, _("Data saknas")], bold)
    for i, o in enumerate(d.outcomes, start=1):
        xl.write(sheet, i, 0, _(o.title))
        for col, value in ((1, o.value), (2, o.numerator), (3, o.denominator)):
            xl.write(sheet, i, col, value)
        xl.write_row(sheet, i, 4, [o.region, o.period, o.source, _(o.missing) if o.missing else ""])
    sheet.set_column(0, 0, 45)
    sheet.set_column(4, 7, 30)


def _provenance(sheet, row: int, provenance, bold) -> None:
    for k, prov in enumerate(provenance):
        xl.write(sheet, row + k, 0, _("Källa"), bold)
        xl.write(
            sheet,
            row + k,
            1,
            f"{prov.source} · {prov.table} · "
            + _("period %(period)s") % {"period": prov.period}
            + (f" · {prov.snapshot}" if prov.snapshot else "")
            + (" · " + _("data från %(date)s") % {"date": prov.data_date} if prov.data_date else "")
            + (" (" + _("gammal data") + ")" if prov.data_old else "")
            + f" · {prov.method}",
        )


def dossier_pdf(d: Dossier) -> bytes:
    from kompetensbron.web.pdf import html_to_pdf

    return html_to_pdf(render_to_string("dossier/print.html", {"page": DossierPage.build(d, for_print=True)}))
