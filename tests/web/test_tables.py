"""The one table mechanism (web/tables.py): rounding, display in both languages, CSV and Excel
from the same rows, CSV injection, unknown table or format → 404."""

from __future__ import annotations

import csv
import io

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from openpyxl import load_workbook

from kompetensbron.web.tables import Column, Link, Table, display, export_response, table_csv, table_xlsx

from .table_exports import normalise, page_tables


def _table() -> Table:
    return Table(
        key="demo",
        title="Annonser: per län",
        columns=[
            Column(label="Län"),
            Column(label="Annonser", kind="int"),
            Column(label="Per 10 000", kind="decimal", decimals=1),
            Column(label="Andel", kind="percent"),
        ],
        rows=[
            [Link(text="Jämtlands län", href="/efterfragan/region/lan/23/"), 1150000, 12.345, 0.256],
            ['=HYPERLINK("http://evil")', 3, None, None],
        ],
        footer=[["Summa", 1150003, None, None]],
    )


def test_display_follows_the_language():
    t = _table()
    money, per10k, share = t.columns[1], t.columns[2], t.columns[3]
    with translation.override("sv"):
        assert display(money, t.rows[0][1]).replace("\u00a0", " ") == "1 150 000"
        assert display(per10k, t.rows[0][2]) == "12,3"
        assert display(share, t.rows[0][3]) == "26 %"
    with translation.override("en"):
        assert display(money, t.rows[0][1]) == "1,150,000"
        assert display(per10k, t.rows[0][2]) == "12.3"
    assert display(money, None) == "–"


def test_rows_are_rounded_once_for_every_rendering():
    t = _table()
    assert t.rows[0][2] == 12.3 and t.rows[0][3] == 0.26 and t.rows[0][1] == 1150000


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError):
        Table(key="x", title="x", columns=[Column(label="a")], rows=[["a", "b"]])
    with pytest.raises(ValueError):
        Table(key="x", title="x", columns=[Column(label="a", kind="int")], rows=[["many"]])


def test_csv_and_excel_hold_the_same_rows():
    t = _table()
    rows = list(csv.reader(io.StringIO(table_csv(t).decode("utf-8-sig"))))
    assert rows[0] == ["Län", "Annonser", "Per 10 000", "Andel"]
    assert rows[1] == ["Jämtlands län", "1150000", "12.3", "0.26"]
    assert rows[2][0] == '\'=HYPERLINK("http://evil")'  # a spreadsheet shows it as text
    assert rows[3] == ["Summa", "1150003", "", ""]
    sheet = load_workbook(io.BytesIO(table_xlsx(t))).worksheets[0]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[1] == ["Jämtlands län", 1150000, 12.3, 0.26]
    assert values[2][0] == '=HYPERLINK("http://evil")' and sheet.cell(3, 1).data_type == "s"  # text, not a formula
    assert sheet.title == "Annonser  per län"


def test_export_response():
    rf = RequestFactory()
    t = _table()
    assert export_response(rf.get("/x/"), [t]) is None
    r = export_response(rf.get("/x/?format=csv&table=demo"), [t])
    assert r is not None and r["Content-Disposition"] == 'attachment; filename="demo.csv"'
    r = export_response(rf.get("/x/?format=xlsx"), [t])
    assert r is not None and r.content.startswith(b"PK")
    for bad in ("/x/?format=pdf&table=demo", "/x/?format=csv&table=nope", "/x/?format=csv&table=" + "a" * 5000):
        with pytest.raises(Http404):
            export_response(rf.get(bad), [t])


def test_the_html_partial_and_the_files_agree(rf):
    from django.template.loader import render_to_string

    t = _table()
    request = rf.get("/x/?q=a")
    for language in ("sv", "en"):
        with translation.override(language):
            html = render_to_string("includes/data_table.html", {"table": t, "request": request})
        tables, links = page_tables(html)
        expected = [[normalise(c) for c in row] for row in tables["demo"]]
        rows = list(csv.reader(io.StringIO(table_csv(t).decode("utf-8-sig"))))
        assert [[normalise(c) for c in row] for row in rows] == expected
        assert "?q=a&format=csv&table=demo" in links and "?q=a&format=xlsx&table=demo" in links


def test_a_number_column_shows_only_the_decimals_a_value_has():
    money = Column(label="kr", kind="number", decimals=2)
    with translation.override("sv"):
        shown = [display(money, v).replace("\u00a0", " ") for v in (1_150_000.0, 2.5, 1500.50, 11, 0.126)]
    assert shown == ["1 150 000", "2,5", "1 500,5", "11", "0,13"]
    with translation.override("en"):
        assert display(money, 1_150_000.0) == "1,150,000" and display(money, 2.25) == "2.25"
    assert money.numeric and Table(key="t", title="T", columns=[money], rows=[[3.14159]]).rows == [[3.14]]


def test_the_page_cells_are_escaped_and_classed() -> None:
    """The row HTML is built in Python (not cell by cell in the template): every text and href
    is escaped, numbers are right-aligned, codes marked, links kept."""
    table = Table(
        key="x",
        title="X",
        columns=[Column(label="Namn"), Column(label="Kod", kind="code"), Column(label="Antal", kind="int")],
        rows=[[Link(text="<b>A&B</b>", href='/a?x="1"&y=2'), "<script>", 3]],
        footer=[["Summa", "", 3]],
    )
    ((key, cells),) = table.html_rows
    assert key == ""
    assert cells == (
        '<td><a href="/a?x=&quot;1&quot;&amp;y=2">&lt;b&gt;A&amp;B&lt;/b&gt;</a></td>'
        '<td class="code">&lt;script&gt;</td><td class="num">3</td>'
    )
    assert table.html_footer == ['<td>Summa</td><td class="code"></td><td class="num">3</td>']
