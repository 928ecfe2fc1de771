"""JSON routes of Studentbostäder under ``/api/v1/housing/``: thin wrappers over :mod:`.services`.

Reading is public (the register, the programmes' progress, queue statistics, the rule sets),
like the region's published reports. Changes and simulation runs need a session login
(anonymous → 401) and the CSRF token (403 otherwise); rights are checked by the services
(403), invalid input answers 422 and unknown ids 404 (mapped centrally in web/api.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import Field

from kompetensbron.web.api_responses import created, ok

from . import services
from .schemas import (
    KommunTargetIn,
    ProgrammeCreate,
    ProgrammeProgress,
    ProgrammePublic,
    ProgrammeUpdate,
    ProjectCreate,
    ProjectPublic,
    ProjectUpdate,
    QueueSeries,
    QueueStatisticIn,
    QueueStatisticPublic,
    StatusChangeIn,
)
from .simulation_runs import SimulationIn, run_simulation

router = Router(tags=["housing"])


# ------------------------------------------------------------------ projects


@router.get("/projects", response=list[ProjectPublic], summary="The student-housing project register")
def list_projects(
    request: HttpRequest,
    lan: str | None = None,
    kommun: str | None = None,
    status: str | None = None,
    limit: int = Query(500, ge=1, le=2000),
):
    return [services.public.project(p) for p in services.list_projects(lan=lan, kommun=kommun, status=status)[:limit]]


@router.get("/projects/{project_id}", response=ok(ProjectPublic), summary="One project with its status history")
def get_project(request: HttpRequest, project_id: int):
    return services.public.project(services.get_project(project_id), history=True)


@router.post(
    "/projects",
    response=created(ProjectPublic),
    auth=django_auth,
    summary="Register a project (the owner's coordinators)",
)
def create_project(request: HttpRequest, data: ProjectCreate):
    project = services.create_project(actor=request.auth, data=data)
    return Status(201, services.public.project(services.get_project(project.pk), history=True))


@router.patch(
    "/projects/{project_id}",
    response=ok(ProjectPublic),
    auth=django_auth,
    summary="Edit a project (the owner's coordinators)",
)
def update_project(request: HttpRequest, project_id: int, data: ProjectUpdate):
    project = services.update_project(actor=request.auth, project=services.get_project(project_id), data=data)
    return services.public.project(project, history=True)


@router.post(
    "/projects/{project_id}/status",
    response=ok(ProjectPublic),
    auth=django_auth,
    summary="Move a project to a later status or cancel it (the owner's coordinators)",
)
def change_status(request: HttpRequest, project_id: int, data: StatusChangeIn):
    project = services.change_status(actor=request.auth, project=services.get_project(project_id), data=data)
    return services.public.project(project, history=True)


# ------------------------------------------------------------------ programmes


@router.get("/programmes", response=list[ProgrammePublic], summary="Regional student-housing programmes")
def list_programmes(request: HttpRequest):
    return [services.public.programme(p) for p in services.list_programmes()]


@router.get(
    "/programmes/{programme_id}/progress",
    response=ok(ProgrammeProgress),
    summary="A programme's progress per year and kommun against its target",
)
def programme_progress(request: HttpRequest, programme_id: int):
    return services.programme_progress(services.get_programme(programme_id))


@router.post(
    "/programmes",
    response=created(ProgrammePublic),
    auth=django_auth,
    summary="Set up a programme (a region's coordinators)",
)
def create_programme(request: HttpRequest, data: ProgrammeCreate):
    programme = services.create_programme(actor=request.auth, data=data)
    return Status(201, services.public.programme(programme))


@router.patch(
    "/programmes/{programme_id}",
    response=ok(ProgrammePublic),
    auth=django_auth,
    summary="Edit a programme's target (the region's coordinators)",
)
def update_programme(request: HttpRequest, programme_id: int, data: ProgrammeUpdate):
    programme = services.update_programme(actor=request.auth, programme=services.get_programme(programme_id), data=data)
    return services.public.programme(programme)


class KommunTargetOut(Schema):
    kommun_code: str
    target_homes: int


@router.put(
    "/programmes/{programme_id}/kommun-targets",
    response=ok(KommunTargetOut),
    auth=django_auth,
    summary="Set a kommun's own target (0 removes it; the region's coordinators)",
)
def set_kommun_target(request: HttpRequest, programme_id: int, data: KommunTargetIn):
    services.set_kommun_target(actor=request.auth, programme=services.get_programme(programme_id), data=data)
    return KommunTargetOut(kommun_code=data.kommun_code, target_homes=data.target_homes)


# ------------------------------------------------------------------ queue statistics


@router.get(
    "/queue-statistics", response=list[QueueSeries], summary="Queue statistics per housing organisation by year"
)
def queue_statistics(request: HttpRequest, organisation_id: int | None = None):
    return services.queue_series(organisation_id=organisation_id)


@router.post(
    "/queue-statistics",
    response=ok(QueueStatisticPublic),
    auth=django_auth,
    summary="Enter one year's queue figures (the organisation's coordinators)",
)
def set_queue_statistic(request: HttpRequest, data: QueueStatisticIn):
    return services.public.queue_statistic(services.set_queue_statistic(actor=request.auth, data=data))


# ------------------------------------------------------------------ simulator


class RuleSetOut(Schema):
    name: str
    title: str
    description: str
    rules: dict[str, Any]


@router.get(
    "/simulator/rules", response=list[RuleSetOut], summary="The built-in queue rule sets (data a run can change)"
)
def simulator_rules(request: HttpRequest):
    from .simulator import BUILT_IN_RULES

    return [
        RuleSetOut(name=r.name, title=_(r.title), description=_(r.description), rules=r.to_dict())
        for r in BUILT_IN_RULES.values()
    ]


class SimulationOut(Schema):
    result: dict[str, Any] = Field(
        description="median_wait_days, p90_wait_days, shares housed, offers, declines, by_type, …"
    )


@router.post(
    "/simulator/run",
    response=ok(SimulationOut),
    auth=django_auth,
    summary="Run one bounded queue simulation (logged-in users)",
)
def simulator_run(request: HttpRequest, data: SimulationIn):
    return SimulationOut(result=run_simulation(data).to_dict())
