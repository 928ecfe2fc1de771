"""Yrkesbarometer outlook beside the demand counts: values read straight from AF's files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template.defaultfilters import floatformat
from openpyxl import load_workbook

from kompetensbron.labour_market import outlook_cells, services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

API = "/api/v1/demand"
SOURCE_1Y = "Arbetsförmedlingen, bristindex 1 år per län och SSYK"
SOURCE_5Y = "Arbetsförmedlingen, bristindex 5 år per SSYK"


def _one_year_cell(data_dir: Path, lan: str, ssyk: str) -> tuple[float, str]:
    """(index, text) of one län × SSYK row of 1-ar.xlsx, read with openpyxl (first index column)."""
    wb = load_workbook(data_dir / "af-yrkesbarometer" / "1-ar.xlsx", read_only=True, data_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows)]
        i_lan, i_ssyk = header.index("Län"), header.index("SSYK")
        i_index, i_text = header.index("(18H Om 1 år)"), header.index("(18H Klartext, Om 1 år)")
        for row in rows:
            if str(row[i_lan] or "").startswith(lan + " ") and str(row[i_ssyk]).strip() == ssyk:
                return float(row[i_index]), str(row[i_text]).strip()
    finally:
        wb.close()
    raise AssertionError(f"no row {lan} × {ssyk} in 1-ar.xlsx")


def _five_year(data_dir: Path, ssyk: str) -> float:
    wb = load_workbook(data_dir / "af-yrkesbarometer" / "5-ar.xlsx", read_only=True, data_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows)]
        i_ssyk, i_index = header.index("SSYK"), header.index("omfem")
        for row in rows:
            if ssyk in [c.strip() for c in str(row[i_ssyk]).split(",")]:
                return float(row[i_index])
    finally:
        wb.close()
    raise AssertionError(f"no row {ssyk} in 5-ar.xlsx")


def _row_html(html: str, code: str) -> str:
    return html.split(f'<tr data-code="{code}">', 1)[1].split("</tr>", 1)[0]


def test_lan_rows_show_the_one_year_index_label_and_uncertainty(client, stats_var, use_var, data_dir) -> None:
    use_var(stats_var)
    index, text = _one_year_cell(data_dir, "22", "2221")  # Västernorrlands län, grundutbildade sjuksköterskor
    five = _five_year(data_dir, "2221")

    data = client.get(f"{API}/occupations/2221?region_level=lan").json()
    row = next(r for r in data["statistics"]["rows"] if r["code"] == "22")
    cell = row["outlook"]
    assert cell["index"] == pytest.approx(index) and cell["text"] == text
    assert cell["basis"] == "lan" and cell["rated_ssyk"] == "2221"
    assert cell["label"] == "shortage" and cell["uncertainty"] in ("low", "medium", "high")
    assert 0 < cell["probability"] <= 1 and cell["low"] <= cell["probability"] <= cell["high"] and cell["cases"] > 0
    assert cell["uncertainty_text"].startswith(cell["uncertainty"] + " uncertainty")
    assert cell["source"] == SOURCE_1Y and cell["period"].startswith("prognos 1 år")
    outlook = data["outlook"]
    assert outlook["available"] and outlook["five_year"]["index"] == pytest.approx(five)
    assert outlook["five_year"]["label"] == "shortage"
    assert outlook["one_year_provenance"]["source"] == SOURCE_1Y
    assert outlook["five_year_provenance"]["source"] == SOURCE_5Y

    html = client.get("/efterfragan/yrke/2221/").content.decode()
    tr = _row_html(html, "22")
    assert floatformat(index, 2) in tr and text in tr and "brist" in tr
    uncertainty_sv = {"low": "låg", "medium": "medelhög", "high": "hög"}[cell["uncertainty"]]
    assert f"osäkerhet {uncertainty_sv}" in " ".join(tr.split())
    assert f"{round(cell['probability'] * 100)} %" in tr
    assert SOURCE_1Y in html and SOURCE_5Y in html and "Period:" in html
    assert floatformat(five, 2) in html.split('id="outlook-five-year"', 1)[1].split("</dl>", 1)[0]
    # the old barometer note survives as a footnote
    assert 'id="barometer-footnote"' in html and 'id="barometer-unlinked"' in html


def test_kommun_rows_show_their_lans_figure_marked(client, stats_var, use_var, data_dir) -> None:
    use_var(stats_var)
    index, _ = _one_year_cell(data_dir, "22", "2221")
    data = client.get(f"{API}/occupations/2221?region_level=kommun").json()
    sundsvall = next(r for r in data["statistics"]["rows"] if r["code"] == "2281")
    assert sundsvall["outlook"]["index"] == pytest.approx(index)
    assert sundsvall["outlook"]["basis"] == "lan_of_kommun" and sundsvall["outlook"]["basis_code"] == "22"
    html = client.get("/efterfragan/yrke/2221/?level=kommun").content.decode()
    assert "länets siffra (Västernorrlands län)" in _row_html(html, "2281")


def test_fa_rows_average_their_kommuners_lan_index(client, stats_var, use_var, data_dir) -> None:
    use_var(stats_var)
    from kompetensbron.reference import models as ref

    data = client.get(f"{API}/occupations/2221?region_level=fa").json()
    row = next(r for r in data["statistics"]["rows"] if r["outlook"]["index"] is not None)
    lans = list(ref.Kommun.objects.filter(fa_region_id=row["code"]).values_list("lan_id", flat=True))
    expected = sum(_one_year_cell(data_dir, lan, "2221")[0] for lan in lans) / len(lans)
    assert row["outlook"]["index"] == pytest.approx(expected)
    assert row["outlook"]["basis"] == "fa_mean_of_kommuner" and row["outlook"]["text"] is None
    assert "FA-region = medel över dess kommuner" in data["outlook"]["one_year_provenance"]["method"]


def test_occupation_without_forecast_says_ingen_prognos(client, stats_var, use_var) -> None:
    use_var(stats_var)
    data = outlook_cells.outlook_data()
    from kompetensbron.reference import models as ref

    codes = ref.SsykGroup.objects.filter(level=4).order_by("code").values_list("code", flat=True)
    ssyk = next(
        c for c in codes if data.rated(c).code is None and c not in data.five_by_code and c[:3] not in data.five_by_code
    )
    response = client.get(f"{API}/occupations/{ssyk}")
    assert response.status_code == 200
    body = response.json()
    assert (
        body["outlook"]["available"] is False and body["outlook"]["message"] == services.NO_FORECAST == "ingen prognos"
    )
    assert body["outlook"]["five_year"] is None
    if body["statistics"]:
        assert all(
            r["outlook"]["note"] == "ingen prognos" and r["outlook"]["index"] is None
            for r in body["statistics"]["rows"]
        )
    page = client.get(f"/efterfragan/yrke/{ssyk}/")
    assert page.status_code == 200 and "ingen prognos" in page.content.decode()


def test_region_page_top_occupations_gain_the_lans_index(client, stats_var, use_var, data_dir) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/regions/lan/22/top-occupations?limit=20").json()
    assert data["outlook"]["basis"] == "lan" and data["outlook"]["provenance"]["source"] == SOURCE_1Y
    rows = data["statistics"]["rows"]
    rated = [r for r in rows if r["outlook"]["index"] is not None and r["outlook"]["rated_ssyk"] == r["ssyk"]]
    assert rated
    first = rated[0]
    index, text = _one_year_cell(data_dir, "22", first["ssyk"])
    assert first["outlook"]["index"] == pytest.approx(index) and first["outlook"]["text"] == text
    html = client.get("/efterfragan/region/lan/22/").content.decode()
    assert floatformat(index, 2) in html and SOURCE_1Y in html

    kommun = client.get(f"{API}/regions/kommun/2281/top-occupations").json()
    assert kommun["outlook"]["basis"] == "lan_of_kommun" and kommun["outlook"]["basis_code"] == "22"
    assert all(r["outlook"]["basis"] == "lan_of_kommun" for r in kommun["statistics"]["rows"])
    fragment = client.get("/efterfragan/region/kommun/2281/", HTTP_HX_REQUEST="true").content.decode()
    assert "länets siffra (Västernorrlands län)" in fragment


def test_region_page_words_afs_class_text_in_english(client, stats_var, use_var) -> None:
    """Issue 14, item 5: AF's class text ("Mer påtaglig brist") is the data's Swedish; an English
    page shows its English words (the API keeps the published text)."""
    from kompetensbron.labour_market.label_texts import BAROMETER_TEXT

    use_var(stats_var)
    data = client.get(f"{API}/regions/lan/01/top-occupations?limit=20").json()
    texts = {r["outlook"]["text"] for r in data["statistics"]["rows"] if r["outlook"]["text"]}
    assert texts and texts <= set(BAROMETER_TEXT)  # every class text of the data has its words
    english = client.get("/efterfragan/region/lan/01/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert not [t for t in texts if f"<td>{t}" in english]
    assert "shortage" in english.lower()
    assert "(County 01)" in english and "(Counties 01)" not in english  # one county, not the column word
    swedish = client.get("/efterfragan/region/lan/01/").content.decode()
    assert any(f"<td>{t}" in swedish for t in texts)


def test_parsed_files_are_cached_per_process(stats_var, use_var) -> None:
    use_var(stats_var)
    first = outlook_cells.outlook_data()
    assert outlook_cells.outlook_data() is first


def test_region_page_method_and_source_captions_speak_the_page_language(client, stats_var, use_var) -> None:
    """Issue 14, item 5: the outlook's source and method captions (and the statistics counts'
    method) are Swedish with decimal commas on Swedish pages, English with points on English ones."""
    use_var(stats_var)
    swedish = client.get("/efterfragan/region/lan/01/").content.decode()
    english = client.get("/efterfragan/region/lan/01/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2,9–3,29 balans" in swedish and "inom 0,1" in swedish and "2.9" not in swedish
    assert "bristindex 1 år per län och SSYK" in swedish and "antal som i filen, per län" in swedish
    assert "counts as published" not in swedish and "1-year shortage index" not in swedish
    assert "2.9–3.29 balance" in english and "within 0.1" in english and "2,9" not in english
    assert "1-year shortage index per county and SSYK" in english and "counts as published in the file" in english
    assert "antal som i filen" not in english and "bristindex 1 år" not in english


def test_occupation_page_salary_and_outlook_captions_speak_the_page_language(client, stats_var, use_var) -> None:
    use_var(stats_var)
    swedish = client.get("/efterfragan/yrke/2221/").content.decode()
    english = client.get("/efterfragan/yrke/2221/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "månadslön P10 / medel / P90 som publicerad" in swedish and "monthly salary as published" not in swedish
    assert "AF:s nationella bristindex för 5 år" in swedish and "national 5-year" not in swedish
    assert "P10 / average / P90 monthly salary as published" in english and "månadslön P10" not in english
    assert "national 5-year shortage index" in english and "AF:s nationella" not in english
