"""CSV files of a round (the ``match-round`` command), read strictly; plain Python.

* STUDENTS.csv: ``student_id,preferences`` — opportunity ids best first, ``;``-separated;
* OPPORTUNITIES.csv: ``opportunity_id,capacity,preferences`` — student ids best first;
* OUTPUT.csv: ``student_id,opportunity_id`` for every matched student.

Every problem raises :class:`~kompetensbron.errors.DataFileMalformed` naming the file, the line
and the column (``key``): a missing column, an empty or over-long id, a repeated id, a capacity
that is not a whole number in 0…100,000, an id in a list that the other file does not define.
"""

from __future__ import annotations

import csv
from pathlib import Path

from kompetensbron.errors import DataFileMalformed
from kompetensbron.sources.file_formats import read_csv

from .allocation import Allocation

__all__ = [
    "MAX_CAPACITY",
    "MAX_ID",
    "MAX_PREFERENCES",
    "read_opportunities",
    "read_round",
    "read_students",
    "write_allocation",
]

MAX_ID = 64
MAX_PREFERENCES = 10_000
MAX_CAPACITY = 100_000


def _id(value: str, path: Path, line: int, column: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DataFileMalformed(f"column {column}: empty id", path=path, line=line, key=column)
    if len(value) > MAX_ID or ";" in value:
        raise DataFileMalformed(
            f"column {column}: id {value[:20]!r}… longer than {MAX_ID} characters or with ';'",
            path=path,
            line=line,
            key=column,
        )
    return value


def _list(value: str, path: Path, line: int, column: str = "preferences") -> list[str]:
    items = [v for v in (v.strip() for v in (value or "").split(";")) if v]
    if len(items) > MAX_PREFERENCES:
        raise DataFileMalformed(f"column {column}: more than {MAX_PREFERENCES} ids", path=path, line=line, key=column)
    if items and max(map(len, items)) > MAX_ID:
        long = next(i for i in items if len(i) > MAX_ID)
        raise DataFileMalformed(
            f"column {column}: id {long[:20]!r}… longer than {MAX_ID} characters", path=path, line=line, key=column
        )
    if len(set(items)) != len(items):
        seen: set[str] = set()
        dup = next(i for i in items if i in seen or seen.add(i))
        raise DataFileMalformed(f"column {column}: {dup!r} listed twice", path=path, line=line, key=column)
    return items


def read_students(path: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    """(student → preferences, student → line) of STUDENTS.csv."""
    path = Path(path)
    students: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    for line, row in read_csv(path, ["student_id", "preferences"]):
        sid = _id(row["student_id"], path, line, "student_id")
        if sid in students:
            raise DataFileMalformed(
                f"column student_id: {sid!r} also on line {lines[sid]}", path=path, line=line, key="student_id"
            )
        students[sid] = _list(row["preferences"], path, line)
        lines[sid] = line
    return students, lines


def read_opportunities(path: Path) -> tuple[dict[str, tuple[int, list[str]]], dict[str, int]]:
    """(opportunity → (capacity, preferences), opportunity → line) of OPPORTUNITIES.csv."""
    path = Path(path)
    opportunities: dict[str, tuple[int, list[str]]] = {}
    lines: dict[str, int] = {}
    for line, row in read_csv(path, ["opportunity_id", "capacity", "preferences"]):
        oid = _id(row["opportunity_id"], path, line, "opportunity_id")
        if oid in opportunities:
            raise DataFileMalformed(
                f"column opportunity_id: {oid!r} also on line {lines[oid]}", path=path, line=line, key="opportunity_id"
            )
        raw = (row["capacity"] or "").strip()
        if not raw.isdigit() or int(raw) > MAX_CAPACITY:
            raise DataFileMalformed(
                f"column capacity: {raw[:20]!r} is not a whole number 0…{MAX_CAPACITY}",
                path=path,
                line=line,
                key="capacity",
            )
        opportunities[oid] = (int(raw), _list(row["preferences"], path, line))
        lines[oid] = line
    return opportunities, lines


def read_round(
    students_path: Path, opportunities_path: Path
) -> tuple[dict[str, list[str]], dict[str, tuple[int, list[str]]]]:
    """Both files, with every id in a list checked against the other file."""
    students, student_lines = read_students(students_path)
    opportunities, opp_lines = read_opportunities(opportunities_path)
    for sid, prefs in students.items():
        for oid in prefs:
            if oid not in opportunities:
                raise DataFileMalformed(
                    f"column preferences: unknown opportunity {oid!r} (not in {Path(opportunities_path).name})",
                    path=students_path,
                    line=student_lines[sid],
                    key="preferences",
                )
    for oid, (_, prefs) in opportunities.items():
        for sid in prefs:
            if sid not in students:
                raise DataFileMalformed(
                    f"column preferences: unknown student {sid!r} (not in {Path(students_path).name})",
                    path=opportunities_path,
                    line=opp_lines[oid],
                    key="preferences",
                )
    return students, opportunities


def write_allocation(allocation: Allocation, path: Path) -> int:
    """Write OUTPUT.csv; returns the number of matched students."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student_id", "opportunity_id"])
        writer.writerows(allocation.rows())
    return len(allocation.matches)
