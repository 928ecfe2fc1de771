"""What Studentbostäder holds about a person: who changed a project's status and who imported
a file. Registered with :mod:`kompetensbron.privacy` (export and erase per person); erasing
keeps the history and the sources but no longer names the person."""

from __future__ import annotations

from typing import Any

from .models import HousingSource, ProjectStatusChange

__all__ = ["erase_person", "export_person"]


def export_person(user) -> dict[str, Any]:
    return {
        "status_changes": [
            {
                "project": c.project.name,
                "from": c.from_status,
                "to": c.to_status,
                "date": c.date.isoformat(),
                "note": c.note,
            }
            for c in ProjectStatusChange.objects.filter(actor=user).select_related("project")
        ],
        "imports": [
            {"source": s.title, "file": s.file_name, "at": s.imported_at.isoformat()}
            for s in HousingSource.objects.filter(imported_by=user)
        ],
    }


def erase_person(user) -> int:
    return ProjectStatusChange.objects.filter(actor=user).update(actor=None) + HousingSource.objects.filter(
        imported_by=user
    ).update(imported_by=None)
