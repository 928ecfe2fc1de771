"""Issue 14: the queue statistics (a time series per housing company) as CSV and Excel equal the
tables shown, in both languages."""

from __future__ import annotations

import pytest

from kompetensbron.housing import services
from kompetensbron.housing.schemas import QueueStatisticIn
from tests.web.table_exports import assert_exports_equal_tables

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["sv", "en"])
def test_queue_tables_downloads(client, world, language):
    for year, days in ((2022, 1200), (2023, 1350), (2024, 1460)):
        services.set_queue_statistic(
            actor=world.company_coordinator,
            data=QueueStatisticIn(
                organisation_id=world.company.pk,
                year=year,
                home_type="studio",
                people_in_queue=104_000 + year,
                median_wait_days=days,
                source="=årsredovisning",
            ),
        )
    url = "/studentbostader/kostatistik/"
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 1
    csv = client.get(url + "?format=csv&table=ko-1").content.decode("utf-8-sig")
    assert "2024" in csv and "106024" in csv and "'=årsredovisning" in csv  # a formula-looking text stays text


@pytest.mark.parametrize("language", ["sv", "en"])
def test_simulator_scenarios_downloads(client, language):
    """Two scenarios side by side (kept in the session): both tables as CSV and Excel."""
    url = "/studentbostader/simulator/"
    assert 'data-export-key="sida-vid-sida"' not in client.get(url).content.decode()  # no scenario, no table
    base = {"rules": "sgs", "homes": 60, "arrivals_per_year": 70, "years": 1, "seed": 1}
    for label, penalty in (
        ("Som idag", {}),
        ("=Nej kostar", {"decline_penalty_kind": "reset", "decline_penalty_after": 1}),
    ):
        assert client.post(url + "kor/", {**base, "label": label, **penalty}).status_code == 302
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert html.count("<table") == html.count("<table data-export-key=") == 2
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 2
    csv = client.get(url + "?format=csv&table=sida-vid-sida", HTTP_ACCEPT_LANGUAGE=language).content.decode("utf-8-sig")
    assert csv.splitlines()[0].endswith(",Som idag,'=Nej kostar")  # a formula-looking label stays text
    assert "sgs-ändrad" in client.get(url + "?format=csv&table=scenarier").content.decode("utf-8-sig")
