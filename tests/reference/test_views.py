"""HTML pages of the reference data: occupation browser, SSYK group page, region map, panels.

Runs on the real snapshot (loaded once per session by ``tests/reference/conftest.py``).
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from kompetensbron.reference.page_contexts import (
    FaPanel,
    KommunPanel,
    LanPanel,
    OccupationPage,
    OccupationSearchPage,
    RegionPage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

HTMX = {"HTTP_HX_REQUEST": "true"}


def _templates(response) -> list[str]:
    return [t.name for t in response.templates if t.name]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- occupation browser -----------------------------------------------------------------


def test_search_without_diacritics_finds_sjukskoterskor(client):
    r = client.get("/yrken/", {"q": "sjukskoterska"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "<html" in html and 'id="occupation-search"' in html
    assert 'href="/yrken/2221/"' in html and "Grundutbildade sjuksköterskor" in html
    assert "Barnsjuksköterskor" in html
    assert "Sjuksköterska, grundutbildad" in html  # a matched occupation-name
    assert "12 träffar för ”sjukskoterska”" in html
    page = r.context["page"]
    assert isinstance(page, OccupationSearchPage)
    assert page.result.results[0].code == "2221" and page.level == 4


def test_full_page_and_htmx_fragment_share_one_partial(client):
    full = client.get("/yrken/", {"q": "sjukskoterska"})
    fragment = client.get("/yrken/", {"q": "sjukskoterska"}, **HTMX)
    assert "reference/_occupation_results.html" in _templates(full)
    assert _templates(fragment) == ["reference/_occupation_results.html", "includes/_pager.html"]
    body = fragment.content.decode()
    assert "<html" not in body and "<header" not in body and "<form" not in body
    assert 'href="/yrken/2221/"' in body
    # the fragment is exactly the part of the full page inside the results container
    assert body.strip() in full.content.decode()
    for response in (full, fragment):
        assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(client):
    r = client.get("/yrken/", {"q": "lärare"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in r.content.decode()


def test_search_box_is_wired_for_live_search(client):
    html = client.get("/yrken/").content.decode()
    field = re.search(r"<input type=\"search\"[^>]+>", html).group(0)
    assert 'name="q"' in field
    assert 'hx-get="/yrken/"' in field
    assert 'hx-trigger="input changed delay:200ms, search"' in field
    assert 'hx-target="#occupation-results"' in field
    assert '<div id="occupation-results" aria-live="polite">' in html


def test_level_filter(client):
    r = client.get("/yrken/", {"q": "sjukvård", "level": "2"})
    codes = [h.code for h in r.context["page"].result.results]
    assert codes and all(len(c) == 2 for c in codes) and "22" in codes
    r = client.get("/yrken/", {"q": "sjukvård", "level": ""})
    levels = {h.level for h in r.context["page"].result.results}
    assert r.context["page"].level is None and {3, 4} <= levels
    assert '<option value="" selected>' in r.content.decode()


def test_invalid_level_falls_back_to_unit_groups(client):
    r = client.get("/yrken/", {"q": "sjukskoterska", "level": "7"})
    assert r.status_code == 200
    assert r.context["page"].level == 4
    assert r.context["page"].result.results[0].code == "2221"
    assert 'class="field-error"' in r.content.decode()


def test_empty_search_lists_groups_and_no_match_says_so(client):
    page = client.get("/yrken/").context["page"]
    assert page.result.results and page.result.query == ""
    html = client.get("/yrken/", {"q": "xyzzyqq"}, **HTMX).content.decode()
    assert "0 träffar" in html and "Inget yrke matchar" in html


def test_search_in_english(english):
    html = english.get("/yrken/", {"q": "sjukskoterska"}).content.decode()
    assert "<h1>Occupations</h1>" in html
    assert "12 matches for “sjukskoterska”" in html
    assert "Grundutbildade sjuksköterskor" in html  # data stays Swedish


# --- SSYK group page --------------------------------------------------------------------


def test_unit_group_page(client):
    r = client.get("/yrken/2221/")
    assert r.status_code == 200
    page = r.context["page"]
    assert isinstance(page, OccupationPage) and page.occupation.code == "2221"
    html = r.content.decode()
    assert "Grundutbildade sjuksköterskor" in html
    assert "Behandlar och vårdar" in html  # the definition
    nav = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    for parent in ("/yrken/2/", "/yrken/22/", "/yrken/222/"):
        assert f'href="{parent}"' in nav
    assert "Sjuksköterska, grundutbildad" in html and "Sjuksköterskestuderande" in html
    assert "ISCO-08" in html and "Sjuksköterskor med särskild kompetens" in html
    for source in page.occupation.sources:
        assert source.source_file in html
    assert 'href="/api/v1/occupations/2221"' in html


def test_group_with_sun_fields(client):
    r = client.get("/yrken/2142/")
    assert "582a" in r.content.decode()
    assert "Utbildningsinriktningar (SUN 2020)" in r.content.decode()


def test_upper_level_group_lists_children(client):
    r = client.get("/yrken/22/")
    assert r.status_code == 200
    html = r.content.decode()
    assert 'href="/yrken/222/"' in html and "Sjuksköterskor" in html
    assert "underliggande grupper (yrkesgrupp)" in html
    assert 'id="names-title"' not in html


def test_unknown_ssyk_code_is_a_friendly_404(client):
    r = client.get("/yrken/9999/")
    assert r.status_code == 404
    assert "404.html" in _templates(r)
    html = r.content.decode()
    assert "Det finns ingen SSYK-grupp med koden ”9999”." in html
    assert 'href="/yrken/"' in html


def test_unit_group_page_in_english(english):
    html = english.get("/yrken/2221/").content.decode()
    assert "SSYK 2012 · level 4 · Unit group" in html
    assert "4 occupation names" in html and "Sources" in html
    assert "There is no SSYK group with the code “0000”." in english.get("/yrken/0000/").content.decode()


# --- regions ---------------------------------------------------------------------------


def test_region_page_has_the_map_and_the_plain_table(client):
    r = client.get("/regioner/")
    assert r.status_code == 200
    page = r.context["page"]
    assert isinstance(page, RegionPage)
    assert page.kommun_count == 290 and len(page.groups) == 21
    html = r.content.decode()
    assert '<div id="region-map"' in html
    assert 'data-geojson-kommuner="/api/v1/regions/kommuner.geojson"' in html
    assert 'data-geojson-lan="/api/v1/regions/lan.geojson"' in html
    assert 'data-panel-kommuner="/regioner/kommun/__code__/"' in html
    assert 'data-geojson-fa="/api/v1/regions/fa.geojson"' in html
    assert 'data-panel-fa="/regioner/fa/__code__/"' in html
    assert 'id="map-kind-fa" value="fa"' in html
    assert len(page.fa_regions) == 60 and '<option value="42">Sundsvall (42)</option>' in html  # the FA picker
    assert "/static/vendor/echarts/echarts.min.js" in html and "/static/web/js/region_map.js" in html
    table = re.search(r'<table data-export-key="kommuner">.*?</table>', html, re.S).group(0)
    assert len(re.findall(r'<tr data-code="\d{4}">', table)) == 290
    assert len(set(re.findall(r'href="/regioner/lan/(\d\d)/"', table))) == 21
    assert len(re.findall(r'href="/regioner/kommun/\d{4}/"', table)) == 290
    assert "Västernorrlands län" in table and "Härnösand" in table
    assert len(re.findall(r'<option value="\d{4}">', html)) == 290  # the kommun picker


def test_region_page_groups_kommuner_by_lan_in_swedish_order(client):
    page = client.get("/regioner/").context["page"]
    stockholm = next(g for g in page.groups if g.lan.code == "01")
    assert len(stockholm.kommuner) == 26
    names = [k.name for k in page.kommuner]
    assert names.index("Åsele") < names.index("Älmhult") < names.index("Örebro")
    assert names.index("Ystad") < names.index("Åsele")


def test_kommun_panel_fragment(client):
    r = client.get("/regioner/kommun/2280/", **HTMX)
    assert r.status_code == 200
    assert _templates(r) == [
        "reference/_kommun_panel.html",
        "reference/_population.html",
        "reference/_related_links.html",
    ]
    page = r.context["page"]
    assert isinstance(page, KommunPanel)
    assert [k.name for k in page.fa_region_others] == ["Ånge", "Timrå", "Sundsvall"]
    html = r.content.decode()
    assert "<html" not in html
    assert 'data-region-code="2280"' in html and 'data-lan-code="22"' in html
    assert "Härnösand" in html and "Västernorrlands län" in html
    assert "FA-region Sundsvall" in html
    for other in ("2260", "2262", "2281"):
        assert f'hx-get="/regioner/kommun/{other}/"' in html


def test_kommun_page_without_htmx_is_a_full_page(client):
    r = client.get("/regioner/kommun/2280/")
    assert "reference/kommun_page.html" in _templates(r) and "reference/_kommun_panel.html" in _templates(r)
    html = r.content.decode()
    assert "<html" in html and 'href="/regioner/lan/22/"' in html


def test_lan_panel(client):
    r = client.get("/regioner/lan/22/", **HTMX)
    assert isinstance(r.context["page"], LanPanel)
    html = r.content.decode()
    assert "Västernorrlands län" in html and "7 kommuner" in html and "Härnösand" in html
    assert "<html" in client.get("/regioner/lan/22/").content.decode()


def test_fa_region_panel_fragment(client):
    r = client.get("/regioner/fa/42/", **HTMX)
    assert r.status_code == 200
    assert _templates(r) == ["reference/_fa_panel.html", "reference/_population.html", "reference/_related_links.html"]
    page = r.context["page"]
    assert isinstance(page, FaPanel)
    assert page.fa_region.code == "42" and page.fa_region.name == "Sundsvall"
    assert [k.name for k in page.fa_region.kommuner] == ["Ånge", "Timrå", "Härnösand", "Sundsvall"]
    assert page.fa_region.population == sum(k.population for k in page.fa_region.kommuner)
    assert page.lan_names == ["Västernorrlands län"]
    html = r.content.decode()
    assert "<html" not in html
    assert 'data-region-kind="fa" data-region-code="42"' in html
    assert "FA-region Sundsvall" in html and "4 kommuner" in html
    for code in ("2260", "2262", "2280", "2281"):
        assert f'hx-get="/regioner/kommun/{code}/"' in html


def test_fa_region_page_without_htmx_is_a_full_page(client):
    r = client.get("/regioner/fa/42/")
    assert r.status_code == 200
    assert "reference/fa_page.html" in _templates(r) and "reference/_fa_panel.html" in _templates(r)
    html = r.content.decode()
    assert "<html" in html and 'href="/regioner/"' in html and "Härnösand" in html


def test_kommun_panel_links_its_fa_region(client):
    html = client.get("/regioner/kommun/2280/", **HTMX).content.decode()
    assert 'data-fa-code="42"' in html and 'hx-get="/regioner/fa/42/"' in html


@pytest.mark.parametrize("url", ["/regioner/kommun/9999/", "/regioner/lan/99/", "/regioner/fa/99/", "/regioner/fa/xx/"])
def test_unknown_region_is_404(client, url):
    r = client.get(url, **HTMX)
    assert r.status_code == 404


def test_every_population_says_the_date_of_its_data(client):
    """Issue 14, point 2: the län file's population is of 2018-03-31, the kommun file's of
    2016-12-31 (FA-regions sum their kommuner), from the one owner, ``population_date``."""
    from kompetensbron.reference.services import population_date

    dates = {kind: population_date(kind) for kind in ("lan", "kommun", "kommuner", "fa")}
    assert dates == {"lan": "2018-03-31", "kommun": "2016-12-31", "kommuner": "2016-12-31", "fa": "2016-12-31"}
    panels = (
        ("/regioner/lan/22/", "2018-03-31"),
        ("/regioner/kommun/2280/", "2016-12-31"),
        ("/regioner/fa/42/", "2016-12-31"),
    )
    old = {  # SCB renews the population every year: figures of 2016 and 2018 are old
        "sv": ("per", "gammal data: äldre än utgivarens förnyelseintervall"),
        "en": ("as of", "old data: older than the publisher's renewal interval"),
    }
    for language, (words, flag) in old.items():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url, date in panels:
            html = client.get(url, **HTMX).content.decode()
            shown = rf"<dd>[\d\s\xa0,]+ <small [^>]*data-old\">\({words} {date}\) <strong>{flag}</strong></small></dd>"
            assert re.search(shown, html), (url, language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    html = client.get("/regioner/").content.decode()
    assert 'data-label-population-lan="Folkmängd 2018-03-31"' in html
    assert 'data-label-population-kommuner="Folkmängd 2016-12-31"' in html
    assert 'data-label-population-fa="Folkmängd 2016-12-31"' in html
    assert "<th" in html and "Folkmängd 2016-12-31</th>" in html  # the kommun table's column
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'data-label-population-lan="Population 2018-03-31"' in client.get("/regioner/").content.decode()


def test_region_page_in_english(english):
    html = english.get("/regioner/").content.decode()
    assert "<h1>Regions</h1>" in html and "Counties and municipalities" in html
    assert 'data-label-population="Population"' in html
    panel = english.get("/regioner/kommun/2280/", **HTMX).content.decode()
    assert "Municipality code" in panel and "3 other municipalities in FA region Sundsvall" in panel
    assert "FA regions" in html
    fa = english.get("/regioner/fa/42/", **HTMX).content.decode()
    assert "FA region Sundsvall" in fa and "4 municipalities" in fa and "FA code" in fa
