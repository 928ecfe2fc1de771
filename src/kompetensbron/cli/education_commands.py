"""Commands of the education supply: ``import-syllabi``, ``import-programmes``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kompetensbron.errors import KompetensbronError

from .common import console, err_console, fail, setup_django

app = typer.Typer()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@app.command("import-syllabi")
def import_syllabi(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Syllabi in the MIUN JSON Lines format (default: education/kursplaner_miun.jsonl in the data directory)."
        ),
    ] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: KOMPETENSBRON_DATA_DIR).")] = None,
) -> None:
    """Import the Mid Sweden University course syllabi (idempotent; a bad line names file and line)."""
    from kompetensbron.config import get_settings

    data_dir = (data_dir or get_settings().data_dir).resolve()
    setup_django()
    from kompetensbron.education.loading import load_syllabi

    try:
        with console.status("Importing syllabi…"):
            _migrate()
            report = load_syllabi(data_dir, path=path)
    except KompetensbronError as exc:
        fail(exc)
    t = Table(title=f"Syllabi from {report.path}")
    for col in ("lines", "course codes", "older versions dropped", "created", "updated", "unchanged", "not in file"):
        t.add_column(col, justify="right")
    t.add_row(
        *(
            str(x)
            for x in (
                report.lines,
                report.distinct_codes,
                report.superseded,
                report.created,
                report.updated,
                report.unchanged,
                report.not_in_file,
            )
        )
    )
    console.print(t)
    console.print("Courses imported." if report.changed else "Nothing changed: the courses are as in the file.")


@app.command("import-programmes")
def import_programmes(
    file: Annotated[
        Path, typer.Argument(help="The programme template (CSV with , or ;, or .xlsx); see docs/programme_template.md.")
    ],
) -> None:
    """Import programmes, their courses and yearly figures from the template (all or nothing)."""
    setup_django()
    from kompetensbron.education.template_import import import_programme_template
    from kompetensbron.sources.programme_template import TemplateInvalid

    try:
        _migrate()
        report = import_programme_template(file)
    except TemplateInvalid as exc:
        err_console.print(f"[bold red]error:[/] {file}: {len(exc.problems)} problem(s), nothing was imported")
        for problem in exc.problems:
            err_console.print(f"  {problem}")
        raise typer.Exit(code=2) from None
    except KompetensbronError as exc:
        fail(exc)
    t = Table(title=f"Programmes from {file}")
    for col in ("rows", "programmes new", "programmes updated", "courses new", "programme courses", "removed", "years"):
        t.add_column(col, justify="right")
    t.add_row(
        *(
            str(x)
            for x in (
                report.rows,
                report.programmes_created,
                report.programmes_updated,
                report.courses_created,
                report.courses_linked,
                report.course_rows_removed,
                report.years_set,
            )
        )
    )
    console.print(t)
