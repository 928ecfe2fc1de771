"""Commands of the programme/course ↔ occupation map: ``map-courses``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from kompetensbron.errors import KompetensbronError

from .common import console, err_console, fail, progress_bar, setup_django

app = typer.Typer()


def _courses_from_database() -> list | None:
    """Course texts of the education app's imported courses, or None when there are none."""
    try:
        setup_django()
        from django.db.utils import DatabaseError

        from kompetensbron.education.mapping_service import stored_course_texts
    except (ImportError, RuntimeError):  # the education app is not installed
        return None
    try:
        texts = stored_course_texts()
    except DatabaseError:  # not migrated yet
        return None
    return texts or None


@app.command("map-courses")
def map_courses(
    output: Annotated[
        Path, typer.Argument(help="TSV to write: course_code, rank, ssyk, score, provenance (best first).")
    ],
    top: Annotated[int, typer.Option(min=1, max=50, help="Suggested SSYK-4 groups per course.")] = 5,
    store: Annotated[
        bool, typer.Option(help="Also store the suggestions as occupation links in the database.")
    ] = False,
    syllabi: Annotated[
        Path | None, typer.Option(help="Map the courses of this syllabi file instead of the imported ones.")
    ] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: KOMPETENSBRON_DATA_DIR).")] = None,
) -> None:
    """Suggest the best SSYK-4 occupation groups for every imported course (skill overlap + text)."""
    from kompetensbron.analysis.occupation_mapping import OccupationMapper, read_syllabus_texts, write_mapping_tsv
    from kompetensbron.analysis.occupation_profiles import load_ad_skill_counts
    from kompetensbron.config import get_settings
    from kompetensbron.enrich import load_skill_extractor
    from kompetensbron.sources.reference_files import read_reference_snapshot
    from kompetensbron.sources.syllabi import SYLLABI_PATH

    settings = get_settings()
    data_dir = (data_dir or settings.data_dir).resolve()
    try:
        courses = None if syllabi else _courses_from_database()
        if courses is not None:
            err_console.print(f"Courses: {len(courses):,} imported courses from the database (education app).")
        else:
            path = syllabi or data_dir / SYLLABI_PATH
            if store and not syllabi:
                fail(KompetensbronError("--store needs imported courses: run `kompetensbron import-syllabi` first."))
            courses = read_syllabus_texts(path)
            err_console.print(
                f"Courses: {len(courses):,} from the syllabi file {path} (none imported in the database)."
            )
        with console.status("Loading the reference data, the skill extractor and the job-ad skills…"):
            snapshot = read_reference_snapshot(data_dir)
            extractor = load_skill_extractor(settings)
            ad_skills = load_ad_skill_counts(settings.warehouse_dir) if settings.warehouse_dir.is_dir() else {}
            from kompetensbron.analysis.esco_profiles import esco_profiles_if_present

            esco = esco_profiles_if_present(snapshot, data_dir)
        started = time.perf_counter()
        with progress_bar() as bar:
            task = bar.add_task("Building occupation profiles", total=None, rate="")
            mapper = OccupationMapper.create(snapshot, extractor, background=courses, ad_skills=ad_skills, esco=esco)
            bar.update(task, total=1, completed=1)
            task = bar.add_task("Mapping courses", total=len(courses), rate="")
            mappings = mapper.map_courses(courses, top=top, progress=lambda n: bar.update(task, advance=n))
        seconds = time.perf_counter() - started
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output, "w", encoding="utf-8", newline="") as fh:
            rows = write_mapping_tsv(mappings, fh)
        err_console.print(f"Profiles: skills from {', '.join(f'{k}={v}' for k, v in mapper.profiles.sources.items())}.")
        console.print(
            f"Wrote {rows:,} suggestions for {len(mappings):,} courses to {output} ({len(courses) / seconds:,.0f} courses/s)."
        )
        if store:
            from kompetensbron.education.mapping_service import store_course_suggestions

            with console.status("Storing suggestions…"):
                counts = store_course_suggestions(suggestions=mappings)
            console.print(
                f"Stored: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged, "
                f"{counts.kept} decided links kept, {counts.removed} stale removed."
            )
    except KompetensbronError as exc:
        fail(exc)
