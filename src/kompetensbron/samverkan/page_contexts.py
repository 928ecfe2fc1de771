"""Typed contexts of the Samverkan pages: one dataclass per page, built from service results
(the same typed results the JSON API serves). Templates read ``page`` and nothing else."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django import forms

from kompetensbron.web.tables import Table

from . import report_tables
from .board_filters import group_columns
from .schemas import (
    ActivityPublic,
    AgreementPublic,
    BodyPublic,
    FundingPublic,
    FundingTotals,
    IndicatorPublic,
    OrganisationPublic,
    YearlyReport,
)

__all__ = [
    "PhaseColumn",
    "BoardPage",
    "ActivityPage",
    "AgreementPage",
    "ReportPage",
    "FormPage",
    "OrganisationRow",
    "OrganisationListPage",
    "BodyMemberRow",
    "BodyRow",
    "BodyListPage",
]


@dataclass
class PhaseColumn:
    phase: str
    label: str
    activities: list[ActivityPublic]


@dataclass
class BoardPage:
    columns: list[PhaseColumn]
    agreements: list[AgreementPublic]
    selected_agreement: int | None
    can_create: bool
    filters: object = None  # BoardFilters: the GET filters in force
    options: list = field(default_factory=list)  # (parameter, label, [(value, label)], selected) per filter
    id_prefix: str = "phase"
    meetings: list = field(default_factory=list)  # MeetingLink: the latest meetings of the user's bodies

    @classmethod
    def build(
        cls,
        *,
        activities: list[ActivityPublic],
        agreements: list[AgreementPublic],
        selected: int | None,
        can_create: bool,
        filters=None,
        options: list | None = None,
    ):
        group = filters.group if filters is not None else "phase"
        columns = [PhaseColumn(key, label, acts) for key, label, acts in group_columns(activities, group)]
        return cls(
            columns=columns,
            agreements=agreements,
            selected_agreement=selected,
            can_create=can_create,
            filters=filters,
            options=options or [],
            id_prefix="phase" if group == "phase" else f"{group}",
        )


@dataclass
class ActivityPage:
    activity: ActivityPublic
    funding: list[FundingPublic]
    can_propose: bool
    can_decide: bool
    can_change: bool
    transitions: list[tuple[str, str]]
    decision_form: forms.Form | None = None
    transition_form: forms.Form | None = None
    funding_form: forms.Form | None = None
    errors: list[str] = field(default_factory=list)
    steps: list = field(default_factory=list)  # NextStep: what the next step needs, who may take it
    approval_form: forms.Form | None = None  # direct governance: the user's parties still to answer
    note_form: forms.Form | None = None  # council_notes: the council member's note
    funding_status_forms: list = field(default_factory=list)  # (FundingPublic, form) the user may update


@dataclass
class AgreementPage:
    agreement: AgreementPublic
    bodies: list[BodyPublic]
    activity_count: int
    funding: FundingTotals
    indicators: list[IndicatorPublic]
    years: list[int]
    can_change: bool = False  # a party's coordinator: edit the agreement and its documents

    @property
    def tables(self) -> list[Table]:
        """The funding totals (the page, CSV and Excel from the same rows)."""
        return [report_tables.funding_table(self.funding)]


@dataclass
class ReportPage:
    report: YearlyReport
    phase_status_columns: list[tuple[str, str]]

    @cached_property
    def tables(self) -> dict[str, Table]:
        """The report's tables by role (the page, the PDF, CSV and Excel from the same rows)."""
        r = self.report
        tables = {
            "phases": report_tables.phase_status_table(r.phases, self.phase_status_columns),
            "decisions": report_tables.decisions_table(r.decisions),
            "funding": report_tables.funding_table(r.funding),
            "indicators": report_tables.indicators_table(r.indicators),
            "meetings": report_tables.meetings_table(r.meetings),
        }
        if r.needs:
            tables["needs"] = report_tables.needs_per_area_table(r.needs)
        return tables


@dataclass
class FormPage:
    title: str
    form: forms.Form
    submit_label: str
    errors: list[str] = field(default_factory=list)
    cancel_url: str = ""  # the app page the form was reached from (a reversed URL name), "" for none


@dataclass
class OrganisationRow:
    organisation: OrganisationPublic
    can_change: bool


@dataclass
class OrganisationListPage:
    rows: list[OrganisationRow]
    invitations: list = field(default_factory=list)  # PartyInvitationPublic the user may answer


@dataclass
class BodyMemberRow:
    name: str | None
    organisation: str | None


@dataclass
class BodyRow:
    body: BodyPublic
    members: list[BodyMemberRow]


@dataclass
class BodyListPage:
    rows: list[BodyRow]


@dataclass(frozen=True)
class MeetingLink:
    """A meeting named by a link (the board's "meetings of your bodies")."""

    id: int
    date: dt.date
    title: str
    body: str
