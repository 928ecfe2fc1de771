"""The region page in a real browser (Debian's chromium driven by Playwright).

The ECharts map must draw all 290 kommuner from the GeoJSON API; clicking a kommun (a real
mouse click on its shape) or choosing it in the list loads its panel with län and
FA-region; the toggle redraws the map with the 21 län and with the 60 FA-regions, where
clicking an FA-region (or choosing it in its list) loads its panel with its kommuner.
Screenshots are written to /tmp/region_map.png and /tmp/region_map_fa.png for a human to
look at.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOT = "/tmp/region_map.png"
SCREENSHOT_FA = "/tmp/region_map_fa.png"
KIRUNA_TOWN = [20.225, 67.855]  # lon, lat: a point inside Kiruna kommun (2584)
SUNDSVALL_TOWN = [17.306, 62.391]  # lon, lat: a point inside Sundsvall kommun, FA-region 42


@pytest.fixture
def browser_page(committed_reference_data, live_server, open_page):
    return open_page(width=1280, height=1100, timeout=30_000)


def _wait_for_map(page, kind: str) -> None:
    page.wait_for_function(
        "kind => { const el = document.getElementById('region-map');"
        " return el.dataset.kind === kind && el.dataset.shapes !== undefined; }",
        arg=kind,
        timeout=30_000,
    )


def test_region_map_draws_every_kommun_and_loads_the_clicked_one(browser_page, live_server):
    page = browser_page
    page.goto(f"{live_server.url}/regioner/")
    _wait_for_map(page, "kommuner")

    el = page.locator("#region-map")
    assert el.get_attribute("data-shapes") == "290"
    assert el.get_attribute("data-features") == "290"
    counts = page.evaluate(
        """() => {
            const chart = echarts.getInstanceByDom(document.getElementById('region-map'));
            return {
                registered: echarts.getMap('kommuner').geoJSON.features.length,
                series: chart.getOption().series[0].data.length,
                nameProperty: chart.getOption().series[0].nameProperty,
            };
        }"""
    )
    assert counts == {"registered": 290, "series": 290, "nameProperty": "code"}

    # A real click on Kiruna's shape loads its panel through htmx.
    box = el.bounding_box()
    x, y = page.evaluate(
        "point => echarts.getInstanceByDom(document.getElementById('region-map')).convertToPixel({seriesIndex: 0}, point)",
        KIRUNA_TOWN,
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    panel = page.locator("#region-panel")
    page.wait_for_selector('#region-panel [data-region-code="2584"]', timeout=10_000)
    text = panel.inner_text()
    assert "Kiruna" in text and "Norrbottens län" in text
    assert "FA-region Kiruna" in text and "Pajala" in text
    assert page.locator("#kommun-select").input_value() == "2584"
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] - 5)  # no tooltip over the picture
    page.wait_for_timeout(300)
    page.screenshot(path=SCREENSHOT)

    # The accessible path: choose a kommun in the list.
    page.select_option("#kommun-select", "0126")
    page.wait_for_selector('#region-panel [data-region-code="0126"]', timeout=10_000)
    text = panel.inner_text()
    assert "Huddinge" in text and "Stockholms län" in text
    assert "FA-region Stockholm" in text and "Botkyrka" in text

    # The toggle redraws the map with the 21 län.
    page.click("label[for=map-kind-lan]")
    _wait_for_map(page, "lan")
    assert el.get_attribute("data-shapes") == "21"
    assert page.evaluate("() => echarts.getMap('lan').geoJSON.features.length") == 21

    # The toggle redraws the map with the 60 FA-regions (shapes keyed by FA code).
    page.click("label[for=map-kind-fa]")
    _wait_for_map(page, "fa")
    assert el.get_attribute("data-shapes") == "60"
    assert el.get_attribute("data-features") == "60"
    counts = page.evaluate(
        """() => {
            const chart = echarts.getInstanceByDom(document.getElementById('region-map'));
            return {
                registered: echarts.getMap('fa').geoJSON.features.length,
                series: chart.getOption().series[0].data.length,
                nameProperty: chart.getOption().series[0].nameProperty,
            };
        }"""
    )
    assert counts == {"registered": 60, "series": 60, "nameProperty": "code"}
    assert page.locator("#fa-picker").is_visible()

    # The shown kommun (Huddinge) stays selected as its FA-region (Stockholm) in the FA list.
    assert page.locator("#fa-select").input_value() == page.evaluate(
        "() => document.querySelector('#region-panel [data-fa-code]').dataset.faCode"
    )

    # A real click on Sundsvall's FA-region (42) loads its panel with its four kommuner.
    box = el.bounding_box()
    x, y = page.evaluate(
        "point => echarts.getInstanceByDom(document.getElementById('region-map')).convertToPixel({seriesIndex: 0}, point)",
        SUNDSVALL_TOWN,
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector('#region-panel [data-region-kind="fa"][data-region-code="42"]', timeout=10_000)
    text = panel.inner_text()
    assert "FA-region Sundsvall" in text and "Västernorrlands län" in text
    for name in ("Ånge", "Timrå", "Härnösand", "Sundsvall"):
        assert name in text
    assert page.locator("#fa-select").input_value() == "42"
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] - 5)
    page.wait_for_timeout(300)
    page.screenshot(path=SCREENSHOT_FA)

    # The accessible path: choose an FA-region in its list.
    page.select_option("#fa-select", "01")
    page.wait_for_selector('#region-panel [data-region-kind="fa"][data-region-code="01"]', timeout=10_000)
    assert "Malmö" in panel.inner_text() and "Lund" in panel.inner_text()
    page.select_option("#fa-select", "42")
    page.wait_for_selector('#region-panel [data-region-kind="fa"][data-region-code="42"]', timeout=10_000)
    assert "Timrå" in panel.inner_text()

    assert page.errors == []
