"""Benchmark of the student-housing queue simulator (issue 11).

Default: SSSB rules, 15,000 homes, 20,000 new students a year, 10 measured years (plus the
default 3 warm-up years), seed 1; every built-in rule set with ``--all``. Prints wall time,
CPU time of this process (the wall time a quiet machine would show), events processed and the
load average at the start, as one JSON line per run.

    .venv/bin/python bench/bench_housing_simulator.py [--homes 15000] [--arrivals 20000] [--years 10] [--all]
"""

from __future__ import annotations

import argparse
import json
import os
import time

from kompetensbron.housing.simulator import (
    BUILT_IN_RULES,
    Scenario,
    Simulation,
    get_rules,
)


def run(name: str, scenario: Scenario) -> dict:
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), time.process_time()
    sim = Simulation(get_rules(name), scenario)
    events = 0
    while sim.step():
        events += 1
    sim.recorder.finish()
    result = sim.recorder.result()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    return {
        "rules": name,
        "homes": scenario.homes,
        "arrivals_per_year": scenario.arrivals_per_year,
        "years": scenario.years,
        "warmup_years": scenario.warmup_years,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "events": events,
        "students": len(sim.students),
        "load_average_at_start": round(load, 1),
        "median_wait_days": result.median_wait_days,
        "offers": result.offers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--homes", type=int, default=15_000)
    parser.add_argument("--arrivals", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rules", default="sssb")
    parser.add_argument("--all", action="store_true", help="every built-in rule set")
    args = parser.parse_args()
    scenario = Scenario(homes=args.homes, arrivals_per_year=args.arrivals, years=args.years)
    for name in BUILT_IN_RULES if args.all else [args.rules]:
        print(json.dumps(run(name, scenario)), flush=True)


if __name__ == "__main__":
    main()
