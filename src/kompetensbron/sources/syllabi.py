"""Reader of course syllabi (kursplaner) in the Mid Sweden University JSON Lines format.

One JSON object per line with the keys of :data:`REQUIRED_KEYS` (and ``UtbildningMal``,
``UtbildningMalEngelsk``, which may be null). Example of a line (shortened)::

    {"Kurskod": "AK001A", "NivaForkortning": "AV", "KursplanBenamning": "Arkiv- och
     informationsvetenskap AV, Teori och metod, 7,5 hp", "hp": "7.5",
     "GallerFrom": "2013-08-15 00:00:00.000", "MajorVersion": "5", ..., "ilos": ["..."]}

:func:`read_syllabi` parses every line into a :class:`SyllabusRecord`; a line that is not JSON,
lacks a key or has a bad value raises :class:`~kompetensbron.errors.DataFileMalformed` naming
the file, the line and the key. When a course code occurs more than once (several versions of
a syllabus) the latest one — by ``GallerFrom``, then ``MajorVersion`` — is kept and the others
are counted in :attr:`SyllabusFile.superseded`. The 2025 snapshot has 3,586 lines and 3,586
distinct course codes, so nothing is dropped there. Plain Python: no Django.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed, DataFileMissing

from . import catalog

__all__ = [
    "SYLLABI_DATASET",
    "SYLLABI_PATH",
    "SYLLABI_INSTITUTION",
    "SyllabusRecord",
    "SyllabusFile",
    "read_syllabi",
]

#: key of the syllabi in the provenance table (``reference.DataLoad.dataset``)
SYLLABI_DATASET = "miun-syllabi"
#: the file, relative to the data directory
SYLLABI_PATH = catalog.dataset("syllabi-miun").path
#: the institution whose syllabi the file holds, with its seat and campus kommuner
SYLLABI_INSTITUTION = {
    "name": "Mittuniversitetet",
    "short_name": "MIUN",
    "kommun": "2281",  # Sundsvall (seat)
    "campus_kommuner": ("2281", "2380"),  # Sundsvall, Östersund
    "title": "Mittuniversitetets kursplaner (kursplansanalys, MIUN-code/data)",
    "publisher": "Mittuniversitetet via amandakann/kursplansanalys",
    "version": "kursplansanalys snapshot",
    "licence": "public documents",
}

REQUIRED_KEYS = (
    "Kurskod",
    "NivaForkortning",
    "KursplanBenamning",
    "hp",
    "GallerFrom",
    "MajorVersion",
    "AmneBeskrivning",
    "AmnesgruppKod",
    "AmnesgruppBeskrivning",
    "FordjupningKod",
    "SarskildBehorighet",
    "ilos",
)
#: GR grundnivå, AV avancerad nivå, FO forskarnivå, BE behörighetsgivande förutbildning,
#: X outside the levels (one course in the 2025 file, SV003X)
LEVELS = ("GR", "AV", "FO", "BE", "X")


@dataclass(frozen=True)
class SyllabusRecord:
    code: str
    level: str
    title: str
    credits: Decimal
    valid_from: dt.date
    version: int
    subject: str
    subject_group_code: str
    subject_group: str
    depth_code: str
    learning_outcomes: str
    learning_outcomes_en: str
    eligibility: str
    ilos: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class SyllabusFile:
    path: Path
    records: list[SyllabusRecord]
    lines: int
    superseded: int  # older versions of a course code that were dropped

    @property
    def distinct_codes(self) -> int:
        return len(self.records)


def _text(obj: dict[str, Any], key: str, path: Path, line: int, *, required: bool = True) -> str:
    value = obj.get(key)
    if value is None:
        if required:
            raise DataFileMalformed("missing value", path=path, line=line, key=key)
        return ""
    if not isinstance(value, str):
        raise DataFileMalformed(f"expected text, got {type(value).__name__}", path=path, line=line, key=key)
    value = value.strip()
    if required and key in ("Kurskod", "KursplanBenamning") and not value:
        raise DataFileMalformed("empty value", path=path, line=line, key=key)
    return value


def parse_syllabus(obj: Any, path: Path, line: int) -> SyllabusRecord:
    """One parsed JSON object → a record, or :class:`DataFileMalformed` naming line and key."""
    if not isinstance(obj, dict):
        raise DataFileMalformed(f"expected a JSON object, got {type(obj).__name__}", path=path, line=line)
    for key in REQUIRED_KEYS:
        if key not in obj:
            raise DataFileMalformed("missing key", path=path, line=line, key=key)
    level = _text(obj, "NivaForkortning", path, line)
    if level not in LEVELS:
        raise DataFileMalformed(
            f"unknown level {level!r} (expected one of {', '.join(LEVELS)})",
            path=path,
            line=line,
            key="NivaForkortning",
        )
    raw_credits = _text(obj, "hp", path, line)
    try:
        credits = Decimal(raw_credits.replace(",", "."))
    except InvalidOperation:
        raise DataFileMalformed(f"credits {raw_credits!r} is not a number", path=path, line=line, key="hp") from None
    if not credits.is_finite() or credits <= 0:
        raise DataFileMalformed(f"credits {raw_credits!r} must be positive", path=path, line=line, key="hp")
    raw_date = _text(obj, "GallerFrom", path, line)
    try:
        valid_from = dt.date.fromisoformat(raw_date[:10])
    except ValueError:
        raise DataFileMalformed(
            f"date {raw_date!r} is not YYYY-MM-DD", path=path, line=line, key="GallerFrom"
        ) from None
    raw_version = _text(obj, "MajorVersion", path, line)
    if not raw_version.isdigit():
        raise DataFileMalformed(
            f"version {raw_version!r} is not a whole number", path=path, line=line, key="MajorVersion"
        )
    ilos = obj["ilos"]
    if not isinstance(ilos, list) or not all(isinstance(x, str) for x in ilos):
        raise DataFileMalformed("expected a list of texts", path=path, line=line, key="ilos")
    return SyllabusRecord(
        code=_text(obj, "Kurskod", path, line),
        level=level,
        title=_text(obj, "KursplanBenamning", path, line),
        credits=credits,
        valid_from=valid_from,
        version=int(raw_version),
        subject=_text(obj, "AmneBeskrivning", path, line, required=False),
        subject_group_code=_text(obj, "AmnesgruppKod", path, line, required=False),
        subject_group=_text(obj, "AmnesgruppBeskrivning", path, line, required=False),
        depth_code=_text(obj, "FordjupningKod", path, line, required=False),
        learning_outcomes=_text(obj, "UtbildningMal", path, line, required=False),
        learning_outcomes_en=_text(obj, "UtbildningMalEngelsk", path, line, required=False),
        eligibility=_text(obj, "SarskildBehorighet", path, line, required=False),
        ilos=tuple(x.strip() for x in ilos if x.strip()),
        line=line,
    )


def read_syllabi(path: Path) -> SyllabusFile:
    """Parse a whole syllabi file (JSON Lines); the latest version of each course code wins."""
    path = Path(path)
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    latest: dict[str, SyllabusRecord] = {}
    lines = superseded = 0
    try:
        with open(path, encoding="utf-8") as fh:
            for number, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                lines += 1
                try:
                    obj = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise DataFileMalformed(
                        f"invalid JSON: {exc.msg} (column {exc.colno})", path=path, line=number
                    ) from None
                record = parse_syllabus(obj, path, number)
                old = latest.get(record.code)
                if old is not None:
                    superseded += 1
                    if (old.valid_from, old.version) >= (record.valid_from, record.version):
                        continue
                latest[record.code] = record
    except UnicodeDecodeError as exc:
        raise DataFileMalformed(f"not UTF-8 text ({exc.reason})", path=path) from exc
    if not lines:
        raise DataFileMalformed("file is empty", path=path)
    return SyllabusFile(
        path=path, records=sorted(latest.values(), key=lambda r: r.code), lines=lines, superseded=superseded
    )
