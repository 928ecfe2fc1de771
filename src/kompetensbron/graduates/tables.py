"""The graduate pages' tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel
from the same rows): retention per län and per university, applicants per place, and the
import log of graduate statistics with its figures."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kompetensbron.web.tables import Column, Link, Table

from .regional import GraduateContext
from .schemas import FiguresResult

__all__ = ["retention_tables", "admissions_table", "graduates_table", "imports_tables"]


def retention_tables(page) -> list[Table]:
    """Per län (Saco's follow-up of the 2015 cohort) and per university's seat län."""
    lan = Table(
        key="lan",
        title=_("Kvarboende per län"),
        filename="kvarboende-per-lan",
        columns=[
            Column(label=_("Län")),
            Column(label=_("Länskod"), kind="code"),
            Column(label=_("Från länet (gymnasiet)"), kind="int"),
            Column(label=_("Bor i länet efter 10 år"), kind="percent"),
            Column(label=_("Studerade hemma, bor kvar"), kind="percent"),
            Column(label=_("Studerade annanstans, återvände"), kind="percent"),
            Column(label=_("Studerade i länet"), kind="int"),
            Column(label=_("Bor kvar i studielänet"), kind="percent"),
            Column(label=_("Inflyttade studenter som bor kvar"), kind="percent"),
        ],
        rows=[
            [
                r.lan,
                r.lanskod or None,
                r.from_total,
                r.share_living_home,
                r.share_stayed,
                r.share_returned,
                r.in_total,
                r.share_living_in_study_lan,
                r.share_incomers_stayed,
            ]
            for r in page.lan
        ],
    )
    admissions = reverse("graduates:admissions")
    universities = Table(
        key="larosaten",
        title=_("Kvarboende per lärosätets region"),
        filename="kvarboende-per-larosate",
        columns=[
            Column(label=_("Lärosäte")),
            Column(label=_("Län")),
            Column(label=_("Bor kvar i studielänet"), kind="percent"),
            Column(label=_("Program i antagningsstatistiken"), kind="int"),
        ],
        rows=[
            [
                Link(text=u.university, href=admissions + "?" + urlencode({"university": u.university})),
                u.lan,
                u.share_living_in_study_lan,
                u.programmes,
            ]
            for u in page.universities
        ],
    )
    return [lan, universities]


def admissions_table(page) -> Table:
    """The latest term of each programme found: applicants, first-hand applicants, admitted, per place."""
    return Table(
        key="antagning",
        title=_("Sökande per plats per program"),
        filename="sokande-per-plats",
        columns=[
            Column(label=_("Program")),
            Column(label=_("Programkod"), kind="code"),
            Column(label=_("Lärosäte")),
            Column(label=_("Termin")),
            Column(label=_("Sökande"), kind="int"),
            Column(label=_("Förstahandssökande"), kind="int"),
            Column(label=_("Antagna"), kind="int"),
            Column(label=_("Förstahandssökande per plats"), kind="decimal", decimals=2),
            Column(label=_("Sökande per plats"), kind="decimal", decimals=2),
        ],
        rows=[
            [
                p.name,
                p.code or None,
                Link(
                    text=p.university,
                    href=reverse("graduates:admissions") + "?" + urlencode({"university": p.university}),
                ),
                f"{p.latest.term} {p.latest.year}",
                p.latest.applicants,
                p.latest.first_hand_applicants,
                p.latest.admitted,
                p.latest.first_hand_per_place,
                p.latest.applicants_per_place,
            ]
            for p in page.programmes
        ],
    )


def graduates_table(context: GraduateContext) -> Table:
    """Per län: Saco stay rate (students living there ten years later), UHR applicants per place
    (beside demand: the balance page, a region group's page)."""
    return Table(
        key="utexaminerade",
        title=_("Utexaminerade: kvarboende och sökande per plats"),
        columns=[
            Column(label=_("Län")),
            Column(label=_("Bor kvar i studielänet tio år senare"), kind="percent"),
            Column(label=_("Bor kvar"), kind="int"),
            Column(label=_("Studenter"), kind="int"),
            Column(label=_("Förstahandssökande per plats"), kind="decimal", decimals=2),
            Column(label=_("UHR-år"), kind="code"),
        ],
        rows=[
            [
                f"{g.lanskod} {g.lan}".strip(),
                g.stay_share,
                g.stayed,
                g.students,
                g.first_hand_per_place,
                None if g.uhr_year is None else str(g.uhr_year),
            ]
            for g in context.rows
        ],
        row_keys=[g.lanskod for g in context.rows],
    )


def _years(first: int | None, last: int | None) -> str | None:
    if first is not None and last is not None and first != last:
        return f"{first}–{last}"
    year = first if first is not None else last
    return None if year is None else str(year)


def imports_tables(page: FiguresResult) -> list[Table]:
    """The import log (one row per imported file) and the imported figures."""
    log = Table(
        key="importer",
        title=_("Importerade filer"),
        filename="examensstatistik-importer",
        columns=[
            Column(label=_("Typ")),
            Column(label=_("Fil")),
            Column(label=_("Rader"), kind="int"),
            Column(label=_("År"), kind="code"),
            Column(label=_("Importerad"), kind="code"),
        ],
        rows=[
            [
                i.kind,
                f"{i.file_name} – {i.title}" if i.title else i.file_name,
                i.rows,
                _years(i.first_year, i.last_year),
                timezone.localtime(i.imported_at).strftime("%Y-%m-%d %H:%M"),
            ]
            for i in page.imports
        ],
    )
    figures = Table(
        key="uppgifter",
        title=_("Uppgifter"),
        filename="examensstatistik-uppgifter",
        columns=[
            Column(label=_("År"), kind="code"),
            Column(label=_("Region")),
            Column(label=_("Lärosäte")),
            Column(label=_("Examen/program")),
            Column(label=_("Mått")),
            Column(label=_("Värde"), kind="number", decimals=3),
        ],
        rows=[
            [
                str(f.year),
                f"{f.region_name} ({f.region_code})" if f.region_code else f.region_name,
                f.institution,
                f.programme,
                f.measure,
                f.value,
            ]
            for f in page.figures
        ],
    )
    return [log, figures]
