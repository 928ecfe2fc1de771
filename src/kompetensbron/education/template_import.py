"""Import the programme template: parse and check every row, then write in one transaction.

:func:`import_programme_template` collects every problem of the file — the form of the
values (:mod:`kompetensbron.sources.programme_template`) and their meaning here: unknown SUN
codes and kommunkoder, courses that are neither imported nor described in the file — and
raises one :class:`~kompetensbron.sources.programme_template.TemplateInvalid` listing them
all. Only a file without problems is written, so nothing is ever half-imported.

What a write does, per programme in the file: create or update it (matched by institution
and programme code), make its course list equal to the file's rows, and set the figures
of the years the file gives (other years are kept). Institutions are matched by name or
short name and created when new; courses are matched by code within the institution
(e.g. the imported Mid Sweden University syllabi) and created from the row otherwise.

Rights: the CLI imports as the operator (``actor=None``: every institution, new ones
created). From the page (``actor=`` the user), every programme of the file is checked before
anything is written (:func:`check_rights`): a new programme needs ``education.add_programme``
on its institution, an existing one ``education.change_programme`` on it, and only staff may
name an institution that does not exist yet; one refused row refuses the whole file (403).
Each written programme leaves audit entries (create/update and "import" with its course rows).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kompetensbron.errors import PermissionDenied
from kompetensbron.reference.models import Kommun, SunField, SunLevel
from kompetensbron.reference.table_sync import upsert
from kompetensbron.samverkan.audit import record, snapshot
from kompetensbron.sources.programme_template import (
    ParsedTemplate,
    TemplateInvalid,
    TemplateProblem,
    TemplateRow,
    read_programme_template,
)

from .loading import course_search_text
from .models import Course, Institution, Programme, ProgrammeCourse, ProgrammeYear
from .permissions import is_education_staff
from .services import programme_search_text
from .validation import POST_SECONDARY_LEVELS

__all__ = ["TemplateImportReport", "import_programme_template", "check_template", "check_rights", "store_template"]


@dataclass(frozen=True)
class TemplateImportReport:
    path: Path
    rows: int
    programmes_created: int
    programmes_updated: int
    courses_created: int
    courses_linked: int
    course_rows_removed: int
    years_set: int
    programme_ids: tuple[int, ...]


_OPERATOR = object()  # the CLI: no rights check


def import_programme_template(path: Path, *, source_name: str | None = None, actor=_OPERATOR) -> TemplateImportReport:
    """Parse, check and store a template file; raises ``TemplateInvalid`` listing every problem.

    ``actor``: the user importing from the page (rights checked, :func:`check_rights`); left
    out by the CLI, which imports as the operator.
    """
    import rules

    if actor is not _OPERATOR and not rules.has_perm("education.import_programmes", actor):
        raise PermissionDenied(_("Du har inte behörighet att importera utbildningsprogram."))
    parsed = read_programme_template(Path(path))
    check_template(parsed)
    if actor is not _OPERATOR:
        check_rights(parsed, actor)
    return store_template(
        parsed, source_name=source_name or Path(path).name, actor=None if actor is _OPERATOR else actor
    )


def check_rights(parsed: ParsedTemplate, actor) -> None:
    """Refuse (``PermissionDenied``, naming the rows) any programme the actor may not write."""
    import rules

    institutions = _institutions()
    refused: list[str] = []
    seen: set[tuple[str, str]] = set()
    for r in parsed.rows:
        key = (r.institution.casefold(), r.programme_code)
        if key in seen:
            continue
        seen.add(key)
        inst = institutions.get(r.institution.casefold())
        if inst is None:
            if not is_education_staff(actor):
                refused.append(
                    _(
                        "rad %(row)s: lärosätet ”%(institution)s” finns inte; bara administratörer lägger till lärosäten."
                    )
                    % {"row": r.row, "institution": r.institution}
                )
            continue
        programme = Programme.objects.filter(institution=inst, code=r.programme_code).first()
        if programme is None:
            if not rules.has_perm("education.add_programme", actor, inst):
                refused.append(
                    _("rad %(row)s: du får inte lägga till program vid %(name)s.") % {"row": r.row, "name": inst.name}
                )
        elif not rules.has_perm("education.change_programme", actor, programme):
            refused.append(
                _("rad %(row)s: du får inte ändra programmet %(code)s %(name)s.")
                % {"row": r.row, "code": programme.code, "name": programme.name}
            )
    if refused:
        raise PermissionDenied("Inget importerades. " + " ".join(refused))


def _institutions() -> dict[str, Institution]:
    found: dict[str, Institution] = {}
    for inst in Institution.objects.all():
        found[inst.name.casefold()] = inst
        if inst.short_name:
            found.setdefault(inst.short_name.casefold(), inst)
    return found


def check_template(parsed: ParsedTemplate) -> None:
    """Add the database checks to the parser's problems; raise when there is any problem."""
    problems = list(parsed.problems)
    rows = parsed.rows
    levels = set(
        SunLevel.objects.filter(code__in={r.sun_level for r in rows if r.sun_level}).values_list("code", flat=True)
    )
    fields = set(
        SunField.objects.filter(code__in={r.sun_field for r in rows if r.sun_field}).values_list("code", flat=True)
    )
    kommuner = set(
        Kommun.objects.filter(code__in={r.kommunkod for r in rows if r.kommunkod}).values_list("code", flat=True)
    )
    institutions = _institutions()
    for r in rows:
        if r.sun_level and r.sun_level not in levels:
            problems.append(
                TemplateProblem(
                    r.row, "sun_level", _("okänd SUN 2020-nivå ”%(sun_level)s”.") % {"sun_level": r.sun_level}
                )
            )
        elif r.sun_level and not r.sun_level.startswith(POST_SECONDARY_LEVELS):
            problems.append(
                TemplateProblem(
                    r.row,
                    "sun_level",
                    _("SUN-nivån ”%(sun_level)s” är inte eftergymnasial (4, 5 eller 6).") % {"sun_level": r.sun_level},
                )
            )
        if r.sun_field and r.sun_field not in fields:
            problems.append(
                TemplateProblem(
                    r.row, "sun_field", _("okänd SUN 2020-inriktning ”%(sun_field)s”.") % {"sun_field": r.sun_field}
                )
            )
        if r.kommunkod and r.kommunkod not in kommuner:
            problems.append(
                TemplateProblem(r.row, "kommunkod", _("okänd kommunkod ”%(kommunkod)s”.") % {"kommunkod": r.kommunkod})
            )
    # courses: known in the institution, or described (title + credits) somewhere in the file
    known: dict[str, set[str]] = defaultdict(set)
    inst_ids = {inst.pk for inst in institutions.values()}
    codes = {r.course_code for r in rows if r.course_code}
    for inst_id, code in Course.objects.filter(institution_id__in=inst_ids, code__in=codes).values_list(
        "institution_id", "code"
    ):
        known[inst_id].add(code)
    described: dict[tuple[str, str], TemplateRow] = {}
    for r in rows:
        if r.course_code and r.course_title and r.course_credits is not None:
            described.setdefault((r.institution.casefold(), r.course_code), r)
    for r in rows:
        if not r.course_code or not r.institution:
            continue
        inst = institutions.get(r.institution.casefold())
        if inst is not None and r.course_code in known[inst.pk]:
            continue
        if (r.institution.casefold(), r.course_code) in described:
            continue
        missing = [c for c, v in (("course_title", r.course_title), ("course_credits", r.course_credits)) if not v]
        for column in missing:
            problems.append(
                TemplateProblem(
                    r.row,
                    column,
                    _(
                        "kursen ”%(course_code)s” finns varken importerad eller beskriven i filen; ange benämning och högskolepoäng."
                    )
                    % {"course_code": r.course_code},
                )
            )
    seen: dict[tuple[str, str, str], int] = {}
    for r in rows:
        if r.course_code:
            key = (r.institution.casefold(), r.programme_code, r.course_code)
            if key in seen:
                problems.append(
                    TemplateProblem(
                        r.row,
                        "course_code",
                        _("kursen ”%(course_code)s” står redan på rad %(seen)s i samma program.")
                        % {"course_code": r.course_code, "seen": seen[key]},
                    )
                )
            seen.setdefault(key, r.row)
    seen_years: dict[tuple[str, str, int], int] = {}
    for r in rows:
        if r.year is not None:
            key = (r.institution.casefold(), r.programme_code, r.year)
            if key in seen_years:
                problems.append(
                    TemplateProblem(
                        r.row,
                        "year",
                        _("år %(year)s står redan på rad %(seen_years)s för samma program.")
                        % {"year": r.year, "seen_years": seen_years[key]},
                    )
                )
            seen_years.setdefault(key, r.row)
    if problems:
        raise TemplateInvalid(parsed.path, problems)


def store_template(parsed: ParsedTemplate, *, source_name: str, actor=None) -> TemplateImportReport:
    """Write a checked template in one transaction (with audit entries naming ``actor``)."""
    rows = parsed.rows
    created_p = updated_p = created_c = linked = removed = years = 0
    programme_ids: list[int] = []
    with transaction.atomic():
        institutions = _institutions()
        by_programme: dict[tuple[str, str], list[TemplateRow]] = defaultdict(list)
        for r in rows:
            by_programme[(r.institution.casefold(), r.programme_code)].append(r)
        for group in by_programme.values():
            head = group[0]
            inst = institutions.get(head.institution.casefold())
            if inst is None:
                inst = Institution.objects.create(name=head.institution)
                institutions[inst.name.casefold()] = inst
                record(actor=actor, action="import", obj=inst, after=snapshot(inst))
            values = dict(
                name=head.programme_name,
                degree=head.degree,
                sun_level_id=head.sun_level or None,
                sun_field_id=head.sun_field or None,
                places=head.places,
                kommun_id=head.kommunkod or None,
                credits=head.credits,
            )
            if head.form:
                values["form"] = head.form
            values["search_text"] = programme_search_text(
                head.programme_code, head.programme_name, head.degree, inst.name
            )
            programme, created = Programme.objects.get_or_create(
                institution=inst, code=head.programme_code, defaults=values
            )
            if created:
                created_p += 1
                record(actor=actor, action="create", obj=programme, after=snapshot(programme))
            elif any(getattr(programme, k) != v for k, v in values.items()):
                before = snapshot(programme)
                for k, v in values.items():
                    setattr(programme, k, v)
                programme.save()
                updated_p += 1
                record(actor=actor, action="update", obj=programme, before=before, after=snapshot(programme))
            courses_before = sorted(programme.programme_courses.values_list("course__code", flat=True))
            programme_ids.append(programme.pk)
            links: dict[int, ProgrammeCourse] = {}
            for order, r in enumerate((r for r in group if r.course_code), start=1):
                course = Course.objects.filter(institution=inst, code=r.course_code).first()
                if course is None:
                    desc = next(
                        x
                        for x in rows
                        if x.institution.casefold() == r.institution.casefold()
                        and x.course_code == r.course_code
                        and x.course_title
                        and x.course_credits
                    )
                    course = Course.objects.create(
                        institution=inst,
                        code=r.course_code,
                        title=desc.course_title,
                        credits=desc.course_credits,
                        search_text=course_search_text(r.course_code, desc.course_title),
                        source_file=source_name,
                        source_line=desc.row,
                    )
                    created_c += 1
                links[course.pk] = ProgrammeCourse(
                    programme=programme, course=course, term=r.term, order=order, mandatory=r.mandatory
                )
                linked += 1
            upsert(
                ProgrammeCourse,
                list(links.values()),
                unique_fields=["programme", "course"],
                update_fields=["term", "order", "mandatory"],
            )
            dropped = ProgrammeCourse.objects.filter(programme=programme).exclude(course_id__in=list(links)).delete()[0]
            removed += dropped
            dated = [r for r in group if r.year is not None]
            upsert(
                ProgrammeYear,
                list(
                    {
                        r.year: ProgrammeYear(
                            programme=programme, year=r.year, admitted=r.admitted, graduates=r.graduates
                        )
                        for r in dated
                    }.values()
                ),
                unique_fields=["programme", "year"],
                update_fields=["admitted", "graduates"],
            )
            years += len(dated)
            set_years = {str(r.year): {"admitted": r.admitted, "graduates": r.graduates} for r in dated}
            record(
                actor=actor,
                action="import",
                obj=programme,
                before={"courses": courses_before},
                after={
                    "source": source_name,
                    "courses": sorted(r.course_code for r in group if r.course_code),
                    "course_rows_removed": dropped,
                    "years": set_years,
                },
            )
    return TemplateImportReport(
        path=parsed.path,
        rows=len(rows),
        programmes_created=created_p,
        programmes_updated=updated_p,
        courses_created=created_c,
        courses_linked=linked,
        course_rows_removed=removed,
        years_set=years,
        programme_ids=tuple(programme_ids),
    )
