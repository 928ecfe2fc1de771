"""The programme template: the documented example imports; a bad file reports every problem
with row and column and stores nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kompetensbron.errors import DataFileMalformed, IngestError
from kompetensbron.sources.programme_template import TemplateInvalid, detect_delimiter, read_programme_template

from .conftest import TEMPLATE_EXAMPLE

HEADER = "institution,programme_code,programme_name,degree,sun_level,sun_field,form,places,kommunkod,credits,course_code,course_title,course_credits,term,mandatory,year,admitted,graduates"


def _write(tmp_path, lines: list[str], name: str = "mall.csv", delimiter: str = ",") -> object:
    path = tmp_path / name
    text = "\n".join([HEADER.replace(",", delimiter), *lines]) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_detect_delimiter():
    assert detect_delimiter("a;b;c") == ";" and detect_delimiter("a,b,c") == "," and detect_delimiter("a,b;c") == ","


def test_example_parses_without_problems():
    parsed = read_programme_template(TEMPLATE_EXAMPLE)
    assert parsed.problems == []
    assert len(parsed.rows) == 15
    head = parsed.rows[0]
    assert (head.row, head.sun_level, head.sun_field, head.form, head.places, head.kommunkod) == (
        2,
        "537",
        "723a",
        "campus",
        80,
        "2281",
    )
    assert [r.year for r in parsed.rows[:3]] == [2022, 2023, 2024] and parsed.rows[2].graduates == 61
    assert parsed.rows[-1].mandatory is False


@pytest.mark.django_db
def test_example_imports_programme_with_syllabi_courses_and_years(miun):
    from kompetensbron.education.models import Course, Programme
    from kompetensbron.education.template_import import import_programme_template

    report = import_programme_template(TEMPLATE_EXAMPLE)
    assert (report.programmes_created, report.courses_created, report.courses_linked, report.years_set) == (1, 1, 15, 3)
    p = Programme.objects.get(institution=miun, code="EX-SSK")
    assert (p.name, p.degree, p.sun_level_id, p.sun_field_id, p.kommun_id, p.places, p.credits) == (
        "Sjuksköterskeprogrammet (exempel)",
        "sjuksköterskeexamen",
        "537",
        "723a",
        "2281",
        80,
        Decimal("180"),
    )
    courses = list(p.programme_courses.select_related("course").order_by("term", "order"))
    assert courses[0].course.code == "OM083G" and courses[0].course.load is not None  # the imported syllabus
    farm = Course.objects.get(institution=miun, code="EX-FARM")
    assert (farm.credits, farm.load, farm.source_file, farm.source_line) == (
        Decimal("7.5"),
        None,
        "programme_template.csv",
        15,
    )
    assert [(y.year, y.admitted, y.graduates) for y in p.years.order_by("year")] == [
        (2022, 84, None),
        (2023, 82, None),
        (2024, 80, 61),
    ]
    again = import_programme_template(TEMPLATE_EXAMPLE)
    assert (again.programmes_created, again.programmes_updated, again.courses_created, again.course_rows_removed) == (
        0,
        0,
        0,
        0,
    )
    assert Programme.objects.filter(code="EX-SSK").count() == 1


@pytest.mark.django_db
def test_semicolon_csv_with_swedish_decimals_and_new_institution(tmp_path):
    from kompetensbron.education.models import Institution, Programme
    from kompetensbron.education.template_import import import_programme_template

    path = _write(
        tmp_path,
        [
            "Exempelhögskolan;EK1;Ekonomprogrammet;kandidatexamen;536;;distans;40;0180;180;EK101;Företagsekonomi A;7,5;1;ja;;;",
            "Exempelhögskolan;EK1;;;;;;;;;EK102;Redovisning;7,5;1;nej;;;",
            "Exempelhögskolan;EK1;;;;;;;;;;;;;;2024;41;",
        ],
        delimiter=";",
    )
    report = import_programme_template(path)
    assert (report.programmes_created, report.courses_created, report.years_set) == (1, 2, 1)
    p = Programme.objects.get(code="EK1")
    assert (
        p.institution == Institution.objects.get(name="Exempelhögskolan")
        and p.form == "distance"
        and p.kommun_id == "0180"
    )
    assert p.programme_courses.get(course__code="EK102").mandatory is False


@pytest.mark.django_db
def test_excel_template(tmp_path, miun):
    from openpyxl import Workbook

    from kompetensbron.education.models import Programme
    from kompetensbron.education.template_import import import_programme_template

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(
        [
            "Mittuniversitetet",
            "EX-X",
            "Excelprogrammet",
            "",
            537,
            "723a",
            "campus",
            10,
            2281,
            180,
            "OM083G",
            None,
            None,
            1,
            "ja",
            2024,
            12,
            3,
        ]
    )
    path = tmp_path / "mall.xlsx"
    wb.save(path)
    import_programme_template(path)
    p = Programme.objects.get(code="EX-X")
    assert (p.sun_level_id, p.kommun_id, p.years.get().admitted) == ("537", "2281", 12)


@pytest.mark.django_db
def test_bad_template_reports_every_problem_and_stores_nothing(tmp_path, miun):
    from kompetensbron.education.models import Course, Institution, Programme, ProgrammeYear
    from kompetensbron.education.template_import import import_programme_template

    counts = lambda: (
        Institution.objects.count(),
        Programme.objects.count(),
        Course.objects.count(),
        ProgrammeYear.objects.count(),
    )  # noqa: E731
    before = counts()
    path = _write(
        tmp_path,
        [
            "Nya högskolan,NY1,Nytt program,,999,zzz,flyg,-5,9999,180,OM083G,,,1,ja,2024,10,",  # 2
            "Nya högskolan,NY1,,,,,,,,,XX999X,,,2,kanske,,,",  # 3: course neither known nor described
            "Nya högskolan,NY1,Annat namn,,,,,,,,XX998X,Kurs,-7.5,2,ja,,,",  # 4
            ",NY2,,,206,,,,,,,,,,,,5,",  # 5
            "Mittuniversitetet,EX-Y,Prog,,537,,,,,,OM083G,,,1,ja,2024,,",  # 6
            "Mittuniversitetet,EX-Y,,,,,,,,,OM083G,,,1,ja,2024,,",  # 7: course and year twice
        ],
    )
    with pytest.raises(TemplateInvalid) as err:
        import_programme_template(path)
    problems = {(p.row, p.column) for p in err.value.problems}
    assert {
        (2, "sun_level"),
        (2, "sun_field"),
        (2, "form"),
        (2, "places"),
        (2, "kommunkod"),
        (3, "course_title"),
        (3, "course_credits"),
        (3, "mandatory"),
        (4, "programme_name"),
        (4, "course_credits"),
        (5, "institution"),
        (5, "year"),
        (5, "sun_level"),
        (7, "course_code"),
        (7, "year"),
    } <= problems
    assert isinstance(err.value, IngestError) and err.value.path == path
    message = str(err.value)
    assert "rad 2, kolumn sun_level: okänd SUN 2020-nivå ”999”" in message and "inget importerades" in message
    assert "rad 2, kolumn kommunkod: okänd kommunkod ”9999”" in message
    assert counts() == before


def test_missing_column_and_wrong_type(tmp_path):
    path = tmp_path / "mall.csv"
    path.write_text("institution,programme_code\nA,B\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_programme_template(path)
    assert err.value.line == 1 and "programme_name" in str(err.value)
    other = tmp_path / "mall.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(DataFileMalformed):
        read_programme_template(other)


@pytest.mark.parametrize("value", ["1e30", "1E+30", "9" * 40, "1e-30"])
def test_huge_or_tiny_credits_are_a_cell_problem_not_a_crash(tmp_path, value):
    """``1e30`` used to raise decimal.InvalidOperation out of quantize()."""
    path = _write(tmp_path, [f"Mittuniversitetet,EX-Z,Prog,,537,,,,,{value},OM083G,,{value},1,ja,,,"])
    parsed = read_programme_template(path)
    assert {(p.row, p.column) for p in parsed.problems} >= {(2, "credits"), (2, "course_credits")}
