"""Simulator runs from the web page and the API: bounded inputs, a copied and changed rule set.

A web request must stay well under ~10 s on a busy 2-core machine, so a run from the web is
bounded to :data:`WEB_LIMITS` (a quarter of SSSB's size by default, with the calibrated ratio
of new students to homes); the command line runs any size.
"""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field

from .simulator import Scenario, SimulationResult, get_rules, simulate

__all__ = ["WEB_LIMITS", "SimulationIn", "rules_for", "run_simulation"]

WEB_LIMITS = {"homes": 3000, "arrivals_per_year": 4000, "years": 5}
RuleName = Literal["sssb", "af-bostader", "sgs", "chalmers"]


class SimulationIn(Schema):
    label: str = Field(default="", max_length=80)
    rules: RuleName = "sssb"
    homes: int = Field(default=2000, ge=10, le=WEB_LIMITS["homes"])
    arrivals_per_year: int = Field(default=1500, ge=10, le=WEB_LIMITS["arrivals_per_year"])
    years: int = Field(default=3, ge=1, le=WEB_LIMITS["years"])
    seed: int = Field(default=1, ge=0, le=1_000_000)
    # rule changes (None: as in the rule set)
    offer_batch: int | None = Field(default=None, ge=1, le=20)
    max_pending_offers: int | None = Field(default=None, ge=1, le=10)
    answer_days: int | None = Field(default=None, ge=0, le=30)
    decline_penalty_kind: Literal["none", "park", "reset"] | None = None
    decline_penalty_after: int | None = Field(default=None, ge=1, le=20)
    decline_penalty_park_days: int | None = Field(default=None, ge=0, le=730)
    pre_admission_cap_days: int | None = Field(default=None, ge=0, le=3650)


def rules_for(data: SimulationIn):
    base = get_rules(data.rules)
    changes: dict = {}
    for name in ("offer_batch", "max_pending_offers", "answer_days", "pre_admission_cap_days"):
        value = getattr(data, name)
        if value is not None and value != getattr(base, name):
            changes[name] = value
    penalty = {
        key: value
        for key, value in (
            ("kind", data.decline_penalty_kind),
            ("after_declines", data.decline_penalty_after),
            ("park_days", data.decline_penalty_park_days),
        )
        if value is not None and value != getattr(base.decline_penalty, key)
    }
    if penalty:
        changes["decline_penalty"] = penalty
    if not changes:
        return base
    return base.with_changes(name=f"{base.name}-ändrad", **changes)


def run_simulation(data: SimulationIn) -> SimulationResult:
    scenario = Scenario(
        homes=data.homes, arrivals_per_year=data.arrivals_per_year, years=data.years, warmup_years=2, seed=data.seed
    )
    return simulate(rules_for(data), scenario)
