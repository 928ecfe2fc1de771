"""Issue 14: the demand pages' tables as CSV and Excel equal the tables shown, in both languages;
ads per 10,000 inhabitants from SCB's population in the reference data."""

from __future__ import annotations

import pytest

from kompetensbron.labour_market import services
from kompetensbron.reference import models as ref
from tests.web.table_exports import assert_exports_equal_tables

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

TABLE_PAGES = [
    "/efterfragan/",
    "/efterfragan/?level=kommun",
    "/efterfragan/?ssyk=2221&level=fa",
    "/efterfragan/yrke/2221/",
    "/efterfragan/yrke/2221/?level=kommun",
    "/efterfragan/region/lan/22/",
    "/efterfragan/region/kommun/2281/",
]


@pytest.mark.parametrize("url", TABLE_PAGES)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_csv_and_excel_equal_the_table(client, stats_var, use_var, url, language) -> None:
    use_var(stats_var)
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) >= 1


def test_ads_per_10k_inhabitants(stats_var, use_var) -> None:
    use_var(stats_var)
    rows = {r.code: r for r in services.occupation_demand("2221").statistics.rows}
    jamtland = ref.Lan.objects.get(code="23")
    assert rows["23"].population == jamtland.population > 0
    assert rows["23"].ads_per_10k == round(rows["23"].ads * 10_000 / jamtland.population, 1)
    fa = {r.code: r for r in services.occupation_demand("2221", region_level="fa").statistics.rows}
    code, row = next(iter(fa.items()))
    people = sum(ref.Kommun.objects.filter(fa_region_id=code).values_list("population", flat=True))
    assert row.population == people


def test_unknown_table_or_format_is_404(client, stats_var, use_var) -> None:
    use_var(stats_var)
    assert client.get("/efterfragan/?format=csv&table=nope").status_code == 404
    assert client.get("/efterfragan/?format=exe&table=regioner").status_code == 404


def test_the_map_panel_offers_the_region_pages_downloads(client, stats_var, use_var) -> None:
    use_var(stats_var)
    fragment = client.get("/efterfragan/region/lan/22/", HTTP_HX_REQUEST="true").content.decode()
    assert 'href="/efterfragan/region/lan/22/?format=csv&amp;table=yrken-2024"' in fragment


@pytest.mark.parametrize("language", ["sv", "en"])
def test_ads_tables_of_an_occupation(client, ads_var, use_var, language) -> None:
    use_var(ads_var)
    url = "/efterfragan/yrke/2221/"
    html = client.get(url).content.decode()
    assert 'data-export-key="ar-mot-ar"' in html and 'data-export-key="kompetenser"' in html
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 3
