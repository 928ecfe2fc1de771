"""Issue 14, item 5: a service's refusal reads in the request's language, on a page and in the API.

The services raise ``NotFound``/``PermissionDenied`` with a message translated when it is raised,
so an English request (``Accept-Language: en``) gets the English text, a Swedish one the Swedish.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.schemas_meetings import MeetingCreate

from .meeting_fixtures import council

MISSING = 987654


@pytest.fixture
def meeting(world):
    body = council(world, (world.coordinator, world.kommun), (world.sg_member, world.uni))
    return services.meetings.create_meeting(
        actor=world.coordinator, body=body, data=MeetingCreate(date=dt.date(2025, 3, 12))
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "expected", "other"),
    [("en", f"Unknown meeting: {MISSING}", "Okänt möte"), ("sv", f"Okänt möte: {MISSING}", "Unknown meeting")],
)
def test_not_found_in_the_api_and_on_the_page_speaks_the_request_language(world, language, expected, other):
    client = _client(world.coordinator)
    api = client.get(f"/api/v1/samverkan/meetings/{MISSING}", HTTP_ACCEPT_LANGUAGE=language)
    assert api.status_code == 404
    assert api.json()["detail"] == expected
    page = client.get(f"/samverkan/moten/{MISSING}/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 404
    html = page.content.decode()
    assert expected in html and other not in html


@pytest.mark.parametrize(
    ("language", "expected", "other"),
    [
        ("en", "Only the body's members and chair may enter details of its meetings.", "Endast organets"),
        ("sv", "Endast organets ledamöter och ordförande får föra in uppgifter om dess möten.", "Only the body"),
    ],
)
def test_permission_denied_in_the_api_speaks_the_request_language(world, meeting, language, expected, other):
    client = _client(world.outsider)
    response = client.post(
        f"/api/v1/samverkan/meetings/{meeting.pk}/ideas",
        {"title": "Idé"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 403
    assert response.json()["detail"] == expected
    assert other not in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Only the body's members and chair may enter details of its meetings."),
        ("sv", "Endast organets ledamöter och ordförande får föra in uppgifter om dess möten."),
    ],
)
def test_permission_denied_on_a_page_speaks_the_request_language(world, meeting, language, expected):
    client = _client(world.wg_member)  # sees the council's meetings (a party's member), is not in it
    response = client.post(
        f"/samverkan/organ/{meeting.body_id}/moten/",
        {"date": "2025-04-01", "title": "Extra"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 403
    assert expected.replace("'", "&#x27;") in response.content.decode()


def test_a_validation_message_of_the_api_speaks_the_request_language(world, meeting):
    client = _client(world.coordinator)
    url = f"/api/v1/samverkan/meetings/{meeting.pk}/attendees"
    english = client.post(url, {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    swedish = client.post(url, {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="sv")
    assert english.status_code == swedish.status_code == 422
    assert english.json()["errors"]["name"] == "Give a user or a name."
    assert swedish.json()["errors"]["name"] == "Ange en användare eller ett namn."
