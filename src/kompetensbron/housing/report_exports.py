"""The programme's progress report ("how far did we get") as Excel (xlsxwriter) and PDF
(WeasyPrint), from the same :class:`~.schemas.ProgrammeProgress` the page and the JSON route show.

WeasyPrint is imported only when a PDF is asked for (it loads system libraries).
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .schemas import ProgrammeProgress

__all__ = ["progress_filename", "progress_pdf", "progress_xlsx"]


def progress_filename(progress: ProgrammeProgress, ext: str) -> str:
    return f"studentbostader-program-{progress.programme.id}.{ext}"


def progress_xlsx(progress: ProgrammeProgress) -> bytes:
    import xlsxwriter

    p = progress.programme
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    bold = book.add_format({"bold": True})
    share = book.add_format({"num_format": "0.0%"})

    sheet = book.add_worksheet(_("Översikt"))
    sheet.write(0, 0, _("%(name)s: hur långt har vi kommit?") % {"name": p.name}, bold)
    rows = [
        (_("Län"), p.lan_name),
        (_("Ansvarig"), p.owner),
        (_("Period"), f"{p.baseline_year}–{p.target_year}"),
        (
            _("Mål (nya studentbostäder)"),
            p.target_homes if p.target_homes is not None else _("saknas (procentmål utan basbestånd)"),
        ),
        (_("Basbestånd"), progress.baseline_stock if progress.baseline_stock is not None else _("saknas")),
        (_("Färdigställda sedan start"), progress.completed),
        (_("Under byggnad"), progress.under_construction),
        (_("Planerade"), progress.planned),
    ]
    for i, (label, value) in enumerate(rows, start=2):
        sheet.write(i, 0, label)
        sheet.write(i, 1, value)
    if progress.share_of_target is not None:
        sheet.write(len(rows) + 2, 0, _("Andel av målet"))
        sheet.write_number(len(rows) + 2, 1, progress.share_of_target, share)
    if progress.is_demo:
        sheet.write(len(rows) + 4, 0, _("Exempeldata, inte verkliga uppgifter."))
    sheet.write(len(rows) + 5, 0, _("Källor: %(sources)s") % {"sources": "; ".join(progress.sources)})
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 40)

    years = book.add_worksheet(_("Per år"))
    years.write_row(
        0,
        0,
        [
            _("År"),
            _("Färdigställda (ack.)"),
            _("Under byggnad (ack. enl. plan)"),
            _("Planerade (ack. enl. plan)"),
            _("Mållinje"),
        ],
        bold,
    )
    for i, y in enumerate(progress.years, start=1):
        years.write_row(
            i, 0, [y.year, y.completed, y.under_construction, y.planned, y.target if y.target is not None else ""]
        )

    kommuner = book.add_worksheet(_("Per kommun"))
    kommuner.write_row(
        0,
        0,
        [
            _("Kommunkod"),
            _("Kommun"),
            _("Basbestånd"),
            _("Senaste bestånd"),
            _("År"),
            _("Färdigställda"),
            _("Under byggnad"),
            _("Planerade"),
            _("Kommunmål"),
            _("Har studentbostäder"),
        ],
        bold,
    )
    for i, k in enumerate(progress.kommuner, start=1):
        kommuner.write_row(
            i,
            0,
            [
                k.kommun_code,
                k.kommun_name,
                _blank(k.baseline_stock),
                _blank(k.latest_stock),
                _blank(k.latest_stock_year),
                k.completed,
                k.under_construction,
                k.planned,
                _blank(k.target),
                _("Ja") if k.has_student_homes else _("Nej"),
            ],
        )
    kommuner.set_column(1, 1, 22)
    book.close()
    return buf.getvalue()


def _blank(value):
    return "" if value is None else value


def progress_pdf(page_context) -> bytes:
    from kompetensbron.web.pdf import html_to_pdf

    return html_to_pdf(render_to_string("housing/progress_print.html", {"page": page_context}))
