"""Commands that refresh data from the official services: ``fetch-barometer``, ``fetch-taxonomy``, ``fetch-ads``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from kompetensbron.errors import KompetensbronError

from .common import console, err_console, fail

app = typer.Typer()

DataDir = Annotated[Path | None, typer.Option(help="Data directory (default: KOMPETENSBRON_DATA_DIR).")]
Mirror = Annotated[
    str | None,
    typer.Option(help="Base URL or directory with the data directory's layout (default: KOMPETENSBRON_DATA_MIRROR)."),
]
Url = Annotated[str | None, typer.Option(help="Fetch from this URL instead of the publisher's (e.g. a saved copy).")]


@contextmanager
def _download_bar(label: str) -> Iterator[Callable[[str, int, int], None]]:
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(_key: str, n: int, total: int) -> None:
            bar.update(task, advance=n, total=total or None)

        yield advance


def _settings_dir(data_dir: Path | None) -> tuple[Path, str | None, float]:
    from kompetensbron.config import get_settings

    s = get_settings()
    return (data_dir or s.data_dir).resolve(), s.data_mirror or None, s.http_timeout


@app.command("fetch-barometer")
def fetch_barometer_command(data_dir: DataDir = None, mirror: Mirror = None, url: Url = None) -> None:
    """Download Arbetsförmedlingen's current Yrkesbarometer (yrkesbarometer.json), check it and record its round."""
    from kompetensbron.sources.official_refresh import fetch_barometer

    directory, default_mirror, timeout = _settings_dir(data_dir)
    try:
        with _download_bar("yrkesbarometer.json") as progress:
            parsed = fetch_barometer(
                directory,
                url=url,
                mirror=mirror or default_mirror,
                progress=progress,
                timeout=timeout,
            )
    except KompetensbronError as exc:
        fail(exc)
    occupations = len({r.concept_id for r in parsed.rows})
    areas = len({r.lan for r in parsed.rows})
    console.print(
        f"[green]Yrkesbarometer round {parsed.round}[/] ({parsed.data_date}): {occupations} occupations × "
        f"{areas} areas, {len(parsed.rows)} rows; the pages and the dossier use it as the newest assessment."
    )


@app.command("fetch-taxonomy")
def fetch_taxonomy_command(
    data_dir: DataDir = None,
    version: Annotated[
        int | None, typer.Option(help="Taxonomy version (default: the newest published).", min=1, max=10_000)
    ] = None,
    api: Annotated[
        bool, typer.Option("--api/--static", help="Ask the GraphQL API instead of the static files of the version.")
    ] = False,
) -> None:
    """Fetch a JobTech Taxonomy version (static files or API), replace the taxonomy files and record the version."""
    from kompetensbron.sources.taxonomy_refresh import fetch_taxonomy

    directory, _mirror, timeout = _settings_dir(data_dir)
    try:
        with _download_bar("taxonomy") as progress:
            result = fetch_taxonomy(
                directory,
                version=version,
                source="api" if api else "static",
                progress=progress,
                timeout=timeout,
            )
    except KompetensbronError as exc:
        fail(exc)
    console.print(
        f"[green]JobTech Taxonomy version {result.version}[/] ({result.published[:10]}): {len(result.paths)} files "
        f"in {directory}; run 'kompetensbron init' to load them."
    )


@app.command("fetch-ads")
def fetch_ads_command(
    year: Annotated[int, typer.Option(help="The year of ads.", min=2006, max=2100)],
    sample: Annotated[
        bool, typer.Option("--sample/--full", help="The official 1 % sample (default) or the whole year (~1 GB).")
    ] = True,
    data_dir: DataDir = None,
    mirror: Mirror = None,
    url: Url = None,
) -> None:
    """Download one year of JobTech historical ads (verified zip) for 'kompetensbron ingest-ads'."""
    from kompetensbron.sources.official_refresh import fetch_ads

    directory, default_mirror, _timeout = _settings_dir(data_dir)
    try:
        with _download_bar(f"ads {year}") as progress:
            path = fetch_ads(
                directory, year, sample=sample, url=url, mirror=mirror or default_mirror, progress=progress
            )
    except KompetensbronError as exc:
        fail(exc)
    console.print(
        f"[green]Fetched and verified[/] {path} ({path.stat().st_size / 1e6:,.1f} MB); "
        f"next: kompetensbron ingest-ads {path}"
    )
