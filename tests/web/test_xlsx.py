"""The shared Excel writer: text is text (never a formula, link or number), numbers are
numbers, dates are dates (issue 8, item 10)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from kompetensbron.web import xlsx as xl

PAYLOADS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","klicka")',
    "+SUM(A1:A2)",
    "-2+3",
    "@SUM(1)",
    "=cmd|' /C calc'!A0",
    "https://example.se",
    "0123",
]


def _book(write) -> object:
    buf = io.BytesIO()
    book = xl.workbook(buf)
    sheet = book.add_worksheet("Blad")
    write(sheet)
    book.close()
    return load_workbook(io.BytesIO(buf.getvalue()))["Blad"]


def test_text_that_looks_like_a_formula_is_written_as_text():
    sheet = _book(lambda s: xl.write_row(s, 0, 0, PAYLOADS))
    for col, payload in enumerate(PAYLOADS, start=1):
        cell = sheet.cell(row=1, column=col)
        assert cell.data_type == "s", (payload, cell.data_type)
        assert cell.value == payload
    assert not sheet.cell(row=1, column=1).hyperlink and not sheet.cell(row=1, column=7).hyperlink


def test_numbers_dates_and_none():
    sheet = _book(
        lambda s: xl.write_row(s, 0, 0, [Decimal("1500.50"), 7, 0.25, dt.date(2025, 1, 31), None, True, Decimal("NaN")])
    )
    assert [sheet.cell(row=1, column=c).value for c in (1, 2, 3)] == [1500.5, 7, 0.25]
    assert sheet.cell(row=1, column=4).value == dt.datetime(2025, 1, 31)
    assert sheet.cell(row=1, column=5).value is None
    assert sheet.cell(row=1, column=6).value is True
    assert sheet.cell(row=1, column=7).value == "NaN"
