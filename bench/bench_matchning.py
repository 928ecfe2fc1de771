"""Benchmark of Matchning (issue 10): round allocation and a student's ranked list.

    .venv/bin/python bench/bench_matchning.py [--students 20000] [--opportunities 3000]
        [--list-length 10] [--published 10000] [--requests 200] [--no-write]

1. **Round**: a random round of ``--students`` students × ``--opportunities`` opportunities, each
   student ranking ``--list-length`` of them (popularity skewed, as in real rounds), each host
   ranking every student who listed it plus some who did not (capacities 1–12). Written as the
   documented CSV files and run through ``kompetensbron match-round`` in a subprocess (time of
   the whole command, reading and writing included), and timed in-process for the allocation
   alone (best of 3). The result is checked for blocking pairs.
2. **Ranked list**: ``--published`` published opportunities in a temporary SQLite database
   (skills drawn at random from synthetic ids: the temporary database has no reference data), then the
   student's ranked list through the service (:func:`kompetensbron.matchning.services.ranked_for_student`)
   ``--requests`` times for random students (first call builds the index; p50/p95/p99 of the
   warm calls, each of which also checks the index is current with one query).

Appends/replaces the section ``## Matchning (issue 10)`` of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SECTION = "## Matchning (issue 10)"


def make_round(rng: random.Random, n_students: int, n_opps: int, length: int):
    opp_ids = [f"o{i}" for i in range(n_opps)]
    weights = [1.0 / (1 + i) ** 0.6 for i in range(n_opps)]  # some placements are popular
    students: dict[str, list[str]] = {}
    for s in range(n_students):
        chosen: dict[str, None] = {}
        while len(chosen) < length:
            chosen.setdefault(rng.choices(opp_ids, weights)[0])
        students[f"s{s}"] = list(chosen)
    applicants: dict[str, list[str]] = {o: [] for o in opp_ids}
    for sid, prefs in students.items():
        for o in prefs:
            applicants[o].append(sid)
    all_students = list(students)
    opportunities = {}
    for o in opp_ids:
        pool = applicants[o] + rng.sample(all_students, 3)
        pool = list(dict.fromkeys(pool))
        rng.shuffle(pool)
        opportunities[o] = (rng.randint(1, 12), pool[: max(1, int(len(pool) * 0.9))])
    return students, opportunities


def bench_round(args, tmp: Path) -> dict:
    from kompetensbron.matchning.allocation import allocate

    rng = random.Random(10)
    students, opportunities = make_round(rng, args.students, args.opportunities, args.list_length)
    s_path, o_path, out = tmp / "students.csv", tmp / "opportunities.csv", tmp / "output.csv"
    with open(s_path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["student_id", "preferences"])
        w.writerows((s, ";".join(p)) for s, p in students.items())
    with open(o_path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["opportunity_id", "capacity", "preferences"])
        w.writerows((o, c, ";".join(p)) for o, (c, p) in opportunities.items())
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from kompetensbron.cli import main; main()",
            "match-round",
            str(s_path),
            str(o_path),
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    command_s = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    times = []
    for _ in range(3):
        t = time.perf_counter()
        result = allocate(students=students, opportunities=opportunities)
        times.append(time.perf_counter() - t)
    blocking = _blocking_pairs(students, opportunities, result.matches)
    top3 = sum(1 for r in result.choice_rank.values() if r <= 3)
    return {
        "command_s": command_s,
        "allocate_s": min(times),
        "matched": len(result.matches),
        "capacity": sum(c for c, _ in opportunities.values()),
        "top3": top3,
        "blocking": blocking,
        "output": " ".join(proc.stdout.split()),
    }


def _blocking_pairs(students, opportunities, matches) -> int:
    held: dict[str, list[str]] = {o: [] for o in opportunities}
    for s, o in matches.items():
        held[o].append(s)
    rank = {o: {s: i for i, s in enumerate(p)} for o, (_, p) in opportunities.items()}
    worst = {o: max((rank[o][s] for s in held[o]), default=-1) for o in opportunities}
    count = 0
    for s, prefs in students.items():
        for o in prefs:
            if matches.get(s) == o:
                break
            if s in rank[o] and (len(held[o]) < opportunities[o][0] or rank[o][s] < worst[o]):
                count += 1
    return count


def _make_published(rng: random.Random, n: int):
    """``n`` published opportunities and 50 students with consent (bulk inserts)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kompetensbron.matchning.models import (
        Opportunity,
        OpportunityKind,
        StudentProfile,
    )
    from kompetensbron.reference.models import Kommun, Skill, SsykGroup
    from kompetensbron.samverkan.models import Organisation

    skills = list(Skill.objects.values_list("concept_id", flat=True)) or [f"skill-{i}" for i in range(6000)]
    kommuner = list(Kommun.objects.values_list("code", flat=True)) or [None]
    ssyk = list(SsykGroup.objects.filter(level=4).values_list("code", flat=True)) or [None]
    hosts = [Organisation.objects.create(name=f"Bench host {i}", kind="company") for i in range(50)]
    uni = Organisation.objects.create(name="Bench university", kind="university")
    kinds = list(OpportunityKind.values)
    now = timezone.now()
    rows = []
    for i in range(n):
        rows.append(
            Opportunity(
                host=rng.choice(hosts),
                kind=rng.choice(kinds),
                title=f"Bench {i}",
                description="bench",
                required_skills=rng.sample(skills, rng.randint(2, 8)),
                desirable_skills=rng.sample(skills, rng.randint(0, 5)),
                ssyk_id=rng.choice(ssyk),
                kommun_id=rng.choice(kommuner),
                capacity=rng.randint(1, 5),
                status="published",
                published_at=now,
            )
        )
    Opportunity.objects.bulk_create(rows, batch_size=2000)
    students = []
    for i in range(50):
        user = get_user_model().objects.create(
            username=f"bench-student-{i}@bench.invalid", email=f"bench-student-{i}@bench.invalid"
        )
        p = StudentProfile.objects.create(
            user=user,
            university=uni,
            added_skills=rng.sample(skills, 25),
            consent_matching=True,
            preferred_kinds=rng.sample(kinds, 2),
        )
        if kommuner[0]:
            p.preferred_kommuner.set(rng.sample(kommuner, 3))
        students.append(p)
    return students


def bench_ranking(args, tmp: Path) -> dict:
    os.environ["KOMPETENSBRON_VAR_DIR"] = str(tmp / "var")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetensbron.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kompetensbron.matchning.services import ranked_for_student

    rng = random.Random(11)
    students = _make_published(rng, args.published)
    t = time.perf_counter()
    ranked_for_student(actor=students[0].user)
    first_ms = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(args.requests):
        student = rng.choice(students)
        t = time.perf_counter()
        page = ranked_for_student(actor=student.user)
        times.append((time.perf_counter() - t) * 1000)
        assert page.matches
    times.sort()
    q = statistics.quantiles(times, n=100)
    return {"first_ms": first_ms, "p50": q[49], "p95": q[94], "p99": q[98], "n": len(times)}


def write_results(args, r: dict, k: dict | None) -> str:
    lines = [
        SECTION,
        "",
        f"Command: `.venv/bin/python bench/bench_matchning.py --students {args.students} --opportunities {args.opportunities} "
        f"--list-length {args.list_length} --published {args.published} --requests {args.requests}` "
        f"({time.strftime('%Y-%m-%d %H:%M')}; 2 cores shared with other agents' work, load average {args.load:.1f} at the start).",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| `kompetensbron match-round` on {args.students:,} students × {args.opportunities:,} opportunities × {args.list_length} "
        f"preferences ({r['capacity']:,} places), whole command (start-up, reading and checking both CSV files, allocation, writing) "
        f"| **{r['command_s']:.2f} s** | < 10 s |",
        f"| the allocation alone (`matchning.allocation.allocate`, best of 3) | {r['allocate_s']:.2f} s | — |",
        f"| matched / in a top-3 choice / blocking pairs (independent check) | {r['matched']:,} / {r['top3']:,} / {r['blocking']} | 0 blocking |",
    ]
    if k:
        lines += [
            f"| a student's ranked list over {args.published:,} published opportunities "
            f"(`services.ranked_for_student`, SQLite), first call (builds the index) | {k['first_ms']:.0f} ms | — |",
            f"| the same, warm, p50 / p95 / p99 of {k['n']} calls | {k['p50']:.1f} / **{k['p95']:.1f}** / {k['p99']:.1f} ms | p95 < 200 ms |",
        ]
    text = "\n".join(lines) + "\n"
    if not args.no_write:
        path = ROOT / "bench" / "RESULTS.md"
        current = path.read_text(encoding="utf-8")
        if SECTION in current:
            head, rest = current.split(SECTION, 1)
            tail = rest.split("\n## ", 1)
            current = head + text + ("\n## " + tail[1] if len(tail) > 1 else "")
        else:
            current = current.rstrip("\n") + "\n\n" + text
        path.write_text(current, encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20_000)
    parser.add_argument("--opportunities", type=int, default=3_000)
    parser.add_argument("--list-length", type=int, default=10)
    parser.add_argument("--published", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--skip-ranking", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    args.load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        r = bench_round(args, tmp)
        print(r)
        k = None if args.skip_ranking else bench_ranking(args, tmp)
        print(k)
        print(write_results(args, r, k))


if __name__ == "__main__":
    main()
