"""Commands of graduate supply: ``import-graduates`` (UKÄ CSV / SCB PxWeb files users downloaded)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kompetensbron.errors import KompetensbronError

from .common import console, fail, setup_django

app = typer.Typer()


@app.command("import-graduates")
def import_graduates(
    kind: Annotated[
        str, typer.Argument(help="uka (UKÄ graduate statistics CSV) or scb (SCB PxWeb JSON-stat 2 / CSV).")
    ],
    file: Annotated[
        Path, typer.Argument(help="The file; see docs/uka_graduates_template.md and docs/scb_regional_template.md.")
    ],
    title: Annotated[str, typer.Option(help="A title shown with the import (e.g. the table name).")] = "",
) -> None:
    """Import a graduate statistics file (all or nothing; a bad file names file, line and column)."""
    setup_django()
    from django.core.management import call_command

    from kompetensbron.graduates.services import import_graduate_file

    try:
        call_command("migrate", interactive=False, verbosity=0)
        result = import_graduate_file(path=file, kind=kind, title=title)
    except KompetensbronError as exc:
        fail(exc)
    console.print(
        f"Imported {result.rows:,} figures ({result.first_year}–{result.last_year}) from {result.file_name}"
        + (" (replaced the earlier import of the same file)." if result.replaced else ".")
    )
