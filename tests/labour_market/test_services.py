"""Demand services on the real 2024 statistics (expected values read from the files)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from kompetensbron.errors import UnknownConcept
from kompetensbron.labour_market import services
from kompetensbron.reference import models as ref

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

LAN_FILE = "ssyk_id_region_annonser_2024.json"
KOMMUN_FILE = "ssyk_region_kommun_annonser_2024.json"


def _group_id(ssyk: str) -> str:
    return ref.SsykGroup.objects.get(code=ssyk).concept_id


def test_2024_count_per_lan_equals_the_statistics_file(stats_var, use_var, statistics_file) -> None:
    use_var(stats_var)
    per_area = statistics_file(LAN_FILE)[_group_id("2221")]
    result = services.occupation_demand("2221", region_level="lan")
    rows = {r.code: r.ads for r in result.statistics.rows}
    for lan in ref.Lan.objects.all():
        assert rows[lan.code] == per_area.get(lan.concept_id, 0), lan.name
    assert rows["01"] > 0
    assert result.statistics.country_total == per_area["i46j_HmG_v64"]  # Sweden
    assert result.statistics.provenance.period == "2024"
    assert LAN_FILE in result.statistics.provenance.source


def test_fa_region_is_the_sum_over_its_kommuner(stats_var, use_var, statistics_file) -> None:
    use_var(stats_var)
    per_area = statistics_file(KOMMUN_FILE)[_group_id("2221")]
    result = services.occupation_demand("2221", region_level="fa")
    rows = {r.code: r.ads for r in result.statistics.rows}
    assert set(rows) == set(ref.FaRegion.objects.values_list("code", flat=True))
    for fa in ref.FaRegion.objects.all():
        expected = sum(per_area.get(k.concept_id, 0) for k in fa.kommuner.all())
        assert rows[fa.code] == expected, fa.name
    assert "FA-region = summan av dess kommuner" in result.statistics.provenance.method
    with translation.override("en"):
        shown = Template("{% load label_texts %}{{ m|source_text }}").render(
            Context({"m": result.statistics.provenance.method})
        )
    assert "FA region = sum over its municipalities" in shown and "summan" not in shown


def test_salary_and_barometer_name_their_sources(stats_var, use_var, statistics_file) -> None:
    use_var(stats_var)
    result = services.occupation_demand("2221")
    p10, avg, p90 = (int(v) for v in statistics_file("ssyk_salary.json")["2221"])
    assert (result.salary.p10, result.salary.average, result.salary.p90) == (p10, avg, p90)
    assert "ssyk_salary.json" in result.salary.provenance.source
    assert result.barometer.linked is False and result.barometer.provenance.table == "stat_barometer"
    assert result.trend is None and result.skills.message == services.NO_ADS
    assert result.status.has_statistics and not result.status.has_ads
    assert services.INGEST_ADS_COMMAND in result.status.commands


def test_region_top_occupations_of_a_lan_and_a_fa_region(stats_var, use_var, statistics_file) -> None:
    use_var(stats_var)
    lan_file = statistics_file(LAN_FILE)
    stockholm = ref.Lan.objects.get(code="01").concept_id
    top = services.region_top_occupations("lan", "01", limit=5)
    assert top.name == "Stockholms län"
    assert top.statistics.total_ads == sum(areas.get(stockholm, 0) for areas in lan_file.values())
    first = top.statistics.rows[0]
    assert first.ads == max(areas.get(stockholm, 0) for areas in lan_file.values())
    assert first.share == round(first.ads / top.statistics.total_ads, 4)

    kommun_file = statistics_file(KOMMUN_FILE)
    fa = ref.FaRegion.objects.order_by("code").first()
    ids = {k.concept_id for k in fa.kommuner.all()}
    fa_top = services.region_top_occupations("fa", fa.code)
    assert fa_top.statistics.total_ads == sum(n for areas in kommun_file.values() for a, n in areas.items() if a in ids)


def test_all_occupations_map_sums_every_group(stats_var, use_var, statistics_file) -> None:
    use_var(stats_var)
    stockholm = ref.Lan.objects.get(code="01").concept_id
    result = services.demand_map(region_level="lan")
    rows = {r.code: r.ads for r in result.statistics.rows}
    assert rows["01"] == sum(areas.get(stockholm, 0) for areas in statistics_file(LAN_FILE).values())
    assert result.statistics.country_total == 697_030


def test_unknown_codes_raise_unknown_concept(stats_var, use_var) -> None:
    use_var(stats_var)
    with pytest.raises(UnknownConcept):
        services.occupation_demand("9999")
    with pytest.raises(UnknownConcept):
        services.occupation_demand("22")  # not a level-4 group
    with pytest.raises(UnknownConcept):
        services.region_top_occupations("lan", "99")
    with pytest.raises(UnknownConcept):
        services.region_top_occupations("planet", "01")


def test_empty_warehouse_is_no_error(tmp_path, use_var) -> None:
    use_var(tmp_path / "var")
    result = services.occupation_demand("2221")
    assert result.statistics is None and result.salary is None and result.trend is None
    assert result.status.commands == [services.IMPORT_STATISTICS_COMMAND, services.INGEST_ADS_COMMAND]
    assert "kompetensbron import-statistics" in result.status.message
    assert services.region_top_occupations("kommun", "0180").statistics is None


def test_ingested_ads_give_trend_year_on_year_and_skills(ads_var, use_var) -> None:
    use_var(ads_var)
    result = services.occupation_demand("2221")
    assert result.status.has_ads and result.status.has_enriched_ads
    assert sum(p.ads for p in result.trend.points) == 4
    assert result.year_on_year.year == 2024
    assert {(r.code, r.ads, r.ads_prev) for r in result.year_on_year.rows} == {("01", 0, 1), ("03", 1, 0), ("22", 1, 0)}
    skills = services.occupation_skills("2221")
    assert [(s.skill_id, s.ads) for s in skills.rows] == [("jCsR_WQX_CKD", 4)]
    assert skills.rows[0].label.startswith("Java")
    assert skills.message is None
    ads_top = services.region_top_occupations("lan", "01").ads
    assert {r.ssyk for r in ads_top.rows} == {"2221", "2512"}
    assert ads_top.provenance.table == "ads"


def test_no_enriched_ads_is_said_honestly(ads_var, use_var) -> None:
    use_var(ads_var)
    unenriched = services.occupation_skills("1210")  # one ad, the hook named no skill
    assert (unenriched.total_ads, unenriched.ads_with_skills, unenriched.rows) == (1, 0, [])
    assert unenriched.message == services.NO_ENRICHED_ADS
