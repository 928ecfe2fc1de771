"""Top occupations of an FA-region once ads are ingested (issue 8, item 6: it answered 500)."""

from __future__ import annotations

import pytest

from kompetensbron.reference import models as ref

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

API = "/api/v1/demand"


def test_fa_region_top_occupations_count_the_ads_of_its_kommuner(client, ads_var, use_var) -> None:
    use_var(ads_var)
    fa = ref.Kommun.objects.get(code="0180").fa_region  # Stockholm: toy ads in 0180 and 0126
    kommuner = list(fa.kommuner.values_list("code", flat=True))
    expected_total = 0
    expected: dict[str, int] = {}
    for kommun in kommuner:
        block = client.get(f"{API}/regions/kommun/{kommun}/top-occupations?limit=100").json()["ads"]
        if block:
            expected_total += block["total_ads"]
            for r in block["rows"]:
                expected[r["ssyk"]] = expected.get(r["ssyk"], 0) + r["ads"]
    assert expected_total >= 3

    response = client.get(f"{API}/regions/fa/{fa.code}/top-occupations?limit=100")
    assert response.status_code == 200
    ads = response.json()["ads"]
    assert ads["total_ads"] == expected_total
    assert {r["ssyk"]: r["ads"] for r in ads["rows"]} == expected
    assert "kommuner of FA-region" in ads["provenance"]["method"]
    assert client.get(f"/efterfragan/region/fa/{fa.code}/").status_code == 200
