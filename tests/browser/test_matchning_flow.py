"""The Matchning exjobb flow in a real browser (Debian's chromium via Playwright).

Issue 10: an employer posts a degree project (with skills suggested from the text), a
coordinator of the university publishes it, a student finds it ranked with its reasons and
applies, the employer shortlists and offers, the student accepts; the placement then shows in
the aggregates (the employer's group grows from 5 to 6 placements) and in the indicator
computed for the employer. Everyone logs in through the real login form (django-axes active).
The skill extractor is a toy one here (keywords → toy skills); the real one is tested in
tests/enrich. A screenshot of the student's ranked list goes to /tmp/matchning_ranked.png.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOT = "/tmp/matchning_ranked.png"
PASSWORD = "Demo-lösenord-för-test-10"
EMPLOYER = "arbetsgivare@test.invalid"
COORDINATOR = "samordnare@test.invalid"
STUDENT = "student@student.test.invalid"
TITLE = "Exjobb: prognos av elförbrukning"
SKILLS = {"sk-py": "Python", "sk-sql": "SQL", "sk-stat": "Statistik"}


class _Match:
    def __init__(self, skill_id):
        self.skill_id = skill_id


class _ToyExtractor:
    def extract(self, text):
        low = text.lower()
        return [_Match(i) for i, label in SKILLS.items() if label.lower() in low]


@pytest.fixture
def world(transactional_db, monkeypatch):
    """A university, an employer with five earlier placements, three users with a known password."""
    from django.contrib.auth import get_user_model

    from kompetensbron.matchning.models import Opportunity, Placement, StudentProfile
    from kompetensbron.reference.models import DataLoad, FaRegion, Kommun, Lan, Skill
    from kompetensbron.samverkan.models import Membership, Organisation

    monkeypatch.setattr("kompetensbron.matchning.skills.default_extractor", lambda: _ToyExtractor())
    load = DataLoad.objects.create(
        dataset="toy",
        title="toy",
        source_file="toy",
        version="1",
        publisher="t",
        licence="CC0",
        sha256="0" * 64,
        loaded_at=timezone.now(),
    )
    lan = Lan.objects.create(code="22", name="Västernorrlands län", load=load)
    fa = FaRegion.objects.create(code="52", name="Sundsvall", load=load)
    Kommun.objects.create(code="2281", name="Sundsvall", lan=lan, fa_region=fa, load=load)
    for cid, label in SKILLS.items():
        Skill.objects.create(concept_id=cid, label=label, search_text=label.lower(), load=load)
    uni = Organisation.objects.create(name="Mittuniversitetet (test)", kind="university")
    employer = Organisation.objects.create(name="Energibolaget (test)", kind="company", kommun_id="2281")
    User = get_user_model()
    users = {}
    for email in (EMPLOYER, COORDINATOR, STUDENT):
        user = User(username=email, email=email, first_name=email.split("@")[0].capitalize(), last_name="Testsson")
        user.set_password(PASSWORD)
        user.save()
        users[email] = user
    Membership.objects.create(user=users[EMPLOYER], organisation=employer, role="member")
    Membership.objects.create(user=users[COORDINATOR], organisation=uni, role="coordinator")
    StudentProfile.objects.create(
        user=users[STUDENT],
        university=uni,
        added_skills=["sk-py", "sk-sql"],
        consent_matching=True,
        consent_followup=True,
    ).preferred_kommuner.set(["2281"])
    earlier = Opportunity.objects.create(
        host=employer,
        kind="summer_job",
        title="Sommarjobb (tidigare)",
        description="-",
        capacity=10,
        status="published",
        published_at=timezone.now(),
    )
    for _ in range(5):
        Placement.objects.create(opportunity=earlier, university=uni, source="manual")
    return employer


@pytest.fixture
def browser_page(world, live_server, open_page):
    return open_page(width=1300, height=1100, timeout=20_000)


def _log_out(page, username: str) -> None:
    page.get_by_role("button", name=f"Logga ut {username}").click()
    page.wait_for_load_state()


def _employer_row(page):
    """The employer's row of the outcomes table (``matchning.tables``: row key ``employer-<id>``)."""
    return page.locator("#tabell-utfall tr[data-code^='employer-']", has_text="Energibolaget (test)")


def _placed(page) -> str:
    """The employer's "Placerade" cell (the fourth column of the outcomes table)."""
    return _employer_row(page).locator("td").nth(3).inner_text()


def test_employer_posts_coordinator_publishes_student_applies_and_accepts(browser_page, live_server, world, log_in):
    page, base = browser_page, live_server.url

    # 0. The aggregates before: the employer's group has 5 placements, so it is shown.
    log_in(page, base, EMPLOYER, PASSWORD, next_="/matchning/statistik/")
    assert _placed(page) == "5"

    # 1. The employer posts a degree project; the skills come from the text.
    page.goto(f"{base}/matchning/mojligheter/ny/")
    page.get_by_label("Värdorganisation").select_option(label="Energibolaget (test)")
    page.get_by_label("Typ").select_option("degree_project")
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_label("Beskrivning").fill("Bygg en prognosmodell i Python med data ur SQL-databaser och statistik.")
    page.get_by_label("Kommun").select_option("2281")
    page.get_by_role("button", name="Föreslå kompetenser ur texten").click()
    page.wait_for_load_state()
    assert "3 kompetenser föreslogs ur texten." in page.content()
    assert page.locator("#mt-required-labels span").all_inner_texts() == ["Python", "SQL", "Statistik"]
    page.get_by_role("button", name="Spara som utkast").click()
    page.wait_for_url(re.compile(r".*/matchning/mojligheter/\d+/$"))
    detail = page.url
    assert page.locator(".sv-status").first.inner_text() == "Utkast"
    assert page.get_by_role("button", name="Publicera").count() == 0  # the host does not publish
    page.get_by_role("button", name="Skicka för granskning").click()
    page.wait_for_url(detail)
    assert page.locator(".sv-status").first.inner_text() == "Granskas"
    _log_out(page, EMPLOYER)

    # 2. The university's coordinator publishes it.
    log_in(page, base, COORDINATOR, PASSWORD, next_="/matchning/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Publicera").click()
    page.wait_for_url(detail)
    assert page.locator(".sv-status").first.inner_text() == "Publicerad"
    _log_out(page, COORDINATOR)

    # 3. The student finds it ranked, with its reasons, and applies.
    log_in(page, base, STUDENT, PASSWORD, next_="/matchning/")
    card = page.locator("article.card--match", has=page.get_by_role("link", name=TITLE))
    assert card.count() == 1
    reasons = card.locator(".mt-reasons").inner_text()
    assert "täcker 2 av 3 krav; saknas: Statistik" in reasons and "i önskad kommun Sundsvall" in reasons
    page.screenshot(path=SCREENSHOT, full_page=True)
    card.get_by_role("link", name=TITLE).click()
    page.get_by_label("Meddelande till värden (valfritt)").fill("Jag vill gärna göra exjobbet hos er.")
    page.locator("#main").get_by_role("button", name="Sök", exact=True).click()  # not the header's site search
    page.wait_for_url(detail)
    assert page.get_by_text("Du har sökt den här möjligheten.").is_visible()
    _log_out(page, STUDENT)

    # 4. The employer sees the applicant, shortlists and offers.
    log_in(page, base, EMPLOYER, PASSWORD, next_=detail.replace(base, ""))
    row = page.locator("tr", has_text=STUDENT)
    assert "Ansökt" in row.inner_text()
    row.get_by_role("button", name="Välj ut").click()
    page.wait_for_url(detail)
    page.locator("tr", has_text=STUDENT).get_by_role("button", name="Erbjud plats").click()
    page.wait_for_url(detail)
    assert "Erbjuden plats" in page.locator("tr", has_text=STUDENT).inner_text()
    _log_out(page, EMPLOYER)

    # 5. The student accepts.
    log_in(page, base, STUDENT, PASSWORD, next_="/matchning/")
    page.locator("tr", has_text=TITLE).get_by_role("button", name="Acceptera").click()
    page.wait_for_url(f"{base}/matchning/")
    assert "Accepterad" in page.locator("tr", has_text=TITLE).inner_text()
    _log_out(page, STUDENT)

    # 6. The placement shows in the aggregates and in the employer's indicator.
    log_in(page, base, EMPLOYER, PASSWORD, next_="/matchning/statistik/")
    assert _placed(page) == "6"
    indicator = page.locator("#tabell-indikatorer tr", has_text="Placeringar (alla typer)")
    assert indicator.locator("td").last.inner_text() == "6"
    page.goto(detail)
    assert page.locator(".sv-status").first.inner_text() == "Tillsatt"
    assert page.errors == []
