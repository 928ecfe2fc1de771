"""Round allocation against an independent check on random instances (no Django).

The checker does not reuse the algorithm: it looks at every mutually acceptable pair and asks
whether both would rather have each other (a blocking pair), counts capacities, and checks
that each match is acceptable to both sides. It also compares with a brute force over all
matchings on tiny instances: the result must be the student-optimal stable matching.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompetensbron.errors import ValidationFailed
from kompetensbron.matchning.allocation import allocate


def check_stable(students, opportunities, matches, locked=()):
    locked = dict(locked)
    held: dict[str, list[str]] = {o: [] for o in opportunities}
    for s, o in matches.items():
        held[o].append(s)
    problems = []
    for o, (cap, _prefs) in opportunities.items():
        if len(held[o]) > cap:
            problems.append(f"capacity of {o}: {len(held[o])} > {cap}")
    for s, o in matches.items():
        if s in locked:
            continue
        if o not in students[s] or s not in opportunities[o][1]:
            problems.append(f"{s}–{o} not acceptable to both")
    for s, prefs in students.items():
        if s in locked:
            continue
        current = matches.get(s)
        for o in prefs:
            if o == current:
                break  # s prefers its match to everything after
            cap, host_prefs = opportunities[o]
            if s not in host_prefs:
                continue
            others = [t for t in held[o] if t not in locked]
            free = cap - sum(1 for t in held[o] if t in locked) - len(others)
            if free > 0 or any(host_prefs.index(s) < host_prefs.index(t) for t in others):
                problems.append(f"blocking pair {s}–{o}")
    return problems


def random_instance(rng: random.Random, n_students: int, n_opps: int, list_len: int):
    opp_ids = [f"o{i}" for i in range(n_opps)]
    student_ids = [f"s{i}" for i in range(n_students)]
    students = {s: rng.sample(opp_ids, min(list_len, n_opps)) for s in student_ids}
    opportunities = {}
    for o in opp_ids:
        applicants = [s for s in student_ids if o in students[s]]
        # hosts rank some applicants and some students who did not list them (incomplete lists)
        extra = rng.sample(student_ids, min(2, n_students))
        pool = list(dict.fromkeys(applicants + extra))
        rng.shuffle(pool)
        ranked = pool[: max(0, len(pool) - rng.randint(0, 2))]
        opportunities[o] = (rng.randint(0, 3), ranked)
    return students, opportunities


@pytest.mark.parametrize("seed", range(200))
def test_random_instances_are_stable_within_capacity_and_acceptable(seed):
    rng = random.Random(seed)
    students, opportunities = random_instance(rng, rng.randint(1, 40), rng.randint(1, 15), rng.randint(1, 6))
    result = allocate(students=students, opportunities=opportunities)
    assert check_stable(students, opportunities, result.matches) == []
    assert (
        allocate(students=dict(reversed(list(students.items()))), opportunities=opportunities).matches == result.matches
    )
    assert set(result.unmatched) == set(students) - set(result.matches)


@pytest.mark.parametrize("seed", range(60))
def test_locked_placements_are_kept_and_the_rest_is_stable(seed):
    rng = random.Random(1000 + seed)
    students, opportunities = random_instance(rng, 25, 8, 4)
    with_room = [o for o, (cap, _) in opportunities.items() if cap > 0]
    locked = []
    for s in rng.sample(sorted(students), 3):
        if with_room:
            o = with_room.pop()
            locked.append((s, o))
    result = allocate(students=students, opportunities=opportunities, locked=locked)
    for s, o in locked:
        assert result.matches[s] == o
    assert check_stable(students, opportunities, result.matches, locked) == []


def _all_stable(students, opportunities):
    """Every stable matching of a tiny instance, by brute force."""
    options = {s: [None] + [o for o in prefs if s in opportunities[o][1]] for s, prefs in students.items()}
    names = sorted(options)
    for combo in itertools.product(*(options[s] for s in names)):
        m = {s: o for s, o in zip(names, combo) if o is not None}
        if not check_stable(students, opportunities, m):
            yield m


@pytest.mark.parametrize("seed", range(40))
def test_result_is_the_student_optimal_stable_matching(seed):
    rng = random.Random(5000 + seed)
    students, opportunities = random_instance(rng, 5, 3, 3)
    result = allocate(students=students, opportunities=opportunities).matches
    stable = list(_all_stable(students, opportunities))
    assert result in stable

    def rank(s, m):
        return students[s].index(m[s]) if s in m else len(students[s])

    for other in stable:
        assert all(rank(s, result) <= rank(s, other) for s in students)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_hypothesis_instances(data):
    n_s = data.draw(st.integers(1, 12))
    n_o = data.draw(st.integers(1, 6))
    opp_ids = [f"o{i}" for i in range(n_o)]
    student_ids = [f"s{i}" for i in range(n_s)]
    students = {
        s: data.draw(st.permutations(opp_ids).map(lambda p: p[: data.draw(st.integers(0, n_o))])) for s in student_ids
    }
    opportunities = {
        o: (
            data.draw(st.integers(0, 3)),
            data.draw(st.permutations(student_ids).map(lambda p: p[: data.draw(st.integers(0, n_s))])),
        )
        for o in opp_ids
    }
    result = allocate(students=students, opportunities=opportunities)
    assert check_stable(students, opportunities, result.matches) == []
    assert allocate(students=students, opportunities=opportunities) == result


def test_documented_example_and_choice_ranks():
    result = allocate(
        students={"s1": ["o1", "o2"], "s2": ["o1"]}, opportunities={"o1": (1, ["s2", "s1"]), "o2": (1, ["s1"])}
    )
    assert result.matches == {"s1": "o2", "s2": "o1"}
    assert result.choice_rank == {"s1": 2, "s2": 1}


def test_unlisted_is_unacceptable_both_ways():
    # s1 lists o1 but o1 does not list s1; s2 is listed by o1 but does not list it
    result = allocate(students={"s1": ["o1"], "s2": []}, opportunities={"o1": (2, ["s2"])})
    assert result.matches == {}
    assert result.unmatched == ["s1", "s2"]


def test_repeated_ids_and_overfull_locks_are_refused():
    with pytest.raises(ValidationFailed):
        allocate(students={"s1": ["o1", "o1"]}, opportunities={"o1": (1, ["s1"])})
    with pytest.raises(ValidationFailed):
        allocate(students={"s1": [], "s2": []}, opportunities={"o1": (1, [])}, locked=[("s1", "o1"), ("s2", "o1")])
