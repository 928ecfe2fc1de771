"""Reader of the housing templates (``docs/housing_template.md``): CSV or Excel → typed rows.

Three templates, told apart by their columns:

- **stock** (student homes per kommun and year)::

      kommunkod,year,homes,source
      0380,2024,13644,Uppsala kommun bostadsregister

- **projects**::

      owner,name,kommunkod,homes,home_type,status,status_date,expected_completion_year,actual_completion_year
      Studentbostäder i Exempelstad AB,Kvarteret Lärkan,0180,240,corridor_room,building_permit,2025-03-01,2027,

- **queue** (queue statistics per housing organisation, year and home type)::

      organisation,year,home_type,people_in_queue,homes_offered,median_wait_days,p90_wait_days,declines,source
      SSSB,2018,studio,50000,1200,1100,1600,300,SSSB årsredovisning 2018

:func:`read_housing_template` checks the form of every value and collects every problem as a
:class:`~kompetensbron.sources.programme_template.TemplateProblem` (row, column, message);
the Django importer adds the problems of meaning (unknown kommun or organisation) and raises
one :class:`~kompetensbron.sources.programme_template.TemplateInvalid`. Plain Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed

from .programme_template import TemplateProblem, raw_rows_for, template_cell

__all__ = [
    "HOME_TYPES",
    "PROJECT_COLUMNS",
    "QUEUE_COLUMNS",
    "QUEUE_HOME_TYPES",
    "STATUSES",
    "STOCK_COLUMNS",
    "HousingTemplate",
    "read_housing_template",
]

STOCK_COLUMNS = ("kommunkod", "year", "homes", "source")
PROJECT_COLUMNS = (
    "owner",
    "name",
    "kommunkod",
    "homes",
    "home_type",
    "status",
    "status_date",
    "expected_completion_year",
    "actual_completion_year",
)
QUEUE_COLUMNS = (
    "organisation",
    "year",
    "home_type",
    "people_in_queue",
    "homes_offered",
    "median_wait_days",
    "p90_wait_days",
    "declines",
    "source",
)
#: accepted spellings (Swedish and English) → stored value
HOME_TYPES = {
    "corridor_room": "corridor_room",
    "korridorrum": "corridor_room",
    "korridor": "corridor_room",
    "rum": "corridor_room",
    "studio": "studio",
    "studentetta": "studio",
    "etta": "studio",
    "apartment": "apartment",
    "lägenhet": "apartment",
    "lagenhet": "apartment",
}
QUEUE_HOME_TYPES = {**HOME_TYPES, "all": "all", "alla": "all", "": "all"}
STATUSES = {
    "idea": "idea",
    "idé": "idea",
    "ide": "idea",
    "detailed_plan": "detailed_plan",
    "detaljplan": "detailed_plan",
    "building_permit": "building_permit",
    "bygglov": "building_permit",
    "under_construction": "under_construction",
    "under byggnad": "under_construction",
    "byggstart": "under_construction",
    "completed": "completed",
    "färdigställt": "completed",
    "fardigstallt": "completed",
    "klart": "completed",
    "cancelled": "cancelled",
    "avbrutet": "cancelled",
}
MAX_COUNT = 10_000_000
MAX_HOMES = 100_000
MAX_WAIT_DAYS = 36_500
MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_TEXT = 255


@dataclass(frozen=True)
class HousingTemplate:
    path: Path
    kind: str  # "stock" | "projects" | "queue"
    rows: list[dict[str, Any]]  # each with "row" (line) and the typed columns
    problems: list[TemplateProblem]


class _Row:
    def __init__(self, number: int, raw: dict[str, Any], problems: list[TemplateProblem]) -> None:
        self.number = number
        self.raw = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
        self.problems = problems

    def problem(self, column: str, message: str) -> None:
        self.problems.append(TemplateProblem(self.number, column, message))

    def text(self, column: str, *, required: bool = False) -> str:
        value = template_cell(self.raw.get(column), column)
        if required and not value:
            self.problem(column, "fältet måste fyllas i.")
        if len(value) > MAX_TEXT:
            self.problem(column, f"högst {MAX_TEXT} tecken.")
            value = value[:MAX_TEXT]
        return value

    def integer(self, column: str, *, required: bool = False, minimum: int = 0, maximum: int = MAX_COUNT) -> int | None:
        text = self.text(column, required=required).replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        try:
            value = int(text)
        except ValueError:
            self.problem(column, f"”{text}” är inget heltal.")
            return None
        if not minimum <= value <= maximum:
            self.problem(column, f"{value} ligger utanför {minimum}–{maximum}.")
            return None
        return value

    def year(self, column: str, *, required: bool = False) -> int | None:
        return self.integer(column, required=required, minimum=MIN_YEAR, maximum=MAX_YEAR)

    def choice(self, column: str, choices: dict[str, str], *, required: bool = True) -> str | None:
        text = self.text(column).casefold()
        if not text and not required and "" in choices:
            return choices[""]
        if text not in choices:
            allowed = ", ".join(sorted({v for v in choices.values()}))
            self.problem(column, f"”{text}” är inte ett av: {allowed}." if text else "fältet måste fyllas i.")
            return None
        return choices[text]

    def date(self, column: str) -> dt.date | None:
        value = self.raw.get(column)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = self.text(column)
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problem(column, f"”{text}” är inget datum (ÅÅÅÅ-MM-DD).")
            return None


def _stock(r: _Row) -> dict[str, Any]:
    code = r.text("kommunkod", required=True)
    if code and not (code.isdigit() and len(code) == 4):
        r.problem("kommunkod", f"”{code}” är ingen kommunkod (fyra siffror).")
    return {
        "kommunkod": code,
        "year": r.year("year", required=True),
        "homes": r.integer("homes", required=True, maximum=MAX_HOMES * 10),
        "source": r.text("source"),
    }


def _project(r: _Row) -> dict[str, Any]:
    out = {
        "owner": r.text("owner", required=True),
        "name": r.text("name", required=True),
        "kommunkod": r.text("kommunkod", required=True),
        "homes": r.integer("homes", required=True, minimum=1, maximum=MAX_HOMES),
        "home_type": r.choice("home_type", HOME_TYPES),
        "status": r.choice("status", STATUSES),
        "status_date": r.date("status_date"),
        "expected_completion_year": r.year("expected_completion_year"),
        "actual_completion_year": r.year("actual_completion_year"),
    }
    if out["status"] == "completed" and out["actual_completion_year"] is None:
        r.problem("actual_completion_year", "ett färdigställt projekt behöver sitt färdigställandeår.")
    if out["status"] not in (None, "completed") and out["actual_completion_year"] is not None:
        r.problem("actual_completion_year", "bara färdigställda projekt har ett färdigställandeår.")
    return out


def _queue(r: _Row) -> dict[str, Any]:
    out = {
        "organisation": r.text("organisation", required=True),
        "year": r.year("year", required=True),
        "home_type": r.choice("home_type", QUEUE_HOME_TYPES, required=False),
        "people_in_queue": r.integer("people_in_queue"),
        "homes_offered": r.integer("homes_offered"),
        "median_wait_days": r.integer("median_wait_days", maximum=MAX_WAIT_DAYS),
        "p90_wait_days": r.integer("p90_wait_days", maximum=MAX_WAIT_DAYS),
        "declines": r.integer("declines"),
        "source": r.text("source"),
    }
    median, p90 = out["median_wait_days"], out["p90_wait_days"]
    if isinstance(median, int) and isinstance(p90, int) and p90 < median:
        r.problem("p90_wait_days", "den 90:e percentilen kan inte vara kortare än medianen.")
    return out


_KINDS = {"stock": (STOCK_COLUMNS, _stock), "projects": (PROJECT_COLUMNS, _project), "queue": (QUEUE_COLUMNS, _queue)}


def read_housing_template(path: Path, kind: str) -> HousingTemplate:
    """Parse every row of a ``kind`` template; form problems are collected, not raised."""
    if kind not in _KINDS:
        raise ValueError(f"unknown housing template: {kind}")
    columns, parse = _KINDS[kind]
    path = Path(path)
    problems: list[TemplateProblem] = []
    rows = []
    for number, raw in raw_rows_for(path, columns):
        reader = _Row(number, raw, problems)
        rows.append({"row": number, **parse(reader)})
    if not rows:
        raise DataFileMalformed("the template has no rows", path=path)
    return HousingTemplate(path=path, kind=kind, rows=rows, problems=problems)
