"""Shared check of issue 14 ("every table page offers CSV and Excel that equal the table"): parse
each ``<table data-export-key>`` of a page, download its CSV and Excel file from the links the
page offers, and compare cell by cell (numbers read back from their Swedish or English display)."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from openpyxl import load_workbook


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: list[str] = []
        self._key: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "data-export-key" in a:
            self._key = a["data-export-key"]
            self.tables[self._key] = []
        elif tag == "caption":
            self._caption = True
        elif self._key and tag == "tr":
            self._row = []
        elif self._key and self._row is not None and tag in ("td", "th"):
            self._cell = []
        elif tag == "a" and a.get("href", "").find("format=") != -1:
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "table" and self._key:
            self._key = None
        elif tag == "caption":
            self._caption = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._key:
            self.tables[self._key].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None and not self._caption:
            self._cell.append(data)


def page_tables(html: str) -> tuple[dict[str, list[list[str]]], list[str]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables, parser.links


_NUMBER = re.compile(r"^-?[\d\s\u00a0\u202f.,]+( ?%)?$")


def normalise(value, decimal_comma: bool | None = None) -> str:
    """One comparable text of a cell: numbers without grouping and with a decimal point
    (percent as the fraction the files hold), empty for "–" and None. ``decimal_comma``: the
    page's language writes a decimal comma (Swedish) or a grouping comma (English); ``None``
    guesses (a comma before one or two final digits is a decimal sign)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return repr(round(float(value), 6))
    text = " ".join(str(value).split())
    if text in ("", "–"):
        return ""
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    if _NUMBER.match(text) and any(ch.isdigit() for ch in text):
        percent = text.endswith("%")
        digits = text.rstrip("% ").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if decimal_comma is None:
            decimal_comma = "." not in digits and bool(re.search(r",\d{1,2}$", digits))
        if decimal_comma:
            digits = digits.replace(",", ".")  # Swedish decimal comma
        else:
            digits = digits.replace(",", "")  # English grouping
        number = float(digits) / (100 if percent else 1)
        return repr(round(number, 6))
    return text


def assert_exports_equal_tables(client, url: str, **headers) -> int:
    """Every exportable table of ``url``: its CSV and Excel rows equal the HTML rows. Returns how
    many tables were checked."""
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    tables, links = page_tables(response.content.decode())
    assert tables, f"{url} shows no exportable table"
    comma = response.get("Content-Language", "sv").startswith("sv")
    for key, html_rows in tables.items():
        expected = [[normalise(c, comma) for c in row] for row in html_rows]
        sep = "&" if "?" in url else "?"
        assert any(f"table={key}" in link and "format=csv" in link for link in links), (url, key)
        assert any(f"table={key}" in link and "format=xlsx" in link for link in links), (url, key)
        got_csv = client.get(f"{url}{sep}format=csv&table={key}", **headers)
        assert got_csv.status_code == 200 and got_csv["Content-Type"].startswith("text/csv")
        assert "attachment" in got_csv["Content-Disposition"]
        csv_rows = list(csv.reader(io.StringIO(got_csv.content.decode("utf-8-sig"))))
        assert [[normalise(_csv_value(c)) for c in row] for row in csv_rows] == expected, (url, key, "csv")
        got_xlsx = client.get(f"{url}{sep}format=xlsx&table={key}", **headers)
        assert got_xlsx.status_code == 200
        sheet = load_workbook(io.BytesIO(got_xlsx.content), read_only=True).worksheets[0]
        width = len(expected[0])
        xlsx_rows = [
            [normalise(c) for c in (list(row) + [None] * width)[:width]] for row in sheet.iter_rows(values_only=True)
        ]
        assert xlsx_rows == expected, (url, key, "xlsx")
    return len(tables)


def _csv_value(text: str):
    """A CSV cell as the file means it: a plain number is a number."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text
