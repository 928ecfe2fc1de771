"""Commands of the Matchning module: ``match-round``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from kompetensbron.errors import KompetensbronError

from .common import console, fail

app = typer.Typer()


@app.command("match-round")
def match_round(
    students: Annotated[
        Path, typer.Argument(help="STUDENTS.csv: student_id,preferences (opportunity ids best first, ';'-separated).")
    ],
    opportunities: Annotated[
        Path, typer.Argument(help="OPPORTUNITIES.csv: opportunity_id,capacity,preferences (student ids best first).")
    ],
    output: Annotated[Path, typer.Argument(help="OUTPUT.csv: student_id,opportunity_id for every matched student.")],
) -> None:
    """Allocate a round by student-proposing deferred acceptance (stable, with capacities)."""
    from kompetensbron.matchning.allocation import allocate
    from kompetensbron.matchning.round_files import read_round, write_allocation

    try:
        started = time.perf_counter()
        student_prefs, opportunity_prefs = read_round(students, opportunities)
        result = allocate(students=student_prefs, opportunities=opportunity_prefs)
        written = write_allocation(result, output)
    except (KompetensbronError, OSError) as exc:
        fail(exc)
    top3 = sum(1 for r in result.choice_rank.values() if r <= 3)
    console.print(
        f"Matched {written} of {len(student_prefs)} students to {len(set(result.matches.values()))} of "
        f"{len(opportunity_prefs)} opportunities ({top3} in a top-3 choice) in {time.perf_counter() - started:.2f} s → {output}"
    )
