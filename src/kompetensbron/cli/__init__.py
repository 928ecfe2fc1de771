"""The ``kompetensbron`` command: thin over the library, with rich progress and errors.

Each command parses arguments, calls one library function and prints its typed result.
Domain errors (:mod:`kompetensbron.errors`) become a red message and exit code 2.
Commands live in modules by area and are registered here.
"""

from __future__ import annotations

import sys

import typer

from kompetensbron.errors import KompetensbronError

from . import (
    analysis_commands,
    data_commands,
    dossier_commands,
    education_commands,
    graduate_commands,
    housing_commands,
    labour_market_commands,
    mapping_commands,
    matchning_commands,
    reference_commands,
    refresh_commands,
)
from .common import err_console

app = typer.Typer(
    help="Kompetensbron: regional competence supply platform.", no_args_is_help=True, add_completion=False
)
_MODULES = (
    reference_commands,
    labour_market_commands,
    education_commands,
    analysis_commands,
    mapping_commands,
    housing_commands,
    matchning_commands,
    data_commands,
    graduate_commands,
    refresh_commands,
    dossier_commands,
)
for _module in _MODULES:
    for _command in _module.app.registered_commands:
        app.registered_commands.append(_command)
    for _group in _module.app.registered_groups:
        app.registered_groups.append(_group)


def main() -> None:
    try:
        app()
    except KompetensbronError as exc:  # pragma: no cover - safety net
        err_console.print(f"[bold red]error:[/] {exc}")
        sys.exit(2)


__all__ = ["app", "main"]
