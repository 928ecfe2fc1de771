"""The browser of the browser tests: Debian's chromium driven by Playwright, in one place.

* ``chromium`` -- the browser, launched headless for one test (the test is skipped when
  Debian's chromium is not installed);
* ``open_page(width=..., height=..., timeout=...)`` -- a new Swedish page of it whose
  JavaScript errors are collected in ``page.errors``;
* ``log_in(page, base, username, password, next_=...)`` -- through the real login form
  (django-axes is active), waiting until the ``next_`` page has loaded;
* ``committed_reference_data`` -- the real reference snapshot committed to the test
  database, so that the live server's thread sees it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

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


@pytest.fixture
def chromium() -> Iterator[Any]:
    """Debian's chromium, headless, for one test (skipped when it is not installed)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip(
            "Debian's chromium is not installed (apt-get install -y chromium; scripts/setup --test installs it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def open_page(chromium: Any) -> Callable[..., Any]:
    """``open_page(width=, height=, timeout=)``: a new Swedish page; JavaScript errors in ``page.errors``."""

    def open_(*, width: int = 1400, height: int = 1100, timeout: int = 15_000) -> Any:
        context = chromium.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
        page = context.new_page()
        page.set_default_timeout(timeout)
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        return page

    return open_


def _log_in(page: Any, base: str, username: str, password: str, *, next_: str = "/") -> None:
    page.goto(f"{base}/konto/logga-in/?next={next_}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{base}{next_}")


@pytest.fixture
def log_in() -> Callable[..., None]:
    """``log_in(page, base, username, password, next_="/")`` through the real login form."""
    return _log_in


@pytest.fixture
def committed_reference_data(transactional_db: None, snapshot_dir: Path) -> Iterator[None]:
    """The real reference snapshot, committed so that the live server's thread sees it."""
    from kompetensbron.reference.loading import load_reference_data
    from kompetensbron.reference.services import clear_caches

    load_reference_data(snapshot_dir)
    clear_caches()
    yield
    clear_caches()
