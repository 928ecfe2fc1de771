"""Studentbostäder in a real browser (Debian's chromium via Playwright), issue 11.

A housing company's coordinator (the demo user ``bostad@demo.invalid``) logs in through the real
login form, registers a project in Solna (under construction) and moves it to completed; the
Sthlm6000+ (exempel) progress page then shows more completed homes, in its chart data and in
its Excel report. Then a simulation runs from the simulator page twice — as the SGS rules are,
and with a changed decline rule — and the two scenarios stand side by side. Screenshots:
/tmp/housing_progress.png, /tmp/housing_simulator.png.
"""

from __future__ import annotations

import io

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "Demo-lösenord-för-test-11"
USER = "bostad@demo.invalid"


@pytest.fixture
def demo(committed_reference_data):
    from kompetensbron.housing.demo import create_demo_content
    from kompetensbron.housing.models import Programme

    create_demo_content(password=PASSWORD)
    return Programme.objects.get(name="Sthlm6000+ (exempel)")


@pytest.fixture
def page(demo, live_server, open_page):
    return open_page(width=1400, height=1100, timeout=30_000)


def _completed_2017(page, base: str, pk: int) -> tuple[str, int]:
    import openpyxl

    page.goto(f"{base}/studentbostader/program/{pk}/")
    page.wait_for_selector("#housing-progress-chart[data-rendered]")
    page.wait_for_selector("#housing-progress-map[data-features]")
    shown = page.get_by_test_id("completed").inner_text()
    report = page.request.get(f"{base}/studentbostader/program/{pk}/rapport.xlsx")
    assert report.ok
    sheet = openpyxl.load_workbook(io.BytesIO(report.body()))["Per år"]
    by_year = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    return shown, by_year[2017]


def test_register_complete_and_simulate(page, demo, live_server, log_in):
    base = live_server.url
    log_in(page, base, USER, PASSWORD, next_="/studentbostader/")

    shown_before, report_before = _completed_2017(page, base, demo.pk)
    assert report_before == 4500

    page.goto(f"{base}/studentbostader/projekt/nytt/")
    page.get_by_label("Namn", exact=True).fill("Solna studenthus (webbläsartest)")
    page.get_by_label("Ägare").select_option(label="Studentbostäder i Stockholm (exempel)")
    page.get_by_label("Kommun", exact=True).select_option("0184")  # Solna
    page.get_by_label("Antal bostäder").fill("500")
    page.get_by_label("Bostadstyp").select_option("studio")
    page.get_by_label("Status", exact=True).select_option("under_construction")
    page.get_by_label("Förväntat färdigställt år").fill("2017")
    page.get_by_role("button", name="Registrera").click()
    page.wait_for_url("**/studentbostader/projekt/*/")
    assert page.get_by_test_id("status").inner_text() == "Under byggnad"

    page.get_by_label("Ny status").select_option("completed")
    page.get_by_label("Färdigställt år (vid färdigställt)").fill("2017")
    page.get_by_role("button", name="Spara status").click()
    page.wait_for_selector("text=Statusen är ändrad.")
    assert page.get_by_test_id("status").inner_text() == "Färdigställt"

    shown_after, report_after = _completed_2017(page, base, demo.pk)
    assert report_after == report_before + 500
    assert shown_after != shown_before and "5" in shown_after
    page.screenshot(path="/tmp/housing_progress.png", full_page=True)

    page.goto(f"{base}/studentbostader/simulator/")
    for label, penalty in (("Som idag", ""), ("Nej kostar kötiden", "reset")):
        page.get_by_label("Namn på scenariot").fill(label)
        page.get_by_label("Köregler").select_option("sgs")
        page.get_by_label("Bostäder", exact=True).fill("150")
        page.get_by_label("Nya studenter per år").fill("170")
        page.get_by_label("År som mäts").fill("2")
        page.get_by_label("Påföljd för nej").select_option(penalty)
        if penalty:
            page.get_by_label("Påföljd efter antal nej").fill("1")
        page.get_by_role("button", name="Kör scenariot").click()
        page.wait_for_selector("text=Scenariot är kört.")
    headers = page.locator("#scenario-table thead th").all_inner_texts()
    assert headers[1:] == ["Som idag", "Nej kostar kötiden"]
    assert "sgs-ändrad" in page.locator("#tabell-scenarier").inner_text()
    page.screenshot(path="/tmp/housing_simulator.png", full_page=True)
    assert page.errors == []
