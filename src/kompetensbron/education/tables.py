"""The education pages' tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel
from the same rows): a programme's courses (with the credit total) and its yearly admissions and
graduates, and a page of course search results."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from kompetensbron.web.tables import Column, Link, Table

from .schemas import CourseSummary, ProgrammeCourseOut, ProgrammeYearOut

__all__ = ["programme_courses_table", "programme_years_table", "course_results_table"]


def _course_link(code: str) -> Link:
    return Link(text=code, href=reverse("education:course", args=[code]))


def _credits() -> Column:
    return Column(label=_("hp"), kind="decimal", decimals=1)


def programme_courses_table(courses: Sequence[ProgrammeCourseOut]) -> Table:
    total = sum((c.credits for c in courses), start=0)
    return Table(
        key="kurser",
        title=_("Kurser i programmet"),
        columns=[
            Column(label=_("Termin"), kind="code"),
            Column(label=_("Kurskod")),
            Column(label=_("Kurs")),
            Column(label=_("Nivå")),
            _credits(),
            Column(label=_("Obligatorisk")),
        ],
        rows=[
            [
                None if c.term is None else str(c.term),
                _course_link(c.code),
                c.title,
                c.level,
                float(c.credits),
                _("ja") if c.mandatory else _("valbar"),
            ]
            for c in courses
        ],
        footer=[[None, _("Summa"), None, None, float(total), None]] if courses else [],
    )


def programme_years_table(years: Sequence[ProgrammeYearOut]) -> Table:
    return Table(
        key="ar",
        title=_("Antagna och examinerade"),
        columns=[
            Column(label=_("År"), kind="code"),
            Column(label=_("Antagna"), kind="int"),
            Column(label=_("Examinerade"), kind="int"),
        ],
        rows=[[str(y.year), y.admitted, y.graduates] for y in years],
    )


def course_results_table(courses: Sequence[CourseSummary]) -> Table:
    return Table(
        key="kurser",
        title=_("Kurser"),
        columns=[
            Column(label=_("Kurskod")),
            Column(label=_("Kurs")),
            Column(label=_("Nivå")),
            _credits(),
            Column(label=_("Ämne")),
            Column(label=_("Lärosäte")),
        ],
        rows=[[_course_link(c.code), c.title, c.level, float(c.credits), c.subject, c.institution] for c in courses],
    )
