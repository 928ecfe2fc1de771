"""Programme-council and employer inputs of a dossier: validation, recording (audited in the same
transaction), and who sees the names of the people behind them."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetensbron.education.models import Programme
from kompetensbron.education.services import get_programme_model
from kompetensbron.errors import ValidationFailed

from .models import DossierInput, InputKind
from .schemas import Dossier, InputIn, InputOut

__all__ = ["MAX_TEXT", "add_input", "validate_input", "input_out", "may_see_input_names", "for_viewer"]

MAX_TEXT = 5000


def may_see_input_names(viewer, programme: Programme) -> bool:
    """Whether ``viewer`` sees the names behind a programme's inputs: staff and users with a role
    in its institution (the education app's right to change programmes)."""
    from kompetensbron.education.permissions import can_change

    return can_change(viewer, programme)


def for_viewer(d: Dossier, names: bool) -> Dossier:
    """The dossier without the names of the people behind its inputs unless ``names``."""
    if names or not d.inputs:
        return d
    hidden = [i.model_copy(update={"author_name": "", "recorded_by": None, "names_hidden": True}) for i in d.inputs]
    return d.model_copy(update={"inputs": hidden})


def input_out(x: DossierInput) -> InputOut:
    by = None
    if x.author_id:
        by = x.author.get_full_name() or x.author.get_username()
    return InputOut(
        id=x.pk,
        kind=x.kind,
        kind_label=str(x.get_kind_display()),
        date=x.date,
        author_name=x.author_name,
        organisation=x.organisation,
        text=x.text,
        recorded_by=by,
        recorded_at=x.created_at,
    )


def validate_input(data: InputIn) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.kind not in InputKind.values:
        errors["kind"] = _("Okänd typ ”%(kind)s” (%(kinds)s).") % {
            "kind": data.kind,
            "kinds": ", ".join(InputKind.values),
        }
    if data.date > timezone.localdate():
        errors["date"] = _("Datumet får inte ligga i framtiden.")
    if data.date < dt.date(1990, 1, 1):
        errors["date"] = _("Datumet är orimligt tidigt.")
    if not data.author_name.strip():
        errors["author_name"] = _("Ange vem som lämnade synpunkten.")
    if not data.text.strip():
        errors["text"] = _("Skriv synpunkten.")
    elif len(data.text) > MAX_TEXT:
        errors["text"] = _("Högst %(n)s tecken.") % {"n": MAX_TEXT}
    if len(data.author_name) > 255:
        errors["author_name"] = _("Högst %(n)s tecken.") % {"n": 255}
    if len(data.organisation) > 255:
        errors["organisation"] = _("Högst %(n)s tecken.") % {"n": 255}
    return errors


def add_input(*, actor, programme_id: int, data: InputIn) -> InputOut:
    """Record a council/employer input, audited in the same transaction; needs a logged-in user;
    ValidationFailed with per-field errors."""
    from kompetensbron.errors import PermissionDenied
    from kompetensbron.samverkan import audit

    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Logga in för att registrera synpunkter."))
    programme = get_programme_model(programme_id)
    errors = validate_input(data)
    if errors:
        raise ValidationFailed(_("Synpunkten kunde inte sparas."), errors)
    with transaction.atomic():
        x = DossierInput.objects.create(
            programme=programme,
            kind=data.kind,
            date=data.date,
            author_name=data.author_name.strip(),
            organisation=data.organisation.strip(),
            text=data.text.strip(),
            author=actor,
        )
        audit.record(actor=actor, action="dossier.add_input", obj=x, after=audit.snapshot(x))
    return input_out(DossierInput.objects.select_related("author").get(pk=x.pk))
