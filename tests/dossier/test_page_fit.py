"""The relevance dossier in a real browser at 390 px (issue 14, item 4: "no horizontal overflow at
390 px"): the page and the figures htmx loads into it are no wider than the screen in Swedish and
English (``document.documentElement.scrollWidth <= 390``; wide tables scroll inside their
wrapper), and no JavaScript error is logged.

The browser's requests are answered from the Django test client's responses (no live server: the
dossier fixture's data stay in this test's transaction); anything else is refused (no network)."""

from __future__ import annotations

import contextlib
import shutil
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.fit import too_wide

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]

BASE = "http://localhost"  # a trustworthy origin: the security headers apply as in production


class _Responses:
    """The test client's responses for the browser's requests. Playwright's route handler runs in
    its event loop, where the ORM must not run: a request not fetched yet is refused and noted,
    fetched by the test between page loads, and the page is loaded again."""

    def __init__(self, client: Any, language: str) -> None:
        from django.db import DEFAULT_DB_ALIAS, connections

        self.client, self.language = client, language
        self.connection = connections[DEFAULT_DB_ALIAS]  # the test's own (made before Playwright starts)
        self.known: dict[tuple[str, bool], tuple[int, dict[str, str], bytes]] = {}
        self.missing: set[tuple[str, bool]] = set()

    def serve(self, route: Any) -> None:
        request = route.request
        url = urlsplit(request.url)
        key = (url.path + (f"?{url.query}" if url.query else ""), "hx-request" in request.headers)
        if url.netloc != "localhost" or request.method != "GET":
            route.abort()
        elif key in self.known:
            status, headers, body = self.known[key]
            route.fulfill(status=status, headers=headers, body=body)
        else:
            self.missing.add(key)
            route.abort()

    def fetch_missing(self) -> bool:
        """Fetch what the last load asked for; False when nothing was missing."""
        from django.db import DEFAULT_DB_ALIAS, connections

        # Playwright's greenlets have their own context, where Django would open a second
        # connection that the test's open transaction locks out: use the test's own
        connections[DEFAULT_DB_ALIAS] = self.connection
        found = bool(self.missing)
        for path, htmx in sorted(self.missing):
            headers = {"Accept-Language": self.language, **({"HX-Request": "true"} if htmx else {})}
            response = self.client.get(path, headers=headers)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            self.known[(path, htmx)] = (response.status_code, dict(response.items()), body)
        self.missing.clear()
        return found


@pytest.mark.parametrize(("language", "locale"), [("sv", "sv-SE"), ("en", "en-GB")])
def test_dossier_page_fits_390_px(linked, client, monkeypatch, language, locale) -> None:
    # Playwright's sync API keeps an event loop on this thread; the test client's ORM calls between
    # page loads are still synchronous (Django's documented switch for such callers)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    responses = _Responses(client, language)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 390, "height": 844}, locale=locale, extra_http_headers={"Accept-Language": language}
            )
            context.route("**/*", responses.serve)
            url = f"{BASE}/relevans/program/{linked.pk}/"
            for _ in range(6):  # each load asks for what the previous one showed (page, figures, assets)
                # a tab of its own per priming load: a refused document leaves an error page that
                # Chromium may load again later, which must not cut into the measured load below
                primer = context.new_page()
                primer.set_default_timeout(60_000)
                with contextlib.suppress(PlaywrightError):  # the page itself is refused on the first load
                    primer.goto(url, wait_until="networkidle")
                primer.close()
                if not responses.fetch_missing():
                    break
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.on("pageerror", lambda exc: problems.append(f"error: {exc}"))
            page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
            response = page.goto(url, wait_until="networkidle")
            assert response is not None and response.status == 200
            page.wait_for_selector("#dossier-body table[data-export-key]")
            # the figures are in the page: occupations, demand, outlook, outcomes (no inputs yet)
            assert page.locator("table[data-export-key]").count() == 4
            assert not responses.missing, responses.missing
            if wide := too_wide(page):
                problems.append(wide)
        finally:
            browser.close()
    assert not problems, problems
