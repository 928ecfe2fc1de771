"""Readers of SCB table BO0104T7 (special housing per kommun) → student homes per region and year.

Table BO0104T7 (TAB827) "Antal lägenheter efter region, typ av specialbostad, bostadsarea och
år" counts dwellings by type of special housing (``studentbostad``, housing for the elderly or
disabled, other) and floor-area class. The student homes of a region and year are the sum of
the ``studentbostad`` cells over every area class. Three shapes are read:

- **long CSV**, as the ``pxweb`` R package writes it and as our real extract
  (``housing/scb_bo0104t7_specialbostader_uppsala_lan_2013-2024.csv``) is::

      "region","typ av specialbostad","bostadsarea","år","Antal"
      "Uppsala","studentbostad","< 11 kvm","2013",23

- **wide CSV**, as SCB's PxWeb API answers with ``format=csv`` (one column per year, the
  region as ``"0380 Uppsala"``)::

      "region","typ av specialbostad","bostadsarea","Antal lägenheter 2013","Antal lägenheter 2014"
      "0380 Uppsala","studentbostad","< 11 kvm",23,36

- **JSON-stat** (2.0, or 1.x wrapped in ``{"dataset": …}``) as PxWeb answers with
  ``format=json-stat2`` / ``json-stat``: dimensions ``Region``, ``TypAvSpecialbostad``,
  ``Bostadsarea``, ``ContentsCode``, ``Tid``.

The student category is recognised by its label (``student…``); any other dimension but region
and time is summed over. SCB's ``-`` means zero; ``..`` (not available) makes that region-year
missing, reported in :attr:`ScbStock.missing` and not stored. Every bad cell raises
:class:`~kompetensbron.errors.DataFileMalformed` naming the file, line and column. Plain
Python: no Django.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed, DataFileMissing

__all__ = ["ScbStock", "StockRecord", "is_scb_stock_file", "read_scb_student_homes"]

_YEAR_AT_END = re.compile(r"(?:^|\s)(\d{4})$")
_REGION_CODE = re.compile(r"^(\d{2}|\d{4})(?:\s+(.+))?$")
MISSING = {"..", "…"}
ZERO = {"-", "–"}
MAX_CELL = 1_000_000


@dataclass(frozen=True)
class StockRecord:
    """Student homes of one region in one year; ``line`` is where the region-year was first seen."""

    region: str  # "Uppsala", "0380" or "0380 Uppsala" as in the file
    code: str | None  # the kommunkod when the file gives one
    name: str | None
    year: int
    homes: int
    line: int


@dataclass
class ScbStock:
    path: Path
    sha256: str
    fmt: str
    records: list[StockRecord]
    missing: list[tuple[str, int]] = field(default_factory=list)
    aggregates_skipped: int = 0


def _region(value: str) -> tuple[str | None, str | None]:
    value = value.strip()
    match = _REGION_CODE.match(value)
    if match:
        return match.group(1), (match.group(2) or None)
    return None, value


def _is_aggregate(code: str | None, name: str | None) -> bool:
    if code is not None and len(code) == 2:
        return True
    folded = (name or "").casefold()
    return folded in {"riket", "hela riket", "sverige"} or folded.endswith(" län")


def _is_student(label: str) -> bool:
    return label.strip().casefold().startswith("student")


def _cell(raw: object, path: Path, line: int | None, column: str) -> int | None:
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if text in MISSING:
        return None
    if text in ZERO:
        return 0
    try:
        value = int(text)
    except ValueError:
        try:
            as_float = float(text.replace(",", "."))
        except ValueError:
            raise DataFileMalformed(
                f"expected a number of dwellings, got {raw!r}", path=path, line=line, key=column
            ) from None
        if not as_float.is_integer():
            raise DataFileMalformed(
                f"expected a whole number of dwellings, got {raw!r}", path=path, line=line, key=column
            ) from None
        value = int(as_float)
    if not 0 <= value <= MAX_CELL:
        raise DataFileMalformed(
            f"number of dwellings out of range (0–{MAX_CELL:,}): {value}", path=path, line=line, key=column
        )
    return value


def _year(raw: object, path: Path, line: int | None, column: str) -> int:
    text = str(raw).strip()
    if not re.fullmatch(r"\d{4}", text) or not 1950 <= int(text) <= 2100:
        raise DataFileMalformed(f"expected a year (1950–2100), got {raw!r}", path=path, line=line, key=column)
    return int(text)


class _Totals:
    """Sums of student cells per (region, year); a missing cell marks the region-year missing."""

    def __init__(self) -> None:
        self.sums: dict[tuple[str, int], int] = defaultdict(int)
        self.first_line: dict[tuple[str, int], int] = {}
        self.missing: set[tuple[str, int]] = set()
        self.aggregates = 0

    def add(self, region: str, year: int, value: int | None, line: int) -> None:
        code, name = _region(region)
        if _is_aggregate(code, name):
            self.aggregates += 1
            return
        key = (region.strip(), year)
        self.first_line.setdefault(key, line)
        if value is None:
            self.missing.add(key)
        else:
            self.sums[key] += value

    def result(self, path: Path, sha: str, fmt: str) -> ScbStock:
        records = []
        for key, line in sorted(self.first_line.items(), key=lambda kv: kv[1]):
            if key in self.missing:
                continue
            code, name = _region(key[0])
            records.append(
                StockRecord(region=key[0], code=code, name=name, year=key[1], homes=self.sums[key], line=line)
            )
        if not records:
            raise DataFileMalformed(
                "no student-housing figures (typ av specialbostad 'studentbostad') in the file", path=path
            )
        return ScbStock(path, sha, fmt, records, sorted(self.missing), self.aggregates)


def _find(header: list[str], *needles: str) -> int | None:
    for i, name in enumerate(header):
        folded = name.strip().casefold()
        if any(folded == n or folded.startswith(n) for n in needles):
            return i
    return None


def _read_csv(path: Path, text: str, sha: str) -> ScbStock:
    first = text.splitlines()[0] if text else ""
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(rows, [])
    region_col = _find(header, "region")
    type_col = _find(header, "typ av specialbostad", "typavspecialbostad", "specialbostad")
    if region_col is None or type_col is None:
        raise DataFileMalformed(
            f"expected columns 'region' and 'typ av specialbostad' (SCB BO0104T7), got {header}", path=path, line=1
        )
    year_col = _find(header, "år", "tid", "year")
    totals = _Totals()
    if year_col is not None:  # long: one value column after the year
        value_col = len(header) - 1 if year_col != len(header) - 1 else None
        if value_col is None:
            raise DataFileMalformed("no value column after the year column", path=path, line=1)
        fmt = "scb-csv-long"
        for line, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) != len(header):
                raise DataFileMalformed(f"row has {len(row)} fields, expected {len(header)}", path=path, line=line)
            if not _is_student(row[type_col]):
                continue
            year = _year(row[year_col], path, line, header[year_col])
            totals.add(row[region_col], year, _cell(row[value_col], path, line, header[value_col]), line)
    else:  # wide: one column per year
        years = {i: _YEAR_AT_END.search(name.strip()) for i, name in enumerate(header)}
        year_cols = {i: int(m.group(1)) for i, m in years.items() if m and i not in (region_col, type_col)}
        if not year_cols:
            raise DataFileMalformed(
                f"no year column ('år' or columns ending in a year) in header {header}", path=path, line=1
            )
        fmt = "scb-csv-wide"
        for line, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) != len(header):
                raise DataFileMalformed(f"row has {len(row)} fields, expected {len(header)}", path=path, line=line)
            if not _is_student(row[type_col]):
                continue
            for i, year in year_cols.items():
                totals.add(row[region_col], year, _cell(row[i], path, line, header[i]), line)
    return totals.result(path, sha, fmt)


def _labels(dim: dict[str, Any], name: str, path: Path) -> list[tuple[str, str]]:
    category = dim.get("category") if isinstance(dim, dict) else None
    if not isinstance(category, dict):
        raise DataFileMalformed("dimension without a category", path=path, key=f"dimension.{name}.category")
    index = category.get("index")
    labels = category.get("label") or {}
    if isinstance(index, list):
        codes = list(index)
    elif isinstance(index, dict):
        codes = [c for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
    elif isinstance(labels, dict) and len(labels) == 1:
        codes = list(labels)
    else:
        raise DataFileMalformed("dimension without a category index", path=path, key=f"dimension.{name}.category.index")
    return [(str(c), str(labels.get(c, c))) for c in codes]


def _read_json_stat(path: Path, text: str, sha: str) -> ScbStock:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileMalformed(f"invalid JSON: {exc.msg} (column {exc.colno})", path=path, line=exc.lineno) from exc
    if isinstance(payload, dict) and "dataset" in payload and isinstance(payload["dataset"], dict):
        payload = payload["dataset"]  # JSON-stat 1.x
    if not isinstance(payload, dict) or "dimension" not in payload or "value" not in payload:
        raise DataFileMalformed("expected a JSON-stat dataset with 'dimension' and 'value'", path=path)
    dimension = payload["dimension"]
    ids = payload.get("id") or dimension.get("id")
    sizes = payload.get("size") or dimension.get("size")
    role = payload.get("role") or dimension.get("role") or {}
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise DataFileMalformed("JSON-stat 'id' and 'size' missing or of different lengths", path=path, key="id")
    cats = {name: _labels(dimension.get(name), name, path) for name in ids}
    for name, size in zip(ids, sizes):
        if len(cats[name]) != size:
            raise DataFileMalformed(
                f"dimension {name} has {len(cats[name])} categories, size says {size}",
                path=path,
                key=f"dimension.{name}",
            )
    time_dim = (role.get("time") or [None])[0] or next((n for n in ids if n.casefold() in {"tid", "time", "år"}), None)
    geo_dim = (role.get("geo") or [None])[0] or next((n for n in ids if n.casefold() == "region"), None)
    type_dim = next((n for n in ids if any(_is_student(label) for _, label in cats[n])), None)
    if time_dim is None or geo_dim is None or type_dim is None:
        raise DataFileMalformed(
            "expected a region, a time and a special-housing type dimension (BO0104T7)", path=path, key="id"
        )
    metric = (role.get("metric") or [None])[0]
    if metric and len(cats[metric]) != 1:
        raise DataFileMalformed(
            f"expected one content ({metric}), got {len(cats[metric])}", path=path, key=f"dimension.{metric}"
        )
    values = payload["value"]
    total = 1
    for size in sizes:
        total *= size
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(total)]
    if not isinstance(values, list) or len(values) != total:
        raise DataFileMalformed(
            f"expected {total} values, got {len(values) if isinstance(values, list) else type(values).__name__}",
            path=path,
            key="value",
        )
    status = payload.get("status") or {}
    strides = [1] * len(sizes)
    for i in range(len(sizes) - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]
    totals = _Totals()
    t_pos, g_pos, s_pos = ids.index(time_dim), ids.index(geo_dim), ids.index(type_dim)
    for flat, raw in enumerate(values):
        pos = [(flat // strides[d]) % sizes[d] for d in range(len(sizes))]
        if not _is_student(cats[type_dim][pos[s_pos]][1]):
            continue
        code, label = cats[geo_dim][pos[g_pos]]
        region = f"{code} {label}" if label != code else code
        year = _year(cats[time_dim][pos[t_pos]][0], path, None, f"dimension.{time_dim}")
        cell_status = (
            status.get(str(flat)) if isinstance(status, dict) else (status[flat] if isinstance(status, list) else None)
        )
        value = (
            None
            if raw is None and cell_status in MISSING | {None}
            else (0 if raw is None else _cell(raw, path, None, f"value[{flat}]"))
        )
        totals.add(region, year, value, flat)
    return totals.result(path, sha, "json-stat")


def is_scb_stock_file(path: Path) -> bool:
    """Whether ``path`` looks like BO0104T7 (JSON, or a CSV with 'typ av specialbostad')."""
    if path.suffix.lower() == ".json":
        return True
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            head = fh.readline().casefold()
    except OSError:
        return False
    return "specialbostad" in head


def read_scb_student_homes(path: Path) -> ScbStock:
    """Student homes per region and year from a BO0104T7 file (CSV long/wide or JSON-stat)."""
    path = Path(path)
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    for encoding in ("utf-8-sig", "cp1252"):  # PxWeb's CSV comes as UTF-8 or Windows-1252
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if not text.strip():
        raise DataFileMalformed("file is empty", path=path)
    if text.lstrip().startswith("{"):
        return _read_json_stat(path, text, sha)
    return _read_csv(path, text, sha)
