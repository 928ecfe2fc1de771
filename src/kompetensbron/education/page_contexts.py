"""Typed contexts of the education pages: one dataclass per page (or fragment).

They only arrange service results for display (grouping links by provenance, paging);
every figure comes from :mod:`.services`, the same results the API serves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from kompetensbron.web.tables import Table

from . import tables
from .models import LinkProvenance
from .schemas import CourseDetail, CourseSearchResult, OccupationLinkOut, ProgrammeDetail, ProgrammeSearchResult

if TYPE_CHECKING:
    from django import forms

    from kompetensbron.sources.programme_template import TemplateProblem

    from .template_import import TemplateImportReport

__all__ = [
    "LinkGroup",
    "group_links",
    "ProgrammeListPage",
    "ProgrammePage",
    "CourseListPage",
    "CoursePage",
    "FormPage",
    "ImportPage",
]


@dataclass(frozen=True)
class LinkGroup:
    provenance: str
    label: str
    links: list[OccupationLinkOut]


def group_links(links: list[OccupationLinkOut]) -> list[LinkGroup]:
    """Links grouped by provenance in a fixed order (official key, skill overlap, manual)."""
    groups = []
    for value, label in LinkProvenance.choices:
        members = [x for x in links if x.provenance == value]
        if members:
            groups.append(LinkGroup(provenance=value, label=str(label), links=members))
    return groups


@dataclass(frozen=True)
class ProgrammeListPage:
    form: forms.Form
    result: ProgrammeSearchResult
    can_add: bool


@dataclass(frozen=True)
class ProgrammePage:
    programme: ProgrammeDetail
    can_change: bool
    decision_form: forms.Form
    manual_form: forms.Form
    link_groups: list[LinkGroup] = field(default_factory=list)

    @classmethod
    def build(cls, programme: ProgrammeDetail, *, can_change: bool, decision_form, manual_form) -> ProgrammePage:
        return cls(
            programme=programme,
            can_change=can_change,
            decision_form=decision_form,
            manual_form=manual_form,
            link_groups=group_links(programme.occupation_links),
        )

    @cached_property
    def tables(self) -> list[Table]:
        """Courses (with the credit total) and years: the page, CSV and Excel from the same rows."""
        p = self.programme
        return [tables.programme_courses_table(p.courses), tables.programme_years_table(p.years)]


@dataclass(frozen=True)
class CourseListPage:
    form: forms.Form
    result: CourseSearchResult
    level: str

    @property
    def previous_page(self) -> int | None:
        return self.result.page - 1 if self.result.page > 1 else None

    @property
    def next_page(self) -> int | None:
        return self.result.page + 1 if self.result.page < self.result.pages else None

    @cached_property
    def tables(self) -> list[Table]:
        """This page of results (the page, CSV and Excel from the same rows)."""
        return [tables.course_results_table(self.result.results)]


@dataclass(frozen=True)
class CoursePage:
    course: CourseDetail
    link_groups: list[LinkGroup]


@dataclass(frozen=True)
class FormPage:
    title: str
    form: forms.Form
    submit_label: str
    cancel_url: str


@dataclass(frozen=True)
class ImportPage:
    form: forms.Form
    problems: list[TemplateProblem] = field(default_factory=list)
    error: str = ""
    report: TemplateImportReport | None = None
