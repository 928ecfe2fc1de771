""" "Which programmes lead here" on the occupation page and as JSON: confirmed/manual links first,
then suggestions; rejected links never shown; the page and the JSON carry the same list."""

from __future__ import annotations

import re

import pytest

from kompetensbron.education import leading
from kompetensbron.education.links import confirm_link, reject_link, suggest_link
from kompetensbron.education.models import Course, Programme
from kompetensbron.reference.services import get_occupation
from tests.web.table_exports import assert_exports_equal_tables

pytestmark = pytest.mark.django_db

API = "/api/v1/education/occupations"


@pytest.fixture
def links(programme, staff, miun):
    """EX-SSK → 2221: confirmed official link and rejected skill-overlap link; a second programme
    with only a rejected link; a course with a suggested link."""
    official, _ = suggest_link(programme=programme, ssyk="2221", provenance="official_ssyk_sun", score=1.0, rank=1)
    confirm_link(actor=staff, link=official, reason="SUN 723a")
    overlap, _ = suggest_link(programme=programme, ssyk="2221", provenance="skill_overlap", score=0.37, rank=2)
    reject_link(actor=staff, link=overlap, reason="dubblett")
    other = Programme.objects.create(
        institution=miun, code="EX-AVV", name="Avvisat program (exempel)", kommun_id="2281"
    )
    rejected, _ = suggest_link(programme=other, ssyk="2221", provenance="skill_overlap", score=0.9, rank=1)
    reject_link(actor=staff, link=rejected, reason="fel yrke")
    course = Course.objects.get(institution=miun, code="OM083G")
    suggest_link(course=course, ssyk="2221", provenance="skill_overlap", score=0.55, rank=1)
    return programme, other, course


def test_confirmed_first_rejected_left_out(links) -> None:
    programme, other, course = links
    result = leading.programmes_leading_to("2221")
    assert result.ssyk.code == "2221"
    assert [i.programme_id for i in result.confirmed.items] == [programme.pk]
    item = result.confirmed.items[0]
    assert [(x.provenance, x.status) for x in item.links] == [("official_ssyk_sun", "confirmed")]
    assert item.url == f"/utbildning/program/{programme.pk}/"
    assert [(i.kind, i.course_code) for i in result.suggested.items] == [("course", "OM083G")]
    assert result.suggested.items[0].url.startswith("/utbildning/kurser/OM083G/")
    assert other.pk not in {i.programme_id for g in (result.confirmed, result.suggested) for i in g.items}
    official_sun = [s.code for s in get_occupation("2221").sun_fields]  # as the page shows them
    assert [s.code for s in result.sun_fields] == official_sun


def test_page_shows_confirmed_not_rejected_and_json_equals_page(client, links) -> None:
    programme, other, course = links
    response = client.get("/yrken/2221/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="programmes-leading-here"' in html
    section = html[html.index('id="programmes-leading-here"') :]
    assert f'href="/utbildning/program/{programme.pk}/"' in section and programme.name in section
    assert "Avvisat program" not in section and f"/utbildning/program/{other.pk}/" not in section
    assert "avvisad" not in section.split("</section>")[0]
    assert section.index("leading-confirmed") < section.index("leading-suggested")
    assert "officiell SSYK–SUN-nyckel" in section and "1,00" in section and "0,55" in section  # sv decimal comma
    assert "/utbildning/kurser/OM083G/" in section

    page = response.context["page"].leading
    data = client.get(f"{API}/2221/programmes").json()
    assert data == page.model_dump(mode="json")
    shown = re.findall(r'href="(/utbildning/(?:program|kurser)/[^"]+)"', section.split("</section>")[0])
    assert shown == [i["url"] for g in ("confirmed", "suggested") for i in data[g]["items"]]
    for language in ("sv", "en"):  # issue 14: the two groups and the sources as CSV and Excel
        assert assert_exports_equal_tables(client, "/yrken/2221/", HTTP_ACCEPT_LANGUAGE=language) == 3


def test_unknown_or_non_leaf_ssyk_is_404_json(client, db) -> None:
    for code in ("0000", "222"):
        response = client.get(f"{API}/{code}/programmes")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json") and response.json()["detail"]


def test_page_without_links_says_so(client, db) -> None:
    html = client.get("/yrken/2512/").content.decode()
    assert "Inga program eller kurser är kopplade till gruppen ännu." in html
    assert client.get("/yrken/25/").status_code == 200  # no section above level 4
