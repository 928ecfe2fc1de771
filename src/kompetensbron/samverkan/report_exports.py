"""The yearly report as Excel (xlsxwriter) and PDF (WeasyPrint), from the same
:class:`~.schemas.YearlyReport` that the page and the JSON route show.

WeasyPrint is imported only when a PDF is asked for (it loads system libraries).
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from kompetensbron.web import xlsx as xl

from .models import ActivityStatus
from .schemas import YearlyReport

__all__ = ["report_xlsx", "report_pdf", "report_filename"]


def report_filename(report: YearlyReport, ext: str) -> str:
    return f"arsrapport-avtal-{report.agreement.id}-{report.year}.{ext}"


def report_xlsx(report: YearlyReport) -> bytes:
    buf = io.BytesIO()
    book = xl.workbook(buf)
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "# ##0"})

    sheet = book.add_worksheet(_("Översikt"))
    xl.write(
        sheet, 0, 0, _("Årsrapport %(year)s: %(title)s") % {"year": report.year, "title": report.agreement.title}, bold
    )
    xl.write(sheet, 1, 0, _("Parter"))
    xl.write(sheet, 1, 1, ", ".join(report.agreement.parties))
    if report.is_demo:
        xl.write(sheet, 2, 0, _("Exempeldata, inte verkliga uppgifter."))
    statuses = list(ActivityStatus)
    xl.write_row(sheet, 4, 0, [_("Fas"), *[str(s.label) for s in statuses], _("Summa")], bold)
    for i, p in enumerate(report.phases, start=5):
        xl.write_row(sheet, i, 0, [p.phase_label, *[p.by_status.get(s.value, 0) for s in statuses], p.total])
    sheet.set_column(0, 0, 28)

    acts = book.add_worksheet(_("Aktiviteter"))
    xl.write_row(
        acts,
        0,
        0,
        [_("Titel"), _("Fas"), _("Status"), _("Ägare"), _("Start"), _("Slut"), _("Förväntat"), _("Faktiskt")],
        bold,
    )
    for i, a in enumerate(report.activities, start=1):
        xl.write_row(acts, i, 0, [a.title, a.phase_label, a.status_label, a.owner])
        for col, d in ((4, a.period_start), (5, a.period_end)):
            if d:
                xl.write(acts, i, col, d)
        xl.write_row(
            acts,
            i,
            6,
            [
                a.expected_participants if a.expected_participants is not None else "",
                a.actual_participants if a.actual_participants is not None else "",
            ],
        )
    acts.set_column(0, 0, 45)

    dec = book.add_worksheet(_("Beslut"))
    xl.write_row(dec, 0, 0, [_("Datum"), _("Aktivitet"), _("Beslut"), _("Organ"), _("Motivering")], bold)
    for i, d in enumerate(report.decisions, start=1):
        xl.write(dec, i, 0, d.date)
        xl.write_row(dec, i, 1, [d.activity_title, d.outcome_label, d.body, d.justification])

    fund = book.add_worksheet(_("Finansiering"))
    xl.write_row(
        fund, 0, 0, [_("Fas"), _("Ansökningar"), _("Sökt (kr)"), _("Beviljat (kr)"), _("Ej avgjort (kr)")], bold
    )
    for i, r in enumerate(report.funding.rows, start=1):
        xl.write(fund, i, 0, r.phase_label)
        xl.write(fund, i, 1, r.applications)
        for col, value in ((2, r.applied), (3, r.granted), (4, r.pending)):
            xl.write(fund, i, col, float(value), money)
    xl.write(fund, len(report.funding.rows) + 2, 0, report.funding.note)

    if report.areas:
        areas = book.add_worksheet(_("Områden"))
        xl.write_row(
            areas, 0, 0, ["Område", *[str(s.label) for s in statuses], "Summa", "Aktiviteter", "Indikatorer"], bold
        )
        for i, sec in enumerate(report.areas, start=1):
            xl.write_row(
                areas,
                i,
                0,
                [
                    sec.area,
                    *[sec.by_status.get(s.value, 0) for s in statuses],
                    sec.total,
                    "; ".join(sec.activity_titles),
                    "; ".join(sec.indicator_names),
                ],
            )
        areas.set_column(0, 0, 28)

    if report.needs:
        _needs_sheet(book.add_worksheet(_("Kompetensbehov")), report, bold)

    ind = book.add_worksheet(_("Indikatorer"))
    header = [
        _("Indikator"),
        _("Enhet"),
        _("Mål"),
        _("Utfall"),
        _("Föregående år"),
        _("Nått"),
        _("Kommentar"),
        _("Beräknat ur"),
        _("Data per"),
    ]
    xl.write_row(ind, 0, 0, header, bold)
    for i, row in enumerate(report.indicators, start=1):
        xl.write_row(ind, i, 0, [row.name, row.unit])
        for col, value in ((2, row.target), (3, row.value), (4, row.previous_value)):
            if value is not None:
                xl.write(ind, i, col, float(value))
        xl.write(ind, i, 5, "" if row.reached is None else (_("Ja") if row.reached else _("Nej")))
        xl.write(ind, i, 6, row.comment)
        if row.computed:  # computed from platform data: its source and data date
            xl.write_row(ind, i, 7, [row.source, row.data_date.isoformat() if row.data_date else ""])

    meet = book.add_worksheet(_("Möten"))
    xl.write_row(meet, 0, 0, [_("Datum"), _("Organ"), _("Möte"), _("Idéer"), _("Blev aktiviteter"), _("Beslut")], bold)
    for i, m in enumerate(report.meetings, start=1):
        xl.write(meet, i, 0, m.date)
        xl.write_row(meet, i, 1, [m.body, m.title, m.ideas, m.ideas_to_activities, m.decisions])
    book.close()
    return buf.getvalue()


def _needs_sheet(sheet, report: YearlyReport, bold) -> None:
    """Needs and answers per area, then the needs one by one."""
    assert report.needs is not None
    header = [
        _("Område"),
        _("Registrerade behov"),
        _("Antal personer"),
        _("Besvarade behov"),
        _("Svar"),
        _("Antagna svar"),
    ]
    xl.write_row(sheet, 0, 0, header, bold)
    rows = [*report.needs.rows, report.needs.total]
    for i, r in enumerate(rows, start=1):
        xl.write_row(sheet, i, 0, [r.area, r.registered, r.headcount, r.answered, r.answers, r.accepted])
    start = len(rows) + 2
    xl.write_row(
        sheet,
        start,
        0,
        [_("Behov"), _("Organisation"), _("Antal personer"), _("Status"), _("Områden"), _("Svar i år")],
        bold,
    )
    for i, n in enumerate(report.needs.needs, start=start + 1):
        row = [n.title, n.organisation, n.headcount, n.status_label, "; ".join(n.areas), n.answers_this_year]
        xl.write_row(sheet, i, 0, row)
    sheet.set_column(0, 0, 40)


def report_pdf(report: YearlyReport, page_context) -> bytes:
    from kompetensbron.web.pdf import html_to_pdf

    return html_to_pdf(render_to_string("samverkan/yearly_report_print.html", {"page": page_context}))
