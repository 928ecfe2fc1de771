"""A student-housing queue simulator (plain Python, no Django).

``simulate(rules, scenario)`` runs :class:`~.engine.Simulation` and returns a
:class:`~.statistics.SimulationResult`; the rules are data (:mod:`.rules`), the market is a
:class:`~.scenario.Scenario` whose defaults are calibrated to SSSB's published figures.
"""

from __future__ import annotations

from .engine import Simulation
from .rules import (
    BUILT_IN_RULES,
    DeclinePenalty,
    RuleError,
    RuleSet,
    get_rules,
    load_rules,
    rules_from_dict,
)
from .scenario import CALIBRATION, LIMITS, HomeTypeSpec, Scenario
from .statistics import SimulationResult, TypeResult

__all__ = [
    "BUILT_IN_RULES",
    "CALIBRATION",
    "LIMITS",
    "DeclinePenalty",
    "HomeTypeSpec",
    "RuleError",
    "RuleSet",
    "Scenario",
    "Simulation",
    "SimulationResult",
    "TypeResult",
    "get_rules",
    "load_rules",
    "rules_from_dict",
    "simulate",
]


def simulate(rules: RuleSet, scenario: Scenario) -> SimulationResult:
    sim = Simulation(rules, scenario)
    sim.run()
    return sim.recorder.result()
