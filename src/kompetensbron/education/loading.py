"""Load the Mid Sweden University syllabi into :class:`~.models.Course`: parse, then write.

:func:`load_syllabi` reads the whole file first (:func:`~kompetensbron.sources.syllabi.read_syllabi`
raises on the first bad line, naming file, line and key), then writes the institution, the
provenance row (``reference.DataLoad`` ``miun-syllabi``) and every course in one transaction.
Re-loading the same file changes nothing; courses no longer in the file are kept (programmes
may point to them) and counted as ``not_in_file``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kompetensbron.reference.models import DataLoad, Kommun
from kompetensbron.reference.search_text import search_key
from kompetensbron.reference.table_sync import upsert
from kompetensbron.sources.catalog import file_sha256
from kompetensbron.sources.syllabi import SYLLABI_DATASET, SYLLABI_INSTITUTION, SYLLABI_PATH, SyllabusFile, read_syllabi

from .models import Course, Institution

__all__ = ["SyllabiLoadReport", "load_syllabi", "store_syllabi", "course_search_text"]

#: the fields an import writes (compared to decide "updated" vs "unchanged")
COURSE_FIELDS = (
    "title",
    "level",
    "credits",
    "subject",
    "subject_group_code",
    "subject_group",
    "depth_code",
    "learning_outcomes",
    "learning_outcomes_en",
    "ilos",
    "eligibility",
    "valid_from",
    "version",
    "search_text",
    "load_id",
    "source_file",
    "source_line",
)


@dataclass(frozen=True)
class SyllabiLoadReport:
    path: Path
    lines: int
    distinct_codes: int
    superseded: int
    created: int
    updated: int
    unchanged: int
    not_in_file: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def course_search_text(code: str, title: str, subject: str = "", subject_group: str = "") -> str:
    return search_key(" | ".join(x for x in (code, title, subject, subject_group) if x))


def load_syllabi(data_dir: Path, *, path: Path | None = None) -> SyllabiLoadReport:
    """Import the syllabi file of ``data_dir`` (or ``path``); idempotent."""
    source = Path(path) if path is not None else Path(data_dir) / SYLLABI_PATH
    parsed = read_syllabi(source)
    return store_syllabi(parsed, relative=SYLLABI_PATH if path is None else source.name)


def _institution() -> Institution:
    info = SYLLABI_INSTITUTION
    kommuner = {k.code: k for k in Kommun.objects.filter(code__in=info["campus_kommuner"])}
    inst, _ = Institution.objects.get_or_create(name=info["name"], defaults={"short_name": info["short_name"]})
    if inst.kommun_id is None and info["kommun"] in kommuner:
        inst.kommun = kommuner[info["kommun"]]
        inst.save(update_fields=["kommun"])
    if kommuner and not inst.campus_kommuner.exists():
        inst.campus_kommuner.set(kommuner.values())
    return inst


def _data_load(parsed: SyllabusFile, relative: str) -> DataLoad:
    info = SYLLABI_INSTITUTION
    sha = file_sha256(parsed.path)
    old = DataLoad.objects.filter(dataset=SYLLABI_DATASET).first()
    values = dict(
        title=info["title"],
        source_file=relative,
        version=info["version"],
        publisher=info["publisher"],
        licence=info["licence"],
        sha256=sha,
    )
    if old is None:
        return DataLoad.objects.create(dataset=SYLLABI_DATASET, loaded_at=timezone.now(), **values)
    if any(getattr(old, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(old, k, v)
        old.loaded_at = timezone.now()
        old.save()
    return old


def store_syllabi(parsed: SyllabusFile, *, relative: str = SYLLABI_PATH) -> SyllabiLoadReport:
    """Write parsed syllabi in one transaction (create / update / leave unchanged)."""
    with transaction.atomic():
        institution = _institution()
        load = _data_load(parsed, relative)
        existing = {c.code: c for c in Course.objects.filter(institution=institution)}
        create: list[Course] = []
        update: list[Course] = []
        unchanged = 0
        for r in parsed.records:
            values = dict(
                title=r.title,
                level=r.level,
                credits=r.credits,
                subject=r.subject,
                subject_group_code=r.subject_group_code,
                subject_group=r.subject_group,
                depth_code=r.depth_code,
                learning_outcomes=r.learning_outcomes,
                learning_outcomes_en=r.learning_outcomes_en,
                ilos=list(r.ilos),
                eligibility=r.eligibility,
                valid_from=r.valid_from,
                version=r.version,
                search_text=course_search_text(r.code, r.title, r.subject, r.subject_group),
                load_id=load.pk,
                source_file=relative,
                source_line=r.line,
            )
            old = existing.get(r.code)
            if old is None:
                create.append(Course(institution=institution, code=r.code, **values))
            elif any(getattr(old, k) != v for k, v in values.items()):
                update.append(Course(institution=institution, code=r.code, **values))
            else:
                unchanged += 1
        upsert(
            Course,
            [*create, *update],
            unique_fields=["institution", "code"],
            update_fields=[*COURSE_FIELDS, "updated_at"],
        )
        in_file = {r.code for r in parsed.records}
        not_in_file = sum(1 for code in existing if code not in in_file)
    return SyllabiLoadReport(
        path=parsed.path,
        lines=parsed.lines,
        distinct_codes=parsed.distinct_codes,
        superseded=parsed.superseded,
        created=len(create),
        updated=len(update),
        unchanged=unchanged,
        not_in_file=not_in_file,
    )
