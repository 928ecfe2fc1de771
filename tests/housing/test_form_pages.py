"""Every Studentbostäder form renders through includes/_form_fields.html (issue 14, one look): an
invalid POST answers 422 with the error summary, the required markers and the field's error."""

from __future__ import annotations

import pytest
from django.test import Client

from kompetensbron.housing import services
from kompetensbron.housing.schemas import ProgrammeCreate, ProjectCreate

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _assert_form_partial(resp, *, required: bool = True) -> None:
    html = resp.content.decode()
    assert resp.status_code == 422, resp.status_code
    assert 'class="error-summary"' in html and 'class="field-error"' in html
    assert ('class="required-marker"' in html) is required
    assert "The one rendering" not in html and "{#" not in html  # the partial's description is no output


def test_invalid_posts_show_the_error_summary_and_required_markers(world):
    programme = services.create_programme(
        actor=world.region_coordinator,
        data=ProgrammeCreate(
            name="Sthlm test",
            owner_id=world.region.pk,
            lan_code="01",
            baseline_year=2013,
            target_year=2017,
            target_value=6000,
        ),
    )
    project = services.create_project(
        actor=world.company_coordinator,
        data=ProjectCreate(
            name="Lärkan",
            owner_id=world.company.pk,
            kommun_code="0180",
            homes=200,
            home_type="studio",
            expected_completion_year=2016,
        ),
    )
    region = _client(world.region_coordinator)
    _assert_form_partial(region.post(f"/studentbostader/program/{programme.pk}/kommunmal/", {"target_homes": "-5"}))
    _assert_form_partial(region.post("/studentbostader/import/", {}))
    _assert_form_partial(region.post("/studentbostader/simulator/kor/", {"homes": "1"}))
    company = _client(world.company_coordinator)
    _assert_form_partial(company.post(f"/studentbostader/projekt/{project.pk}/status/", {"date": "inte ett datum"}))
