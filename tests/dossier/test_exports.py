"""Both exports open: the Excel file read back has the JSON's figures; the PDF's first page
renders to an image."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from kompetensbron.dossier.exports import SHEETS, dossier_pdf, dossier_xlsx
from kompetensbron.dossier.services import build_dossier
from kompetensbron.dossier.summary import number

pytestmark = pytest.mark.django_db


def test_excel_has_the_same_figures_as_the_json(linked, client):
    api = client.get(f"/api/v1/dossier/programmes/{linked.pk}").json()
    response = client.get(f"/relevans/program/{linked.pk}.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert tuple(book.sheetnames) == SHEETS
    demand = list(book["Efterfrågan"].iter_rows(min_row=2, max_row=1 + len(api["demand"]), values_only=True))
    for row, expected in zip(demand, api["demand"], strict=True):
        assert row[0] == expected["ssyk"]
        assert row[2] == expected["national"] and row[3] == expected["lan"] and row[5] == expected["fa"]
        assert row[4] == pytest.approx(expected["lan_share"])
    outlook = list(book["Prognos"].iter_rows(min_row=2, max_row=1 + len(api["outlook"]), values_only=True))
    for row, expected in zip(outlook, api["outlook"], strict=True):
        assert row[0] == expected["ssyk"] and row[3] == expected["lan_index"] and row[13] == expected["five_year_index"]
        assert (
            row[8] == pytest.approx(expected["probability"]) if expected["probability"] is not None else row[8] is None
        )
    occupations = [r[0] for r in book["Yrken"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert occupations == [o["ssyk"] for o in api["occupations"]]
    skills = [r for r in book["Kompetenser"].iter_rows(min_row=2, values_only=True) if r[0] in ("täcks", "saknas")]
    assert sorted(r[2] for r in skills if r[0] == "täcks") == sorted(s["skill_id"] for s in api["skills"]["covered"])
    assert sorted(r[2] for r in skills if r[0] == "saknas") == sorted(s["skill_id"] for s in api["skills"]["missing"])
    summary = [r[0] for r in book["Sammanfattning"].iter_rows(values_only=True) if r and r[0]]
    assert all(sentence in summary for sentence in api["summary"])
    sources = [r[0] for r in book["Källor"].iter_rows(min_row=2, values_only=True)]
    assert sources == [s["title"] for s in api["sources"]]


def test_pdf_first_page_renders_to_an_image(linked, client, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    response = client.get(f"/relevans/program/{linked.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True, timeout=60
    )
    (image,) = tmp_path.glob("page*.png")
    assert image.stat().st_size > 20_000  # a page with text and tables, not a blank one
    from PIL import Image

    with Image.open(image) as im:
        assert im.width > 300 and im.height > 400
        colours = im.convert("L").getcolors(maxcolors=256 * 256)
        assert colours is not None and len(colours) > 10


def test_pdf_text_has_the_figures(linked):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    d = build_dossier(programme_id=linked.pk)
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=dossier_pdf(d), capture_output=True, check=True, timeout=60
    ).stdout.decode()
    shown = number(d.demand[0].national).replace("\xa0", " ")  # as the page's table shows it: 38 074
    assert shown in out.replace("\xa0", " ") and "Källor" in out and "Sammanfattning" in out


def test_xlsx_of_a_programme_without_targets(programme):
    d = build_dossier(programme_id=programme.pk)
    assert d.target_basis == "none" and not d.occupations
    book = load_workbook(io.BytesIO(dossier_xlsx(d)), read_only=True)
    assert tuple(book.sheetnames) == SHEETS


def test_excel_writes_user_text_as_text_never_as_a_formula(linked, user):
    """An input's author, organisation and text starting with = + - @ stay text (issue 8, item 10)."""
    import datetime as dt

    from kompetensbron.dossier.schemas import InputIn
    from kompetensbron.dossier.services import add_input

    payloads = ['=HYPERLINK("http://evil.example","x")', "+1+1", "@SUM(1)", "=cmd|' /C calc'!A0"]
    add_input(
        actor=user,
        programme_id=linked.pk,
        data=InputIn(date=dt.date(2025, 1, 10), author_name=payloads[0], organisation=payloads[1], text=payloads[2]),
    )
    add_input(
        actor=user,
        programme_id=linked.pk,
        data=InputIn(date=dt.date(2025, 1, 11), author_name="Anna", text=payloads[3]),
    )
    staff = get_user_model().objects.create_user(username="xlsx-staff", is_staff=True)  # sees the authors' names
    book = load_workbook(io.BytesIO(dossier_xlsx(build_dossier(programme_id=linked.pk, viewer=staff))))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [f"{c.parent.title}!{c.coordinate}" for c in cells if c.data_type == "f"]
    assert set(payloads) <= {c.value for c in cells if c.data_type == "s"}


def test_excel_in_the_requests_language(linked, client):
    """Sheet names, headers and labels of the whole-dossier workbook follow the request's language
    (issue 14, item 5): an English request after a Swedish one, then Swedish again."""
    from django.utils import translation

    from kompetensbron.dossier.exports import sheet_names

    def book(language: str):
        response = client.get(f"/relevans/program/{linked.pk}.xlsx", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        return load_workbook(io.BytesIO(response.content), read_only=True)

    swedish = book("sv")
    english = book("en")
    with translation.override("sv"):
        assert tuple(swedish.sheetnames) == SHEETS == sheet_names()
    assert tuple(book("sv").sheetnames) == SHEETS
    assert tuple(english.sheetnames) == (
        "Summary",
        "Occupations",
        "Demand",
        "Forecast",
        "Skills",
        "Inputs",
        "Sources",
        "Outcome",
    )
    assert next(english["Occupations"].iter_rows(max_row=1, values_only=True))[:3] == ("SSYK", "Occupation", "Origin")
    assert next(swedish["Yrken"].iter_rows(max_row=1, values_only=True))[:3] == ("SSYK", "Yrke", "Ursprung")
    words = " ".join(str(v) for sheet in english for row in sheet.iter_rows(values_only=True) for v in row if v)
    assert english["Summary"]["A1"].value.startswith("Relevance dossier: ")
    assert ("County", "Västernorrlands län (22)") in [row[:2] for row in english["Summary"].iter_rows(values_only=True)]
    for swedish_word in ("Lärosäte", "Utbildningsplatser", "Bristindex", "Träffsäkerhet", "Källa", "Detalj", "täcks"):
        assert swedish_word not in words, swedish_word
