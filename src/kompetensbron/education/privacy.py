"""Personal data in the education app (registered in :mod:`kompetensbron.privacy`).

A person appears here as the reviewer of occupation links (``OccupationLink.author``) and
wherever their name was typed into free text (a link's reason, a programme's description).
Export lists the links they decided; erase replaces their name in every free-text column of
this app (the link keeps its decision and points to the anonymised account).
"""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from kompetensbron.privacy import person_names, register_personal_data, replace_in_text_fields, replacement_for

from .models import OccupationLink

__all__ = ["export_person", "erase_person", "register"]


def export_person(user) -> dict:
    links = OccupationLink.objects.filter(author=user).select_related("programme", "course").order_by("pk")
    return {
        "occupation_link_decisions": [
            {
                "id": link.pk,
                "programme": str(link.programme) if link.programme_id else None,
                "course": str(link.course) if link.course_id else None,
                "ssyk": link.ssyk_id,
                "status": link.status,
                "reason": link.reason,
                "decided_at": link.decided_at.isoformat() if link.decided_at else None,
            }
            for link in links
        ]
    }


def erase_person(user) -> int:
    changed = replace_in_text_fields(
        apps.get_app_config("education").get_models(), person_names(user), replacement_for(user)
    )
    # links they decided show the (now anonymised) reviewer: touch them so cached pages rebuild
    OccupationLink.objects.filter(author=user).update(updated_at=timezone.now())
    return changed


def register() -> None:
    register_personal_data("education", export=export_person, erase=erase_person)
