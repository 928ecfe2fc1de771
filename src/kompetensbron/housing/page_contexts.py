"""Typed contexts of the Studentbostäder pages: one dataclass per page, built from the same typed
service results the JSON API serves. Templates read ``page`` and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from kompetensbron.web.tables import Column, Link, Table

from .schemas import ProgrammeProgress, ProgrammePublic, ProjectPublic, QueueSeries

__all__ = ["ProgressPage", "ProjectListPage", "ProjectPage", "QueuePage", "SimulatorPage", "StartPage"]


@dataclass
class StartPage:
    programmes: list[ProgrammePublic]
    can_create_programme: bool
    can_create_project: bool


@dataclass
class ProgressPage:
    progress: ProgrammeProgress
    can_change: bool
    chart: dict[str, list]
    regions: list[dict[str, Any]]
    target_form: forms.Form | None = None

    @property
    def tables(self) -> list[Table]:
        """Progress per year and per kommun (the page, the PDF, CSV and Excel from the same rows)."""
        from django.utils.translation import gettext as _

        pr = self.progress
        years = Table(
            key="per-ar",
            title=_("Per år"),
            columns=[
                Column(label=_("År"), kind="code"),
                Column(label=_("Färdigställda (ack.)"), kind="int"),
                Column(label=_("Under byggnad (enl. plan)"), kind="int"),
                Column(label=_("Planerade (enl. plan)"), kind="int"),
                Column(label=_("Mållinje"), kind="int"),
            ],
            rows=[[str(y.year), y.completed, y.under_construction, y.planned, y.target] for y in pr.years],
        )
        none = " (" + _("inga studentbostäder") + ")"
        kommuner = Table(
            key="per-kommun",
            title=_("Per kommun"),
            columns=[
                Column(label=_("Kommun")),
                Column(label=_("Basbestånd"), kind="int"),
                Column(label=_("Senaste bestånd"), kind="int"),
                Column(label=_("År"), kind="code"),
                Column(label=_("Färdigställda"), kind="int"),
                Column(label=_("Under byggnad"), kind="int"),
                Column(label=_("Planerade"), kind="int"),
                Column(label=_("Kommunmål"), kind="int"),
            ],
            rows=[
                [
                    k.kommun_name + ("" if k.has_student_homes else none),
                    k.baseline_stock,
                    k.latest_stock,
                    None if k.latest_stock_year is None else str(k.latest_stock_year),
                    k.completed,
                    k.under_construction,
                    k.planned,
                    k.target,
                ]
                for k in pr.kommuner
            ],
            row_keys=[k.kommun_code for k in pr.kommuner],
        )
        return [years, kommuner]

    @classmethod
    def build(
        cls, progress: ProgrammeProgress, *, can_change: bool, target_form: forms.Form | None = None
    ) -> ProgressPage:
        chart = {
            "years": [y.year for y in progress.years],
            "completed": [y.completed for y in progress.years],
            "under_construction": [y.under_construction for y in progress.years],
            "planned": [y.planned for y in progress.years],
            "target": [y.target for y in progress.years],
        }
        regions = [
            {
                "name": k.kommun_code,
                "label": k.kommun_name,
                "value": k.completed,
                "stock": k.latest_stock,
                "none": not k.has_student_homes,
            }
            for k in progress.kommuner
        ]
        return cls(progress=progress, can_change=can_change, chart=chart, regions=regions, target_form=target_form)


@dataclass
class ProjectListPage:
    projects: list[ProjectPublic]
    lan: str
    status: str
    statuses: list[tuple[str, str]]
    can_create: bool

    @property
    def tables(self) -> list[Table]:
        """The projects shown (the page, CSV and Excel from the same rows)."""
        from django.urls import reverse
        from django.utils.translation import gettext as _

        return [
            Table(
                key="projekt",
                title=_("Projektregister: studentbostäder"),
                filename="projekt",
                columns=[
                    Column(label=_("Projekt")),
                    Column(label=_("Ägare")),
                    Column(label=_("Kommun")),
                    Column(label=_("Typ")),
                    Column(label=_("Bostäder"), kind="int"),
                    Column(label=_("Status")),
                    Column(label=_("Statusdatum")),
                    Column(label=_("Klart, förväntat"), kind="code"),
                    Column(label=_("Klart, faktiskt"), kind="code"),
                ],
                rows=[
                    [
                        Link(
                            text=p.name + (f" ({_('exempel')})" if p.is_demo else ""),
                            href=reverse("housing:project", args=[p.id]),
                        ),
                        p.owner,
                        p.kommun_name,
                        p.home_type_label,
                        p.homes,
                        p.status_label,
                        p.status_date.isoformat(),
                        None if p.expected_completion_year is None else str(p.expected_completion_year),
                        None if p.actual_completion_year is None else str(p.actual_completion_year),
                    ]
                    for p in self.projects
                ],
            )
        ]


@dataclass
class ProjectPage:
    project: ProjectPublic
    can_change: bool
    status_form: forms.Form | None


@dataclass
class QueuePage:
    series: list[QueueSeries]
    can_enter: bool
    chart: list[dict[str, Any]]

    @classmethod
    def build(cls, series: list[QueueSeries], *, can_enter: bool) -> QueuePage:
        chart = [
            {
                "organisation": s.organisation,
                "home_type": ht,
                "label": next((r.home_type_label for r in s.rows if r.home_type == ht), ht),
                "points": [
                    [r.year, r.median_wait_days] for r in s.rows if r.home_type == ht and r.median_wait_days is not None
                ],
            }
            for s in series
            for ht in dict.fromkeys(r.home_type for r in s.rows)
        ]
        return cls(series=series, can_enter=can_enter, chart=chart)

    @property
    def tables(self) -> list[Table]:
        """One table per housing company, year by year (the page, CSV and Excel from the same rows)."""
        from django.utils.translation import gettext as _

        columns = [
            Column(label=_("År"), kind="code"),
            Column(label=_("Bostadstyp")),
            Column(label=_("I kön"), kind="int"),
            Column(label=_("Erbjudna"), kind="int"),
            Column(label=_("Median kötid (dagar)"), kind="int"),
            Column(label=_("90:e percentilen"), kind="int"),
            Column(label=_("Nej"), kind="int"),
            Column(label=_("Källa")),
        ]
        return [
            Table(
                key=f"ko-{i}",
                title=s.organisation,
                filename=f"kostatistik-{s.organisation}",
                columns=columns,
                rows=[
                    [
                        str(r.year),
                        r.home_type_label,
                        r.people_in_queue,
                        r.homes_offered,
                        r.median_wait_days,
                        r.p90_wait_days,
                        r.declines,
                        r.source + (f" ({_('exempel')})" if r.is_demo else ""),
                    ]
                    for r in s.rows
                ],
            )
            for i, s in enumerate(self.series, start=1)
        ]


@dataclass
class SimulatorPage:
    form: forms.Form
    scenarios: list[dict[str, Any]]
    rule_sets: list[Any]
    calibration: dict[str, Any]
    limits: dict[str, int]

    @property
    def tables(self) -> list[Table]:
        """The scenarios and their results side by side (the page, CSV and Excel)."""
        from .tables import scenario_table, scenarios_table

        return [scenario_table(self.scenarios), scenarios_table(self.scenarios)]
