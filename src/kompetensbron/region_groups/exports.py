"""A group analysis as Excel (the one writer, :mod:`kompetensbron.web.xlsx`) and CSV: the same
:class:`~.schemas.GroupAnalysis` the page and the API show."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.web import xlsx as xl

from .schemas import GroupAnalysis, MemberRow

__all__ = ["HEADER", "analysis_csv", "analysis_xlsx", "filename"]

HEADER = [
    gettext_noop("Kod"),
    gettext_noop("Region"),
    gettext_noop("Annonser 2024"),
    gettext_noop("Examinerade"),
    gettext_noop("Program"),
    gettext_noop("Examinerade per 100 annonser"),
]


def _header() -> list[str]:
    return [_(h) for h in HEADER]


def filename(a: GroupAnalysis, ext: str) -> str:
    key = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in a.group.key)
    level = "".join(ch if ch.isalnum() else "-" for ch in a.ssyk_level) or "alla"
    return f"regiongrupp-{key}-{level}.{ext}"


def _values(m: MemberRow) -> list:
    return [m.code, m.name, m.ads_2024, m.graduates, m.graduate_programmes, m.graduates_per_100_ads]


def analysis_csv(a: GroupAnalysis) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(_header())
    for m in [*a.members, a.total]:
        # text cells that a spreadsheet could read as a formula are prefixed with '
        w.writerow(
            ["'" + v if isinstance(v, str) and v[:1] in "=+-@" else ("" if v is None else v) for v in _values(m)]
        )
    return buf.getvalue()


def analysis_xlsx(a: GroupAnalysis) -> bytes:
    buf = io.BytesIO()
    book = xl.workbook(buf)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(_("Regiongrupp"))
    xl.write(sheet, 0, 0, f"{a.group.name}: {a.ssyk_label}", bold)
    xl.write_row(sheet, 2, 0, _header(), bold)
    for i, m in enumerate([*a.members, a.total], start=3):
        for col, value in enumerate(_values(m)):
            if value is not None:
                xl.write(sheet, i, col, value, bold if m is a.total else None)
    row = len(a.members) + 5
    if a.retention:
        xl.write_row(
            sheet,
            row,
            0,
            [_("Län"), _("Kvar i studielänet"), _("Studenter"), _("UHR-år"), _("Förstahandssökande per plats")],
            bold,
        )
        for r in a.retention.rows:
            row += 1
            xl.write_row(sheet, row, 0, [r.lanskod, r.lan])
            for col, value in ((2, r.stay_share), (3, r.students), (4, r.uhr_year), (5, r.first_hand_per_place)):
                if value is not None:
                    xl.write(sheet, row, col, value)
        row += 2
    sources = []
    if a.demand_provenance:
        p = a.demand_provenance
        sources.append(f"{p.source} · {p.table} · {p.period} · {p.method}")
    sources.append(
        _("Examinerade: %(method)s") % {"method": a.supply_method}
        + (f" ({a.graduates_years})" if a.graduates_years else "")
    )
    if a.retention:
        sources += [f"{s.title} — {s.file}" for s in a.retention.sources]
    for line in sources + a.notes:
        xl.write(sheet, row, 0, line)
        row += 1
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 5, 16)
    book.close()
    return buf.getvalue()
