"""The main pages in a real browser (issue 14, items 1 and 4): with the JavaScript console
captured, no page logs an error (the API docs included: Swagger UI from the application's own
static files, the browser has no network besides the test server), and at 390 px no page is
wider than the screen (``document.documentElement.scrollWidth <= 390``; wide tables scroll
inside themselves)."""

from __future__ import annotations

import shutil

import pytest

from kompetensbron.config import get_settings
from tests.browser.fit import too_wide
from tests.labour_market.conftest import data_dir, stats_var, use_var  # noqa: F401 — the warehouse the demand pages read

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PASSWORD = "Fit-lösenord-14-xyz"
USER = "samordnare@demo.invalid"
PAGES = [
    "/",
    "/sok/?q=sjuksk%C3%B6terska",
    "/yrken/?q=chef",
    "/yrken/2221/",
    "/regioner/",
    "/regioner/lan/22/",
    "/efterfragan/region/lan/01/",
    "/matchning/statistik/",
    "/efterfragan/?q=sjuksk%C3%B6terska",
    "/efterfragan/balans/",
    "/efterfragan/prognos/",
    "/utbildning/",
    "/utexaminerade/",
    "/samverkan/",
    "/samverkan/organisationer/",
    "/matchning/",
    "/studentbostader/",
    "/studentbostader/projekt/",
    "/studentbostader/kostatistik/",
    "/studentbostader/simulator/",
    "/samverkan/behov/",
    "/samverkan/organ/",
    "/api/v1/docs",
]

#: pages whose tables fit 1366 px without scrolling inside themselves
WIDE_PAGES = ["/efterfragan/region/lan/01/", "/efterfragan/"]
#: <td>/<th> whose CSS display is not table-cell (e.g. a class that makes it an inline block:
#: the row leaves the table's grid)
NOT_TABLE_CELLS = """() => [...document.querySelectorAll('main td, main th')]
  .filter(c => getComputedStyle(c).display !== 'table-cell').slice(0, 3)
  .map(c => c.tagName.toLowerCase() + '.' + c.className + ' ' + getComputedStyle(c).display)"""
CLIPPED_TABLES = """() => [...document.querySelectorAll('main .table-wrap')]
  .filter(w => w.scrollWidth > w.clientWidth + 1)
  .map(w => (w.querySelector('caption')?.innerText || '?') + ' ' + w.clientWidth + '/' + w.scrollWidth)"""


@pytest.fixture
def demo(transactional_db):
    snapshot = get_settings().data_dir
    if not (snapshot / "jobtech").is_dir():
        pytest.skip(f"no data snapshot at {snapshot} (set KOMPETENSBRON_DATA_DIR)")
    from kompetensbron.housing.demo import create_demo_content as housing_demo
    from kompetensbron.reference.loading import load_reference_data
    from kompetensbron.reference.services import clear_caches
    from kompetensbron.samverkan.demo import create_demo_content

    load_reference_data(snapshot)
    clear_caches()
    create_demo_content(password=PASSWORD)
    housing_demo(password=PASSWORD)
    yield
    clear_caches()


def test_main_pages_no_console_error_and_fit_390_px(demo, live_server, stats_var, use_var):  # noqa: F811
    use_var(stats_var)  # the demand pages with their tables, as on a site after `init`
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip(
            "Debian's chromium is not installed (apt-get install -y chromium; scripts/setup --test installs it)"
        )
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE")
            # no network: anything not served by the test server (a CDN) is refused and shows up
            context.route(
                "**/*",
                lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
            )
            page = context.new_page()
            page.set_default_timeout(60_000)
            current = {"path": "/konto/logga-in/"}
            page.on("pageerror", lambda exc: problems.append(f"{current['path']}: error: {exc}"))
            page.on(
                "console",
                lambda msg: problems.append(f"{current['path']}: console: {msg.text}") if msg.type == "error" else None,
            )
            page.goto(f"{live_server.url}/konto/logga-in/")
            page.fill("input[name=username]", USER)
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.click("main button[type=submit], main input[type=submit]")
            assert "/konto/logga-in/" not in page.url, "login failed"
            for path in PAGES:
                current["path"] = path
                response = page.goto(f"{live_server.url}{path}", wait_until="networkidle")
                assert response is not None and response.status == 200, (path, response and response.status)
                if path == "/api/v1/docs":
                    page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)
                if wide := too_wide(page):
                    problems.append(f"{path}: {wide}")
                if broken := page.evaluate(NOT_TABLE_CELLS):
                    problems.append(f"{path}: table cells that are not table cells: {broken}")
            # at 1366 px a page's tables use the page's width (no half-width panel that clips them)
            page.set_viewport_size({"width": 1366, "height": 900})
            for path in WIDE_PAGES:
                current["path"] = path
                page.goto(f"{live_server.url}{path}", wait_until="networkidle")
                if clipped := page.evaluate(CLIPPED_TABLES):
                    problems.append(f"{path}: tables scroll inside a narrow box at 1366 px: {clipped}")
        finally:
            browser.close()
    assert not problems, problems
