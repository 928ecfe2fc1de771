"""Demand pages and JSON routes: same figures, sources named, friendly when empty, 404/422."""

from __future__ import annotations

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma

from kompetensbron.labour_market import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

API = "/api/v1/demand"


def test_occupation_json_matches_the_page(client, stats_var, use_var) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/occupations/2221?region_level=lan").json()
    assert data["ssyk"] == "2221" and data["region_level"] == "lan"
    stockholm = next(r for r in data["statistics"]["rows"] if r["code"] == "01")
    service_rows = {r.code: r.ads for r in services.occupation_demand("2221").statistics.rows}
    assert stockholm["ads"] == service_rows["01"] > 0

    page = client.get("/efterfragan/yrke/2221/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<tr data-code="01">' in html
    row = html.split('<tr data-code="01">', 1)[1].split("</tr>", 1)[0]
    assert intcomma(stockholm["ads"]) in row
    assert "ssyk_id_region_annonser_2024.json" in html and "Period:" in html and "2024" in html
    assert data["statistics"]["provenance"]["period"] == "2024"
    assert 'id="barometer-unlinked"' in html and 'id="no-ads"' in html


def test_fa_level_page_and_json(client, stats_var, use_var) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/occupations/2221", {"region_level": "fa"}).json()
    page = client.get("/efterfragan/yrke/2221/?level=fa").content.decode()
    top = data["statistics"]["rows"][0]
    assert top["name"] in page and intcomma(top["ads"]) in page


def test_region_top_occupations_json_and_page(client, stats_var, use_var) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/regions/kommun/0180/top-occupations?limit=5").json()
    assert data["name"] == "Stockholm" and len(data["statistics"]["rows"]) == 5
    first = data["statistics"]["rows"][0]
    page = client.get("/efterfragan/region/kommun/0180/")
    assert page.status_code == 200
    html = page.content.decode()
    assert first["label"] in html and intcomma(first["ads"]) in html
    assert "ssyk_region_kommun_annonser_2024.json" in html
    fragment = client.get("/efterfragan/region/kommun/0180/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and first["label"] in fragment


def test_overview_page_with_map_data(client, stats_var, use_var) -> None:
    use_var(stats_var)
    page = client.get("/efterfragan/?ssyk=2221&level=kommun")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="demand-map-data"' in html and "/api/v1/regions/kommuner.geojson" in html
    assert "demand_map.js" in html
    data = client.get(f"{API}/map", {"ssyk": "2221", "region_level": "kommun"}).json()
    assert len(data["statistics"]["rows"]) == 290
    fa_page = client.get("/efterfragan/?ssyk=2221&level=fa")
    assert fa_page.status_code == 200
    fa_html = fa_page.content.decode()
    assert 'id="demand-map"' in fa_html and 'data-geojson="/api/v1/regions/fa.geojson"' in fa_html
    assert 'data-panel="/efterfragan/region/fa/__code__/"' in fa_html
    assert "{#" not in fa_html and "_RegionLevels" not in fa_html


def test_occupation_search_fragment(client, stats_var, use_var) -> None:
    use_var(stats_var)
    html = client.get("/efterfragan/sok-yrke/", {"q": "sjuksköterska", "level": "lan"}).content.decode()
    assert "/efterfragan/?ssyk=2221&amp;level=lan" in html


def test_unknown_codes_are_404_and_bad_params_422(client, stats_var, use_var) -> None:
    use_var(stats_var)
    response = client.get(f"{API}/occupations/9999")
    assert response.status_code == 404 and "9999" in response.json()["detail"]
    assert client.get(f"{API}/occupations/9999/skills").status_code == 404
    assert client.get(f"{API}/regions/lan/99/top-occupations").status_code == 404
    assert client.get(f"{API}/regions/planet/01/top-occupations").status_code == 404
    assert client.get(f"{API}/occupations/2221?region_level=planet").status_code == 422
    assert client.get(f"{API}/regions/lan/01/top-occupations?limit=0").status_code == 422
    assert client.get("/efterfragan/yrke/9999/").status_code == 404
    assert client.get("/efterfragan/region/lan/99/").status_code == 404


def test_empty_warehouse_pages_and_json_are_friendly(client, tmp_path, use_var, django_user_model) -> None:
    use_var(tmp_path / "var")
    for url in ("/efterfragan/", "/efterfragan/yrke/2221/", "/efterfragan/region/lan/01/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        # issue 14: users read what is missing, not an operator command; staff see the command
        assert 'id="no-statistics"' in html and "administratör har läst in" in html
        assert "kompetensbron import-statistics" not in html
    staff = django_user_model.objects.create_user("ops", "ops@example.se", "Ops-pass-14-xyz", is_staff=True)
    client.force_login(staff)
    assert "kompetensbron import-statistics" in client.get("/efterfragan/").content.decode()
    client.logout()
    data = client.get(f"{API}/occupations/2221").json()
    assert data["statistics"] is None and "import-statistics" in data["status"]["message"]
    status = client.get(f"{API}/status").json()
    assert status == {
        "snapshot": None,
        "has_statistics": False,
        "has_ads": False,
        "has_enriched_ads": False,
        "message": status["message"],
        "commands": [services.IMPORT_STATISTICS_COMMAND, services.INGEST_ADS_COMMAND],
    }


def test_ads_pages_show_trend_and_skills(client, ads_var, use_var) -> None:
    use_var(ads_var)
    html = client.get("/efterfragan/yrke/2221/").content.decode()
    assert 'id="demand-trend-data"' in html and 'id="year-on-year"' in html and 'id="top-skills"' in html
    skills = client.get(f"{API}/occupations/2221/skills").json()
    assert skills["rows"][0]["label"] in html
    assert skills["provenance"]["table"] == "ads"
    unenriched = client.get(f"{API}/occupations/1210/skills").json()
    assert unenriched["rows"] == [] and unenriched["message"] == "no enriched ads yet"
    assert 'id="no-skills"' in client.get("/efterfragan/yrke/1210/").content.decode()


def test_english_page(client, stats_var, use_var) -> None:
    from django.conf import settings

    use_var(stats_var)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/efterfragan/yrke/2221/").content.decode()
    assert "Salary" in html and "10 % earn less than" in html and "Job ads 2024 per" in html
