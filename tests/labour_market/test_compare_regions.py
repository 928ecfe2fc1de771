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


def test_population_figures_say_their_date(stats_var, use_var, client) -> None:
    """The population is SCB's of a known day (län 2018-03-31, kommuner 2016-12-31): every population
    and per-capita figure of the comparison says it (issue 14: every figure shows the date of its data)."""
    use_var(stats_var)
    assert compare_regions("lan", "23", "22").population_date == "2018-03-31"
    fa = compare_regions("fa", "12", "13")
    assert fa.population_date == "2016-12-31"  # FA-regions sum their kommuner
    html = client.get("/efterfragan/jamfor/?level=lan&a=23&b=22").content.decode()
    facts = html.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
    assert facts.count("invånare (2018-03-31)") == 2
    assert "Per 10 000 invånare (folkmängd 2018-03-31), Jämtlands län" in html
    assert "Folkmängd: SCB (referensdata), per 2018-03-31" in html
    # SCB renews the population every year (the registry's interval): a 2018 figure is flagged old
    assert fa.population_old and 'population-date data-old"' in html and "(gammal data:" in html
    csv = client.get("/efterfragan/jamfor/?level=kommun&a=2380&b=2281&format=csv").content.decode("utf-8-sig")
    assert "(folkmängd 2016-12-31)" in csv.splitlines()[0]
    english = client.get("/efterfragan/jamfor/?level=lan&a=23&b=22", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "inhabitants (2018-03-31)" in english and "Per 10,000 inhabitants (population 2018-03-31)" in english
    assert services.occupation_demand("2221").statistics.population_date == "2018-03-31"
    page = client.get("/efterfragan/yrke/2221/").content.decode()
    assert "Annonser per 10 000 invånare (folkmängd 2018-03-31)" in page and "Folkmängd 2018-03-31" in page
