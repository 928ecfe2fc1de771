"""Readers of the graduate supply files of the snapshot: the Saco retention study and UHR admissions.

* ``graduates/saco2015_follow_students_from_county.csv`` [``saco-from-county``] and
  ``…_in_county.csv`` [``saco-in-county``] — Saco's 2015 study (SCB register data) of young
  people who began higher education HT2000–VT2003, per län: *from* — those who went to
  gymnasium in the län (``home → study_home | study_away``, then ``study_* → live_home |
  live_away`` ten years later); *in* — those who studied in the län (``origin_home |
  origin_away → live_home | live_away``). Columns ``home, source_name, source_id,
  source_class, target_name, target_id, target_class, value, total``.
* ``graduates/uhr_antagningsstatistik_2010-2022_scraped.json`` [``uhr-admissions``] — UHR
  admission statistics per programme and term: ``{key: {code, name, university,
  statistics: [{year, term, applicants, first_hand_applicants, admitted, reserves, bi, bii,
  hp}]}}``. Lossy at the source: programmes of the same name at several institutions share a key.

Every file is checked whole (flows add up to each län's total, counts are non-negative
integers) and refused with a :class:`DataFileMalformed` naming file, line and column.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kompetensbron.errors import DataFileMalformed, DataFileMissing

__all__ = [
    "SACO_COLUMNS",
    "SacoFlow",
    "UhrTerm",
    "read_saco_flows",
    "read_uhr_admissions",
]

SACO_COLUMNS = (
    "home",
    "source_name",
    "source_id",
    "source_class",
    "target_name",
    "target_id",
    "target_class",
    "value",
    "total",
)
#: the edges each file may hold (source_id → allowed target_ids)
_EDGES = {
    "from": {
        "home": {"study_home", "study_away"},
        "study_home": {"live_home", "live_away"},
        "study_away": {"live_home", "live_away"},
    },
    "in": {"origin_home": {"live_home", "live_away"}, "origin_away": {"live_home", "live_away"}},
}
_MAX_COUNT = 10_000_000


@dataclass(frozen=True, slots=True)
class SacoFlow:
    """One flow of the Saco study: ``value`` of the ``total`` students of län ``home``."""

    view: str  # "from" (gymnasium in the län) | "in" (studied in the län)
    home: str  # län name as the study writes it ("Västernorrlands län")
    source_id: str
    target_id: str
    value: int
    total: int
    line: int


@dataclass(frozen=True, slots=True)
class UhrTerm:
    key: str
    code: str
    name: str
    university: str
    year: int
    term: str  # "HT" | "VT"
    applicants: int
    first_hand_applicants: int
    admitted: int
    reserves: int | None


def _count(text: str, path: Path, line: int, column: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise DataFileMalformed(f"not a whole number: {text[:40]!r}", path=path, line=line, key=column) from None
    if not 0 <= value <= _MAX_COUNT:
        raise DataFileMalformed(f"count out of range: {value}", path=path, line=line, key=column)
    return value


def read_saco_flows(path: Path, view: str) -> list[SacoFlow]:
    """The flows of one Saco file (``view`` "from" or "in"); checks that every län's flows
    out of each stage add up to its total."""
    if view not in _EDGES:
        raise ValueError(f"view must be 'from' or 'in', not {view!r}")
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    edges = _EDGES[view]
    out: list[SacoFlow] = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in SACO_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileMalformed(f"missing column(s) {', '.join(missing)}", path=path, line=1, key=missing[0])
            for row in reader:
                line = reader.line_num
                if None in row or any(row[c] is None for c in SACO_COLUMNS):
                    raise DataFileMalformed("wrong number of fields", path=path, line=line)
                home = row["home"].strip()
                if not home:
                    raise DataFileMalformed("empty län", path=path, line=line, key="home")
                source, target = row["source_id"].strip(), row["target_id"].strip()
                if source not in edges:
                    raise DataFileMalformed(
                        f"unknown stage {source!r} for the {view!r} file", path=path, line=line, key="source_id"
                    )
                if target not in edges[source]:
                    raise DataFileMalformed(
                        f"{source} cannot lead to {target!r}", path=path, line=line, key="target_id"
                    )
                value = _count(row["value"], path, line, "value")
                total = _count(row["total"], path, line, "total")
                if value > total:
                    raise DataFileMalformed(f"value {value} exceeds total {total}", path=path, line=line, key="value")
                out.append(SacoFlow(view, home, source, target, value, total, line))
    except UnicodeDecodeError as exc:
        raise DataFileMalformed(f"not UTF-8 text ({exc.reason})", path=path) from exc
    except csv.Error as exc:
        raise DataFileMalformed(f"CSV error: {exc}", path=path) from exc
    if not out:
        raise DataFileMalformed("no rows after the header", path=path)
    _check_totals(out, path)
    return out


def _check_totals(flows: list[SacoFlow], path: Path) -> None:
    by_home: dict[str, list[SacoFlow]] = defaultdict(list)
    for f in flows:
        by_home[f.home].append(f)
    for home, rows in by_home.items():
        totals = {f.total for f in rows}
        if len(totals) != 1:
            raise DataFileMalformed(
                f"{home}: rows disagree on the total ({sorted(totals)})", path=path, line=rows[-1].line, key="total"
            )
        total = totals.pop()
        # the last stage (→ live_*) covers every student once
        last = sum(f.value for f in rows if f.target_id.startswith("live_"))
        if last != total:
            raise DataFileMalformed(
                f"{home}: flows to live_home/live_away sum to {last}, total is {total}",
                path=path,
                line=rows[-1].line,
                key="value",
            )
        first = [f for f in rows if f.source_id == "home"]
        if first and sum(f.value for f in first) != total:
            raise DataFileMalformed(
                f"{home}: flows out of 'home' do not sum to the total {total}",
                path=path,
                line=first[-1].line,
                key="value",
            )
        for stage in ("study_home", "study_away"):
            into = sum(f.value for f in first if f.target_id == stage)
            out_of = sum(f.value for f in rows if f.source_id == stage)
            if first and into != out_of:
                raise DataFileMalformed(
                    f"{home}: {into} enter {stage} but {out_of} leave it", path=path, line=rows[-1].line, key="value"
                )


def read_uhr_admissions(path: Path) -> list[UhrTerm]:
    """Every programme-term row of the UHR scrape (line = the programme's entry number)."""
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DataFileMalformed(f"not UTF-8 text ({exc.reason})", path=path) from exc
    except json.JSONDecodeError as exc:
        raise DataFileMalformed(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    if not isinstance(data, dict) or not data:
        raise DataFileMalformed("expected a non-empty object keyed by programme", path=path)
    out: list[UhrTerm] = []
    for number, (key, entry) in enumerate(data.items(), start=1):
        where = f"{key[:60]}"
        if not isinstance(entry, dict) or not isinstance(entry.get("statistics"), list):
            raise DataFileMalformed(
                f"programme {where!r}: no statistics list", path=path, line=number, key="statistics"
            )
        university = entry.get("university")
        if not isinstance(university, str) or not university.strip():
            raise DataFileMalformed(f"programme {where!r}: no university", path=path, line=number, key="university")
        for stat in entry["statistics"]:
            if not isinstance(stat, dict):
                raise DataFileMalformed(
                    f"programme {where!r}: a term is not an object", path=path, line=number, key="statistics"
                )
            values = {}
            for column in ("year", "applicants", "first_hand_applicants", "admitted"):
                v = stat.get(column)
                if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= _MAX_COUNT:
                    raise DataFileMalformed(
                        f"programme {where!r}: {column} must be a whole number ≥ 0, got {v!r}",
                        path=path,
                        line=number,
                        key=column,
                    )
                values[column] = v
            if not 1990 <= values["year"] <= 2100:
                raise DataFileMalformed(
                    f"programme {where!r}: year {values['year']} out of range", path=path, line=number, key="year"
                )
            term = stat.get("term")
            if term not in ("HT", "VT"):
                raise DataFileMalformed(
                    f"programme {where!r}: term must be HT or VT, got {term!r}", path=path, line=number, key="term"
                )
            reserves = stat.get("reserves")
            out.append(
                UhrTerm(
                    key,
                    str(entry.get("code") or ""),
                    str(entry.get("name") or key),
                    university.strip(),
                    values["year"],
                    term,
                    values["applicants"],
                    values["first_hand_applicants"],
                    values["admitted"],
                    reserves
                    if isinstance(reserves, int) and not isinstance(reserves, bool) and reserves >= 0
                    else None,
                )
            )
    return out
