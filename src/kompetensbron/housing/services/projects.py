"""The project register: create, edit and move a student-housing project along its statuses.

Keyword-only functions that check the actor's right (:mod:`..permissions`), validate, write and
audit in one ``transaction.atomic`` — or raise and write nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.reference.models import Kommun
from kompetensbron.samverkan import validation as v
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.samverkan.models import Organisation

from ..models import (
    HousingProject,
    ProjectStatus,
    ProjectStatusChange,
    allowed_transitions,
)
from ..permissions import require
from ..schemas import ProjectCreate, ProjectUpdate, StatusChangeIn

__all__ = ["change_status", "create_project", "get_project", "kommun_or_error", "list_projects", "update_project"]

NOT_OWNER = gettext_noop("Endast ägarorganisationens samordnare får ändra projektet.")


def get_project(pk: int) -> HousingProject:
    try:
        return HousingProject.objects.select_related("owner", "kommun__lan", "kommun__fa_region").get(pk=pk)
    except HousingProject.DoesNotExist:
        raise NotFound(_("Okänt bostadsprojekt: %(pk)s") % {"pk": pk}) from None


def list_projects(
    *, lan: str | None = None, kommun: str | None = None, status: str | None = None, owner_id: int | None = None
) -> QuerySet[HousingProject]:
    """The public register, filtered; unknown filter values simply match nothing."""
    qs = HousingProject.objects.select_related("owner", "kommun__lan", "kommun__fa_region")
    if lan:
        qs = qs.filter(kommun__lan_id=lan)
    if kommun:
        qs = qs.filter(kommun_id=kommun)
    if status:
        qs = qs.filter(status=status)
    if owner_id:
        qs = qs.filter(owner_id=owner_id)
    return qs


def kommun_or_error(code: str | None, errors: dict[str, str], key: str = "kommun_code") -> Kommun | None:
    if not code:
        errors[key] = _(v.REQUIRED)
        return None
    found = Kommun.objects.select_related("lan").filter(pk=code.strip()).first()
    if found is None:
        errors[key] = _("Okänd kommunkod: %(code)s.") % {"code": code}
    return found


def _check_years(status: str, expected: int | None, actual: int | None, errors: dict[str, str]) -> None:
    if status == ProjectStatus.COMPLETED and actual is None:
        errors["actual_completion_year"] = _("Ett färdigställt projekt behöver sitt färdigställandeår.")
    if status != ProjectStatus.COMPLETED and actual is not None:
        errors["actual_completion_year"] = _("Bara färdigställda projekt har ett färdigställandeår.")


def create_project(*, actor, data: ProjectCreate, is_demo: bool = False, source=None) -> HousingProject:
    owner = Organisation.objects.filter(pk=data.owner_id).first()
    if owner is None:
        raise ValidationFailed(
            _("Uppgifterna kunde inte sparas."), {"owner_id": _(v.UNKNOWN_ORGANISATION) % {"ids": data.owner_id}}
        )
    require(
        actor, "add_housing_project", owner, _("Endast bostadsföretagets samordnare får registrera projekt åt det.")
    )
    errors = v.check_required(name=data.name)
    kommun = kommun_or_error(data.kommun_code, errors)
    _check_years(data.status, data.expected_completion_year, data.actual_completion_year, errors)
    if data.name.strip() and HousingProject.objects.filter(owner=owner, name__iexact=data.name.strip()).exists():
        errors["name"] = _("%(name)s har redan ett projekt som heter %(name2)s.") % {
            "name": owner.name,
            "name2": data.name.strip(),
        }
    v.raise_if(errors)
    status_date = data.status_date or timezone.localdate()
    with transaction.atomic():
        project = HousingProject.objects.create(
            name=data.name.strip(),
            owner=owner,
            kommun=kommun,
            homes=data.homes,
            home_type=data.home_type,
            status=data.status,
            status_date=status_date,
            expected_completion_year=data.expected_completion_year,
            actual_completion_year=data.actual_completion_year,
            description=data.description.strip(),
            is_demo=is_demo,
            source=source,
        )
        ProjectStatusChange.objects.create(
            project=project,
            from_status="",
            to_status=data.status,
            date=status_date,
            actor=_user(actor),
            note="Registrerat",
        )
        record(actor=actor, action="create", obj=project, after=snapshot(project))
    return project


def update_project(*, actor, project: HousingProject, data: ProjectUpdate) -> HousingProject:
    require(actor, "change_housing_project", project, _(NOT_OWNER))
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    if "name" in changes:
        errors |= v.check_required(name=changes["name"])
        name = (changes["name"] or "").strip()
        if (
            name
            and HousingProject.objects.filter(owner_id=project.owner_id, name__iexact=name)
            .exclude(pk=project.pk)
            .exists()
        ):
            errors["name"] = _("Ägaren har redan ett projekt som heter %(name)s.") % {"name": name}
    for key in ("homes", "home_type"):
        if key in changes and changes[key] is None:
            errors[key] = _(v.REQUIRED)
    if "kommun_code" in changes:
        changes["kommun"] = kommun_or_error(changes.pop("kommun_code"), errors)
    v.raise_if(errors)
    with transaction.atomic():
        before = snapshot(project)
        for field, value in changes.items():
            setattr(project, field, value.strip() if isinstance(value, str) else value)
        project.save()
        record(actor=actor, action="update", obj=project, before=before, after=snapshot(project))
    return project


def change_status(*, actor, project: HousingProject, data: StatusChangeIn) -> HousingProject:
    """Move ``project`` to a later pipeline status (steps may be skipped) or cancel it."""
    require(actor, "change_housing_project", project, _(NOT_OWNER))
    errors: dict[str, str] = {}
    allowed = allowed_transitions(project.status)
    if data.to_status not in allowed:
        labels = ", ".join(str(ProjectStatus(s).label) for s in allowed) or _("ingen (slutstatus)")
        errors["to_status"] = _("Från %(status)s kan projektet bara gå till: %(labels)s.") % {
            "status": project.get_status_display(),
            "labels": labels,
        }
    date = data.date or timezone.localdate()
    if date < project.status_date:
        errors["date"] = _("Datumet får inte ligga före förra statusändringen (%(status_date)s).") % {
            "status_date": format(project.status_date, "%Y-%m-%d")
        }
    if date > timezone.localdate() + dt.timedelta(days=1):
        errors["date"] = _("Datumet får inte ligga i framtiden.")
    actual = data.actual_completion_year
    if data.to_status == ProjectStatus.COMPLETED and actual is None:
        actual = date.year
    _check_years(data.to_status, project.expected_completion_year, actual, errors)
    v.raise_if(errors)
    with transaction.atomic():
        before = snapshot(project)
        ProjectStatusChange.objects.create(
            project=project,
            from_status=project.status,
            to_status=data.to_status,
            date=date,
            note=data.note.strip(),
            actor=_user(actor),
        )
        project.status = data.to_status
        project.status_date = date
        project.actual_completion_year = actual if data.to_status == ProjectStatus.COMPLETED else None
        project.save()
        record(actor=actor, action="status", obj=project, before=before, after=snapshot(project))
    return project


def _user(actor):
    return actor if actor is not None and getattr(actor, "pk", None) else None
