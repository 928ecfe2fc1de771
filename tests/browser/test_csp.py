"""The Content-Security-Policy breaks nothing: in a real browser the pages with htmx, ECharts,
the API docs (Swagger UI from static files) and the Samverkan board load without a single CSP
violation or script error (issue 8, item 2)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ["/", "/regioner/", "/efterfragan/", "/efterfragan/balans/", "/api/v1/docs", "/samverkan/", "/utbildning/"]


@pytest.fixture
def csp_admin(committed_reference_data):
    """An administrator (before the browser starts: the ORM refuses to run beside its event loop)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("csp-admin", "csp@example.se", "csp-password-123456")


def test_pages_load_without_csp_violations(csp_admin, live_server, open_page, log_in):
    problems: list[str] = []
    page = open_page(timeout=30_000)
    page.on("pageerror", lambda exc: problems.append(f"error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    log_in(page, live_server.url, "csp-admin", "csp-password-123456")
    for path in PAGES:
        page.goto(f"{live_server.url}{path}", wait_until="networkidle")
        if path == "/api/v1/docs":
            page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
        if path == "/regioner/":
            page.wait_for_function("() => document.querySelector('#region-map canvas') !== null", timeout=30_000)
    assert not problems, problems
