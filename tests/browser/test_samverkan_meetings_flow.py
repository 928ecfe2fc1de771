"""Issue 12 in a real browser (Debian's chromium via Playwright): a Högskolerådet meeting is
recorded with an idea, the idea becomes an activity in one step, and an indicator computed from
Matchning outcomes appears in the yearly report with its source.

Hugo (Huddinge's coordinator, seated in Högskolerådet) records a meeting on the council's
meetings page (date, title, agenda), registers an idea presented at it and turns the idea into
an activity through the prefilled activity form. Sven (Mittuniversitetet's coordinator) opens the
Härnösand agreement's yearly report: the demo indicator "Placeringar genom Matchning (beräknat)"
shows the number of this year's placements registered in Matchning (three, made here) and its
source. Both log in through the real login form.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from .test_samverkan_flow import _log_out, browser_page  # noqa: F401 - the shared browser fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "Demo-lösenord-för-test-5"
HUGO = "huddinge@demo.invalid"
SVEN = "styrgrupp@demo.invalid"
IDEA = "Sommarjobb för lärarstudenter i Huddinges skolor"


@pytest.fixture
def demo(transactional_db):
    """Demo content with a known password, and three Matchning placements of Mittuniversitetet."""
    from kompetensbron.matchning.models import Opportunity, Outcome, Placement
    from kompetensbron.samverkan.demo import create_demo_content
    from kompetensbron.samverkan.models import Agreement, Body, Organisation

    create_demo_content(password=PASSWORD)
    miun = Organisation.objects.get(name="Mittuniversitetet (exempel)")
    host = Organisation.objects.get(name="Härnösands kommun (exempel)")
    opp = Opportunity.objects.create(host=host, kind="degree_project", title="Exjobb", description="x", capacity=3)
    for i in range(3):
        Outcome.objects.create(
            placement=Placement.objects.create(opportunity=opp, university=miun, source="manual"), hired=i == 0
        )
    harnosand = Agreement.objects.get(title__startswith="Samverkansavtal Härnösands kommun")
    return Body.objects.get(name="Högskolerådet (exempel)"), harnosand


def test_council_meeting_idea_becomes_activity_and_computed_indicator_in_report(
    browser_page,  # noqa: F811
    live_server,
    demo,
    log_in,
):
    page, base = browser_page, live_server.url
    council, agreement = demo  # read before the browser starts (no ORM inside its event loop)
    today = timezone.localdate()

    # 1. Hugo records a Högskolerådet meeting from the bodies page.
    log_in(page, base, HUGO, PASSWORD, next_="/samverkan/")
    page.goto(f"{base}/samverkan/organ/")
    section = page.locator(f"section[aria-labelledby='body-{council.pk}']")
    section.get_by_role("link", name=re.compile("Möten")).click()
    page.wait_for_url(f"{base}/samverkan/organ/{council.pk}/moten/")
    assert page.locator("#body-meetings").inner_text().count("Vårens möte") == 1  # the demo's meeting
    form = page.locator("#meeting-form")
    form.get_by_label("Datum").fill(today.isoformat())
    form.get_by_label("Rubrik").fill("Höstens möte")
    form.get_by_label("Dagordning").fill("1. Rekrytering av lärare\n2. Idéer från lärosätena")
    form.get_by_role("button", name="Spara mötet").click()
    page.wait_for_url(re.compile(r".*/samverkan/moten/\d+/$"))
    meeting_url = page.url
    assert "Rekrytering av lärare" in page.locator("#agenda").inner_text()

    # 2. An idea presented at the meeting …
    ideas = page.locator("#idea-form")
    ideas.get_by_label("Idé").fill(IDEA)
    ideas.get_by_label("Presenterad av").fill("Prorektor")
    ideas.get_by_label("Organisation").select_option(label="Södertörns högskola (exempel)")
    ideas.get_by_role("button", name="Lägg till").click()
    page.wait_for_url(meeting_url)
    item = page.locator("#ideas li", has_text=IDEA)
    assert "Prorektor (Södertörns högskola (exempel))" in item.inner_text()

    # 3. … becomes an activity in one step (the prefilled activity form).
    item.get_by_role("link", name="Gör till aktivitet").click()
    assert page.get_by_label("Titel").input_value() == IDEA
    page.get_by_label("Fas").select_option(label="Attrahera")
    page.get_by_label("Ägare").select_option(label="Huddinge kommun (exempel)")
    page.get_by_role("button", name="Skapa aktiviteten").click()
    page.wait_for_url(re.compile(r".*/samverkan/aktiviteter/\d+/$"))
    assert page.get_by_role("heading", level=1, name=IDEA).is_visible()
    assert page.locator(".sv-status").first.inner_text() == "Idé"
    page.goto(meeting_url)
    item = page.locator("#ideas li", has_text=IDEA)
    assert item.get_by_role("link", name=IDEA).count() == 1  # "Blev aktivitet: …"
    assert item.get_by_role("link", name="Gör till aktivitet").count() == 0
    _log_out(page, base, HUGO)

    # 4. The computed indicator in the Härnösand agreement's yearly report.
    log_in(page, base, SVEN, PASSWORD, next_="/samverkan/")
    page.goto(f"{base}/samverkan/avtal/{agreement.pk}/arsrapport/{today.year}/")
    row = page.locator("tr", has=page.locator("td", has_text="Placeringar genom Matchning (beräknat)"))
    cells = row.locator("td").all_inner_texts()
    assert cells[2] == "3"
    assert "Beräknat ur: Kompetensbron Matchning" in cells[5] and "Mittuniversitetet" in cells[5]
    assert f"data per {today.isoformat()}" in cells[5]
    assert page.errors == []
