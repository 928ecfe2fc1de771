"""Make a table equal to a list of rows: insert new, update changed, delete missing.

Used by every reference loader so that re-running ``init`` is idempotent and reports
exactly what changed. Callers run it inside a transaction.

:func:`upsert` is the one table-sync write of the platform: Django's ``bulk_create`` with
``update_conflicts`` (``INSERT … ON CONFLICT (…) DO UPDATE`` on SQLite and PostgreSQL), keyed by
a unique constraint; :func:`sync_rows`, the composite-key reference tables, the syllabi and the
housing queue import write through it instead of looping ``update_or_create``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

__all__ = ["SyncStats", "sync_rows", "sync_pairs", "upsert"]

_BATCH = 500


@dataclass
class SyncStats:
    table: str
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _chunks(items: Sequence[Any], size: int = _BATCH) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def upsert(
    model: type[models.Model],
    objects: Sequence[models.Model],
    *,
    unique_fields: Sequence[str],
    update_fields: Sequence[str],
    batch_size: int = _BATCH,
) -> None:
    """Insert ``objects``; those whose ``unique_fields`` (a unique constraint or the primary key)
    exist already update ``update_fields`` instead, in one statement per batch."""
    if not objects:
        return
    if not update_fields:  # a table of keys only: callers pass new rows alone
        model.objects.bulk_create(objects, batch_size=batch_size)
        return
    model.objects.bulk_create(
        objects,
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=list(unique_fields),
        update_fields=list(update_fields),
    )


def sync_rows(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    *,
    key: str = "pk",
    fields: list[str] | None = None,
    delete_missing: bool = True,
) -> SyncStats:
    """Sync ``model`` to ``rows`` (dicts of attribute names, FKs as ``<name>_id``) by ``key``."""
    key_attr = model._meta.pk.attname if key == "pk" else key
    if fields is None:
        fields = [k for k in rows[0] if k != key_attr] if rows else []
    stats = SyncStats(model._meta.db_table)
    existing = {r[0]: r[1:] for r in model.objects.values_list(key_attr, *fields)}
    incoming: dict[Any, dict[str, Any]] = {}
    for row in rows:
        incoming[row[key_attr]] = row  # last one wins
    to_create, to_update = [], []
    for k, row in incoming.items():
        values = tuple(row[f] for f in fields)
        if k not in existing:
            to_create.append(model(**row))
        elif existing[k] != values:
            to_update.append(model(**row))
        else:
            stats.unchanged += 1
    if delete_missing:
        gone = [k for k in existing if k not in incoming]
        for chunk in _chunks(gone):
            model.objects.filter(**{f"{key_attr}__in": chunk}).delete()
        stats.deleted = len(gone)
    upsert(model, [*to_create, *to_update], unique_fields=[key_attr], update_fields=fields)
    stats.created, stats.updated = len(to_create), len(to_update)
    return stats


def sync_pairs(through: type[models.Model], left: str, right: str, pairs: set[tuple[Any, Any]]) -> SyncStats:
    """Sync a many-to-many link table to a set of ``(left_id, right_id)`` pairs."""
    stats = SyncStats(through._meta.db_table)
    rows = {(a, b): pk for pk, a, b in through.objects.values_list("pk", left, right)}
    existing = set(rows)
    new = pairs - existing
    gone = existing - pairs
    # by primary key, in one DELETE per batch (not one per pair)
    for chunk in _chunks(sorted(rows[pair] for pair in gone)):
        through.objects.filter(pk__in=chunk).delete()
    through.objects.bulk_create([through(**{left: a, right: b}) for a, b in new], batch_size=_BATCH)
    stats.created, stats.deleted, stats.unchanged = len(new), len(gone), len(existing & pairs)
    return stats
