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
