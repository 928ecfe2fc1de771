"""Schema families of the Samverkan API (Create / Update / Public), and the typed results
the services return to both the JSON routes and the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from kompetensbron.input_types import Count, Id, Line, Money, Text, Url, bounded_line

from .schemas_accounts import ErasureResult, InvitationIn, InvitationOut, MembershipOut, PersonalDataExport
from .schemas_governance import (
    ApprovalIn,
    ApprovalPublic,
    AreaSection,
    BodyUpdate,
    DocumentCreate,
    DocumentOut,
    GovernanceCode,
    Named,
    NeedsSection,
    NextStep,
    NoteIn,
)

__all__ = [  # the account and governance schemas, re-exported
    "ErasureResult",
    "InvitationIn",
    "InvitationOut",
    "MembershipOut",
    "PersonalDataExport",
    "ApprovalIn",
    "ApprovalPublic",
    "AreaSection",
    "BodyUpdate",
    "DocumentCreate",
    "DocumentOut",
    "GovernanceCode",
    "Named",
    "NeedsSection",
    "NextStep",
    "NoteIn",
]

PhaseCode = Literal["attract", "stimulate", "retain", "develop"]
StatusCode = Literal["idea", "proposed", "decided", "rejected", "running", "completed", "evaluated"]
OrganisationKindCode = Literal[
    "municipality", "region", "university", "company", "school", "foundation", "student_union", "housing"
]
BodyKindCode = Literal["council", "steering_group", "working_group", "foundation_board"]
FundingStatusCode = Literal["planned", "submitted", "granted", "rejected", "withdrawn"]


# ------------------------------------------------------------------ organisations


KommunCode = bounded_line(4)
Unit = bounded_line(64)


class OrganisationCreate(Schema):
    name: Line
    kind: OrganisationKindCode
    kommun_code: KommunCode | None = None
    website: Url = ""


class OrganisationUpdate(Schema):
    """PATCH: a field left out stays; ``null`` is refused for the fields a row needs."""

    name: Line = None
    kind: OrganisationKindCode = None  # type: ignore[assignment]
    kommun_code: KommunCode | None = None
    website: Url = None  # type: ignore[assignment]


class OrganisationPublic(Schema):
    id: int
    name: str
    kind: OrganisationKindCode
    kommun_code: str | None = None
    website: str = ""
    kind_label: str
    kommun_name: str | None = None
    is_demo: bool


class UnitCreate(Schema):
    name: Line


class UnitPublic(Schema):
    id: int
    organisation_id: int
    name: str


# ------------------------------------------------------------------ agreements


class DocumentIn(Schema):
    title: Line
    url: Url = ""


class AgreementCreate(Schema):
    title: Line
    purpose: Text = ""
    party_ids: list[Id] = Field(default_factory=list, max_length=200)
    period_start: dt.date
    period_end: dt.date | None = None
    area_names: list[Line] = Field(default_factory=list, max_length=50)
    documents: list[DocumentIn] = Field(default_factory=list, max_length=50)
    governance: GovernanceCode = "steering_group"
    binds_funding: bool | None = None
    uses_lifecycle: bool = True


class AgreementUpdate(Schema):
    title: Line = None
    purpose: Text = None  # type: ignore[assignment]
    party_ids: list[Id] = Field(None, max_length=200)
    period_start: dt.date = None  # type: ignore[assignment]
    period_end: dt.date | None = None
    area_names: list[Line] = Field(None, max_length=50)  # type: ignore[arg-type, valid-type]
    governance: GovernanceCode = None  # type: ignore[assignment]
    binds_funding: bool | None = None
    uses_lifecycle: bool = None  # type: ignore[assignment]


class AgreementBase(Schema):
    title: str
    purpose: str = ""
    party_ids: list[int] = Field(default_factory=list)
    period_start: dt.date
    period_end: dt.date | None = None
    area_names: list[str] = Field(default_factory=list)


class DocumentPublic(Schema):
    title: str
    url: str
    id: int | None = None


class AgreementPublic(AgreementBase):
    id: int
    parties: list[str]
    documents: list[DocumentPublic]
    is_demo: bool
    governance: GovernanceCode = "steering_group"
    governance_label: str = ""
    binds_funding: bool | None = None
    uses_lifecycle: bool = True
    areas: list[Named] = Field(default_factory=list)


class PartyInvitationPublic(Schema):
    """An organisation invited to become a party; its coordinator accepts or declines."""

    id: int
    agreement_id: int
    agreement_title: str
    organisation_id: int
    organisation: str
    status: Literal["pending", "accepted", "declined"]
    status_label: str
    created_at: dt.datetime


# ------------------------------------------------------------------ bodies


class BodyCreate(Schema):
    name: Line
    kind: BodyKindCode
    agreement_id: Id | None = None
    parent_id: Id | None = None
    chair_id: Id | None = None
    chair_title: Line = ""
    organisation_ids: list[Id] = Field(default_factory=list, max_length=200)
    area_names: list[Line] = Field(default_factory=list, max_length=50)
    governance: GovernanceCode | Literal[""] = ""
    unit_ids: list[Id] = Field(default_factory=list, max_length=200)


class BodyMemberIn(Schema):
    user_id: Id
    organisation_id: Id | None = None


class BodyPublic(Schema):
    id: int
    name: str
    kind: BodyKindCode
    kind_label: str
    agreement_id: int | None
    parent_id: int | None
    parent_name: str | None
    chair: str | None
    chair_title: str
    member_count: int
    organisations: list[str]
    is_demo: bool
    governance: GovernanceCode | Literal[""] = ""
    governance_label: str = ""
    units: list[Named] = Field(default_factory=list)


# ------------------------------------------------------------------ activities


class ActivityBase(Schema):
    title: str
    description: str = ""
    phase: PhaseCode | None = None
    target_group: str = ""
    owner_id: int
    partner_ids: list[int] = Field(default_factory=list)
    agreement_id: int | None = None
    working_group_id: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    place: str = ""
    expected_participants: int | None = None


class ActivityCreate(Schema):
    title: Line
    description: Text = ""
    phase: PhaseCode | None = None
    target_group: Line = ""
    owner_id: Id
    owner_unit_id: Id | None = None
    area_ids: list[Id] = Field(default_factory=list, max_length=50)
    unit_ids: list[Id] = Field(default_factory=list, max_length=200)
    partner_ids: list[Id] = Field(default_factory=list, max_length=200)
    agreement_id: Id | None = None
    working_group_id: Id | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    place: Line = ""
    expected_participants: Count | None = None
    propose: bool = False


class ActivityUpdate(Schema):
    title: Line = None
    description: Text = None  # type: ignore[assignment]
    phase: PhaseCode | None = None
    target_group: Line = None  # type: ignore[valid-type]
    partner_ids: list[Id] = Field(None, max_length=200)  # type: ignore[arg-type]
    agreement_id: Id | None = None
    owner_unit_id: Id | None = None
    area_ids: list[Id] = Field(None, max_length=50)  # type: ignore[arg-type]
    unit_ids: list[Id] = Field(None, max_length=200)  # type: ignore[arg-type]
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    place: Line = None
    expected_participants: Count | None = None
    actual_participants: Count | None = None


class DecisionIn(Schema):
    decision: Literal["approve", "reject"]
    justification: Text
    date: dt.date


class DecisionPublic(Schema):
    id: int
    activity_id: int | None
    activity_title: str  # the title of what was decided on (activity, agreement or programme)
    subject: Literal["activity", "agreement", "programme"] = "activity"
    subject_label: str = ""
    meeting_id: int | None = None
    body: str
    decided_by: str | None
    date: dt.date
    outcome: Literal["approve", "reject"]
    outcome_label: str
    justification: str


class TransitionIn(Schema):
    to_status: StatusCode
    actual_participants: Count | None = None
    evaluation: Text = ""


class ActivityPublic(ActivityBase):
    id: int
    status: StatusCode
    status_label: str
    phase_label: str
    owner: str
    partners: list[str]
    working_group: str | None
    steering_group: str | None
    actual_participants: int | None
    evaluation: str
    next_statuses: list[StatusCode]
    decisions: list[DecisionPublic]
    is_demo: bool
    owner_unit_id: int | None = None
    owner_unit: str | None = None
    areas: list[Named] = Field(default_factory=list)
    units: list[Named] = Field(default_factory=list)
    governance: GovernanceCode = "steering_group"
    governance_label: str = ""
    approvals: list[ApprovalPublic] = Field(default_factory=list)
    funding_note: str = Field("", description="the agreement's 'no binding funding' clause, where it has one")


# ------------------------------------------------------------------ funding


class FundingBase(Schema):
    funder: str
    programme: str = ""
    amount_applied: Decimal
    amount_granted: Decimal | None = None
    deadline: dt.date | None = None
    status: FundingStatusCode = "planned"
    note: str = ""


class FundingCreate(Schema):
    funder: Line
    programme: Line = ""
    amount_applied: Money
    amount_granted: Money | None = None
    deadline: dt.date | None = None
    status: FundingStatusCode = "planned"
    note: Text = ""
    area_ids: list[Id] = Field(default_factory=list, max_length=50)
    unit_ids: list[Id] = Field(default_factory=list, max_length=200)


class FundingUpdate(Schema):
    funder: Line = None
    programme: Line = None
    amount_applied: Money = None  # type: ignore[assignment]
    amount_granted: Money | None = None
    deadline: dt.date | None = None
    status: FundingStatusCode = None  # type: ignore[assignment]
    note: Text = None  # type: ignore[assignment]
    area_ids: list[Id] = Field(None, max_length=50)  # type: ignore[arg-type]
    unit_ids: list[Id] = Field(None, max_length=200)  # type: ignore[arg-type]


class FundingPublic(FundingBase):
    id: int
    activity_id: int
    activity_title: str
    status_label: str
    areas: list[Named] = Field(default_factory=list)
    units: list[Named] = Field(default_factory=list)


class FundingTotal(Schema):
    phase: PhaseCode | None
    phase_label: str
    applications: int
    applied: Decimal
    granted: Decimal
    pending: Decimal


class FundingTotals(Schema):
    agreement_id: int
    rows: list[FundingTotal]
    applied: Decimal
    granted: Decimal
    note: str


# ------------------------------------------------------------------ indicators


class IndicatorCreate(Schema):
    name: Line
    unit: Unit = ""
    description: Text = ""
    higher_is_better: bool = True
    area_ids: list[Id] = Field(default_factory=list, max_length=50)
    unit_ids: list[Id] = Field(default_factory=list, max_length=200)


class IndicatorYearIn(Schema):
    target: Money | None = None
    value: Money | None = None
    comment: Text = ""


class IndicatorYearPublic(Schema):
    year: int
    target: Decimal | None = None
    value: Decimal | None = None
    comment: str = ""


class IndicatorPublic(Schema):
    id: int
    name: str
    unit: str = ""
    description: str = ""
    higher_is_better: bool = True
    agreement_id: int
    years: list[IndicatorYearPublic]
    areas: list[Named] = Field(default_factory=list)
    units: list[Named] = Field(default_factory=list)


# ------------------------------------------------------------------ yearly follow-up


class PhaseStatusCount(Schema):
    phase: PhaseCode | None
    phase_label: str
    by_status: dict[str, int]
    total: int


class ReportActivity(Schema):
    id: int
    title: str
    phase: PhaseCode | None
    phase_label: str
    status: StatusCode
    status_label: str
    owner: str
    areas: list[str] = Field(default_factory=list)
    period_start: dt.date | None
    period_end: dt.date | None
    expected_participants: int | None
    actual_participants: int | None


class IndicatorRow(Schema):
    id: int
    name: str
    unit: str
    target: Decimal | None
    value: Decimal | None
    previous_value: Decimal | None
    reached: bool | None
    comment: str
    computed: bool = False  # the value is computed from platform data (``source``, ``data_date``)
    source: str = ""
    data_date: dt.date | None = None


class MeetingSummary(Schema):
    id: int
    body_id: int
    body: str
    agreement_id: int | None
    date: dt.date
    title: str
    place: str
    ideas: int
    ideas_to_activities: int
    decisions: int


class YearlyReport(Schema):
    agreement: AgreementPublic
    year: int
    status_labels: dict[str, str]
    phases: list[PhaseStatusCount]
    activities: list[ReportActivity]
    decisions: list[DecisionPublic]
    funding: FundingTotals
    indicators: list[IndicatorRow]
    participants_expected: int | None = Field(description="sum over the activities that reported it; null: none did")
    participants_actual: int | None = Field(description="sum over the activities that reported it; null: none did")
    generated_at: dt.datetime
    is_demo: bool
    meetings: list[MeetingSummary] = Field(default_factory=list)
    areas: list[AreaSection] = Field(default_factory=list)
    needs: NeedsSection | None = Field(None, description="competence needs of the agreement; null: none this year")
