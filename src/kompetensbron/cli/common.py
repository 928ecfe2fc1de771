"""Shared pieces of the CLI: consoles, Django set-up on demand, error exit."""

from __future__ import annotations

import os
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = Console()
err_console = Console(stderr=True)


def setup_django() -> None:
    """Set up Django on first use (never at import time)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetensbron.web.settings")
    import django

    django.setup()


def fail(exc: Exception) -> NoReturn:
    err_console.print(f"[bold red]error:[/] {exc}")
    raise typer.Exit(code=2)


def progress_bar(transient: bool = False) -> Progress:
    """A rich progress bar for long work (records with a rate and elapsed time)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=transient,
    )


__all__ = ["console", "err_console", "setup_django", "fail", "progress_bar"]
