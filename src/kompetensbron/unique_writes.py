"""A write transaction that reports a broken uniqueness rule as 422, not 500.

The services check uniqueness before they write (to give a clear message), but two requests
can pass that check at the same time; the database's unique constraint then decides. Wrapping
the write in :func:`atomic_unique` turns the loser's ``IntegrityError`` into the same
:class:`~kompetensbron.errors.ValidationFailed` the check gives, and since the audit record is
written inside the same transaction, nothing is committed or audited::

    with atomic_unique("name", f"Organisationen {name} finns redan."):
        org = Organisation.objects.create(name=name, ...)
        record(actor=actor, action="create", obj=org, after=snapshot(org))
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction

from kompetensbron.errors import ValidationFailed

__all__ = ["atomic_unique"]


@contextmanager
def atomic_unique(field: str, message: str) -> Iterator[None]:
    """``transaction.atomic()`` whose ``IntegrityError`` becomes ``ValidationFailed({field: message})``."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationFailed(message, errors={field: message}) from exc
