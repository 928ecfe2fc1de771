"""Typed results of dossier versions and comparisons (:mod:`.versions`, :mod:`.compare`)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from kompetensbron.input_types import bounded_line

__all__ = ["FreezeIn", "VersionOut", "ComparisonRow", "DossierComparison"]


class FreezeIn(BaseModel):
    label: bounded_line(200) = ""  # type: ignore[valid-type]


class VersionOut(BaseModel):
    id: int
    programme_id: int
    programme_code: str
    programme_name: str
    version_date: dt.date
    frozen_at: dt.datetime
    label: str
    frozen_by: str | None = Field(None, description="shown only to users who may change the programme")
    data_dates: dict[str, str]
    sha256: str


class ComparisonRow(BaseModel):
    section: str
    item: str
    left: str
    right: str
    changed: bool


class DossierComparison(BaseModel):
    left_title: str
    right_title: str
    left_date: str
    right_date: str
    rows: list[ComparisonRow]
    changed: int
