"""Housing services: every accepted change leaves one audit entry; a refused one writes nothing."""

from __future__ import annotations

import pytest

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.housing import services
from kompetensbron.housing.models import KommunTarget, QueueStatistic
from kompetensbron.housing.schemas import KommunTargetIn, ProgrammeCreate, ProgrammeUpdate, QueueStatisticIn
from kompetensbron.samverkan.models import AuditEntry

pytestmark = pytest.mark.django_db


def _programme(world):
    return services.create_programme(
        actor=world.region_coordinator,
        data=ProgrammeCreate(
            name="P", owner_id=world.region.pk, lan_code="01", baseline_year=2013, target_year=2017, target_value=6000
        ),
    )


def test_programme_changes_are_audited(world):
    programme = _programme(world)
    services.update_programme(
        actor=world.region_coordinator, programme=programme, data=ProgrammeUpdate(target_value=6500)
    )
    services.set_kommun_target(
        actor=world.region_coordinator, programme=programme, data=KommunTargetIn(kommun_code="0184", target_homes=800)
    )
    services.set_kommun_target(
        actor=world.region_coordinator, programme=programme, data=KommunTargetIn(kommun_code="0184", target_homes=0)
    )
    actions = list(AuditEntry.objects.order_by("pk").values_list("model", "action"))
    assert actions == [
        ("housing.programme", "create"),
        ("housing.programme", "update"),
        ("housing.kommuntarget", "create"),
        ("housing.kommuntarget", "delete"),
    ]
    assert not KommunTarget.objects.exists()


def test_refused_changes_write_nothing(world):
    programme = _programme(world)
    count = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        services.update_programme(
            actor=world.company_coordinator, programme=programme, data=ProgrammeUpdate(target_value=1)
        )
    with pytest.raises(PermissionDenied):
        services.set_queue_statistic(
            actor=world.region_coordinator, data=QueueStatisticIn(organisation_id=world.company.pk, year=2018)
        )
    with pytest.raises(ValidationFailed):
        services.update_programme(
            actor=world.region_coordinator,
            programme=programme,
            data=ProgrammeUpdate(target_kind="percent", target_value=5000),
        )
    assert AuditEntry.objects.count() == count
    programme.refresh_from_db()
    assert programme.target_value == 6000


def test_percent_target_uses_the_baseline_stock(world):
    from kompetensbron.housing.models import HousingSource, StockFigure

    source = HousingSource.objects.create(kind="form", title="t")
    StockFigure.objects.create(kommun_id="0180", year=2012, homes=10_000, source=source)
    StockFigure.objects.create(
        kommun_id="0184", year=2013, homes=2_000, source=source
    )  # no 2012 figure: the start year's
    programme = services.create_programme(
        actor=world.region_coordinator,
        data=ProgrammeCreate(
            name="Procent",
            owner_id=world.region.pk,
            lan_code="01",
            baseline_year=2013,
            target_year=2017,
            target_kind="percent",
            target_value=50,
        ),
    )
    progress = services.programme_progress(programme)
    assert progress.baseline_stock == 12_000 and progress.programme.target_homes == 6_000
    assert progress.years[-1].target == 6_000 and progress.years[0].target == 1_200
    assert (
        "Stockholm" not in progress.kommuner_without_student_homes
        and len(progress.kommuner_without_student_homes) == 24
    )


def test_queue_statistic_is_audited_and_updated_in_place(world):
    data = QueueStatisticIn(organisation_id=world.company.pk, year=2018, home_type="studio", median_wait_days=900)
    services.set_queue_statistic(actor=world.company_coordinator, data=data)
    services.set_queue_statistic(
        actor=world.company_coordinator, data=data.model_copy(update={"median_wait_days": 950})
    )
    assert QueueStatistic.objects.get().median_wait_days == 950
    assert list(
        AuditEntry.objects.filter(model="housing.queuestatistic").order_by("pk").values_list("action", flat=True)
    ) == ["create", "update"]
