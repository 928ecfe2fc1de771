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
