"""Typed contexts of the Samverkan pages: one dataclass per page, built from service results
(the same typed results the JSON API serves). Templates read ``page`` and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms

from .models import Phase
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

    @classmethod
    def build(
        cls,
        *,
        activities: list[ActivityPublic],
        agreements: list[AgreementPublic],
        selected: int | None,
        can_create: bool,
    ):
        columns = [PhaseColumn(p.value, str(p.label), [a for a in activities if a.phase == p.value]) for p in Phase]
        return cls(columns=columns, agreements=agreements, selected_agreement=selected, can_create=can_create)


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


@dataclass
class AgreementPage:
    agreement: AgreementPublic
    bodies: list[BodyPublic]
    activity_count: int
    funding: FundingTotals
    indicators: list[IndicatorPublic]
    years: list[int]


@dataclass
class ReportPage:
    report: YearlyReport
    phase_status_columns: list[tuple[str, str]]


@dataclass
class FormPage:
    title: str
    form: forms.Form
    submit_label: str
    errors: list[str] = field(default_factory=list)


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
