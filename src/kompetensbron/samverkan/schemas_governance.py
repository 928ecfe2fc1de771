"""Schemas of governance, areas and units (imported by :mod:`.schemas`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from kompetensbron.input_types import Id, Line, Text, Url, bounded_line

GovernanceCode = Literal["steering_group", "direct", "council_notes"]
ApprovalKindCode = Literal["approve", "decline", "note"]


class Named(Schema):
    """An area or a unit as a reference: id and name (a unit with its organisation)."""

    id: int
    name: str


class ApprovalIn(Schema):
    """A party's answer under direct governance (the coordinator answers for ``organisation_id``)."""

    organisation_id: Id
    approve: bool = True
    comment: Text = ""


class NoteIn(Schema):
    comment: Text = ""


class ApprovalPublic(Schema):
    id: int
    kind: ApprovalKindCode
    kind_label: str
    organisation: str | None
    body: str | None
    by: str | None
    date: dt.date
    comment: str


class NextStep(Schema):
    """What the activity's next step needs and who may take it (the page explains it)."""

    action: Literal["propose", "decide", "approve", "note", "move", "none"]
    text: str
    who: str
    can_take: bool = False


class DocumentCreate(Schema):
    title: Line
    url: Url


class DocumentOut(Schema):
    id: int
    title: str
    url: str


class BodyUpdate(Schema):
    """PATCH a body: governance, units, organisations, areas, chair's title (administrators, the chair)."""

    governance: GovernanceCode | Literal[""] = None  # type: ignore[assignment]
    unit_ids: list[Id] = Field(None, max_length=200)  # type: ignore[arg-type]
    organisation_ids: list[Id] = Field(None, max_length=200)  # type: ignore[arg-type]
    area_names: list[Line] = Field(None, max_length=50)  # type: ignore[arg-type, valid-type]
    chair_title: Line = None  # type: ignore[valid-type]


class AreaSection(Schema):
    """The yearly report's section of one area (``area_id`` None: activities without an area)."""

    area_id: int | None
    area: str
    by_status: dict[str, int]
    total: int
    activity_ids: list[int]
    activity_titles: list[str]
    indicator_ids: list[int]
    indicator_names: list[str]


class NeedAreaRow(Schema):
    """The competence needs of one area in the yearly report (``area_id`` None: the needs without
    an area, or the total row)."""

    area_id: int | None
    area: str
    registered: int = Field(description="needs registered this year")
    headcount: int = Field(description="people asked for in the needs registered this year")
    answered: int = Field(description="needs that got at least one answer this year")
    answers: int = Field(description="answers given this year")
    accepted: int = Field(
        description="answers of this year the need's organisation accepted (accepted, running, completed)"
    )


class ReportNeed(Schema):
    id: int
    title: str
    organisation: str
    headcount: int
    status_label: str
    areas: list[str]
    registered_this_year: bool
    answers_this_year: int


class NeedsSection(Schema):
    """Competence needs of the agreement registered or answered in the year, followed up like
    activities: one row per area of the agreement (and one of the needs without an area)."""

    rows: list[NeedAreaRow]
    total: NeedAreaRow
    needs: list[ReportNeed]


class IndicatorUpdate(Schema):
    """PATCH an indicator (the parties' coordinators): only the fields sent change; areas and units
    only among the agreement's own areas and its parties' units."""

    name: Line = None
    unit: bounded_line(64) = None  # type: ignore[valid-type]
    description: Text = None  # type: ignore[assignment]
    higher_is_better: bool = None  # type: ignore[assignment]
    area_ids: list[Id] = Field(None, max_length=50)  # type: ignore[assignment]
    unit_ids: list[Id] = Field(None, max_length=200)  # type: ignore[assignment]
