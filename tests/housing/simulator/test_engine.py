"""The queue simulator: determinism, monotonicity in supply, conservation, and each rule set's
distinctive rule."""

from __future__ import annotations

import statistics

import pytest

from kompetensbron.errors import ValidationFailed
from kompetensbron.housing.simulator import (
    BUILT_IN_RULES,
    RuleError,
    Scenario,
    Simulation,
    get_rules,
    rules_from_dict,
    simulate,
)
from kompetensbron.housing.simulator.engine import GONE, HOUSED, WAITING

SMALL = Scenario(homes=150, arrivals_per_year=160, years=3, warmup_years=1, seed=7)


@pytest.mark.parametrize("name", list(BUILT_IN_RULES))
def test_same_seed_same_result(name):
    first = simulate(get_rules(name), SMALL).to_dict()
    second = simulate(get_rules(name), SMALL).to_dict()
    assert first == second
    assert first["contracts"] > 0 and first["offers"] >= first["contracts"]
    assert simulate(get_rules(name), SMALL.with_changes(seed=8)).to_dict() != first


@pytest.mark.parametrize("name", list(BUILT_IN_RULES))
def test_conservation_at_every_step(name):
    sim = Simulation(get_rules(name), SMALL.with_changes(homes=60, arrivals_per_year=70))
    steps = 0
    while sim.step():
        sim.check_invariants(deep=steps % 25 == 0)
        steps += 1
    sim.check_invariants(deep=True)
    assert steps > 1000
    assert sim.counts[HOUSED] > 0 and sim.counts[GONE] > 0


def test_more_homes_never_lengthen_the_median_wait_in_expectation():
    base = Scenario(homes=200, arrivals_per_year=220, years=3, warmup_years=1)
    for name in ("sssb", "sgs"):
        medians = {}
        for homes in (200, 300):
            runs = [
                simulate(get_rules(name), base.with_changes(homes=homes, seed=seed)).median_wait_days
                for seed in range(1, 5)
            ]
            medians[homes] = statistics.mean(runs)
        assert medians[300] <= medians[200], (name, medians)


def _offer_to(sim, student, accept: bool):
    """Run a single offer round for a vacancy of the student's first type, with a fixed answer."""
    from kompetensbron.housing.simulator.engine import Vacancy

    home = next(h for h in sim.homes if h.type == student.wants[0])
    sim.rng.random = (lambda: 0.0) if accept else (lambda: 0.999)
    vac = Vacancy(home)
    vac.candidates = [student.sid]
    student.pending += 1
    sim._answer(vac)


def _waiting_student(sim):
    while sim.step():
        waiting = [s for s in sim.students if s.state == WAITING and not s.passive and s.parked_until < sim.now]
        if waiting:
            return waiting[0]
    raise AssertionError("nobody waiting")


def test_sssb_second_decline_parks_the_queue_for_six_months():
    sim = Simulation(get_rules("sssb"), SMALL)
    s = _waiting_student(sim)
    key = s.key
    _offer_to(sim, s, accept=False)
    assert s.declines == 1 and s.parked_until < sim.now  # the first decline costs nothing
    _offer_to(sim, s, accept=False)
    assert s.parked_until == sim.now + 182 and s.parked_total == 182 and s.key == key
    assert s not in sim._select(s.wants[0], 10_000, set())  # no offers while parked
    sim.now = s.parked_until
    sim.clear_events()
    sim._push(s.parked_until, 5, s.sid)  # E_UNPARK
    sim.end = s.parked_until + 1
    sim.step()
    assert s.key == key + 182  # no credit days while parked


def test_sssb_parking_beyond_36_months_costs_the_credit():
    sim = Simulation(get_rules("sssb"), SMALL)
    s = _waiting_student(sim)
    s.parked_total = 36 * 30 - 100
    _offer_to(sim, s, accept=False)
    _offer_to(sim, s, accept=False)
    assert s.parked_until < sim.now and s.key == sim.now  # reset instead of parked


def test_sssb_non_members_stop_earning_after_90_days():
    rules = get_rules("sssb")
    sim = Simulation(rules, SMALL.with_changes(union_member_share=0.0))
    s = _waiting_student(sim)
    assert not s.member
    sim.clear_events()
    sim._push(s.key + 90, 4, s.sid, s.version)  # the E_FREEZE that _enqueue scheduled
    sim.end = s.key + 1000
    sim.step()
    assert s.frozen == 90
    sim.now += 100
    assert sim.score(s) == 90  # a non-member earns nothing after 90 days


def test_af_bostader_one_decline_costs_the_queue_time_and_three_bookings():
    rules = get_rules("af-bostader")
    assert rules.max_pending_offers == 3
    sim = Simulation(rules, SMALL)
    s = _waiting_student(sim)
    sim.now += 40
    assert sim.score(s) >= 40
    _offer_to(sim, s, accept=False)
    assert s.key == sim.now and sim.score(s) == 0


def test_sgs_offers_the_five_longest_waiting_and_the_fifth_decline_resets():
    rules = get_rules("sgs")
    sim = Simulation(rules, Scenario(homes=40, arrivals_per_year=400, years=2, warmup_years=1, seed=3))
    while sim.step() and sim.now < 400:
        pass
    ti = 1  # studio: wanted by most
    chosen = sim._select(ti, rules.offer_batch, set())
    assert len(chosen) == 5
    keys = [s.key for s in chosen]
    assert keys == sorted(keys)  # the longest-waiting first
    s = chosen[0]
    for s2 in chosen:
        s2.pending -= 1
    key = s.key
    for _ in range(4):
        _offer_to(sim, s, accept=False)
    assert s.key == key and s.declines == 4
    _offer_to(sim, s, accept=False)
    assert s.key == sim.now and s.declines == 0


def test_chalmers_points_one_a_day_before_admission_then_two():
    rules = get_rules("chalmers")
    sim = Simulation(rules, SMALL)
    s = _waiting_student(sim)
    pre = min(s.admit - s.reg, 365)
    assert sim.score(s) == pytest.approx(pre + 2 * (sim.now - s.admit))
    _offer_to(sim, s, accept=False)
    assert s.declines == 1 and sim.score(s) == pytest.approx(pre + 2 * (sim.now - s.admit))  # declines cost nothing


def test_rules_are_data_and_can_be_copied_and_changed():
    changed = rules_from_dict({"base": "sssb", "decline_penalty": {"after_declines": 1}, "name": "sssb-strict"})
    assert changed.decline_penalty.kind == "park" and changed.decline_penalty.after_declines == 1
    assert rules_from_dict(changed.to_dict()) == changed
    with pytest.raises(RuleError):
        rules_from_dict({"base": "sssb", "offer_batch": 0})
    with pytest.raises(RuleError):
        rules_from_dict({"base": "sssb", "no_such_rule": 1})
    with pytest.raises(ValidationFailed):
        Scenario(homes=0)


def test_scenario_inputs_are_bounded():
    with pytest.raises(ValidationFailed) as err:
        Scenario(homes=10**9, arrivals_per_year=-1, years=100)
    assert set(err.value.errors) >= {"homes", "arrivals_per_year", "years"}
