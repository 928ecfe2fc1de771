"""Personal data in the relevance dossier (registered in :mod:`kompetensbron.privacy`).

A person appears here as the user who recorded a programme-council or employer input
(``DossierInput.author``) and wherever their name was typed (an input's "given by", its
organisation or text). Export lists every input they recorded; erase anonymises those inputs
(their name in "given by" and the text becomes ``raderad-<id>``) and replaces their name in
every free-text column of this app — frozen dossier versions included (their snapshots hold
the inputs' texts; the digest is recomputed).
"""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone

from kompetensbron.privacy import person_names, register_personal_data, replace_in_text_fields, replacement_for

from .models import DossierInput

__all__ = ["export_person", "erase_person", "register"]


def export_person(user) -> dict:
    rows = DossierInput.objects.filter(author=user).select_related("programme").order_by("pk")
    return {
        "inputs_recorded": [
            {
                "id": row.pk,
                "programme": str(row.programme),
                "kind": row.kind,
                "date": row.date.isoformat(),
                "author_name": row.author_name,
                "organisation": row.organisation,
                "text": row.text,
                "recorded_at": row.created_at.isoformat() if row.created_at else None,
            }
            for row in rows
        ]
    }


def erase_person(user) -> int:
    names = person_names(user)
    replacement = replacement_for(user)
    changed = replace_in_text_fields(apps.get_app_config("dossier").get_models(), names, replacement)
    # The inputs they recorded: a "given by" naming the recorder (e.g. only a first name) is theirs.
    first = (user.first_name or "").strip()
    if first:
        changed += DossierInput.objects.filter(author=user, author_name__iexact=first).update(author_name=replacement)
    DossierInput.objects.filter(author=user).update(updated_at=timezone.now())  # cached dossiers rebuild
    from .versions import redact_versions

    return changed + redact_versions(names, replacement)


def register() -> None:
    register_personal_data("dossier", export=export_person, erase=erase_person)
