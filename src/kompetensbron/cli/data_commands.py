"""Commands of the data directory: ``fetch-data`` and ``data-status``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn
from rich.table import Table

from kompetensbron.errors import KompetensbronError

from .common import console, err_console, fail

app = typer.Typer()


def fetch_with_progress(data_dir: Path, *, mirror: str | None, only: list[str] | None = None) -> None:
    """Fetch what is missing or fails its hash, with a progress bar; raises on any failure."""
    from kompetensbron.config import get_settings
    from kompetensbron.sources.data_fetch import datasets_to_fetch, fetch_data, source_of

    todo = datasets_to_fetch(data_dir, only)
    if not todo:
        console.print(
            f"All {len(only) if only else 'registered'} datasets are present in {data_dir} with the right SHA-256."
        )
        return
    total = sum(ds.size for ds in todo)
    where = mirror or "the publishers' URLs"
    console.print(f"Fetching {len(todo)} dataset(s), {total / 1e6:,.1f} MB, from {where} into {data_dir}:")
    for ds in todo:
        origin = "" if mirror else f"  [dim]{source_of(ds, None) or '(mirror only)'}[/]"
        console.print(f"  {ds.key:<30} {ds.size / 1e6:>7,.2f} MB  {ds.path}{origin}")
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console) as bar:
        task = bar.add_task("Downloading", total=total)
        report = fetch_data(
            data_dir,
            mirror=mirror,
            only=[ds.key for ds in todo],
            progress=lambda _key, n, _t: bar.update(task, advance=n),
            timeout=get_settings().http_timeout,
        )
    if report.downloaded:
        console.print(
            f"[green]Fetched and verified {len(report.downloaded)} dataset(s), {report.bytes_downloaded / 1e6:,.1f} MB.[/]"
        )
    report.raise_for_failures()


@app.command("fetch-data")
def fetch_data_command(
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: KOMPETENSBRON_DATA_DIR).")] = None,
    mirror: Annotated[
        str | None,
        typer.Option(
            help="Base URL or directory with the data directory's layout (default: KOMPETENSBRON_DATA_MIRROR, else the publishers' URLs)."
        ),
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option(help="Only this dataset key (repeatable; see 'kompetensbron data-status').")
    ] = None,
) -> None:
    """Download the datasets that are missing or fail their SHA-256 (verified, then moved into place)."""
    from kompetensbron.config import get_settings

    settings = get_settings()
    try:
        fetch_with_progress(
            (data_dir or settings.data_dir).resolve(), mirror=mirror or settings.data_mirror or None, only=only
        )
    except KompetensbronError as exc:
        fail(exc)


def status_table(data_dir: Path) -> Table:
    """A table of every registered dataset's state in ``data_dir`` (``data-status`` and ``info``)."""
    from kompetensbron.sources.data_status import data_status

    t = Table(title=f"Datasets in {data_dir}")
    t.add_column("dataset", no_wrap=True)
    t.add_column("state", no_wrap=True)
    for col in ("version", "data date", "licence", "MB"):
        t.add_column(col, justify="right" if col == "MB" else "left")
    colour = {"ok": "green", "missing": "red", "changed": "yellow", "refreshed": "cyan"}
    for row in data_status(data_dir):
        state = f"[{colour[row.state]}]{row.state}[/]" + ("" if row.required else " [dim](optional)[/]")
        when = f"[yellow]{row.data_date} (old)[/]" if row.old else row.data_date
        t.add_row(row.key, state, row.version, when, row.licence, f"{row.size / 1e6:.2f}")
    return t


def live_table(data_dir: Path) -> Table:
    """The publishers' live sources and what the last refresh fetched (``data-status`` and ``info``)."""
    from kompetensbron.sources.data_status import live_status

    t = Table(title="Official services (refreshed by command)")
    for col in ("source", "fetched", "data date", "licence", "refresh with"):
        t.add_column(col, no_wrap=col in ("source", "fetched"))
    for row in live_status(data_dir):
        fetched = f"[green]{row.version}[/]" if row.fetched else "[dim]not fetched[/]"
        when = f"[yellow]{row.data_date} (old)[/]" if row.old else (row.data_date or "")
        t.add_row(row.key, fetched, when, row.licence, row.command)
    return t


def operator_table(data_dir: Path) -> Table:
    """The files an operator may add by hand (optional, no fixed hash): present or not, and their format."""
    from kompetensbron.sources.catalog import OPERATOR, operator_path

    t = Table(title="Files an operator adds (optional)")
    for col in ("file", "state", "columns", "format"):
        t.add_column(col, no_wrap=col == "file")
    for f in OPERATOR.values():
        state = "[green]present[/]" if operator_path(data_dir, f.key).is_file() else "[dim]absent[/]"
        t.add_row(f.path, state, f.columns, f.doc)
    return t


@app.command("data-status")
def data_status_command(
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: KOMPETENSBRON_DATA_DIR).")] = None,
    online: Annotated[
        bool, typer.Option(help="Also ask the JobTech Taxonomy API whether a newer taxonomy version is published.")
    ] = False,
) -> None:
    """Per dataset: present, SHA-256 as registered, version, date of the data, licence."""
    from kompetensbron.config import get_settings
    from kompetensbron.sources.data_status import data_status

    data_dir = (data_dir or get_settings().data_dir).resolve()
    console.print(status_table(data_dir))
    console.print(live_table(data_dir))
    console.print(operator_table(data_dir))
    rows = data_status(data_dir)
    missing = [r.key for r in rows if not r.present]
    changed = [r.key for r in rows if r.state == "changed"]
    if missing:
        err_console.print(f"[red]{len(missing)} missing:[/] {', '.join(missing)}; run 'kompetensbron fetch-data'")
    old = [f"{r.key} ({r.data_date})" for r in rows if r.old]
    if old:
        err_console.print(f"[yellow]{len(old)} older than their publisher's renewal interval:[/] {', '.join(old)}")
    if changed:
        err_console.print(
            f"[yellow]{len(changed)} differ from the registered file:[/] {', '.join(changed)} ('kompetensbron fetch-data' restores them)"
        )
    if online:
        from kompetensbron.sources.data_status import upstream_taxonomy

        try:
            up = upstream_taxonomy(data_dir=data_dir)
        except KompetensbronError as exc:
            err_console.print(f"[yellow]could not ask the JobTech Taxonomy API:[/] {exc}")
            return
        have = f"version {up.current_version}" if up.current_version is not None else "the snapshot"
        if up.newer:
            console.print(
                f"[yellow]JobTech Taxonomy version {up.version} ({up.published[:10]}) is newer than {have} "
                f"({up.snapshot_date}) of {', '.join(up.keys)}:[/] 'kompetensbron fetch-taxonomy' fetches it."
            )
        else:
            console.print(
                f"JobTech Taxonomy: {have} ({up.snapshot_date}) is not older than the newest version {up.version} ({up.published[:10]})."
            )
