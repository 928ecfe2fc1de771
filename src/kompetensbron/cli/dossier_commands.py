"""Commands of frozen dossier versions: ``dossier-versions freeze | list | compare``.

Thin over :mod:`kompetensbron.dossier.versions` and :mod:`kompetensbron.dossier.compare`:
freezing acts as a named user (``--user``) and is checked and audited like the page's button
(only the programme's owners may freeze).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table as RichTable

from kompetensbron.errors import KompetensbronError

from .common import console, fail, setup_django

app = typer.Typer()
versions_app = typer.Typer(
    help="Frozen, dated versions of a programme's relevance dossier (for UKÄ reviews).", no_args_is_help=True
)
app.add_typer(versions_app, name="dossier-versions")


@versions_app.command("freeze")
def freeze(
    programme_id: Annotated[int, typer.Argument(help="The programme's id (as in /relevans/program/<id>/).")],
    user: Annotated[str, typer.Option("--user", help="User name or e-mail of a person who may change the programme.")],
    label: Annotated[str, typer.Option("--label", help="A label, e.g. 'UKÄ-granskning 2027'.", max=200)] = "",
) -> None:
    """Freeze today's dossier of a programme as a dated version (audited)."""
    setup_django()
    from kompetensbron.dossier.version_schemas import FreezeIn
    from kompetensbron.dossier.versions import freeze_dossier
    from kompetensbron.samverkan.services.accounts import get_person_by_username

    try:
        actor = get_person_by_username(user)
        v = freeze_dossier(actor=actor, programme_id=programme_id, data=FreezeIn(label=label[:200]))
    except KompetensbronError as exc:
        fail(exc)
    console.print(
        f"Froze version v{v.id} of {v.programme_code} {v.programme_name}: {v.version_date.isoformat()}"
        f"{f' ({v.label})' if v.label else ''}, sha256 {v.sha256[:12]}"
    )


@versions_app.command("list")
def list_(
    programme_id: Annotated[int, typer.Argument(help="The programme's id.")],
) -> None:
    """List the frozen versions of a programme's dossier."""
    setup_django()
    from kompetensbron.dossier.versions import list_versions

    try:
        rows = list_versions(programme_id=programme_id)
    except KompetensbronError as exc:
        fail(exc)
    if not rows:
        console.print(f"No frozen versions of programme {programme_id}.")
        return
    table = RichTable(title=f"Versions of {rows[0].programme_code} {rows[0].programme_name}")
    for column in ("ref", "date", "frozen at", "label", "sha256"):
        table.add_column(column)
    for v in rows:
        table.add_row(
            f"v{v.id}", v.version_date.isoformat(), v.frozen_at.isoformat(timespec="seconds"), v.label, v.sha256[:12]
        )
    console.print(table)


@versions_app.command("compare")
def compare(
    left: Annotated[str, typer.Argument(help="v<version id> (a frozen version) or p<programme id> (today's).")],
    right: Annotated[str, typer.Argument(help="v<version id> or p<programme id>.")],
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Also write the comparison to this Excel file.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Print every row, not only the rows that differ.")] = False,
) -> None:
    """Compare two dossiers side by side (two versions, a version and today's, or two programmes)."""
    setup_django()
    from kompetensbron.dossier.compare import compare_dossiers, comparison_table, resolve
    from kompetensbron.web.tables import table_xlsx

    try:
        result = compare_dossiers(resolve(left), resolve(right))
    except KompetensbronError as exc:
        fail(exc)
    table = RichTable(title=f"{result.changed} of {len(result.rows)} rows differ")
    for column in ("section", "item", result.left_title, result.right_title):
        table.add_column(column, overflow="fold")
    for r in result.rows:
        if show_all or r.changed:
            table.add_row(r.section, r.item, r.left, r.right, style="bold" if r.changed and show_all else None)
    console.print(table)
    if xlsx is not None:
        try:
            xlsx.write_bytes(table_xlsx(comparison_table(result)))
        except OSError as exc:
            fail(exc)
        console.print(f"Wrote {xlsx}")
