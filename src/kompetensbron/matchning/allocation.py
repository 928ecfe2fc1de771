"""Round allocation: student-proposing deferred acceptance with capacities (plain Python).

The hospitals/residents problem: each student ranks opportunities, each opportunity ranks
students and has a capacity. A pair is *acceptable* only when each side lists the other
(incomplete lists: whoever is not listed is unacceptable). :func:`allocate` returns the
student-optimal stable matching (Gale–Shapley with capacities, Roth's hospitals/residents
variant): no student and opportunity would both rather be matched to each other than keep
what they got, capacities hold, and every match is acceptable to both sides. The result does
not depend on the order in which students propose, so the same input always gives the same
output (and lists are strict: a repeated id is refused).

Locked placements (a coordinator's manual decisions) are fixed before the run: the student
takes no part and the opportunity's capacity shrinks by one per locked student.

Example::

    >>> allocate(
    ...     students={"s1": ["o1", "o2"], "s2": ["o1"]},
    ...     opportunities={"o1": (1, ["s2", "s1"]), "o2": (1, ["s1"])},
    ... ).matches
    {'s1': 'o2', 's2': 'o1'}

The `matching` package (PyPI) implements the same algorithm; this module is used instead
because it is a few dozen lines without dependencies and allocates 20,000 students × 3,000
opportunities in well under a second (bench/bench_matchning.py).
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kompetensbron.errors import ValidationFailed

__all__ = ["Allocation", "allocate"]


@dataclass(frozen=True)
class Allocation:
    """``matches``: student → opportunity (students sorted); ``choice_rank``: 1 = first choice."""

    matches: dict[str, str]
    choice_rank: dict[str, int] = field(default_factory=dict)
    locked: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        return list(self.matches.items())


def _check_strict(owner: str, items: Sequence[str], what: str) -> None:
    if len(set(items)) != len(items):
        seen: set[str] = set()
        dup = next(i for i in items if i in seen or seen.add(i))
        raise ValidationFailed(f"{owner} lists {what} {dup!r} twice.", errors={owner: f"{dup} appears twice"})


def allocate(
    *,
    students: Mapping[str, Sequence[str]],
    opportunities: Mapping[str, tuple[int, Sequence[str]]],
    locked: Iterable[tuple[str, str]] = (),
) -> Allocation:
    """Student-optimal stable allocation; see the module docstring.

    ``students``: student id → opportunity ids, best first. ``opportunities``: id →
    (capacity, student ids best first). ``locked``: (student, opportunity) pairs fixed in advance.
    Unknown ids in a list are ignored (they cannot be matched); callers that want them refused
    check before (:mod:`.round_files` does).
    """
    capacity: dict[str, int] = {}
    host_rank: dict[str, dict[str, int]] = {}
    for opp, (cap, prefs) in opportunities.items():
        if cap < 0:
            raise ValidationFailed(f"Capacity of {opp} is negative.", errors={opp: "negative capacity"})
        _check_strict(opp, prefs, "student")
        capacity[opp] = cap
        host_rank[opp] = {s: i for i, s in enumerate(prefs)}

    locked_map: dict[str, str] = {}
    for student, opp in locked:
        if student in locked_map:
            raise ValidationFailed(f"{student} is locked twice.", errors={student: "locked twice"})
        if opp not in capacity:
            raise ValidationFailed(f"Locked placement to unknown opportunity {opp}.", errors={student: f"unknown {opp}"})
        if capacity[opp] <= 0:
            raise ValidationFailed(f"More locked placements than places at {opp}.", errors={opp: "over capacity"})
        capacity[opp] -= 1
        locked_map[student] = opp

    # Each student's list, reduced to mutually acceptable opportunities (order kept).
    lists: dict[str, list[str]] = {}
    for student, prefs in students.items():
        _check_strict(student, prefs, "opportunity")
        if student in locked_map:
            continue
        lists[student] = [o for o in prefs if o in host_rank and student in host_rank[o]]

    held: dict[str, list[tuple[int, str]]] = {o: [] for o in capacity}  # max-heap by host rank (negated)
    next_choice = dict.fromkeys(lists, 0)
    free = deque(sorted(lists))
    while free:
        student = free.popleft()
        prefs = lists[student]
        while next_choice[student] < len(prefs):
            opp = prefs[next_choice[student]]
            next_choice[student] += 1
            cap = capacity[opp]
            if cap == 0:
                continue
            rank = host_rank[opp][student]
            heap = held[opp]
            if len(heap) < cap:
                heapq.heappush(heap, (-rank, student))
                break
            worst_rank = -heap[0][0]
            if rank < worst_rank:
                _, bumped = heapq.heapreplace(heap, (-rank, student))
                free.append(bumped)
                break
        # a student whose list is exhausted stays unmatched

    matched: dict[str, str] = {}
    for opp, heap in held.items():
        for _, student in heap:
            matched[student] = opp
    matches = dict(sorted({**matched, **locked_map}.items()))
    choice_rank = {}
    for student, opp in matches.items():
        prefs = students.get(student, ())
        if opp in prefs:
            choice_rank[student] = list(prefs).index(opp) + 1
    unmatched = sorted(s for s in students if s not in matches)
    return Allocation(matches=matches, choice_rank=choice_rank, locked=dict(sorted(locked_map.items())), unmatched=unmatched)
