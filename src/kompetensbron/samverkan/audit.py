"""The audit log: every accepted change through :mod:`.services` writes one :class:`AuditEntry`.

Services call :func:`snapshot` before and after a change and :func:`record` inside the same
``transaction.atomic`` block, so a refused or failed change leaves no entry.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AuditEntry

__all__ = ["snapshot", "record", "record_bulk"]

#: Fields never copied into the audit log (secrets and bookkeeping).
_SKIPPED = {"password", "search_text", "updated_at"}

#: Dependent rows that belong to an object's snapshot: model label → (related name, fields).
#: An agreement's documents (title, link, file) are part of the agreement.
_DEPENDENT_ROWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "samverkan.agreement": ("documents", ("title", "url", "file")),
}


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete fields and many-to-many ids as JSON-safe values."""
    data: dict[str, Any] = {}
    opts = obj._meta
    for field in opts.concrete_fields:
        if field.name in _SKIPPED:
            continue
        value = field.value_from_object(obj)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.attname] = value
    if obj.pk is not None:
        for field in opts.many_to_many:
            if field.remote_field.through._meta.auto_created:
                data[field.name] = sorted(getattr(obj, field.attname).values_list("pk", flat=True))
        dependent = _DEPENDENT_ROWS.get(opts.label_lower)
        if dependent is not None:
            related, names = dependent
            data[related] = [dict(zip(names, row)) for row in getattr(obj, related).order_by("pk").values_list(*names)]
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit entry (call inside the service's transaction)."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        action=action,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        before=before,
        after=after,
    )


def record_bulk(*, actor, action: str, model: type[models.Model], summary: str, after: dict[str, Any]) -> AuditEntry:
    """One audit entry for a change of many rows of ``model`` at once (e.g. a mapping run)."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        action=action,
        model=model._meta.label_lower,
        object_id="*",
        object_repr=summary[:255],
        after=json.loads(json.dumps(after, cls=DjangoJSONEncoder)),
    )
