"""Commands of the labour-market knowledge base: job ads, statistics, enrichment."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kompetensbron.errors import KompetensbronError

from .common import console, err_console, fail, progress_bar

app = typer.Typer()


def _count_lines(paths: list[Path]) -> int | None:
    """Lines of plain (not gzipped) input files, for the progress bar's total."""
    total = 0
    for p in paths:
        if p.suffix in (".gz", ".zip") or not p.is_file():
            return None
        with open(p, "rb") as fh:
            total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 22), b""))
    return total


@app.command("ingest-ads")
def ingest_ads(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Job-ad files in the JobTech format (JSON Lines or a JSON array, optionally .gz; or a .zip as 'fetch-ads' writes)."
        ),
    ],
    enrich: Annotated[bool, typer.Option(help="Classify occupations and extract skills while ingesting.")] = True,
    keep_text: Annotated[bool, typer.Option(help="Store the ad text too (default: counts and codes only).")] = False,
    workers: Annotated[
        int | None, typer.Option(help="Processes that enrich in parallel (default: one per core).", min=1)
    ] = None,
) -> None:
    """Ingest job ads into the Parquet warehouse (idempotent; bad lines are reported and skipped)."""
    from kompetensbron.warehouse import ingest_ads as run

    hook = None
    try:
        if enrich:
            from kompetensbron.enrich import load_enricher
            from kompetensbron.enrich.parallel import ParallelEnricher

            with console.status("Loading the enrichment models…"):
                hook = ParallelEnricher(load_enricher(), workers=workers)
        total = _count_lines(paths)
        with progress_bar() as bar:
            task = bar.add_task("Ingesting ads", total=total, rate="")
            result = run(paths, enrich=hook, keep_text=keep_text, progress=lambda n: bar.update(task, advance=n))
    except KompetensbronError as exc:
        fail(exc)
    finally:
        if hook is not None:
            hook.close()
    t = Table(title="Ingest")
    for col in ("read", "new", "updated", "unchanged", "removed", "skipped", "ads/s"):
        t.add_column(col, justify="right")
    t.add_row(
        *(
            str(x)
            for x in (result.read, result.new, result.updated, result.duplicates, result.removed, result.skipped_total)
        ),
        f"{result.ads_per_second:,.0f}",
    )
    console.print(t)
    for rec in result.skipped[:20]:
        err_console.print(f"[yellow]skipped[/] {rec}")
    if result.skipped_total > 20:
        err_console.print(f"[yellow]… and {result.skipped_total - 20} more skipped records[/]")
    console.print(
        "Published warehouse snapshot " + str(result.snapshot)
        if result.published
        else "Nothing changed: the warehouse is as it was."
    )


@app.command("import-statistics")
def import_statistics(
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: KOMPETENSBRON_DATA_DIR).")] = None,
) -> None:
    """Import the aggregated JobTech statistics (2024 ad counts, Platsbanken, Yrkesbarometer, salaries)."""
    from kompetensbron.warehouse import import_statistics as run

    try:
        with console.status("Importing statistics…"):
            result = run(data_dir)
    except KompetensbronError as exc:
        fail(exc)
    t = Table(title=f"Statistics in warehouse snapshot {result.snapshot}")
    t.add_column("table")
    t.add_column("rows", justify="right")
    t.add_column("sources (period)")
    for table in result.tables:
        t.add_row(table.table, f"{table.rows:,}", "; ".join(f"{f} ({p})" for f, p in table.sources))
    console.print(t)
    console.print(
        "Published a new warehouse snapshot."
        if result.changed
        else "Nothing changed: the warehouse already had these figures."
    )
    if result.unmapped_groups or result.unknown_areas:
        err_console.print(
            f"[yellow]{result.unmapped_groups} occupation groups without SSYK code, {result.unknown_areas} unknown areas were left out[/]"
        )


@app.command("classify-titles")
def classify_titles(
    input: Annotated[Path, typer.Argument(help="UTF-8 text file, one job title per line ('-' for standard input).")],
    output: Annotated[Path, typer.Argument(help="TSV file to write ('-' for standard output).")],
) -> None:
    """Classify job titles to SSYK-4 and a JobTech occupation-name: TSV title, ssyk, concept_id, score."""
    from kompetensbron.enrich import load_enricher, write_classifications_tsv

    try:
        if str(input) != "-" and not input.is_file():
            raise KompetensbronError(f"{input}: file not found")
        with console.status("Loading the occupation classifier…"):
            classifier = load_enricher().classifier
        src = sys.stdin if str(input) == "-" else open(input, encoding="utf-8")
        dst = sys.stdout if str(output) == "-" else open(output, "w", encoding="utf-8", newline="")
        try:
            rows = write_classifications_tsv(src, dst, classifier)
        except UnicodeDecodeError as exc:
            raise KompetensbronError(f"{input}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        finally:
            if src is not sys.stdin:
                src.close()
            if dst is not sys.stdout:
                dst.close()
    except KompetensbronError as exc:
        fail(exc)
    err_console.print(f"Classified {rows} titles → {output}")


@app.command("extract-skills")
def extract_skills(
    text: Annotated[str | None, typer.Argument(help="Text to analyse (default: read standard input).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Find JobTech / ESCO skills in Swedish or English text, with the matched spans."""
    import json
    from dataclasses import asdict

    from kompetensbron.enrich import extract_skills as run

    body = text if text is not None else sys.stdin.read()
    try:
        matches = run(body)
    except KompetensbronError as exc:
        fail(exc)
    if json_output:
        console.print_json(json.dumps([asdict(m) for m in matches], ensure_ascii=False))
        return
    t = Table(title=f"{len(matches)} skills")
    for col in ("text", "start", "end", "label", "concept id", "ESCO", "via"):
        t.add_column(col)
    for m in matches:
        t.add_row(
            m.text,
            str(m.start),
            str(m.end),
            m.label,
            m.concept_id or "",
            (m.esco_uri or "").rsplit("/", 1)[-1],
            m.source,
        )
    console.print(t)


@app.command("enrich")
def enrich(
    rebuild: Annotated[bool, typer.Option(help="Rebuild the models even if a cached build matches the data.")] = False,
) -> None:
    """Build (or load from cache) the occupation classifier and skill extractor from the reference data."""
    from kompetensbron.enrich import load_enricher

    try:
        with console.status("Building the enrichment models from the reference data…"):
            enricher = load_enricher(rebuild=rebuild)
    except KompetensbronError as exc:
        fail(exc)
    console.print(f"Enrichment models ready (data fingerprint {enricher.input_hash[:12]}).")
