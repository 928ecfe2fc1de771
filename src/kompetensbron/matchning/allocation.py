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
    opp_ids = list(opportunities)
    opp_index = {o: j for j, o in enumerate(opp_ids)}
    student_ids = sorted(students)
    student_index = {sid: i for i, sid in enumerate(student_ids)}
    capacity: list[int] = []
    host_rank: list[dict[int, int]] = []  # per opportunity: student index → rank
    for opp in opp_ids:
        cap, prefs = opportunities[opp]
        if cap < 0:
            raise ValidationFailed(f"Capacity of {opp} is negative.", errors={opp: "negative capacity"})
        _check_strict(opp, prefs, "student")
        capacity.append(cap)
        host_rank.append({student_index[s]: r for r, s in enumerate(prefs) if s in student_index})

    locked_map: dict[str, str] = {}
    for student, opp in locked:
        if student in locked_map:
            raise ValidationFailed(f"{student} is locked twice.", errors={student: "locked twice"})
        if opp not in opp_index:
            raise ValidationFailed(
                f"Locked placement to unknown opportunity {opp}.", errors={student: f"unknown {opp}"}
            )
        j = opp_index[opp]
        if capacity[j] <= 0:
            raise ValidationFailed(f"More locked placements than places at {opp}.", errors={opp: "over capacity"})
        capacity[j] -= 1
        locked_map[student] = opp

    # Each student's list as opportunity indices, reduced to mutually acceptable ones (order kept).
    lists: list[list[int]] = []
    for i, student in enumerate(student_ids):
        prefs = students[student]
        _check_strict(student, prefs, "opportunity")
        if student in locked_map:
            lists.append([])
            continue
        js = (opp_index.get(o) for o in prefs)
        lists.append([j for j in js if j is not None and i in host_rank[j]])

    held: list[list[tuple[int, int]]] = [[] for _ in opp_ids]  # max-heap by host rank (negated)
    next_choice = [0] * len(student_ids)
    free = deque(range(len(student_ids)))
    while free:
        i = free.popleft()
        prefs = lists[i]
        while next_choice[i] < len(prefs):
            j = prefs[next_choice[i]]
            next_choice[i] += 1
            cap = capacity[j]
            if cap == 0:
                continue
            rank = host_rank[j][i]
            heap = held[j]
            if len(heap) < cap:
                heapq.heappush(heap, (-rank, i))
                break
            if rank < -heap[0][0]:
                _, bumped = heapq.heapreplace(heap, (-rank, i))
                free.append(bumped)
                break
        # a student whose list is exhausted stays unmatched

    matched: dict[str, str] = dict(locked_map)
    for j, heap in enumerate(held):
        for _, i in heap:
            matched[student_ids[i]] = opp_ids[j]
    matches = dict(sorted(matched.items()))
    choice_rank = {}
    for student, opp in matches.items():
        prefs = students.get(student, ())
        if opp in prefs:
            choice_rank[student] = list(prefs).index(opp) + 1
    unmatched = sorted(s for s in students if s not in matches)
    return Allocation(
        matches=matches, choice_rank=choice_rank, locked=dict(sorted(locked_map.items())), unmatched=unmatched
    )
