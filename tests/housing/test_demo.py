"""init --demo's housing part: a Sthlm6000+-style programme, marked as example data, idempotent."""

from __future__ import annotations

import pytest

from kompetensbron.housing import services
from kompetensbron.housing.demo import create_demo_content
from kompetensbron.housing.models import HousingProject, Programme, QueueStatistic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]


def test_demo_programme_and_idempotence():
    first = create_demo_content(password="demo-pass-123")
    assert first.created["projekt"] == 13 and first.users == ["bostad@demo.invalid", "region@demo.invalid"]
    programme = Programme.objects.get(name="Sthlm6000+ (exempel)")
    assert programme.is_demo and programme.target_value == 6000
    progress = services.programme_progress(programme)
    assert progress.is_demo
    assert progress.baseline_stock == 12_000
    completed_2017 = next(y.completed for y in progress.years if y.year == 2017)
    assert completed_2017 == 4_500  # "about 4,500 built 2013–2017"
    assert len(progress.kommuner) == 26
    assert 10 <= len(progress.kommuner_without_student_homes) <= 13
    assert all(p.name.endswith("(exempel)") and p.is_demo for p in HousingProject.objects.all())
    assert QueueStatistic.objects.filter(is_demo=True).count() == 7
    again = create_demo_content(password="demo-pass-123")
    assert not any(again.created.values())
    assert HousingProject.objects.count() == 13
