"""Aggregates (groups under 5 suppressed) and indicator values from placements."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from kompetensbron.errors import ValidationFailed
from kompetensbron.matchning.aggregates import MIN_GROUP, aggregates, indicator_value
from kompetensbron.matchning.models import Opportunity, Outcome, Placement, StudentProfile
from tests.web.table_exports import assert_exports_equal_tables


def _placements(w, n: int, *, rank=1, days=10, hired=False):
    opp = w.published(capacity=max(n, 1) + 2, title=f"Plats {n}")
    profile = StudentProfile.objects.get(user=w.student)
    rows = []
    for i in range(n):
        p = Placement.objects.create(
            opportunity=opp,
            student=profile if i == 0 else None,
            university=w.uni,
            source="round",
            choice_rank=rank + (i % 4),
            days_to_match=days + i,
        )
        Outcome.objects.create(placement=p, hired=hired and i < 2, stayed_region_1y=i % 2 == 0)
        rows.append(p)
    return opp, rows


def test_groups_under_five_are_suppressed(mworld):
    _placements(mworld, MIN_GROUP - 1)
    result = aggregates(dimension="employer")
    row = next(r for r in result.rows if r.label == "Test AB")
    assert row.suppressed and row.people is None and row.fill_rate is None and row.hires is None


def test_figures_of_a_group_of_six(mworld):
    opp, rows = _placements(mworld, 6, rank=1, days=10, hired=True)
    year = timezone.localtime(rows[0].matched_at).year
    result = aggregates(year=year)
    by = {(r.dimension, r.label): r for r in result.rows}
    total = by[("total", "Alla")]
    assert not total.suppressed and total.people == 6
    assert total.fill_rate == pytest.approx(6 / 8, abs=1e-4)  # capacity 8
    assert total.top3_share == pytest.approx(5 / 6, abs=1e-4)  # ranks 1,2,3,4,1,2
    assert total.median_days_to_match == 12.5
    assert total.hires == 2
    assert total.stayed_region_share == pytest.approx(0.5)
    assert by[("university", "Testuniversitetet")].people == 6
    assert by[("kommun", "Sundsvall")].people == 6
    assert aggregates(year=year + 1).rows == []
    with pytest.raises(ValidationFailed):
        aggregates(dimension="shoe size")


def test_indicator_values(mworld):
    opp, rows = _placements(mworld, 3, hired=True)
    year = timezone.localtime(rows[0].matched_at).year
    assert indicator_value("placements", mworld.employer, year) == Decimal(3)
    assert indicator_value("placements", mworld.uni, year) == Decimal(3)
    assert indicator_value("placements", mworld.other_employer, year) == Decimal(0)
    assert indicator_value("degree_projects_local", mworld.uni, year) == Decimal(3)  # Sundsvall, same län
    assert indicator_value("hires", mworld.employer, year) == Decimal(2)
    assert indicator_value("fill_rate", mworld.employer, year) == Decimal("60.0")  # 3 of 5
    assert indicator_value("fill_rate", mworld.other_employer, year) is None
    assert indicator_value("placements", mworld.employer, year - 1) == Decimal(0)
    with pytest.raises(ValidationFailed):
        indicator_value("nonsense", mworld.employer, year)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_statistics_page_tables_as_csv_and_excel(mworld, client, language):
    """Issue 14: the outcomes (with a suppressed group) and the indicators download as shown."""
    _placements(mworld, 6, hired=True)
    client.force_login(mworld.employer_member)
    url = "/matchning/statistik/"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-export-key="utfall"' in html and 'data-export-key="indikatorer"' in html
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 2


def test_statistics_page_names_its_groupings_in_the_page_language(mworld, client):
    """Issue 14, item 5: the grouping column speaks the page's language (not the API's keys
    ``total``/``university``) and the whole-platform group is "All" in English."""
    _placements(mworld, 6, hired=True)
    client.force_login(mworld.employer_member)
    english = client.get("/matchning/statistik/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>total</td>" not in english and "<td>university</td>" not in english
    assert "<td>Alla</td>" not in english and "<td>All</td>" in english and "<td>Host</td>" in english
    swedish = client.get("/matchning/statistik/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "<td>Alla</td>" in swedish and "<td>Lärosäte</td>" in swedish and "<td>Värd</td>" in swedish


def test_statistics_page_names_indicators_in_english_and_right_aligns_the_placed_count(mworld, client):
    """Issue 14 (review 19): the indicator names in the page's language; "Placerade" is a number
    column (right-aligned, grouped), a suppressed group's figures left empty."""
    _placements(mworld, 6, hired=True)
    few, _ = _placements(mworld, MIN_GROUP - 1)
    Opportunity.objects.filter(pk=few.pk).update(host=mworld.other_employer)  # a group of 4: suppressed
    client.force_login(mworld.employer_member)
    html = client.get("/matchning/statistik/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hired by the host after a placement" in html
    assert "Anställda av värden" not in html and "Placeringar (alla typer)" not in html
    year = timezone.localtime(timezone.now()).year
    assert f'<td class="code">{year}</td><td class="num">10</td>' in html  # all placements: 6 + 4
    # the suppressed group keeps its note beside its name, its figures' cells hold no text
    assert "(fewer than 5 placements, not shown)</td>" in html and "<td>fewer than" not in html
