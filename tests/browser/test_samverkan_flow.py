"""The Samverkan proposal → decision flow in a real browser (Debian's chromium via Playwright).

Issue 5: the working-group member proposes an activity of the Härnösand working group through
the activity page's button; the steering-group member decides it (approve, with a
justification) through the decision form. The activity must then show on the phase board in
its phase column with the decided status, and in the agreement's yearly report for the
current year (activity listed, decision in the decisions table). Both users log in through
the real login form (django-axes is active). A screenshot of the board is written to
/tmp/samverkan_board.png for a human to look at.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOT = "/tmp/samverkan_board.png"
PASSWORD = "Demo-lösenord-för-test-5"
WORKING = "arbetsgrupp@demo.invalid"
STEERING = "styrgrupp@demo.invalid"
IDEA_TITLE = "Karriärdag: lokala karriärvägar (exempel)"  # an "idea" of the Härnösand working group
JUSTIFICATION = "Stärker att studenter stannar i Härnösand (webbläsartest)."


@pytest.fixture
def demo(transactional_db):
    """Demo content with a known password, committed so that the live server's thread sees it."""
    from kompetensbron.samverkan.demo import create_demo_content
    from kompetensbron.samverkan.models import Activity

    result = create_demo_content(password=PASSWORD)
    activity = Activity.objects.select_related("agreement", "working_group").get(title=IDEA_TITLE)
    assert activity.status == "idea"
    assert "Härnösand" in activity.working_group.name
    return result, activity


@pytest.fixture
def browser_page(demo, live_server, open_page):
    return open_page(width=1400, height=1100, timeout=15_000)


def _log_in(log_in, page, base: str, username: str) -> None:
    log_in(page, base, username, PASSWORD, next_="/samverkan/")
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


def test_working_group_proposes_and_steering_group_decides(browser_page, live_server, demo, log_in):
    page, base = browser_page, live_server.url
    _, activity = demo
    year = timezone.localdate().year

    # 1. The working-group member proposes the idea from its page.
    _log_in(log_in, page, base, WORKING)
    _open_from_board(page, IDEA_TITLE)
    assert page.locator(".sv-status").first.inner_text() == "Idé"
    assert page.get_by_role("button", name="Registrera beslut").count() == 0  # no decision for the working group
    page.get_by_role("button", name="Föreslå för styrgruppen").click()
    page.wait_for_url(f"{base}/samverkan/aktiviteter/{activity.pk}/")
    assert page.get_by_role("button", name="Föreslå för styrgruppen").count() == 0
    assert page.locator(".sv-status").first.inner_text() == "Föreslagen"
    _log_out(page, base, WORKING)

    # 2. The steering-group member decides it: approve, with a justification.
    _log_in(log_in, page, base, STEERING)
    _open_from_board(page, IDEA_TITLE)
    assert page.locator(".sv-status").first.inner_text() == "Föreslagen"
    page.get_by_label("Bifall").check()
    assert page.get_by_label("Beslutsdatum").input_value() == timezone.localdate().isoformat()
    page.get_by_label("Motivering").fill(JUSTIFICATION)
    page.get_by_role("button", name="Registrera beslut").click()
    page.wait_for_url(f"{base}/samverkan/aktiviteter/{activity.pk}/")
    assert page.locator(".sv-status").first.inner_text() == "Beslutad"
    assert page.get_by_role("button", name="Registrera beslut").count() == 0
    decisions = page.locator("h2:text-is('Beslut') + p").inner_text()
    assert "Bifall" in decisions and JUSTIFICATION in decisions

    # 3. The phase board: the card sits in its phase column with the decided status.
    page.goto(f"{base}/samverkan/?avtal={activity.agreement_id}")
    column = page.locator(f"section[aria-labelledby='phase-{activity.phase}']")
    card = column.locator("a.sv-card", has=page.get_by_role("heading", name=IDEA_TITLE))
    assert card.count() == 1
    assert card.locator(".sv-status").inner_text() == "Beslutad"
    assert "sv-status--decided" in card.get_attribute("class")
    for other in page.locator("section.sv-column").all():
        if other.get_attribute("aria-labelledby") != f"phase-{activity.phase}":
            assert other.get_by_role("heading", name=IDEA_TITLE).count() == 0
    card.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOT, full_page=True)

    # 4. The agreement's yearly report for this year lists the activity and the decision.
    page.goto(f"{base}/samverkan/avtal/{activity.agreement_id}/")
    page.get_by_role("link", name=re.compile(str(year))).first.click()
    page.wait_for_url(f"{base}/samverkan/avtal/{activity.agreement_id}/arsrapport/{year}/")
    assert page.get_by_role("heading", level=1, name=re.compile(f"Årsrapport {year}")).is_visible()
    listed = page.locator("li", has=page.get_by_role("link", name=IDEA_TITLE))
    assert listed.count() == 1
    assert "Beslutad" in listed.inner_text()
    row = page.locator("tr", has=page.locator("td", has_text=IDEA_TITLE))
    assert row.count() == 1
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == timezone.localdate().isoformat()
    assert cells[2] == "Bifall" and JUSTIFICATION in cells[4]
    assert "Styrgrupp" in cells[3]

    assert page.errors == []
