"""Commands of the foundation: ``init``, ``serve``, ``info``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from kompetensbron import __version__
from kompetensbron.errors import KompetensbronError

from .common import console, err_console, fail, setup_django

if TYPE_CHECKING:
    from kompetensbron.config import Settings

app = typer.Typer()


@app.command()
def init(
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: KOMPETENSBRON_DATA_DIR).")] = None,
    online: Annotated[
        bool,
        typer.Option(
            help="Fetch missing datasets from the publishers and refresh the taxonomy files from the JobTech Taxonomy API first."
        ),
    ] = False,
    demo: Annotated[
        bool,
        typer.Option(
            help="Also create the Samverkan example collaborations (Huddinge, Härnösand), the Studentbostäder example programme (Sthlm6000+-style), the Matchning examples and demo users."
        ),
    ] = False,
) -> None:
    """Create or migrate the database and load the official reference data (idempotent)."""
    from kompetensbron.config import get_settings

    from .locks import exclusive_lock

    settings = get_settings()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    waiting = lambda: err_console.print("Another 'kompetensbron init' is running; waiting for it to finish…")  # noqa: E731
    with exclusive_lock(settings.var_dir / ".init.lock", on_wait=waiting):
        _init(settings, (data_dir or settings.data_dir).resolve(), online=online, demo=demo)


def _ensure_data(settings: Settings, data_dir: Path, *, online: bool) -> None:
    """Fetch missing datasets first when a mirror is set (or ``--online``); else stop if a required one is missing."""
    from kompetensbron.errors import DataFileMissing
    from kompetensbron.sources.catalog import MIRROR_SETTING
    from kompetensbron.sources.data_status import missing_datasets

    from .data_commands import fetch_with_progress

    missing = missing_datasets(data_dir)
    if not missing:
        return
    mirror = settings.data_mirror or None
    if mirror or online:
        size = sum(ds.size for ds in missing) / 1e6
        console.print(
            f"{data_dir} lacks {len(missing)} dataset(s) ({size:,.1f} MB): fetching them first from {mirror or 'the publishers'}."
        )
        try:
            fetch_with_progress(data_dir, mirror=mirror, only=[ds.key for ds in missing])
        except KompetensbronError as exc:
            if any(ds.required for ds in missing_datasets(data_dir)):
                raise
            err_console.print(f"[yellow]warning:[/] {exc}; continuing without these optional datasets")
        return
    required = [ds for ds in missing if ds.required]
    if required:
        names = ", ".join(f"{ds.key} ({ds.path})" for ds in required)
        raise DataFileMissing(
            f"{len(required)} required dataset(s) missing: {names}. Set {MIRROR_SETTING} to a mirror of the data "
            f"directory (base URL or directory) and run init again, run 'kompetensbron fetch-data' to download "
            f"from the publishers, or set KOMPETENSBRON_DATA_DIR to a directory with the snapshot.",
            path=data_dir,
        )


def _init(settings: Settings, data_dir: Path, *, online: bool, demo: bool) -> None:
    try:
        _ensure_data(settings, data_dir, online=online)
    except KompetensbronError as exc:
        fail(exc)
    setup_django()
    from django.core.management import call_command

    try:
        with console.status("Migrating the database…"):
            call_command("migrate", interactive=False, verbosity=0)
        if online:
            from kompetensbron.sources.taxonomy_refresh import fetch_taxonomy

            with console.status("Fetching taxonomy from the JobTech Taxonomy API…"):
                fetched = fetch_taxonomy(data_dir, source="api", timeout=settings.http_timeout)
            console.print(f"Fetched {len(fetched.paths)} taxonomy files of version {fetched.version} into {data_dir}")
        from kompetensbron.reference.loading import load_reference_data
        from kompetensbron.reference.services import clear_caches

        with console.status("Loading reference data…") as status:
            report = load_reference_data(
                data_dir, progress=lambda msg: status.update(f"Loading reference data: {msg}…")
            )
        clear_caches()
    except KompetensbronError as exc:
        fail(exc)
        return
    _import_statistics(data_dir)
    _import_syllabi(data_dir)
    if demo:
        from kompetensbron.matchning.demo import create_matchning_demo
        from kompetensbron.samverkan.demo import create_demo_content

        with console.status("Creating the Samverkan example content…"):
            demo_result = create_demo_content()
            console.print(str(demo_result))
        with console.status("Creating the Matchning example content…"):
            console.print(str(create_matchning_demo(password=demo_result.password)))
        from kompetensbron.housing.demo import create_demo_content as create_housing_demo

        with console.status("Creating the Studentbostäder example content…"):
            console.print(str(create_housing_demo(password=demo_result.password)))
    table = Table(title=f"Reference data from {data_dir}")
    for col in ("table", "new", "updated", "deleted", "unchanged"):
        table.add_column(col, justify="right" if col != "table" else "left")
    for row in report.as_rows():
        table.add_row(row[0], *map(str, row[1:]))
    console.print(table)
    console.print(
        "[green]Reference data changed.[/]"
        if report.changed
        else "[green]Reference data already up to date: nothing changed.[/]"
    )


def _import_statistics(data_dir: Path) -> None:
    """Publish the aggregated labour-market statistics to the warehouse (dashboards need them)."""
    from kompetensbron.errors import DataFileMissing
    from kompetensbron.warehouse import import_statistics

    try:
        with console.status("Importing labour-market statistics into the warehouse…"):
            result = import_statistics(data_dir)
    except DataFileMissing as exc:
        err_console.print(f"[yellow]warning:[/] labour-market statistics not imported: {exc}")
        return
    except KompetensbronError as exc:
        fail(exc)
    rows = ", ".join(f"{t.table} {t.rows:,}" for t in result.tables)
    state = "published" if result.changed else "unchanged"
    console.print(f"Warehouse statistics {state} (snapshot {result.snapshot}): {rows}")


def _import_syllabi(data_dir: Path) -> None:
    """Load the course syllabi of the data directory (Mid Sweden University), if present."""
    from kompetensbron.education.loading import load_syllabi
    from kompetensbron.sources.syllabi import SYLLABI_PATH

    if not (data_dir / SYLLABI_PATH).is_file():
        err_console.print(f"[yellow]warning:[/] no syllabi at {data_dir / SYLLABI_PATH}; education supply starts empty")
        return
    try:
        with console.status("Loading course syllabi…"):
            report = load_syllabi(data_dir)
    except KompetensbronError as exc:
        fail(exc)
    console.print(f"Course syllabi: {report.created} new, {report.updated} updated, {report.unchanged} unchanged")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    threads: Annotated[int, typer.Option(help="Threads per worker.")] = 4,
) -> None:
    """Run the web application with gunicorn (a production WSGI server)."""
    setup_django()
    from django.core.management import call_command

    from kompetensbron.config import get_settings

    get_settings().var_dir.mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    console.print(f"Kompetensbron {__version__} on http://{host}:{port}/  (Ctrl-C stops)")
    args = [
        "gunicorn",
        "kompetensbron.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        # the dossier's figures fragment and mapping action may load the skill extractor (under a
        # second from its cache; 5-10 s, more on a loaded machine, when it is rebuilt) and the
        # occupation mapper: can be longer than gunicorn's default 30 s worker timeout
        "--timeout",
        "120",
        "--access-logfile",
        "-",
    ]
    os.execvp(sys.executable, [sys.executable, "-m", *args])


@app.command()
def info() -> None:
    """Versions, row counts and the data sources loaded."""
    import django

    from kompetensbron.config import get_settings

    settings = get_settings()
    setup_django()
    from django.db import connection

    from kompetensbron.reference.services import list_data_sources, reference_counts

    console.print(f"Kompetensbron {__version__}, Django {django.get_version()}, Python {sys.version.split()[0]}")
    console.print(f"database: {connection.vendor} ({settings.effective_database_url.split('@')[-1]})")
    console.print(f"data directory: {settings.data_dir}")
    try:
        counts = reference_counts()
        loads = list_data_sources()
    except Exception as exc:  # noqa: BLE001 - an un-initialised database
        fail(KompetensbronError(f"database not initialised ({exc.__class__.__name__}); run 'kompetensbron init'"))
        return
    t = Table(title="Reference data")
    t.add_column("table")
    t.add_column("rows", justify="right")
    for k, v in counts.items():
        t.add_row(k, str(v))
    console.print(t)
    s = Table(title="Sources")
    for col in ("dataset", "file", "version", "loaded"):
        s.add_column(col)
    for d in loads:
        s.add_row(d.dataset, d.source_file, d.version, d.loaded_at[:16].replace("T", " "))
    console.print(s)
    from .data_commands import live_table, status_table

    console.print(status_table(settings.data_dir))
    console.print(live_table(settings.data_dir))
