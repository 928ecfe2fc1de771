"""Issue 14, item 5: the Samverkan detail pages carry no Swedish UI word in English.

Each page is read as a coordinator with ``Accept-Language: en``; its visible text (tags, scripts
and the world's own Swedish names removed) must hold none of a small list of Swedish UI words.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import Agreement
from kompetensbron.samverkan.schemas import IndicatorCreate
from kompetensbron.samverkan.schemas_meetings import IndicatorSourceIn, MeetingCreate, NeedCreate

from .meeting_fixtures import council

#: Swedish words of the user interface (none is a word of the world's data or of English)
SWEDISH = (
    "Alla",
    "aktiviteter",
    "Utan fas",
    "Beslut",
    "Möten",
    "Inga",
    "saknas",
    "Spara",
    "Ändra",
    "och",
    "för",
    "efter",
)
#: The world's own (Swedish) names, which stay as they are
DATA = (
    "Sommarpraktik",
    "Studenter",
    "Härnösand",
    "Styrgruppen",
    "Arbetsgruppen",
    "Högskolerådet",
    "Samverkansavtal test",
    "Anställda via Matchning",
)


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    for name in DATA:
        text = text.replace(name, " ")
    return text


def _swedish_words(client: Client, url: str) -> list[str]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, url
    text = _text(response.content.decode())
    return [w for w in SWEDISH if re.search(rf"(?<![\wåäöÅÄÖ]){w}(?![\wåäöÅÄÖ])", text)]


@pytest.fixture
def pages(world) -> dict[str, str]:
    """One URL of each Samverkan detail page, on an agreement without the life-cycle model."""
    Agreement.objects.filter(pk=world.agreement.pk).update(uses_lifecycle=False)
    activity = world.decided(phase=None)
    body = council(world, (world.coordinator, world.kommun))
    meeting = services.meetings.create_meeting(
        actor=world.coordinator, body=body, data=MeetingCreate(date=dt.date(2025, 3, 12))
    )
    need = services.needs.create_need(
        actor=world.coordinator,
        data=NeedCreate(organisation_id=world.kommun.pk, title="Sjuksköterskor", headcount=3),
    )
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Anställda via Matchning")
    )
    services.set_indicator_source(
        actor=world.coordinator,
        indicator=indicator,
        data=IndicatorSourceIn(kind="matchning:hires", organisation_id=world.kommun.pk),
    )
    return {
        "agreement": f"/samverkan/avtal/{world.agreement.pk}/",
        "indicators": f"/samverkan/avtal/{world.agreement.pk}/indikatorer/",
        "activity": f"/samverkan/aktiviteter/{activity.pk}/",
        "body": f"/samverkan/organ/{body.pk}/",
        "meeting": f"/samverkan/moten/{meeting.pk}/",
        "need": f"/samverkan/behov/{need.pk}/",
        "indicator source": f"/samverkan/indikatorer/{indicator.pk}/kalla/",
        "organisations": "/samverkan/organisationer/",
        "bodies": "/samverkan/organ/",
        "needs": "/samverkan/behov/",
        "meetings": f"/samverkan/organ/{body.pk}/moten/",
    }


@pytest.mark.parametrize(
    "page",
    [
        "agreement",
        "indicators",
        "activity",
        "body",
        "meeting",
        "need",
        "indicator source",
        "organisations",
        "bodies",
        "needs",
        "meetings",
    ],
)
def test_samverkan_detail_page_has_no_swedish_ui_word_in_english(world, pages, page):
    client = Client()
    client.force_login(world.coordinator)
    assert _swedish_words(client, pages[page]) == []


def test_board_dates_meetings_as_iso_dates_in_english(world, pages):
    """Review 19: "Meetings of your bodies: Högskolerådet 03/12/2025" (m/d/Y) on the English board."""
    client = Client()
    client.force_login(world.coordinator)
    html = client.get("/samverkan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Högskolerådet 2025-03-12" in html and "03/12/2025" not in html
    assert _swedish_words(client, "/samverkan/") == []


@pytest.mark.parametrize(("language", "word"), [("sv", "Avbryt"), ("en", "Cancel")])
def test_shared_form_pages_link_back_to_the_page_they_came_from(world, language, word):
    """Review 19: a form of the shared form page has a cancel link to its app page (a URL name
    the view passes — never a ``next`` parameter or the Referer)."""
    agreement = world.agreement.pk
    client = Client()
    client.force_login(world.admin)
    for url, back in (
        ("/samverkan/aktiviteter/ny/", "/samverkan/"),
        ("/samverkan/avtal/nytt/", "/samverkan/"),
        ("/samverkan/behov/nytt/", "/samverkan/behov/"),
        (f"/samverkan/avtal/{agreement}/redigera/", f"/samverkan/avtal/{agreement}/"),
        (f"/samverkan/organ/{world.steering.pk}/redigera/", f"/samverkan/organ/{world.steering.pk}/"),
    ):
        response = client.get(
            f"{url}?next=https://evil.example/", HTTP_ACCEPT_LANGUAGE=language, HTTP_REFERER="https://evil.example/"
        )
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<a class="form-cancel" href="{back}">{word}</a>' in html, url
        assert 'href="https://evil.example' not in html  # (the language switch keeps the query as a value)
