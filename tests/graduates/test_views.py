"""The graduate import-log page speaks to its reader: the operator command only to staff
(issue 14, "operator commands shown to end users"), a plain sentence in both languages."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
URL = "/utexaminerade/importer/"
COMMAND = "kompetensbron import-graduates"


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("sv", "Examensstatistik som lästs in från UKÄ:s statistikdatabas"),
        ("en", "Graduate statistics read from UKÄ's statistics database"),
    ],
)
def test_the_command_only_for_staff(client, language, sentence) -> None:
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert sentence in html and COMMAND not in html
    staff = get_user_model().objects.create_user(username="drift", password="pw-test-123", is_staff=True)
    client.force_login(staff)
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert sentence in html and COMMAND in html
    assert ("För administratörer:" if language == "sv" else "For administrators:") in html
