"""Site search (issue 14, item 1): one query over occupations, regions, programmes, courses,
activities, Matchning opportunities and housing projects; typed result, page, htmx and API."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from kompetensbron.search.schemas import SearchKind, SiteSearchResult
from kompetensbron.search.services import site_search

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _kinds(result: SiteSearchResult) -> set[SearchKind]:
    return {g.kind for g in result.groups}


def test_nurse_finds_the_occupation_group_first():
    result = site_search(query="sjuksköterska", actor=None)
    occupations = next(g for g in result.groups if g.kind == SearchKind.OCCUPATION)
    assert any(h.url.startswith("/yrken/2221") for h in occupations.hits[:3]), occupations.hits
    assert result.total >= occupations.count > 0


def test_region_found_by_name_without_diacritics_and_by_code():
    by_name = site_search(query="harnosand", actor=None)
    regions = next(g for g in by_name.groups if g.kind == SearchKind.REGION)
    assert regions.hits[0].title == "Härnösand" and regions.hits[0].url == "/regioner/kommun/2280/"
    by_code = site_search(query="22", actor=None)
    assert any(h.url == "/regioner/lan/22/" for g in by_code.groups for h in g.hits)


def test_toy_programme_course_and_housing_project_are_found():
    from kompetensbron.education.models import Course, Institution, Programme
    from kompetensbron.housing.models import HousingProject
    from kompetensbron.reference.models import Kommun
    from kompetensbron.samverkan.models import Organisation

    inst = Institution.objects.create(name="Toyuniversitetet")
    prog = Programme.objects.create(institution=inst, code="TOYP1", name="Toyprogrammet i zebrakunskap")
    course = Course.objects.create(institution=inst, code="TOY101", title="Zebrakunskap grundkurs", credits=7.5)
    owner = Organisation.objects.create(name="Toybostäder AB", kind="housing")
    project = HousingProject.objects.create(
        name="Zebrahuset", owner=owner, kommun=Kommun.objects.get(code="2281"), homes=10, home_type="corridor_room"
    )
    result = site_search(query="zebra", actor=None)
    urls = {h.url for g in result.groups for h in g.hits}
    assert f"/utbildning/program/{prog.pk}/" in urls
    assert f"/utbildning/kurser/{course.code}/" in urls
    assert f"/studentbostader/projekt/{project.pk}/" in urls
    assert SearchKind.OCCUPATION not in _kinds(result)


def test_activities_and_opportunities_only_for_who_may_read_them():
    anonymous = site_search(query="a", actor=None)
    assert not _kinds(anonymous) & {SearchKind.ACTIVITY, SearchKind.OPPORTUNITY}
    admin = get_user_model().objects.create_superuser("s-admin", "s@example.se", "pw-123456789-xyz")
    from kompetensbron.samverkan.demo import create_demo_content

    create_demo_content(password="Demo-lösenord-14")
    assert SearchKind.ACTIVITY in _kinds(site_search(query="a", actor=admin))


def test_blank_query_has_no_hits_and_limits_hold():
    assert site_search(query="   ", actor=None).total == 0
    many = site_search(query="a", actor=None, per_kind=10_000)
    assert all(len(g.hits) <= 50 for g in many.groups)


def test_page_fragment_and_api_share_the_result(client):
    page = client.get("/sok/", {"q": "sjuksköterska"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="/yrken/2221/"' in html and "Yrken (SSYK)" in html
    fragment = client.get("/sok/", {"q": "sjuksköterska"}, **HTMX)
    assert "<html" not in fragment.content.decode() and 'href="/yrken/2221/"' in fragment.content.decode()
    api = client.get("/api/v1/search", {"q": "sjuksköterska"}).json()
    assert api == page.context["page"].result.model_dump(mode="json")
    assert client.get("/api/v1/search", {"q": "x" * 1000}).status_code == 422


def test_every_page_carries_the_header_search(client):
    html = client.get("/yrken/").content.decode()
    assert 'action="/sok/"' in html and 'id="header-search-q"' in html
