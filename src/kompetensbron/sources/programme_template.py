"""Reader of the programme template (``docs/programme_template.md``): CSV or Excel → typed rows.

One row per course of a programme. The programme columns repeat on each row of the same
programme (or are left empty after its first row); a row without ``course_code`` carries
only one year's figures (``year``, ``admitted``, ``graduates``). Example (CSV, ``,`` or ``;``)::

    institution,programme_code,programme_name,degree,sun_level,sun_field,form,places,kommunkod,credits,course_code,course_title,course_credits,term,mandatory,year,admitted,graduates
    Mittuniversitetet,VGSJA,Sjuksköterskeprogrammet,sjuksköterskeexamen,537,723a,campus,80,2281,180,OM024G,,,1,ja,2023,82,61

:func:`read_programme_template` checks the *form* of every value (numbers, required fields,
choices) and collects every problem as a :class:`TemplateProblem` (row, column, message);
checks against the database (SUN codes, kommunkoder, known course codes) are made by
:mod:`kompetensbron.education.template_import`, which adds its problems to the same list.
:class:`TemplateInvalid` (an :class:`~kompetensbron.errors.IngestError`) carries them all.
Plain Python: no Django.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed, DataFileMissing, IngestError

from .file_formats import read_csv, read_xlsx

__all__ = [
    "PROGRAMME_COLUMNS",
    "COURSE_COLUMNS",
    "YEAR_COLUMNS",
    "REQUIRED_COLUMNS",
    "TemplateProblem",
    "TemplateInvalid",
    "TemplateRow",
    "ParsedTemplate",
    "read_programme_template",
    "detect_delimiter",
]

PROGRAMME_COLUMNS = (
    "institution",
    "programme_code",
    "programme_name",
    "degree",
    "sun_level",
    "sun_field",
    "form",
    "places",
    "kommunkod",
    "credits",
)
COURSE_COLUMNS = ("course_code", "course_title", "course_credits", "term", "mandatory")
YEAR_COLUMNS = ("year", "admitted", "graduates")
REQUIRED_COLUMNS = (*PROGRAMME_COLUMNS, *COURSE_COLUMNS)
#: programme columns that must have a value on a programme's first row
PROGRAMME_REQUIRED = ("institution", "programme_code", "programme_name")
FORMS = {"campus": "campus", "distans": "distance", "distance": "distance"}
YES = {"ja", "j", "yes", "y", "1", "true", "sant", "obligatorisk", "x"}
NO = {"nej", "n", "no", "0", "false", "falskt", "valbar", "valfri"}
MIN_YEAR, MAX_YEAR = 1977, 2100


@dataclass(frozen=True)
class TemplateProblem:
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        return (
            f"rad {self.row}, kolumn {self.column}: {self.message}"
            if self.column
            else f"rad {self.row}: {self.message}"
        )


class TemplateInvalid(IngestError):
    """The template has problems; ``problems`` lists every one (row, column, message)."""

    def __init__(self, path: Path | str | None, problems: list[TemplateProblem]) -> None:
        self.problems = sorted(
            problems, key=lambda p: (p.row, REQUIRED_COLUMNS.index(p.column) if p.column in REQUIRED_COLUMNS else 99)
        )
        summary = f"{len(self.problems)} fel i mallen, inget importerades: " + "; ".join(str(p) for p in self.problems)
        super().__init__(summary, path=path)


@dataclass(frozen=True)
class TemplateRow:
    row: int
    institution: str
    programme_code: str
    programme_name: str
    degree: str
    sun_level: str
    sun_field: str
    form: str  # "campus" / "distance" / "" (not given)
    places: int | None
    kommunkod: str
    credits: Decimal | None
    course_code: str
    course_title: str
    course_credits: Decimal | None
    term: int | None
    mandatory: bool
    year: int | None
    admitted: int | None
    graduates: int | None


@dataclass(frozen=True)
class ParsedTemplate:
    path: Path
    rows: list[TemplateRow]
    problems: list[TemplateProblem]


def detect_delimiter(header_line: str) -> str:
    """``;`` when the header has more semicolons than commas (Swedish Excel's CSV), else ``,``."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def template_cell(value: Any, column: str) -> str:
    """An Excel or CSV cell as text (Excel numbers: 180.0 → "180", kommunkod 180 → "0180")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and column == "kommunkod":
        return f"{value:04d}"
    return str(value).strip()


class _RowReader:
    def __init__(self, number: int, raw: dict[str, Any], problems: list[TemplateProblem]) -> None:
        self.number = number
        self.raw = {k.strip().lower(): v for k, v in raw.items() if isinstance(k, str)}
        self.problems = problems

    def text(self, column: str) -> str:
        return template_cell(self.raw.get(column), column)

    def fail(self, column: str, message: str) -> None:
        self.problems.append(TemplateProblem(self.number, column, message))

    def integer(self, column: str, *, minimum: int = 0, maximum: int | None = None) -> int | None:
        text = self.text(column).replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        try:
            value = int(text)
        except ValueError:
            self.fail(column, f"”{text}” är inget heltal.")
            return None
        if value < minimum:
            self.fail(
                column, "värdet får inte vara negativt." if minimum == 0 else f"värdet måste vara minst {minimum}."
            )
            return None
        if maximum is not None and value > maximum:
            self.fail(column, f"värdet får vara högst {maximum}.")
            return None
        return value

    def decimal(self, column: str) -> Decimal | None:
        text = self.text(column).replace(",", ".").replace(" ", "")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.fail(column, f"”{text}” är inget tal.")
            return None
        if not value.is_finite() or value <= 0:
            self.fail(column, "högskolepoängen måste vara större än 0.")
            return None
        # compare before quantize: quantize raises InvalidOperation for huge values (1e30)
        if value >= 10000 or value != value.quantize(Decimal("0.1")):
            self.fail(column, "högst en decimal och mindre än 10 000.")
            return None
        return value

    def parse(self) -> TemplateRow:
        form_text = self.text("form").lower()
        form = FORMS.get(form_text, "")
        if form_text and not form:
            self.fail("form", f"”{self.text('form')}” är ingen studieform (campus eller distans).")
        mandatory_text = self.text("mandatory").lower()
        mandatory = True
        if mandatory_text in NO:
            mandatory = False
        elif mandatory_text and mandatory_text not in YES:
            self.fail("mandatory", f"”{self.text('mandatory')}” ska vara ja eller nej.")
        code = self.text("course_code")
        year = self.integer("year", minimum=MIN_YEAR, maximum=MAX_YEAR)
        admitted, graduates = self.integer("admitted"), self.integer("graduates")
        if not code and year is None and not any(self.text(c) for c in YEAR_COLUMNS):
            self.fail("course_code", "fältet måste fyllas i (eller raden ange ett år med antagna/examinerade).")
        if year is None and (admitted is not None or graduates is not None):
            self.fail("year", "år måste anges när antagna eller examinerade anges.")
        return TemplateRow(
            row=self.number,
            institution=self.text("institution"),
            programme_code=self.text("programme_code"),
            programme_name=self.text("programme_name"),
            degree=self.text("degree"),
            sun_level=self.text("sun_level"),
            sun_field=self.text("sun_field"),
            form=form,
            places=self.integer("places"),
            kommunkod=self.text("kommunkod"),
            credits=self.decimal("credits"),
            course_code=code,
            course_title=self.text("course_title"),
            course_credits=self.decimal("course_credits"),
            term=self.integer("term", minimum=1, maximum=20),
            mandatory=mandatory,
            year=year,
            admitted=admitted,
            graduates=graduates,
        )


def _raw_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    return raw_rows_for(path, REQUIRED_COLUMNS)


def raw_rows_for(path: Path, required_columns: tuple[str, ...]) -> list[tuple[int, dict[str, Any]]]:
    """Non-empty rows of a CSV (``,`` or ``;``, UTF-8) or Excel template with these columns."""
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return list(read_xlsx(path, list(required_columns)))
    if suffix in (".csv", ".txt"):
        try:
            first = path.read_text(encoding="utf-8-sig").splitlines()[:1]
        except UnicodeDecodeError as exc:
            raise DataFileMalformed(f"not UTF-8 text ({exc.reason}); save the CSV file as UTF-8", path=path) from exc
        if not first:
            raise DataFileMalformed("file is empty", path=path)
        delimiter = detect_delimiter(first[0])
        # header names are matched case-insensitively and without surrounding spaces
        header = next(csv.reader(io.StringIO(first[0]), delimiter=delimiter))
        normalised = [h.strip().lower() for h in header]
        missing = [c for c in required_columns if c not in normalised]
        if missing:
            raise DataFileMalformed(f"missing column(s) {', '.join(missing)} in header {header}", path=path, line=1)
        return [
            (n, row)
            for n, row in read_csv(path, [], delimiter=delimiter)
            if any((v or "").strip() for v in row.values())
        ]
    raise DataFileMalformed("expected a .csv or .xlsx file", path=path)


def read_programme_template(path: Path) -> ParsedTemplate:
    """Parse every row; form problems are collected (not raised) so that all are reported."""
    path = Path(path)
    problems: list[TemplateProblem] = []
    rows = [_RowReader(number, raw, problems).parse() for number, raw in _raw_rows(path)]
    if not rows:
        raise DataFileMalformed("the template has no rows", path=path)
    # programme columns: required on a programme's first row, equal on every later row
    first: dict[tuple[str, str], TemplateRow] = {}
    for r in rows:
        for column in ("institution", "programme_code"):
            if not getattr(r, column):
                problems.append(TemplateProblem(r.row, column, "fältet måste fyllas i."))
        if not (r.institution and r.programme_code):
            continue
        key = (r.institution.casefold(), r.programme_code)
        head = first.setdefault(key, r)
        if head is r:
            if not r.programme_name:
                problems.append(
                    TemplateProblem(r.row, "programme_name", "fältet måste fyllas i (på programmets första rad).")
                )
            continue
        for column in PROGRAMME_COLUMNS[2:]:
            value, expected = getattr(r, column), getattr(head, column)
            if value not in ("", None) and value != expected:
                problems.append(
                    TemplateProblem(
                        r.row,
                        column,
                        f"”{value}” skiljer sig från rad {head.row} (”{expected if expected not in ('', None) else ''}”).",
                    )
                )
    return ParsedTemplate(path=path, rows=rows, problems=problems)
