"""Model → Public schema: the one place that turns housing rows into typed results."""

from __future__ import annotations

from kompetensbron.samverkan.services.public import person

from ..models import (
    HousingProject,
    Programme,
    ProjectStatus,
    QueueStatistic,
    TargetKind,
)
from ..schemas import (
    ProgrammePublic,
    ProjectPublic,
    QueueStatisticPublic,
    StatusChangePublic,
)


def project(p: HousingProject, *, history: bool = False) -> ProjectPublic:
    kommun = p.kommun
    return ProjectPublic(
        id=p.pk,
        name=p.name,
        owner_id=p.owner_id,
        owner=p.owner.name,
        kommun_code=kommun.code,
        kommun_name=kommun.name,
        lan_code=kommun.lan_id,
        lan_name=kommun.lan.name,
        fa_region_code=kommun.fa_region_id,
        fa_region_name=kommun.fa_region.name if kommun.fa_region_id else None,
        homes=p.homes,
        home_type=p.home_type,
        home_type_label=str(p.get_home_type_display()),
        status=p.status,
        status_label=str(p.get_status_display()),
        status_date=p.status_date,
        expected_completion_year=p.expected_completion_year,
        actual_completion_year=p.actual_completion_year,
        description=p.description,
        is_demo=p.is_demo,
        history=[
            StatusChangePublic(
                from_status=c.from_status,
                to_status=c.to_status,
                to_status_label=str(ProjectStatus(c.to_status).label),
                date=c.date,
                note=c.note,
                actor=person(c.actor),
            )
            for c in p.status_changes.select_related("actor")
        ]
        if history
        else [],
    )


def target_homes(programme: Programme, baseline_stock: int | None) -> int | None:
    """The target as a number of new homes (a percent target needs the baseline stock)."""
    if programme.target_kind == TargetKind.ABSOLUTE:
        return programme.target_value
    if baseline_stock is None:
        return None
    return round(baseline_stock * programme.target_value / 100)


def programme(p: Programme, *, baseline_stock: int | None = None) -> ProgrammePublic:
    return ProgrammePublic(
        id=p.pk,
        name=p.name,
        owner_id=p.owner_id,
        owner=p.owner.name,
        lan_code=p.lan_id,
        lan_name=p.lan.name,
        baseline_year=p.baseline_year,
        target_year=p.target_year,
        target_kind=p.target_kind,
        target_value=p.target_value,
        target_homes=target_homes(p, baseline_stock),
        description=p.description,
        is_demo=p.is_demo,
    )


def queue_statistic(q: QueueStatistic) -> QueueStatisticPublic:
    return QueueStatisticPublic(
        organisation_id=q.organisation_id,
        organisation=q.organisation.name,
        year=q.year,
        home_type=q.home_type,
        home_type_label=str(q.get_home_type_display()),
        people_in_queue=q.people_in_queue,
        homes_offered=q.homes_offered,
        median_wait_days=q.median_wait_days,
        p90_wait_days=q.p90_wait_days,
        declines=q.declines,
        source=q.source.title,
        is_demo=q.is_demo,
    )
