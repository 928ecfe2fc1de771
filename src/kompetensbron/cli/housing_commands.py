"""Commands of Studentbostäder: ``import-housing-stock``, ``import-housing-projects``,
``import-queue-stats`` and ``simulate-queue``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kompetensbron.errors import KompetensbronError

from .common import console, err_console, fail, setup_django

app = typer.Typer()


def _run_import(kind: str, file: Path) -> None:
    setup_django()
    from django.core.management import call_command

    from kompetensbron.housing import importing
    from kompetensbron.sources.programme_template import TemplateInvalid

    action = {
        "stock": importing.import_stock_file,
        "projects": importing.import_projects_file,
        "queue": importing.import_queue_file,
    }[kind]
    try:
        call_command("migrate", interactive=False, verbosity=0)
        report = action(file)
    except TemplateInvalid as exc:
        err_console.print(f"[bold red]error:[/] {file}: {len(exc.problems)} problem(s), nothing was imported")
        for problem in exc.problems:
            err_console.print(f"  {problem}")
        raise typer.Exit(code=2) from None
    except KompetensbronError as exc:
        fail(exc)
    t = Table(title=f"{kind} from {file}")
    for col in ("rows", "created", "updated", "skipped", "sha256"):
        t.add_column(col, justify="right")
    t.add_row(str(report.rows), str(report.created), str(report.updated), str(report.skipped), report.sha256[:12])
    console.print(t)
    for note in report.notes:
        console.print(note)


@app.command("import-housing-stock")
def import_housing_stock(
    file: Annotated[
        Path,
        typer.Argument(
            help="SCB BO0104T7 (CSV long or wide, JSON-stat) or the stock template (CSV/.xlsx); see docs/housing_template.md."
        ),
    ],
) -> None:
    """Import student homes per kommun and year (all or nothing; a bad row names line and column)."""
    _run_import("stock", file)


@app.command("import-housing-projects")
def import_housing_projects(
    file: Annotated[
        Path, typer.Argument(help="The project template (CSV with , or ;, or .xlsx); see docs/housing_template.md.")
    ],
) -> None:
    """Import student-housing projects from the template (all or nothing)."""
    _run_import("projects", file)


@app.command("import-queue-stats")
def import_queue_stats(
    file: Annotated[
        Path,
        typer.Argument(help="The queue-statistics template (CSV with , or ;, or .xlsx); see docs/housing_template.md."),
    ],
) -> None:
    """Import queue statistics per housing organisation, year and home type (all or nothing)."""
    _run_import("queue", file)


@app.command("simulate-queue")
def simulate_queue(
    rules: Annotated[
        str, typer.Option("--rules", help="A rule set (sssb, af-bostader, sgs, chalmers) or a JSON rule file.")
    ],
    homes: Annotated[int | None, typer.Option("--homes", help="Number of homes (default 8000).")] = None,
    arrivals: Annotated[int | None, typer.Option("--arrivals", help="New students a year (default 6000).")] = None,
    years: Annotated[
        int | None, typer.Option("--years", help="Simulated years measured, after the warm-up (default 10).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed gives the same result.")] = 1,
    output: Annotated[Path | None, typer.Option("--output", help="Write the JSON here instead of printing it.")] = None,
) -> None:
    """Simulate a student-housing queue and print (or write) the result as JSON."""
    import json

    from kompetensbron.housing.simulator import Scenario, load_rules, simulate

    try:
        rule_set = load_rules(rules)
        changes = {
            k: v for k, v in {"homes": homes, "arrivals_per_year": arrivals, "years": years}.items() if v is not None
        }
        scenario = Scenario(seed=seed, **changes)
    except KompetensbronError as exc:
        errors = getattr(exc, "errors", None)
        fail(f"{exc} {errors}" if errors else exc)
    text = json.dumps(simulate(rule_set, scenario).to_dict(), ensure_ascii=False, indent=2)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
        console.print(f"Wrote {output}")
