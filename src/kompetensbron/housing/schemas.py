"""Schema families of the housing API (Create / Update / Public) and the typed results the
services return to both the JSON routes and the pages."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from .models import MAX_HOMES, MAX_YEAR, MIN_YEAR

HomeTypeCode = Literal["corridor_room", "studio", "apartment"]
QueueHomeTypeCode = Literal["all", "corridor_room", "studio", "apartment"]
StatusCode = Literal["idea", "detailed_plan", "building_permit", "under_construction", "completed", "cancelled"]
TargetKindCode = Literal["absolute", "percent"]


# ------------------------------------------------------------------ projects


class ProjectCreate(Schema):
    name: str = Field(max_length=255)
    owner_id: int
    kommun_code: str = Field(max_length=4)
    homes: int = Field(ge=1, le=MAX_HOMES)
    home_type: HomeTypeCode
    status: StatusCode = "idea"
    status_date: dt.date | None = None
    expected_completion_year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    actual_completion_year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    description: str = Field(default="", max_length=5000)


class ProjectUpdate(Schema):
    name: str | None = Field(default=None, max_length=255)
    kommun_code: str | None = Field(default=None, max_length=4)
    homes: int | None = Field(default=None, ge=1, le=MAX_HOMES)
    home_type: HomeTypeCode | None = None
    expected_completion_year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    description: str | None = Field(default=None, max_length=5000)


class StatusChangeIn(Schema):
    to_status: StatusCode
    date: dt.date | None = None
    actual_completion_year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    note: str = Field(default="", max_length=500)


class StatusChangePublic(Schema):
    from_status: str
    to_status: str
    to_status_label: str
    date: dt.date
    note: str
    actor: str | None = None


class ProjectPublic(Schema):
    id: int
    name: str
    owner_id: int
    owner: str
    kommun_code: str
    kommun_name: str
    lan_code: str
    lan_name: str
    fa_region_code: str | None = None
    fa_region_name: str | None = None
    homes: int
    home_type: str
    home_type_label: str
    status: str
    status_label: str
    status_date: dt.date
    expected_completion_year: int | None = None
    actual_completion_year: int | None = None
    description: str
    is_demo: bool
    history: list[StatusChangePublic] = []


# ------------------------------------------------------------------ programmes


class ProgrammeCreate(Schema):
    name: str = Field(max_length=255)
    owner_id: int
    lan_code: str = Field(max_length=2)
    baseline_year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    target_year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    target_kind: TargetKindCode = "absolute"
    target_value: int = Field(ge=1, le=10 * MAX_HOMES)
    description: str = Field(default="", max_length=5000)


class ProgrammeUpdate(Schema):
    name: str | None = Field(default=None, max_length=255)
    baseline_year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    target_year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    target_kind: TargetKindCode | None = None
    target_value: int | None = Field(default=None, ge=1, le=10 * MAX_HOMES)
    description: str | None = Field(default=None, max_length=5000)


class KommunTargetIn(Schema):
    kommun_code: str = Field(max_length=4)
    target_homes: int = Field(ge=0, le=MAX_HOMES)


class ProgrammePublic(Schema):
    id: int
    name: str
    owner_id: int
    owner: str
    lan_code: str
    lan_name: str
    baseline_year: int
    target_year: int
    target_kind: str
    target_value: int
    target_homes: int | None = None  # the target as new homes (percent × baseline)
    description: str
    is_demo: bool


class ProgressYear(Schema):
    year: int
    completed: int  # new homes completed since the baseline year, cumulative
    under_construction: int  # homes under construction with expected completion by this year
    planned: int  # homes in idea / detailed plan / building permit expected by this year
    target: int | None = None  # the target line (linear from 0 in the baseline year)


class ProgressKommun(Schema):
    kommun_code: str
    kommun_name: str
    baseline_stock: int | None = None
    latest_stock: int | None = None
    latest_stock_year: int | None = None
    completed: int
    under_construction: int
    planned: int
    target: int | None = None
    has_student_homes: bool


class ProgrammeProgress(Schema):
    programme: ProgrammePublic
    baseline_stock: int | None = None
    completed: int
    under_construction: int
    planned: int
    share_of_target: float | None = None
    years: list[ProgressYear]
    kommuner: list[ProgressKommun]
    kommuner_without_student_homes: list[str]
    sources: list[str]
    is_demo: bool


# ------------------------------------------------------------------ queue statistics


class QueueStatisticIn(Schema):
    organisation_id: int
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    home_type: QueueHomeTypeCode = "all"
    people_in_queue: int | None = Field(default=None, ge=0, le=10_000_000)
    homes_offered: int | None = Field(default=None, ge=0, le=10_000_000)
    median_wait_days: int | None = Field(default=None, ge=0, le=36_500)
    p90_wait_days: int | None = Field(default=None, ge=0, le=36_500)
    declines: int | None = Field(default=None, ge=0, le=10_000_000)
    source: str = Field(default="", max_length=255)


class QueueStatisticPublic(Schema):
    organisation_id: int
    organisation: str
    year: int
    home_type: str
    home_type_label: str
    people_in_queue: int | None = None
    homes_offered: int | None = None
    median_wait_days: int | None = None
    p90_wait_days: int | None = None
    declines: int | None = None
    source: str
    is_demo: bool


class QueueSeries(Schema):
    organisation_id: int
    organisation: str
    rows: list[QueueStatisticPublic]


# ------------------------------------------------------------------ imports


class ImportReport(Schema):
    kind: str
    file_name: str
    sha256: str
    rows: int
    created: int
    updated: int
    skipped: int = 0
    notes: list[str] = []
