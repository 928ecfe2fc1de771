"""Schemas of accounts and personal data (imported by :mod:`.schemas`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

from kompetensbron.input_types import Id, bounded_line


class InvitationIn(Schema):
    email: bounded_line(254)  # type: ignore[valid-type]
    first_name: bounded_line(150) = ""  # type: ignore[valid-type]
    last_name: bounded_line(150) = ""  # type: ignore[valid-type]
    organisation_id: Id
    role: Literal["coordinator", "member"] = "member"


class InvitationOut(Schema):
    user_id: int
    email: str
    activation_path: str


class MembershipOut(Schema):
    organisation: str
    role: str


class PersonalDataExport(Schema):
    user_id: int
    username: str
    first_name: str
    last_name: str
    email: str
    is_active: bool
    date_joined: dt.datetime
    last_login: dt.datetime | None
    organisations: list[MembershipOut]
    bodies: list[str]
    chair_of: list[str]
    proposals: list[str]
    decisions: list[str]
    audit_entries: int
    apps: dict[str, dict] = Field(
        default_factory=dict, description="every app's export (kompetensbron.privacy), by app"
    )


class ErasureResult(Schema):
    user_id: int
    username: str
    memberships_kept: int
    audit_entries_redacted: int
    login_records_deleted: int
    rows_anonymised: dict[str, int] = Field(default_factory=dict, description="rows changed per app")
