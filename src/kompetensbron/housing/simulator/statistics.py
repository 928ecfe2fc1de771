"""What a simulation measures, and the typed result it returns.

Only the measured period counts (after the warm-up years): contracts signed in it (wait =
contract day − registration day, the "queue time at contract" landlords publish), offers and
declines made in it, vacant days falling in it. The shares housed within 30 days and within a
semester (182 days) are of the students admitted in the measured period at least a semester
before its end, counted from their admission.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Simulation, Student

__all__ = ["Recorder", "SimulationResult", "TypeResult", "percentile"]

SEMESTER = 182


def percentile(values: list[int], q: float) -> float | None:
    """Linear-interpolated percentile of sorted ``values`` (None when empty)."""
    if not values:
        return None
    pos = (len(values) - 1) * q
    low = int(pos)
    high = min(low + 1, len(values) - 1)
    return round(values[low] + (values[high] - values[low]) * (pos - low), 1)


@dataclass
class TypeResult:
    homes: int
    contracts: int
    median_wait_days: float | None
    p90_wait_days: float | None
    offers: int
    declines: int
    vacant_days: int


@dataclass
class SimulationResult:
    rules: str
    rules_title: str
    seed: int
    years: int
    warmup_years: int
    homes: int
    arrivals_per_year: int
    contracts: int
    median_wait_days: float | None
    p90_wait_days: float | None
    share_housed_within_30_days: float | None
    share_housed_within_semester: float | None
    offers: int
    declines: int
    vacant_days: int
    queue_at_end: int
    by_type: dict[str, TypeResult]
    rule_set: dict[str, Any] = field(default_factory=dict)
    calibration: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Recorder:
    def __init__(self, sim: Simulation, start: int, end: int) -> None:
        self.sim, self.start, self.end = sim, start, end
        n = len(sim.types)
        self.waits: list[list[int]] = [[] for _ in range(n)]
        self.offer_counts = [0] * n
        self.decline_counts = [0] * n
        self.vacant_days = [0] * n
        self.cohort: list[int] = []

    def _in(self) -> bool:
        return self.start <= self.sim.now < self.end

    def offers(self, ti: int, n: int) -> None:
        if self._in():
            self.offer_counts[ti] += n

    def decline(self, ti: int) -> None:
        if self._in():
            self.decline_counts[ti] += 1

    def contract(self, s: Student, ti: int) -> None:
        if self._in():
            self.waits[ti].append(self.sim.now - s.reg)

    def vacant(self, ti: int, since: int, until: int) -> None:
        days = min(until, self.end) - max(since, self.start)
        if days > 0:
            self.vacant_days[ti] += days

    def admitted(self, s: Student) -> None:
        if self.start <= self.sim.now <= self.end - SEMESTER:
            self.cohort.append(s.sid)

    def finish(self) -> None:
        for home in self.sim.homes:
            if home.tenant == -1:
                self.vacant(home.type, home.vacant_since, self.end)

    def result(self) -> SimulationResult:
        from .scenario import CALIBRATION

        sim, sc = self.sim, self.sim.sc
        homes = sc.homes_by_type()
        by_type = {}
        for ti, spec in enumerate(sim.types):
            waits = sorted(self.waits[ti])
            by_type[spec.name] = TypeResult(
                homes=homes[spec.name],
                contracts=len(waits),
                median_wait_days=percentile(waits, 0.5),
                p90_wait_days=percentile(waits, 0.9),
                offers=self.offer_counts[ti],
                declines=self.decline_counts[ti],
                vacant_days=self.vacant_days[ti],
            )
        every = sorted(w for waits in self.waits for w in waits)
        within_30 = within_semester = 0
        for sid in self.cohort:
            s = sim.students[sid]
            if s.contract_day >= 0:
                delay = s.contract_day - s.admit
                within_30 += delay <= 30
                within_semester += delay <= SEMESTER
        n = len(self.cohort)
        from .engine import REGISTERED, WAITING

        return SimulationResult(
            rules=sim.rules.name,
            rules_title=sim.rules.title,
            seed=sc.seed,
            years=sc.years,
            warmup_years=sc.warmup_years,
            homes=sc.homes,
            arrivals_per_year=sc.arrivals_per_year,
            contracts=len(every),
            median_wait_days=percentile(every, 0.5),
            p90_wait_days=percentile(every, 0.9),
            share_housed_within_30_days=round(within_30 / n, 4) if n else None,
            share_housed_within_semester=round(within_semester / n, 4) if n else None,
            offers=sum(self.offer_counts),
            declines=sum(self.decline_counts),
            vacant_days=sum(self.vacant_days),
            queue_at_end=sim.counts[REGISTERED] + sim.counts[WAITING],
            by_type=by_type,
            rule_set=sim.rules.to_dict(),
            calibration=CALIBRATION if sim.rules.name == "sssb" else {},
        )
