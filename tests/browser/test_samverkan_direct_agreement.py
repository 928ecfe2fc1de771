"""Issue 12, "done when": a Huddinge department coordinator and a Södertörns högskola institution
coordinator agree an activity directly, in a real browser (Debian's chromium via Playwright),
and it runs — with no steering group.

Both log in in turn through the real login form. The department's coordinator approves the demo
idea for Huddinge kommun; the page then says it waits for Södertörns högskola. The institution's
coordinator approves for the högskola: the activity is decided without any steering group's
decision, and the institution's coordinator starts it (Pågår). The board, grouped by area, shows
it under Kompetensförsörjning with the running status.
"""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

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
PASSWORD = "Demo-lösenord-för-test-12"
DEPARTMENT = "forvaltning@demo.invalid"
INSTITUTION = "institution@demo.invalid"
TITLE = "Verksamhetsförlagd utbildning i Huddinges förskolor (exempel)"


@pytest.fixture
def demo(transactional_db):
    from kompetensbron.samverkan.demo import create_demo_content
    from kompetensbron.samverkan.models import Activity

    result = create_demo_content(password=PASSWORD)
    activity = Activity.objects.select_related("agreement").get(title=TITLE)
    assert activity.status == "idea" and activity.agreement.governance == "direct"
    assert activity.working_group is None  # no working group, no steering group
    return result, activity


@pytest.fixture
def browser_page(demo, live_server):
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip(
            "Debian's chromium is not installed (apt-get install -y chromium; scripts/setup --test installs it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="sv-SE")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        try:
            yield page
        finally:
            browser.close()


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/konto/logga-in/?next=/samverkan/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{base}/samverkan/")
    assert page.get_by_role("button", name=f"Logga ut {username}").is_visible()


def _log_out(page, base: str, username: str) -> None:
    page.get_by_role("button", name=f"Logga ut {username}").click()
    page.wait_for_load_state()
    page.goto(f"{base}/samverkan/")
    assert "/konto/logga-in/" in page.url  # the board needs a login again


def _open_from_board(page, title: str) -> None:
    page.get_by_role("link", name=re.compile(re.escape(title))).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name=title).is_visible()


def test_department_and_institution_agree_directly_and_it_runs(browser_page, live_server, demo):
    page, base = browser_page, live_server.url
    _, activity = demo
    url = f"{base}/samverkan/aktiviteter/{activity.pk}/"

    # 1. Huddinge's department coordinator approves for Huddinge kommun.
    _log_in(page, base, DEPARTMENT)
    _open_from_board(page, TITLE)
    assert page.locator(".sv-status").first.inner_text() == "Idé"
    next_step = page.locator("section.sv-next").inner_text()
    assert "Ingen styrgrupp beslutar" in next_step and "Södertörns högskola" in next_step
    assert page.get_by_role("button", name="Föreslå för styrgruppen").count() == 0
    assert page.get_by_label("För parten").input_value()  # the one party she answers for is chosen
    page.get_by_role("button", name="Godkänn för vår part").click()
    page.wait_for_url(url)
    assert page.locator(".sv-status").first.inner_text() == "Föreslagen"
    assert "Väntar på: Södertörns högskola (exempel)" in page.locator("section.sv-next").inner_text()
    assert "Huddinge kommun (exempel)" in page.locator("ul.sv-approvals").inner_text()
    assert page.get_by_role("button", name="Godkänn för vår part").count() == 0  # answered
    _log_out(page, base, DEPARTMENT)

    # 2. Södertörns högskola's institution coordinator approves: decided, then starts it.
    _log_in(page, base, INSTITUTION)
    page.goto(url)
    page.get_by_label("Kommentar").fill("Institutionen för kultur och lärande ordnar handledarutbildningen.")
    page.get_by_role("button", name="Godkänn för vår part").click()
    page.wait_for_url(url)
    assert page.locator(".sv-status").first.inner_text() == "Beslutad"
    assert page.get_by_role("heading", name="Beslutande styrgrupp").count() == 0
    assert "Inga beslut ännu." in page.locator("body").inner_text()  # no steering group's decision
    page.get_by_role("button", name="Pågår").click()
    page.wait_for_url(url)
    assert page.locator(".sv-status").first.inner_text() == "Pågår"

    # 3. The board grouped by area: under Kompetensförsörjning, running.
    page.goto(f"{base}/samverkan/?avtal={activity.agreement_id}&grupp=area")
    column = page.locator(
        "section.sv-column", has=page.get_by_role("heading", name=re.compile("^Kompetensförsörjning"))
    )
    card = column.locator("a.sv-card", has=page.get_by_role("heading", name=TITLE))
    assert card.count() == 1 and card.locator(".sv-status").inner_text() == "Pågår"
    assert page.errors == []

    # the database, read outside Playwright's event loop (Django refuses the ORM inside it)
    with ThreadPoolExecutor(1) as pool:
        status, decisions, approvers, audited = pool.submit(_stored, activity.pk).result()
    assert status == "running" and decisions == 0
    assert approvers == {DEPARTMENT, INSTITUTION} and audited == 2


def _stored(pk: int):
    from kompetensbron.samverkan.models import Activity, AuditEntry

    activity = Activity.objects.get(pk=pk)
    audited = AuditEntry.objects.filter(model="samverkan.activity", object_id=str(pk), action="approve").count()
    return activity.status, activity.decisions.count(), {a.by.username for a in activity.approvals.all()}, audited
