"""Personal data across apps: one registry of export and erase handlers (GDPR).

Every app that stores or renders data about a person registers one handler pair, usually in
its ``AppConfig.ready()``::

    from kompetensbron.privacy import register_personal_data

    register_personal_data("matchning", export=export_person, erase=erase_person)

``export(user) -> dict`` returns everything the app holds about the person as JSON-safe
values; ``erase(user) -> int`` removes or anonymises it and returns how many rows it
changed. The account-level export and erase (``samverkan.services.accounts``) call
:func:`export_all` and :func:`erase_all` inside their own transaction, so one erase reaches
every app and a failure in any handler rolls the whole erase back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["PersonalDataHandler", "register_personal_data", "handlers", "export_all", "erase_all"]

ExportFn = Callable[[Any], dict[str, Any]]
EraseFn = Callable[[Any], int]


@dataclass(frozen=True)
class PersonalDataHandler:
    name: str
    export: ExportFn
    erase: EraseFn


_handlers: dict[str, PersonalDataHandler] = {}


def register_personal_data(name: str, *, export: ExportFn, erase: EraseFn) -> None:
    """Register (or replace, on a repeated ``ready()``) the handlers of one app."""
    _handlers[name] = PersonalDataHandler(name=name, export=export, erase=erase)


def handlers() -> list[PersonalDataHandler]:
    """The registered handlers, by name."""
    return [_handlers[k] for k in sorted(_handlers)]


def export_all(user) -> dict[str, dict[str, Any]]:
    """Every registered app's export for ``user``, keyed by app name."""
    return {h.name: h.export(user) for h in handlers()}


def erase_all(user) -> dict[str, int]:
    """Run every registered app's erase for ``user``; rows changed per app."""
    return {h.name: h.erase(user) for h in handlers()}


# ------------------------------------------------------------------ helpers for erase handlers
#
# An erase handler runs *before* the account itself is anonymised, so it can still read the
# person's names from ``user``; it replaces them wherever they were typed into free text.

#: Names shorter than this are not searched for (they would match inside ordinary words).
MIN_NAME_LENGTH = 3


def replacement_for(user) -> str:
    """What a person's name becomes after erasure: ``raderad-<id>`` (also the new username)."""
    return f"raderad-{user.pk}"


def person_names(user) -> list[str]:
    """The strings that identify ``user`` in free text: username, e-mail, full name; longest first."""
    names = {user.get_username(), user.email, user.get_full_name(), f"{user.last_name}, {user.first_name}".strip(", ")}
    return sorted({n.strip() for n in names if n and len(n.strip()) >= MIN_NAME_LENGTH}, key=len, reverse=True)


def replace_names(text: str, names: list[str], replacement: str) -> str:
    """``text`` with every occurrence of each name replaced (case-insensitively)."""
    import re

    for name in names:
        text = re.sub(re.escape(name), replacement, text, flags=re.IGNORECASE)
    return text


def scrub_json(value: Any, names: list[str], replacement: str) -> Any:
    """A JSON value with the names replaced in every string (keys and values)."""
    if isinstance(value, str):
        return replace_names(value, names, replacement)
    if isinstance(value, list):
        return [scrub_json(v, names, replacement) for v in value]
    if isinstance(value, dict):
        return {replace_names(k, names, replacement): scrub_json(v, names, replacement) for k, v in value.items()}
    return value


def name_filter(field: str, names: list[str], *, json: bool = False):
    """A ``Q`` matching rows whose ``field`` contains any of the names (case-insensitive).

    ``json=True`` searches a JSON column through its text form, also for the names as JSON
    writes them escaped (``"\\u00e5"``), so it works on SQLite and PostgreSQL alike; the caller
    casts the column (``Cast(field, TextField())``) and passes the alias.
    """
    import json as _json

    from django.db.models import Q

    cond = Q()
    for name in names:
        variants = {name}
        if json:
            variants.add(_json.dumps(name)[1:-1])
        for variant in variants:
            cond |= Q(**{f"{field}__icontains": variant})
    return cond


def replace_in_text_fields(models, names: list[str], replacement: str) -> int:
    """Replace the names in every free-text column (Char/Text fields without choices) of ``models``.

    Returns the number of rows changed. Only rows containing a name are read and written.
    """
    from django.db import models as m
    from django.utils import timezone

    if not names:
        return 0
    changed = 0
    for model in models:
        # ``update()`` skips auto_now: set it, so caches keyed on it (the dossier's) rebuild
        touched = {f.attname: timezone.now() for f in model._meta.concrete_fields if getattr(f, "auto_now", False)}
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (m.CharField, m.TextField))
            and not f.choices
            and not f.primary_key
            and f.name not in ("search_text",)
        ]
        for field in fields:
            for row in model._default_manager.filter(name_filter(field.name, names)).only("pk", field.attname):
                old = getattr(row, field.attname) or ""
                new = (
                    replace_names(old, names, replacement)[: field.max_length]
                    if field.max_length
                    else replace_names(old, names, replacement)
                )
                if new != old:
                    model._default_manager.filter(pk=row.pk).update(**{field.attname: new}, **touched)
                    changed += 1
    return changed
