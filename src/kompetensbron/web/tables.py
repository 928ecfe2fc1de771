"""One table, three renderings: HTML, CSV and Excel from the same typed rows.

A page that shows a table builds a :class:`Table` (columns with a kind, rows of plain values)
and hands it to its template, which renders it with ``includes/data_table.html``; the same
view answers ``?format=csv&table=KEY`` and ``?format=xlsx&table=KEY`` with :func:`export_response`
— so the download holds exactly the rows and columns the page shows::

    table = Table(key="lan", title="Platsannonser per län", columns=[
        Column(label="Län"), Column(label="Annonser", kind="int")],
        rows=[["Jämtlands län", 1234]])
    export_response(request, [table])   # None for a normal view; the file for ?format=…

Values: text (``str``), numbers (``int``/``float``, rounded to the column's ``decimals``; a
``number`` column shows only the decimals a value has, for amounts and targets),
``None`` (shown as "–", an empty cell in the files). A text cell may carry a link for the page
(:class:`Link`); the files hold its text. Text is written as text in Excel (never a formula,
:mod:`kompetensbron.web.xlsx`) and CSV cells that a spreadsheet would run as a formula get a
leading apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pydantic import BaseModel, Field

from . import xlsx as xl

__all__ = ["Column", "Link", "Table", "export_response", "table_csv", "table_xlsx", "display"]

Kind = Literal["text", "code", "int", "decimal", "number", "percent"]
FORMATS = ("csv", "xlsx")
MAX_KEY = 40
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Link(BaseModel):
    """A text cell that links somewhere on the page (the files hold the text)."""

    text: str
    href: str

    def __str__(self) -> str:
        return self.text


Cell = Link | str | int | float | None


class Column(BaseModel):
    label: str
    kind: Kind = "text"
    decimals: int = Field(0, ge=0, le=6, description="digits after the decimal sign (decimal and percent)")
    help: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "decimal", "number", "percent")


class Table(BaseModel):
    key: str = Field(pattern=r"^[a-z0-9-]{1,40}$", description="names the table in ?table=KEY")
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    footer: list[list[Cell]] = Field(default_factory=list, description="totals (exported after the rows)")
    row_keys: list[str] = Field(default_factory=list, description="a code per row, as data-code on the page's <tr>")
    filename: str = ""

    def model_post_init(self, __context) -> None:
        for row in (*self.rows, *self.footer):
            if len(row) != len(self.columns):
                raise ValueError(f"table {self.key}: a row of {len(row)} cells for {len(self.columns)} columns")
            for i, (column, value) in enumerate(zip(self.columns, row, strict=True)):
                row[i] = _normalise(column, value)

    def export_name(self, ext: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", self.filename or self.key).strip("-") or "tabell"
        return f"{base}.{ext}"

    def cells(self, row: list[Cell]) -> list[tuple[Column, Cell]]:
        return list(zip(self.columns, row, strict=True))

    def _html(self, rows: list[list[Cell]]) -> list[SafeString]:
        # every text and href of a row is escaped by _td, so the joined row is safe HTML
        return [mark_safe("".join(_td(c, v) for c, v in self.cells(row))) for row in rows]

    @property
    def html_rows(self) -> list[tuple[str, SafeString]]:
        """(row key, the row's ``<td>`` cells, escaped) as the page shows them
        (``includes/data_table.html``); built here, not cell by cell in the template, so a
        table of hundreds of rows renders in milliseconds."""
        keys = self.row_keys if len(self.row_keys) == len(self.rows) else [""] * len(self.rows)
        return list(zip(keys, self._html(self.rows), strict=True))

    @property
    def html_footer(self) -> list[SafeString]:
        return self._html(self.footer)


def _td(column: Column, value: Cell) -> str:
    """One cell as HTML, every text and href escaped: numbers right-aligned (class num), codes
    as code, links as links."""
    css = ' class="num"' if column.numeric else ' class="code"' if column.kind == "code" else ""
    text = escape(display(column, value))
    if isinstance(value, Link) and value.href:
        text = f'<a href="{escape(value.href)}">{text}</a>'
    return f"<td{css}>{text}</td>"


def _normalise(column: Column, value: Cell) -> Cell:
    if value is None or isinstance(value, Link) or not column.numeric:
        return value if value is None or isinstance(value, Link) else str(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"column {column.label}: {value!r} is not a number")
    if column.kind == "int":
        return int(round(value))
    return round(float(value), column.decimals + (2 if column.kind == "percent" else 0))


def display(column: Column, value: Cell) -> str:
    """The page's text of a value: l10n separators (1 150 000 / 1,150,000; 3,25 / 3.25)."""
    if value is None:
        return "–"
    if isinstance(value, Link):
        return value.text
    # round first: Django's number_format cuts digits off (56.99999 → "56"), it does not round
    if column.kind == "int":
        return number_format(int(round(value)), 0, use_l10n=True, force_grouping=True)
    if column.kind == "decimal":
        return number_format(round(float(value), column.decimals), column.decimals, use_l10n=True, force_grouping=True)
    if column.kind == "number":  # as many decimals as the value has, up to the column's (11 → "11", 2.5 → "2,5")
        shown = Decimal(str(round(float(value), column.decimals))).normalize()
        digits = max(0, -int(shown.as_tuple().exponent))
        return number_format(shown, digits, use_l10n=True, force_grouping=True)
    if column.kind == "percent":
        shown = round(float(value) * 100, column.decimals)
        return number_format(shown, column.decimals, use_l10n=True, force_grouping=True) + " %"
    return str(value)


def _file_value(column: Column, value: Cell):
    if isinstance(value, Link):
        return value.text
    return value


def _csv_text(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def table_csv(table: Table) -> bytes:
    """UTF-8 CSV with a byte-order mark (Excel opens it right), comma-separated, numbers with a
    decimal point and no grouping; percentages as fractions (0.25), as in the Excel file."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_csv_text(c.label) for c in table.columns])
    for row in (*table.rows, *table.footer):
        writer.writerow([_csv_text(_file_value(c, v)) for c, v in table.cells(row)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def table_xlsx(table: Table) -> bytes:
    """One sheet: the header in bold, numbers as numbers (percent cells formatted as percent)."""
    buf = io.BytesIO()
    book = xl.workbook(buf)
    sheet = book.add_worksheet((re.sub(r"[\[\]:*?/\\]", " ", table.title) or "Tabell")[:31])
    bold = book.add_format({"bold": True})
    formats = {}
    for c in table.columns:
        if c.kind == "percent":
            formats[c.label] = book.add_format(
                {"num_format": "0" + ("." + "0" * c.decimals if c.decimals else "") + " %"}
            )
        elif c.kind == "int":
            formats[c.label] = book.add_format({"num_format": "#,##0"})
        elif c.kind == "decimal":
            formats[c.label] = book.add_format({"num_format": "#,##0" + ("." + "0" * c.decimals if c.decimals else "")})
    xl.write_row(sheet, 0, 0, [c.label for c in table.columns], bold)
    for i, row in enumerate((*table.rows, *table.footer), start=1):
        for j, (c, v) in enumerate(table.cells(row)):
            xl.write(sheet, i, j, _file_value(c, v), formats.get(c.label))
    for j, c in enumerate(table.columns):
        sheet.set_column(j, j, 14 if c.numeric else 32)
    book.close()
    return buf.getvalue()


def export_response(request: HttpRequest, tables: list[Table]) -> HttpResponse | None:
    """The file of ``?format=csv|xlsx&table=KEY`` (the first table when ``table`` is left out);
    ``None`` when no format is asked for (render the page). An unknown format or table is a 404."""
    fmt = request.GET.get("format")
    if fmt is None:
        return None
    key = request.GET.get("table", "")[:MAX_KEY]
    chosen = next((t for t in tables if t.key == key), None) if key else (tables[0] if tables else None)
    if fmt not in FORMATS or chosen is None:
        raise Http404(_("Ingen sådan tabell eller filtyp."))
    if fmt == "csv":
        response = HttpResponse(table_csv(chosen), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(table_xlsx(chosen), content_type=xl.XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{chosen.export_name(fmt)}"'
    return response
