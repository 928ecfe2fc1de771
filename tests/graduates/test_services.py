"""Graduate supply pages, API, imports and the Samverkan indicator (real Saco/UHR files, toy imports)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kompetensbron.config import get_settings
from kompetensbron.errors import DataFileMalformed, NotFound
from kompetensbron.graduates import indicators, services
from kompetensbron.graduates.models import GraduateFigure, GraduateImport

DOCS = Path(__file__).resolve().parents[2] / "docs"
SACO_FROM = get_settings().data_dir / "graduates" / "saco2015_follow_students_from_county.csv"
pytestmark = pytest.mark.skipif(not SACO_FROM.is_file(), reason="no graduates/ files in the data directory")


def test_retention_api_matches_the_file(client):
    body = client.get("/api/v1/graduates/retention").json()
    assert len(body["lan"]) == 21 and body["cohort"].startswith("Nybörjare")
    vn = next(r for r in body["lan"] if r["lanskod"] == "22")
    with open(SACO_FROM, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["home"] == "Västernorrlands län"]
    assert vn["share_living_home"] == round(
        sum(int(r["value"]) for r in rows if r["target_id"] == "live_home") / int(rows[0]["total"]), 4
    )
    miun = next(u for u in body["universities"] if u["university"] == "Mittuniversitetet")
    assert (miun["lanskod"], miun["share_living_in_study_lan"]) == ("22", vn["share_living_in_study_lan"])
    assert {s["key"] for s in body["sources"]} >= {"saco-from-county", "saco-in-county", "uhr-admissions"}
    assert client.get("/api/v1/graduates/retention/Västernorrlands län").json() == vn
    assert client.get("/api/v1/graduates/retention/99").status_code == 404


def test_admissions_api_searches_and_bounds_the_limit(client):
    body = client.get("/api/v1/graduates/admissions", {"q": "socionom", "university": "Mittuniversitetet"}).json()
    assert body["total"] >= 1 and all(p["university"] == "Mittuniversitetet" for p in body["programmes"])
    p = body["programmes"][0]
    assert p["latest"] == p["terms"][-1]
    if p["latest"]["admitted"]:
        assert p["latest"]["first_hand_per_place"] == round(
            p["latest"]["first_hand_applicants"] / p["latest"]["admitted"], 2
        )
    assert client.get("/api/v1/graduates/admissions", {"limit": 0}).status_code == 422
    assert client.get("/api/v1/graduates/admissions", {"limit": 10_000}).status_code == 422


@pytest.mark.django_db
def test_admissions_search_folds_like_every_other_search(client):
    def names(q: str) -> set[str]:
        body = client.get("/api/v1/graduates/admissions", {"q": q, "limit": 200}).json()
        return {(p["university"], p["name"]) for p in body["programmes"]}

    folded = names("sjukskoterskeprogrammet")
    assert folded and folded == names("Sjuksköterskeprogrammet") == names("SJUKSKÖTERSKEPROGRAMMET")


@pytest.mark.django_db
def test_pages_render(client):
    page = client.get("/utexaminerade/")
    assert page.status_code == 200 and "Västernorrlands län" in page.content.decode()
    assert "Data från 2015" in page.content.decode()  # the Saco study's data date, from the registry
    page = client.get("/utexaminerade/antagning/", {"q": "juristprogrammet"})
    assert page.status_code == 200 and "Sökande per plats" in page.content.decode()
    assert client.get("/utexaminerade/importer/").status_code == 200


@pytest.mark.django_db
def test_import_stores_all_or_nothing_and_replaces_the_same_file(tmp_path: Path, client):
    out = services.import_graduate_file(path=DOCS / "uka_graduates_example.csv", kind="uka", title="Examina")
    assert (out.rows, out.first_year, out.last_year, out.replaced) == (4, 2022, 2023, False)
    assert GraduateFigure.objects.filter(data_import__kind="uka").count() == 4
    again = services.import_graduate_file(path=DOCS / "uka_graduates_example.csv", kind="uka")
    assert again.replaced and GraduateImport.objects.count() == 1 and GraduateFigure.objects.count() == 4
    bad = tmp_path / "bad.csv"
    bad.write_text("Lärosäte;Läsår;Antal\nMiun;2022/23;5\nMiun;2023/24;tolv\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        services.import_graduate_file(path=bad, kind="uka")
    assert (err.value.line, err.value.key) == (3, "Antal")
    assert GraduateFigure.objects.count() == 4  # nothing of the bad file
    services.import_graduate_file(path=DOCS / "scb_regional_example.json", kind="scb")
    body = client.get("/api/v1/graduates/figures", {"source": "scb", "region": "2281"}).json()
    assert [(f["year"], f["value"]) for f in body["figures"]] == [(2022, 14021.0), (2023, 14388.0)]
    latest = indicators.latest_imported_figure("2281", "eftergymnasial")
    assert (latest.year, latest.value) == (2023, 14388.0)


def test_samverkan_indicator_is_the_share_with_its_parts():
    ind = indicators.share_staying_in_lan("22")
    assert ind.value == round(ind.numerator / ind.denominator, 4) and ind.region == "Västernorrlands län"
    assert "Saco" in ind.source and "HT2000" in ind.data_period
    home = indicators.share_from_lan_living_home("Västernorrlands län")
    assert home.value == services.lan_retention_detail("22").share_living_home
    with pytest.raises(NotFound):
        indicators.share_staying_in_lan("Atlantis")


def test_retention_page_sources_and_cohort_speak_the_page_language(client):
    """Issue 14, item 5: the Saco/UHR dataset titles and the cohort are Swedish on the Swedish
    page and English on the English page."""
    sv = client.get("/utexaminerade/").content.decode()
    en = client.get("/utexaminerade/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Saco: studenter från varje län" in sv and "Saco: students from each län" not in sv
    assert "Nybörjare i högskolan HT2000–VT2003" in sv
    assert "Saco: students from each län" in en and "Saco: studenter från varje län" not in en
    assert "county of residence ten years later" in en and "Nybörjare i högskolan" not in en
