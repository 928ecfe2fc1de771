"""Typed page contexts of the meeting, competence-need, link and computed-indicator pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms

from kompetensbron.web.tables import Table

from . import record_tables, report_tables
from .schemas import BodyPublic, MeetingSummary
from .schemas_meetings import ComputedValue, IndicatorSourcePublic, LinkPublic, MeetingPublic, NeedPublic

__all__ = ["MeetingListPage", "MeetingPage", "LinksPage", "IndicatorSourcePage", "NeedListPage", "NeedPage"]


@dataclass
class MeetingListPage:
    body: BodyPublic
    meetings: list[MeetingSummary]
    can_record: bool
    form: forms.Form | None = None

    @property
    def tables(self) -> list[Table]:
        """The body's meetings (the page, CSV and Excel from the same rows)."""
        return [report_tables.meetings_table(self.meetings)]


@dataclass
class MeetingPage:
    meeting: MeetingPublic
    can_change: bool
    attendee_form: forms.Form | None = None
    document_form: forms.Form | None = None
    idea_form: forms.Form | None = None
    decision_form: forms.Form | None = None
    decision_links: dict[int, list[LinkPublic]] = field(default_factory=dict)  # decision id → its links
    link_kinds: list[tuple[str, str]] = field(default_factory=list)  # offered when the user may link

    @property
    def decisions_table(self) -> Table:
        """The meeting's decisions (the page, CSV and Excel from the same rows)."""
        m = self.meeting
        return record_tables.meeting_decisions_table(m.id, m.decision_list, self.decision_links)


@dataclass
class LinksPage:
    title: str
    back_url: str
    links: list[LinkPublic]
    can_change: bool
    form: forms.Form | None = None


@dataclass
class IndicatorSourcePage:
    indicator_id: int
    indicator_name: str
    agreement_id: int
    source: IndicatorSourcePublic | None
    values: list[ComputedValue]
    can_change: bool
    form: forms.Form | None = None

    @property
    def values_table(self) -> Table:
        """The values computed per year (the page, CSV and Excel from the same rows)."""
        return record_tables.computed_values_table(self.indicator_id, self.indicator_name, self.values)


@dataclass
class NeedListPage:
    needs: list[NeedPublic]
    can_register: bool

    @property
    def tables(self) -> list[Table]:
        """The needs shown (the page, CSV and Excel from the same rows)."""
        return [report_tables.needs_table(self.needs)]


@dataclass
class NeedPage:
    need: NeedPublic
    can_change: bool
    can_answer: bool
    need_steps: list[tuple[str, str]]
    answer_steps: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    answer_form: forms.Form | None = None
