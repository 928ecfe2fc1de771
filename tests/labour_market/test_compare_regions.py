"""Region against region (issue 14): the comparison's figures are the regions' own counts, per
10,000 inhabitants from SCB's population, its table downloads equal the page, bad input is refused."""

from __future__ import annotations

import pytest

from kompetensbron.errors import UnknownConcept, ValidationFailed
from kompetensbron.labour_market import services
from kompetensbron.labour_market.comparison import compare_regions
from kompetensbron.reference import models as ref
from tests.web.table_exports import assert_exports_equal_tables

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]


def test_two_lan_side_by_side(stats_var, use_var) -> None:
    use_var(stats_var)
    c = compare_regions("lan", "23", "22", limit=5)
    assert c.available and c.a.name == "Jämtlands län" and c.b.name == "Västernorrlands län"
    nursing = next(r for r in c.rows if r.ssyk == "2221")
    per_lan = {r.code: r.ads for r in services.occupation_demand("2221").statistics.rows}
    assert nursing.ads_a == per_lan["23"] and nursing.ads_b == per_lan["22"]
    population = ref.Lan.objects.get(code="23").population
    assert nursing.per_10k_a == round(per_lan["23"] * 10_000 / population, 1)
    top_a = services.region_top_occupations("lan", "23", limit=5).statistics
    assert {r.ssyk for r in top_a.rows} <= {r.ssyk for r in c.rows}  # each region's top is there
    assert c.a.total_ads == top_a.total_ads and 5 <= len(c.rows) <= 10


def test_same_or_unknown_region_is_refused(stats_var, use_var, client) -> None:
    use_var(stats_var)
    with pytest.raises(ValidationFailed):
        compare_regions("lan", "23", "23")
    with pytest.raises(UnknownConcept):
        compare_regions("lan", "23", "99")
    assert client.get("/efterfragan/jamfor/?level=lan&a=23&b=23").status_code == 422
    assert client.get("/efterfragan/jamfor/?level=lan&a=23&b=99").status_code == 404
    assert client.get("/efterfragan/jamfor/?level=nope").status_code == 200  # falls back to län, form only


@pytest.mark.parametrize("language", ["sv", "en"])
def test_page_and_downloads(stats_var, use_var, client, language) -> None:
    use_var(stats_var)
    url = "/efterfragan/jamfor/?level=lan&a=23&b=22"
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 1
    assert assert_exports_equal_tables(client, "/efterfragan/jamfor/?level=fa&a=12&b=13") == 1
    panel = client.get("/efterfragan/region/lan/23/").content.decode()
    assert "/efterfragan/jamfor/?level=lan&amp;a=23" in panel
