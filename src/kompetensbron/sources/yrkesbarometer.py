"""Readers of Arbetsförmedlingen's Yrkesbarometer / bristindex files (plain Python, no Django).

Four files of ``af-yrkesbarometer/`` in the data directory (see ``/data/SOURCES.md``):

``historik.csv``
    Yearly indices per *prognosis occupation* (``conceptidprognosyrke``, a JobTech concept
    id), 2015 = 1.00: ``antalEFT`` (demand), ``antalPEN`` (retirements), ``antalTILL``
    (entrants), and AF's own projections (``antal*prognos``). In this snapshot the realised
    values stop early: demand and entrants 2015–2019, retirements 2015–2018; the rows of
    2020–2026 carry AF's projections only.
``bedomning.csv``
    Per prognosis occupation × FA-region (``fa15nr``; 0 = whole Sweden): the national
    assessments ``bedömning24`` (1-year) and ``bedömning26`` (5-year) on a 1–3 scale, the
    employed count, shares of women/men, and per-region arrow values (``pil_*``) and a
    regional ``index``. Only the ``fa15nr = 0`` rows carry assessments; AF's importer
    (team-vagledning/yrkesinfo, ``Importers/Bristindex/V3``) copies them to every FA-region.
``1-ar.xlsx`` (sheet ``Sheet1``)
    1-year bristindex per län × SSYK (mostly SSYK-4, some SSYK-3 groups): 1–5 index and its
    text (1–1.99 "Mer påtagligt överskott", 2–2.89 "Visst överskott", 2.9–3.29 "Balans",
    3.3–3.99 "Viss brist", 4–5 "Mer påtaglig brist").
``5-ar.xlsx``
    5-year outlook per SSYK (``omfem``, same 1–5 scale), national.

**Linkage gap.** The prognosis-occupation concept ids of the two CSV files have no names and
no SSYK codes anywhere in the snapshot (AF's own database links them through a table that
is not published with the files), and the two Excel files have SSYK codes and names but no
concept ids. Nothing shared exists to join on, so analyses stay per prognosis occupation
(CSV) and per SSYK (Excel) separately.

Every reader returns typed records; bad input raises
:class:`~kompetensbron.errors.DataFileMalformed` naming the file, the line and the column.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed, DataFileMissing, gettext_noop
from kompetensbron.sources.file_formats import read_csv, read_xlsx

__all__ = [
    "FOLDER",
    "FILES",
    "BarometerFile",
    "HistoryRow",
    "Assessment",
    "OneYearForecast",
    "FiveYearForecast",
    "read_history",
    "read_assessments",
    "read_one_year",
    "read_five_year",
    "yrkesbarometer_path",
]

FOLDER = "af-yrkesbarometer"


@dataclass(frozen=True)
class BarometerFile:
    """One Yrkesbarometer file: where it is, and what it covers (for provenance)."""

    key: str
    name: str
    title: str
    period: str

    def path(self, data_dir: Path) -> Path:
        """Its path in a data directory, from the source registry (key ``yrkesbarometer-<key>``)."""
        from . import catalog

        return Path(data_dir) / catalog.dataset(f"yrkesbarometer-{self.key}").path


FILES: dict[str, BarometerFile] = {
    f.key: f
    for f in (
        BarometerFile(
            "historik",
            "historik.csv",
            gettext_noop("Arbetsförmedlingen, Yrkesbarometer: historik (index 2015 = 1)"),
            gettext_noop("utfall 2015–2019, Arbetsförmedlingens prognoser 2020–2026"),
        ),
        BarometerFile(
            "bedomning",
            "bedomning.csv",
            gettext_noop("Arbetsförmedlingen, Yrkesbarometer: bedömning per prognosyrke och FA-region"),
            gettext_noop("bedömning 2024 (1 år) och 2026 (5 år)"),
        ),
        BarometerFile(
            "1-ar",
            "1-ar.xlsx",
            gettext_noop("Arbetsförmedlingen, bristindex 1 år per län och SSYK"),
            gettext_noop("prognos 1 år"),
        ),
        BarometerFile(
            "5-ar",
            "5-ar.xlsx",
            gettext_noop("Arbetsförmedlingen, bristindex 5 år per SSYK"),
            gettext_noop("prognos 5 år"),
        ),
    )
}


def yrkesbarometer_path(data_dir: Path, key: str) -> Path:
    return FILES[key].path(data_dir)


# --- typed records ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One year of one prognosis occupation in ``historik.csv`` (indices, 2015 = 1.00)."""

    occupation_id: str
    year: int
    demand: float | None
    retirements: float | None
    entrants: float | None
    demand_projection: float | None
    entrants_projection: float | None
    retirements_projection: float | None


@dataclass(frozen=True, slots=True)
class Assessment:
    """One row of ``bedomning.csv``: a prognosis occupation in Sweden (fa_region 0) or an FA-region."""

    occupation_id: str
    fa_region: int  # 0 = whole Sweden
    assessment_1y: int | None  # bedömning24, 1–3
    assessment_5y: int | None  # bedömning26, 1–3
    employed: int | None
    share_women: float | None
    regional_index: int | None
    demand_arrow_2022: float | None
    demand_arrow_2026: float | None
    entrants_arrow_2022: float | None
    entrants_arrow_2026: float | None
    retirements_arrow_2022: float | None
    retirements_arrow_2026: float | None


@dataclass(frozen=True, slots=True)
class OneYearForecast:
    """One row of ``1-ar.xlsx``: 1-year bristindex of an SSYK group in a län."""

    lan_code: str
    lan_name: str
    area: str  # yrkesområde
    ssyk: str  # 4 digits (or 3 for a few broader groups)
    name: str  # prognosyrke
    index: float | None  # 1–5; None where AF published "-"
    text: str | None
    municipalities: int | None  # number of kommuner behind the figure
    line: int


@dataclass(frozen=True, slots=True)
class FiveYearForecast:
    """One row of ``5-ar.xlsx``: national 5-year bristindex of one or more SSYK groups."""

    area: str
    ssyk_codes: tuple[str, ...]
    name: str
    index: float
    line: int


# --- value parsing ---------------------------------------------------------------------


def _number(value: Any, path: Path, line: int, column: str) -> float | None:
    """A decimal-comma number, or None for an empty cell; anything else raises."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    text = str(value).strip()
    if text in ("", "-"):
        return None
    try:
        return float(text.replace("\u2212", "-").replace(",", "."))
    except ValueError:
        raise DataFileMalformed(f"expected a number, got {text!r}", path=path, line=line, key=column) from None


def _integer(value: Any, path: Path, line: int, column: str) -> int | None:
    number = _number(value, path, line, column)
    if number is None:
        return None
    if number != int(number):
        raise DataFileMalformed(f"expected a whole number, got {value!r}", path=path, line=line, key=column)
    return int(number)


def _concept_id(value: Any, path: Path, line: int, column: str) -> str:
    text = (value or "").strip()
    if not text:
        raise DataFileMalformed("lacks a concept id", path=path, line=line, key=column)
    return text


def _ssyk(value: Any, path: Path, line: int) -> tuple[str, ...]:
    """SSYK code(s) of an Excel cell: a number (2411) or a list ("5321, 5322")."""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    codes = tuple(c.strip() for c in str(value if value is not None else "").split(",") if c.strip())
    if not codes or not all(c.isdigit() and 3 <= len(c) <= 4 for c in codes):
        raise DataFileMalformed(f"expected an SSYK code, got {value!r}", path=path, line=line, key="SSYK")
    return codes


# --- readers ---------------------------------------------------------------------------

_HISTORY_COLUMNS = [
    "ar",
    "antalEFT",
    "antalPEN",
    "antalTILL",
    "antalEFTprognos",
    "antalTILLprognos",
    "antalPENprognos",
    "conceptidprognosyrke",
]


def read_history(path: Path) -> list[HistoryRow]:
    """All rows of ``historik.csv`` (';' separated, decimal comma, BOM)."""
    rows: list[HistoryRow] = []
    for line, row in read_csv(path, _HISTORY_COLUMNS, delimiter=";"):
        if not any((row[c] or "").strip() for c in _HISTORY_COLUMNS[:7]):
            continue  # a stray row with only the concept id (one in the 2024 file)
        year = _integer(row["ar"], path, line, "ar")
        if year is None or not 1990 <= year <= 2100:
            raise DataFileMalformed(f"expected a year, got {row['ar']!r}", path=path, line=line, key="ar")
        num = {c: _number(row[c], path, line, c) for c in _HISTORY_COLUMNS[1:7]}
        rows.append(
            HistoryRow(
                occupation_id=_concept_id(row["conceptidprognosyrke"], path, line, "conceptidprognosyrke"),
                year=year,
                demand=num["antalEFT"],
                retirements=num["antalPEN"],
                entrants=num["antalTILL"],
                demand_projection=num["antalEFTprognos"],
                entrants_projection=num["antalTILLprognos"],
                retirements_projection=num["antalPENprognos"],
            )
        )
    if not rows:
        raise DataFileMalformed("no data rows", path=path)
    return rows


_ASSESSMENT_COLUMNS = [
    "conceptidprognosyrke",
    "fa15nr",
    "bedömning24",
    "bedömning26",
    "yrkesverksamma_antal",
    "andel_kvinnor",
    "index",
]
_ARROWS = {
    "demand_arrow_2022": "pil_2022_efterfråga",
    "demand_arrow_2026": "pil_2026_efterfråga",
    "entrants_arrow_2022": "pil_2022_tilltr",
    "entrants_arrow_2026": "pil_2026_tilltr",
    "retirements_arrow_2022": "pil_2022_pension",
    "retirements_arrow_2026": "pil_2026_pension",
}


def _scale(value: Any, path: Path, line: int, column: str, low: int, high: int) -> int | None:
    number = _integer(value, path, line, column)
    if number is not None and not low <= number <= high:
        raise DataFileMalformed(f"expected {low}–{high}, got {number}", path=path, line=line, key=column)
    return number


def read_assessments(path: Path) -> list[Assessment]:
    """All rows of ``bedomning.csv``."""
    out: list[Assessment] = []
    for line, row in read_csv(path, _ASSESSMENT_COLUMNS + list(_ARROWS.values()), delimiter=";"):
        fa = _integer(row["fa15nr"], path, line, "fa15nr")
        if fa is None or fa < 0:
            raise DataFileMalformed(
                f"expected an FA-region number, got {row['fa15nr']!r}", path=path, line=line, key="fa15nr"
            )
        employed = _integer(row["yrkesverksamma_antal"], path, line, "yrkesverksamma_antal")
        out.append(
            Assessment(
                occupation_id=_concept_id(row["conceptidprognosyrke"], path, line, "conceptidprognosyrke"),
                fa_region=fa,
                assessment_1y=_scale(row["bedömning24"], path, line, "bedömning24", 1, 3),
                assessment_5y=_scale(row["bedömning26"], path, line, "bedömning26", 1, 3),
                employed=employed,
                share_women=_number(row["andel_kvinnor"], path, line, "andel_kvinnor"),
                regional_index=_scale(row["index"], path, line, "index", 0, 5),
                **{attr: _number(row[col], path, line, col) for attr, col in _ARROWS.items()},
            )
        )
    if not out:
        raise DataFileMalformed("no data rows", path=path)
    return out


_ONE_YEAR_COLUMNS = [
    "Län",
    "Yrkesområde",
    "SSYK",
    "Prognosyrke",
    "(18H Om 1 år)",
    "(18H Klartext, Om 1 år)",
    "(18H Antal Kommuner Om 1 år)",
]


def _index(value: Any, path: Path, line: int, column: str) -> float | None:
    number = _number(value, path, line, column)
    if number is not None and not 1.0 <= number <= 5.0:
        raise DataFileMalformed(f"expected an index 1–5, got {number}", path=path, line=line, key=column)
    return number


def _first_sheet_rows(path: Path, required: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Like :func:`read_xlsx`, but a repeated header keeps its *first* column.

    ``1-ar.xlsx`` has two columns headed "(18H Om 1 år)": the index, then its class 1–5 as text.
    """
    import zipfile

    from openpyxl import load_workbook

    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise DataFileMalformed(f"not a readable Excel file: {exc}", path=path) from exc
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileMalformed(f"missing column(s) {', '.join(missing)} in header {header}", path=path, line=1)
        first = {name: header.index(name) for name in set(header) if name}
        for number, values in enumerate(rows, start=2):
            if all(v is None for v in values):
                continue
            yield number, {name: values[i] if i < len(values) else None for name, i in first.items()}
    finally:
        wb.close()


def read_one_year(path: Path) -> list[OneYearForecast]:
    """The 1-year forecasts of ``1-ar.xlsx`` (first sheet); the trailing "Inga val" row is skipped."""
    out: list[OneYearForecast] = []
    for line, row in _first_sheet_rows(path, _ONE_YEAR_COLUMNS):
        lan = str(row.get("Län") or "").strip()
        if not lan or lan == "Inga val":
            continue
        code, _, name = lan.partition(" ")
        if not (code.isdigit() and len(code) == 2 and name):
            raise DataFileMalformed(f"expected 'NN Länsnamn', got {lan!r}", path=path, line=line, key="Län")
        ssyk = _ssyk(row.get("SSYK"), path, line)
        text = str(row.get("(18H Klartext, Om 1 år)") or "").strip()
        out.append(
            OneYearForecast(
                lan_code=code,
                lan_name=name,
                area=str(row.get("Yrkesområde") or "").strip(),
                ssyk=ssyk[0],
                name=str(row.get("Prognosyrke") or "").strip(),
                index=_index(row.get("(18H Om 1 år)"), path, line, "(18H Om 1 år)"),
                text=text if text and text != "-" else None,
                municipalities=_integer(
                    row.get("(18H Antal Kommuner Om 1 år)"), path, line, "(18H Antal Kommuner Om 1 år)"
                ),
                line=line,
            )
        )
    if not out:
        raise DataFileMalformed("no data rows", path=path)
    return out


def read_five_year(path: Path) -> list[FiveYearForecast]:
    """The national 5-year forecasts of ``5-ar.xlsx``."""
    out: list[FiveYearForecast] = []
    for line, row in read_xlsx(path, ["Yrkesområde", "SSYK", "Prognosyrke", "omfem"]):
        index = _index(row.get("omfem"), path, line, "omfem")
        if index is None:
            raise DataFileMalformed("lacks the 5-year index", path=path, line=line, key="omfem")
        out.append(
            FiveYearForecast(
                area=str(row.get("Yrkesområde") or "").strip(),
                ssyk_codes=_ssyk(row.get("SSYK"), path, line),
                name=str(row.get("Prognosyrke") or "").strip(),
                index=index,
                line=line,
            )
        )
    if not out:
        raise DataFileMalformed("no data rows", path=path)
    return out
