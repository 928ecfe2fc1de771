"""The discrete-event simulation of one student-housing queue (days are the unit of time).

Events sit in a calendar queue (one list per day, in the order scheduled). Candidates wait in one heap per home type,
ordered by a *key* from which the score follows at any day (score = rate × (day − key)), so the
ranking never needs a scan; a student leaving the queue, getting parked or reset just bumps a
version number and stale heap entries are dropped when they surface (lazy deletion). Students
whose credit stopped growing (SSSB non-members after 90 days) wait in a second heap per type
keyed by their frozen score; the best of both tops is taken.

:meth:`Simulation.check_invariants` checks conservation: every created student is pending,
registered, waiting, housed (has a contract) or gone; every home is let or vacant; the housed
are the tenants plus those who signed for a home not yet empty.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import random

from .entities import (
    E_ACTIVE,
    E_ADMIT,
    E_ANSWER,
    E_COHORT,
    E_FREEZE,
    E_GRADUATE,
    E_MOVE_OUT,
    E_PASSIVE,
    E_PUBLISH,
    E_REGISTER,
    E_RETRY,
    E_UNPARK,
    GONE,
    HOUSED,
    PENDING,
    REGISTERED,
    WAITING,
    Home,
    Student,
    Vacancy,
)
from .rules import RuleSet
from .scenario import YEAR, Scenario
from .statistics import Recorder

__all__ = ["GONE", "HOUSED", "PENDING", "REGISTERED", "WAITING", "Simulation"]

#: at most this many heap entries are set aside while looking for one vacancy's candidates
MAX_SCAN = 2000


class Simulation:
    def __init__(self, rules: RuleSet, scenario: Scenario) -> None:
        self.rules, self.sc = rules, scenario
        self.rng = random.Random(scenario.seed)
        self.types = scenario.home_types
        self.now = 0
        self.end = (scenario.warmup_years + scenario.years) * YEAR
        # a calendar queue: one list of events per day, taken in the order they were added
        self.buckets: list[list | None] = [None] * (self.end + 1)
        self.day = 0
        self.pos = 0
        self.students: list[Student] = []
        self.counts = [0] * 5
        self.homes: list[Home] = []
        self.let = 0
        self.contracted_not_moved_in = 0
        self.heaps: list[list] = [[] for _ in self.types]
        self.frozen_heaps: list[list] = [[] for _ in self.types]
        self.open: list[list[Vacancy]] = [[] for _ in self.types]
        self.retry_scheduled = False
        self.rate = rules.points_per_day_after if rules.scoring == "points" else 1.0
        self.recorder = Recorder(self, scenario.warmup_years * YEAR, self.end)
        self._populate()

    # ------------------------------------------------------------------ set-up

    def _push(self, day: float, kind: int, a=None, b=None) -> None:
        """Schedule an event; events of one day run in the order they were scheduled."""
        day = max(math.ceil(day), self.now)
        if day >= self.end:
            return  # after the simulated period: never processed
        bucket = self.buckets[day]
        if bucket is None:
            self.buckets[day] = [(kind, a, b)]
        else:
            bucket.append((kind, a, b))

    def clear_events(self) -> None:
        """Drop every scheduled event (tests that drive single events)."""
        self.buckets = [None] * len(self.buckets)
        self.day, self.pos = self.now, 0

    def _populate(self) -> None:
        counts = self.sc.homes_by_type()
        for ti, spec in enumerate(self.types):
            for _ in range(counts[spec.name]):
                home = Home(len(self.homes), ti)
                self.homes.append(home)
                tenant = self._new_student(reg=-YEAR, admit=-YEAR, grad=self.end + YEAR, wants=(ti,))
                self._set_state(tenant, HOUSED)
                tenant.contract_day = -YEAR
                home.tenant = tenant.sid
                self.let += 1
                self._schedule_tenancy(home, tenant, move_in=0, end=self.rng.randint(1, 3 * YEAR))
        total_years = self.sc.warmup_years + self.sc.years
        for year in range(total_years):
            self._push(max(0, year * YEAR - self.sc.early_registration_max_days - 30), E_COHORT, year)

    def _new_student(self, *, reg: int, admit: int, grad: int, wants: tuple[int, ...], member: bool = True) -> Student:
        tb = self.rng.random() if self.rules.tie_break == "random" else float(reg)
        s = Student(len(self.students), reg, admit, grad, member, wants, tb)
        self.students.append(s)
        self.counts[PENDING] += 1
        return s

    def _set_state(self, s: Student, state: int) -> None:
        self.counts[s.state] -= 1
        self.counts[state] += 1
        s.state = state

    def _cohort(self, year: int) -> None:
        sc, rng = self.sc, self.rng
        rents = [t.rent for t in self.types]
        index = {t.name: i for i, t in enumerate(self.types)}
        prefs = [tuple(index[n] for n in names if n in index) for names, _ in sc.preferences]
        pref_cum = list(itertools.accumulate(w for _, w in sc.preferences))
        study_cum = list(itertools.accumulate((15, 15, 30, 20, 20)))
        random_, gauss, push, now = rng.random, rng.gauss, self._push, self.now
        for _ in range(sc.arrivals_per_year):
            autumn = random_() < sc.autumn_share
            admit = int(year * YEAR + (196 if autumn else 340) + gauss(0, 10))
            reg = (
                admit - int(random_() * sc.early_registration_max_days)
                if random_() < sc.early_registration_share
                else admit
            )
            study_years = 1 + bisect.bisect(study_cum, random_() * study_cum[-1])
            grad = admit + study_years * YEAR - 60
            budget = sc.budget_median * math.exp(gauss(0, sc.budget_spread))
            liked = prefs[min(bisect.bisect(pref_cum, random_() * pref_cum[-1]), len(prefs) - 1)] or (0,)
            wants = tuple(i for i in liked if rents[i] <= budget) or (min(liked, key=lambda i: rents[i]),)
            s = self._new_student(
                reg=reg, admit=admit, grad=grad, wants=wants, member=random_() < sc.union_member_share
            )
            if reg < admit:
                push(max(reg, now), E_REGISTER, s.sid)
            push(max(admit, now), E_ADMIT, s.sid)
            push(grad, E_GRADUATE, s.sid)

    # ------------------------------------------------------------------ queue keys

    def _enqueue(self, s: Student) -> None:
        s.version += 1
        if s.frozen is not None:
            for ti in s.wants:
                heapq.heappush(self.frozen_heaps[ti], (-s.frozen, s.tb, s.sid, s.version))
        else:
            for ti in s.wants:
                heapq.heappush(self.heaps[ti], (s.key, s.tb, s.sid, s.version))
            cap = self.rules.non_member_cap_days
            if cap is not None and not s.member:
                self._push(max(self.now, s.key + cap), E_FREEZE, s.sid, s.version)
        if any(self.open[ti] for ti in s.wants):
            self._schedule_retry()

    def _admit_key(self, s: Student) -> float:
        pre = max(0, s.admit - s.reg)
        cap = self.rules.pre_admission_cap_days
        if cap is not None:
            pre = min(pre, cap)
        if self.rules.scoring == "points":
            return s.admit - pre * self.rules.points_per_day_before / self.rules.points_per_day_after
        return float(s.admit - pre)

    def score(self, s: Student) -> float:
        if s.frozen is not None:
            return s.frozen
        return self.rate * (self.now - s.key)

    def _reset(self, s: Student) -> None:
        s.key = float(self.now)
        s.frozen = None
        s.declines = 0
        self._enqueue(s)

    def _park(self, s: Student, days: int) -> None:
        limit = self.rules.max_park_days
        if limit is not None and s.parked_total + days > limit:
            self._reset(s)
            return
        s.parked_until = self.now + days
        s.parked_total += days
        s.declines = 0
        self._push(s.parked_until, E_UNPARK, s.sid)

    # ------------------------------------------------------------------ offers

    def _valid(self, entry, frozen: bool) -> Student | None:
        s = self.students[entry[2]]
        if (
            s.version != entry[3]
            or s.state != WAITING
            or s.passive
            or s.parked_until > self.now
            or s.pending >= self.rules.max_pending_offers
            or (s.frozen is not None) != frozen
        ):
            return None  # stale: re-entered with :meth:`_enqueue` when eligible again
        return s

    def _top(self, heap: list, frozen: bool) -> Student | None:
        while heap:
            s = self._valid(heap[0], frozen)
            if s is not None:
                return s
            heapq.heappop(heap)
        return None

    def _select(self, ti: int, n: int, exclude: set[int]) -> list[Student]:
        """The ``n`` best-placed eligible candidates for a home of type ``ti`` (best first)."""
        heap, frozen_heap = self.heaps[ti], self.frozen_heaps[ti]
        chosen: list[Student] = []
        aside: list[tuple[list, tuple]] = []
        while len(chosen) < n and len(aside) < MAX_SCAN:
            a, f = self._top(heap, False), self._top(frozen_heap, True)
            if a is None and f is None:
                break
            if f is None or (a is not None and (self.rate * (self.now - a.key), -a.tb) >= (f.frozen, -f.tb)):
                source, s = heap, a
            else:
                source, s = frozen_heap, f
            entry = heapq.heappop(source)
            aside.append((source, entry))
            if s.sid in exclude:
                continue
            chosen.append(s)
            s.pending += 1  # (a student at the limit drops out of the heaps when next met)
        for source, entry in aside:
            heapq.heappush(source, entry)
        return chosen

    def _allocate(self, vac: Vacancy) -> None:
        ti = vac.home.type
        candidates = self._select(ti, self.rules.offer_batch, vac.offered)
        if not candidates:
            self.open[ti].append(vac)
            return
        for s in candidates:
            vac.offered.add(s.sid)
        vac.candidates = [s.sid for s in candidates]
        self.recorder.offers(ti, len(candidates))
        self._push(self.now + self.rules.answer_days, E_ANSWER, vac)

    def _answer(self, vac: Vacancy) -> None:
        sc, rng, penalty = self.sc, self.rng, self.rules.decline_penalty
        winner = None
        limit = self.rules.max_pending_offers
        for sid in vac.candidates:
            s = self.students[sid]
            s.pending -= 1
            if s.state != WAITING:
                continue  # housed elsewhere or gone meanwhile: withdrawn, not a decline
            if s.pending == limit - 1 and not s.passive and s.parked_until <= self.now:
                self._enqueue(s)  # below the limit again: back among the candidates
            accepts = rng.random() < sc.accept_probability
            if accepts:
                if winner is None:
                    winner = s
                continue
            self.recorder.decline(vac.home.type)
            s.declines += 1
            if penalty.kind != "none" and s.declines >= penalty.after_declines:
                if penalty.kind == "park":
                    self._park(s, penalty.park_days)
                else:
                    self._reset(s)
        vac.candidates = []
        if any(self.open):
            self._schedule_retry()  # someone's offer slot is free again
        if winner is not None:
            self._contract(winner, vac)
        else:
            self._allocate(vac)

    def _contract(self, s: Student, vac: Vacancy) -> None:
        home = vac.home
        self._set_state(s, HOUSED)
        s.version += 1
        s.contract_day = self.now
        self.recorder.contract(s, home.type)
        if home.tenant == -1:
            self.recorder.vacant(home.type, home.vacant_since, self.now)
            home.tenant = s.sid
            self.let += 1
            move_in = self.now
        else:
            home.next_tenant = s.sid
            self.contracted_not_moved_in += 1
            move_in = home.move_out_day
        spec = self.types[home.type]
        end = min(s.grad + 30, move_in + spec.max_stay_days)
        if self.rng.random() < self.sc.early_move_out_probability and end - move_in > 120:
            end = move_in + self.rng.randint(60, end - move_in)
        self._schedule_tenancy(home, s, move_in=move_in, end=max(end, move_in + 30))

    def _schedule_tenancy(self, home: Home, s: Student, *, move_in: int, end: int) -> None:
        """The tenancy ends at ``end``; the home is advertised ``notice_days`` before and let
        after the application period. A signed tenant not yet in moves in at the previous
        tenant's move-out (:meth:`_move_out`)."""
        if home.tenant == s.sid:
            home.move_out_day = end
        else:
            home.next_end = end
        self._push(end, E_MOVE_OUT, home.hid, s.sid)
        self._push(max(self.now, end - self.sc.notice_days) + self.sc.application_days, E_PUBLISH, home.hid, s.sid)

    def _schedule_passive(self, s: Student) -> None:
        gap = int(self.rng.expovariate(1 / self.sc.alternative_housing_mean_days)) + 1
        if self.now + gap < s.grad:
            self._push(self.now + gap, E_PASSIVE, s.sid)

    def _schedule_retry(self) -> None:
        if not self.retry_scheduled:
            self.retry_scheduled = True
            self._push(self.now + 1, E_RETRY)

    # ------------------------------------------------------------------ the loop

    def step(self) -> bool:
        """Process one event; False when the simulation has ended."""
        buckets = self.buckets
        while True:
            if self.day >= self.end:
                return False
            bucket = buckets[self.day]
            if bucket is not None and self.pos < len(bucket):
                break
            buckets[self.day] = None
            self.day += 1
            self.pos = 0
        kind, a, b = bucket[self.pos]
        self.pos += 1
        self.now = self.day
        students = self.students
        if kind == E_COHORT:
            self._cohort(a)
        elif kind == E_REGISTER:
            self._set_state(students[a], REGISTERED)
        elif kind == E_ADMIT:
            s = students[a]
            if s.state == PENDING:  # registers on admission
                self._set_state(s, REGISTERED)
            if s.state == REGISTERED:
                self._set_state(s, WAITING)
                s.key = self._admit_key(s)
                self._enqueue(s)
                self.recorder.admitted(s)
                self._schedule_passive(s)
        elif kind == E_PASSIVE:
            s = students[a]
            if s.state == WAITING:
                s.passive = True  # found somewhere else to live: keeps the place, stops applying
                gap = int(self.rng.expovariate(1 / self.sc.returns_after_mean_days)) + 1
                if self.now + gap < s.grad:
                    self._push(self.now + gap, E_ACTIVE, a)
        elif kind == E_ACTIVE:
            s = students[a]
            if s.state == WAITING and s.passive:
                s.passive = False
                if s.parked_until <= self.now:
                    self._enqueue(s)
                self._schedule_passive(s)
        elif kind == E_FREEZE:
            s = students[a]
            if s.state == WAITING and s.version == b and s.frozen is None:
                s.frozen = self.score(s)
                self._enqueue(s)
        elif kind == E_UNPARK:
            s = students[a]
            if s.state == WAITING and s.parked_until == self.now:
                if s.frozen is None:  # no credit while parked
                    s.key += self.rules.decline_penalty.park_days
                s.parked_until = -1
                if not s.passive:
                    self._enqueue(s)
        elif kind == E_GRADUATE:
            s = students[a]
            if s.state in (REGISTERED, WAITING, PENDING):
                s.version += 1
                self._set_state(s, GONE)
        elif kind == E_PUBLISH:
            home = self.homes[a]
            if home.next_tenant == -1 and (home.tenant == b or (home.tenant == -1 and home.last_tenant == b)):
                self._allocate(Vacancy(home))
        elif kind == E_ANSWER:
            self._answer(a)
        elif kind == E_MOVE_OUT:
            self._move_out(self.homes[a], b)
        elif kind == E_RETRY:
            # open vacancies are offered again when someone new can take them (see _enqueue)
            self.retry_scheduled = False
            for ti, waiting in enumerate(self.open):
                self.open[ti] = []
                for vac in waiting:
                    self._allocate(vac)
        return True

    def _move_out(self, home: Home, tenant: int) -> None:
        if home.tenant != tenant:
            return
        self._set_state(self.students[tenant], GONE)
        home.last_tenant = tenant
        home.tenant = -1
        self.let -= 1
        if home.next_tenant != -1:
            home.tenant = home.next_tenant
            home.move_out_day = home.next_end
            home.next_tenant = -1
            self.contracted_not_moved_in -= 1
            self.let += 1
        else:
            home.vacant_since = self.now

    def run(self) -> None:
        while self.step():
            pass
        self.recorder.finish()

    def check_invariants(self, deep: bool = False) -> None:
        """Raise AssertionError if a student or a home is unaccounted for."""
        assert sum(self.counts) == len(self.students), "students lost or double-counted"
        assert min(self.counts) >= 0, f"negative state count {self.counts}"
        vacant = len(self.homes) - self.let
        assert 0 <= self.let <= len(self.homes) and vacant >= 0, "homes lost"
        assert self.counts[HOUSED] == self.let + self.contracted_not_moved_in, (
            f"housed {self.counts[HOUSED]} != let {self.let} + signed {self.contracted_not_moved_in}"
        )
        if deep:
            states = [0] * 5
            for s in self.students:
                states[s.state] += 1
            assert states == self.counts, f"state counts {self.counts} != recount {states}"
            tenants = [h.tenant for h in self.homes if h.tenant != -1]
            assert len(tenants) == self.let and len(set(tenants)) == len(tenants), (
                "a home let twice or a tenant in two homes"
            )
            assert all(self.students[t].state == HOUSED for t in tenants), "a tenant who is not housed"
            signed = [h.next_tenant for h in self.homes if h.next_tenant != -1]
            assert len(signed) == self.contracted_not_moved_in
