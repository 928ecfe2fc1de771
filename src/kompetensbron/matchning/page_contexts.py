"""One typed context per Matchning page (rendered by the templates, checked by the tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kompetensbron.web.tables import Table

from . import tables
from .schemas import (
    AggregateRow,
    ApplicantPublic,
    ApplicationPublic,
    OpportunityPublic,
    RankedList,
    RoundPublic,
    SkillRef,
    StudentProfilePublic,
)


@dataclass
class HomePage:
    is_student: bool
    ranked: RankedList | None
    applications: list[tuple[ApplicationPublic, list[tuple[str, str]]]]
    own_opportunities: list[OpportunityPublic]
    in_review: list[OpportunityPublic]
    can_post: bool
    can_publish: bool
    rounds: list[Any] = field(default_factory=list)


@dataclass
class OpportunityPage:
    opportunity: OpportunityPublic
    transitions: list[tuple[str, str]]
    can_apply: bool
    has_applied: bool
    applicants: list[tuple[ApplicantPublic, list[tuple[str, str]]]] | None
    placements: list[tuple[Any, Any]]  # (placement, outcome form) for the host
    can_edit: bool = False
    fit: Any = None  # the student's own score and reasons (a ScoredOpportunity), students only
    apply_error: str = ""


@dataclass
class OpportunityFormPage:
    title: str
    form: Any
    required_labels: list[SkillRef]
    desirable_labels: list[SkillRef]
    suggested: list[SkillRef] | None = None


@dataclass
class ProfilePage:
    profile: StudentProfilePublic
    form: Any
    saved: bool = False


@dataclass
class RoundPage:
    round: RoundPublic
    can_manage: bool
    is_student: bool
    my_ranking: list[int]
    host_opportunities: list[tuple[OpportunityPublic, list[tuple[int, str, int | None]]]]
    candidates: list[tuple[int, str]]
    error: str = ""


@dataclass
class StatsPage:
    rows: list[AggregateRow]
    min_group: int
    sources: list[str]
    indicators: list[tuple[str, str, int, Any]]
    year: int | None = None

    @cached_property
    def tables(self) -> list[Table]:
        """Outcomes, and the indicators when the user belongs to an organisation."""
        out = [tables.aggregates_table(self.rows, self.min_group)]
        if self.indicators:
            out.append(tables.indicators_table(self.indicators))
        return out
