"""Writing Excel workbooks safely: text is always text, numbers are numbers.

Every workbook of the platform (the yearly report, the relevance dossier) is built with
:func:`workbook` and written through :func:`write` / :func:`write_row`, so a value typed by a
user can never become a live formula, link or number in Excel (CSV/formula injection)::

    write(sheet, 0, 0, "=HYPERLINK(\\"http://evil\\")")   → the text =HYPERLINK("http://evil")
    write(sheet, 0, 1, Decimal("1500.50"))               → the number 1500.5
    write(sheet, 0, 2, dt.date(2025, 1, 31))             → a date cell
    write(sheet, 0, 3, None)                             → nothing
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

__all__ = ["XLSX_MIME", "workbook", "write", "write_row"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CELL_TEXT = 32_767  # Excel's limit of one cell


def workbook(target: IO[bytes]):
    """An in-memory xlsxwriter workbook that never turns strings into formulas, links or numbers."""
    import xlsxwriter

    return xlsxwriter.Workbook(
        target,
        {
            "in_memory": True,
            "default_date_format": "yyyy-mm-dd",
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )


def write(sheet, row: int, col: int, value: Any, fmt=None) -> None:
    """Write one cell by the value's type; text with ``write_string`` (never a formula)."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float | Decimal):
        number = float(value)
        if math.isfinite(number):
            sheet.write_number(row, col, number, fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row, col, value.replace(tzinfo=None), fmt)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt)
    else:
        sheet.write_string(row, col, str(value)[:MAX_CELL_TEXT], fmt)


def write_row(sheet, row: int, col: int, values: Iterable[Any], fmt=None) -> None:
    for offset, value in enumerate(values):
        write(sheet, row, col + offset, value, fmt)
