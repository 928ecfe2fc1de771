"""Occupation and region services on the real snapshot."""

import pytest

from kompetensbron.errors import UnknownConcept
from kompetensbron.reference import services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]


@pytest.mark.parametrize("query", ["sjukskoterska", "Sjuksköterskor", "SJUKSKÖTERSKAN", "sjukskoterskorna"])
def test_search_is_diacritic_and_inflection_insensitive(query):
    result = services.search_occupations(query)
    assert result.results[0].code == "2221"
    assert result.results[0].label == "Grundutbildade sjuksköterskor"
    assert all(h.level == 4 for h in result.results)
    assert {h.code for h in result.results} >= {"2221", "2232", "2235"}


def test_search_by_code_and_by_occupation_name():
    assert services.search_occupations("2512").results[0].code == "2512"
    hit = services.search_occupations("mjukvaruutvecklare").results[0]
    assert hit.code == "2512"


def test_search_other_levels_and_empty_query():
    assert services.search_occupations("sjukvård", level=2).results[0].level == 2
    first = services.search_occupations("", limit=5)
    assert len(first.results) == 5 and first.count > 5  # the count is of all groups, not of the page


def test_get_occupation_has_hierarchy_names_isco_sun():
    detail = services.get_occupation("2142")
    assert [p.code for p in detail.parents] == ["2", "21", "214"]
    assert detail.occupation_names and detail.isco
    assert "582a" in [s.code for s in detail.sun_fields]
    assert detail.sources and all(s.version for s in detail.sources)


def test_unknown_codes_raise_typed_errors():
    with pytest.raises(UnknownConcept):
        services.get_occupation("0000")
    with pytest.raises(UnknownConcept):
        services.get_kommun("9999")


def test_kommun_detail_has_lan_and_fa_region():
    harnosand = services.get_kommun("2280")
    assert harnosand.name == "Härnösand"
    assert harnosand.lan_code == "22"
    assert harnosand.fa_region_name
    assert "2280" in {k.code for k in harnosand.fa_region_kommuner}


def test_geojson_has_all_shapes():
    assert len(services.region_geojson("kommuner")["features"]) == 290
    assert len(services.region_geojson("lan")["features"]) == 21
    fa = services.region_geojson("fa")["features"]
    assert len(fa) == 60  # Tillväxtverket FA15
    sundsvall = next(f for f in fa if f["properties"]["code"] == "42")
    assert sundsvall["properties"]["kommuner"] == ["2260", "2262", "2280", "2281"]
    assert sundsvall["geometry"]["type"] in ("Polygon", "MultiPolygon")
