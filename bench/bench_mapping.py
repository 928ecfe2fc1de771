"""Benchmark and sanity evaluation of the course → occupation map (issue 4).

    .venv/bin/python bench/bench_mapping.py [--data-dir DIR] [--no-write] [--no-esco]

Times building the occupation profiles (incl. the IDF background of all syllabi) and
mapping every MIUN course (courses/s), then runs a *sanity* evaluation: there is no gold
standard of course → occupation links, so :data:`EVALUATION_KEY` — a small, hand-made table
of MIUN subjects whose graduates obviously go to certain SSYK prefixes — measures the share
of those subjects' courses whose top-1 / top-5 group has an expected prefix. The key is
used **only here**, never in the mapping; the mapping's weights were set before looking at
it (the weight sweep is printed for honesty, not used to tune). Appends/replaces the
section ``## Course → occupation mapping (issue 4)`` of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Course → occupation mapping (issue 4)"

#: Hand-made evaluation key: MIUN subject (AmneBeskrivning) → SSYK 2012 prefixes a course
#: of that subject obviously prepares for. Only subjects with an obvious occupation; an
#: evaluation key, never an input of the mapping.
EVALUATION_KEY: dict[str, tuple[str, ...]] = {
    "Omvårdnad": ("222", "223"),  # nurses, specialist nurses
    "Pedagogik": ("23",),  # teachers and other education professionals
    "Ämnesdidaktik i matematik och naturvetenskap": ("23",),
    "Datateknik": ("25",),  # IT professionals
    "Datavetenskap": ("25",),
    "Informatik": ("25",),
    "Företagsekonomi": ("24", "33"),  # business/administration professionals and associates
    "Psykologi": ("224",),  # psychologists, psychotherapists
    "Socialt arbete": ("266",),  # social workers, counsellors
    "Juridik": ("261",),  # lawyers
    "Journalistik": ("264",),  # authors, journalists, linguists
    "Arkiv- och informationsvetenskap": ("262",),  # archivists, librarians
    "Maskinteknik": ("214", "311"),  # engineers, engineering technicians
    "Elektroteknik": ("214", "311"),
    "Idrottsvetenskap": ("342",),  # sports and fitness workers
    "Matematik": ("212", "23"),  # mathematicians/statisticians, teachers
}


def _hits(codes: np.ndarray, order: np.ndarray, subjects: list[str]) -> tuple[float, float]:
    h1 = np.mean([codes[order[i, 0]].startswith(EVALUATION_KEY[s]) for i, s in enumerate(subjects)])
    h5 = np.mean([any(codes[j].startswith(EVALUATION_KEY[s]) for j in order[i, :5]) for i, s in enumerate(subjects)])
    return float(h1), float(h5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--no-esco", action="store_true", help="profiles without ESCO skills (the issue-4 mapping)")
    args = parser.parse_args()

    from kompetensbron.analysis.occupation_mapping import SKILL_WEIGHT, OccupationMapper, read_syllabus_texts
    from kompetensbron.analysis.occupation_profiles import load_ad_skill_counts
    from kompetensbron.config import get_settings
    from kompetensbron.enrich import load_skill_extractor
    from kompetensbron.sources.reference_files import read_reference_snapshot

    settings = get_settings()
    data_dir = (args.data_dir or settings.data_dir).resolve()
    t0 = time.perf_counter()
    snapshot = read_reference_snapshot(data_dir)
    courses = read_syllabus_texts(data_dir / "education" / "kursplaner_miun.jsonl")
    t1 = time.perf_counter()
    extractor = load_skill_extractor(settings)
    t2 = time.perf_counter()
    ad_skills = load_ad_skill_counts(settings.warehouse_dir) if settings.warehouse_dir.is_dir() else {}
    t3 = time.perf_counter()
    esco = None
    if not args.no_esco:
        from kompetensbron.analysis.esco_profiles import load_esco_profiles

        esco = load_esco_profiles(snapshot, data_dir)
    t3e = time.perf_counter()
    mapper = OccupationMapper.create(snapshot, extractor, background=courses, ad_skills=ad_skills, esco=esco)
    t4 = time.perf_counter()
    mappings = mapper.map_courses(courses)
    t5 = time.perf_counter()
    build_s, map_s = t4 - t3, t5 - t4

    profiles = mapper.profiles.profiles
    with_skills = sum(1 for p in profiles if p.skills)
    mean_skills = np.mean([len(p.skills) for p in profiles])
    top1 = np.array([m.suggestions[0].score for m in mappings])
    course_skills = np.array([len(mapper._course_skills(c)) for c in courses])

    # --- sanity evaluation on the hand-made key
    evaluated = [c for c in courses if c.subject in EVALUATION_KEY]
    subjects = [c.subject for c in evaluated]
    codes = np.array(mapper.codes)
    by_code = {m.code: m for m in mappings}
    per_subject: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for c in evaluated:
        got = [s.ssyk for s in by_code[c.code].suggestions]
        key = EVALUATION_KEY[c.subject]
        per_subject[c.subject].append((got[0].startswith(key), any(g.startswith(key) for g in got)))
    hit1 = np.mean([a for v in per_subject.values() for a, _ in v])
    hit5 = np.mean([b for v in per_subject.values() for _, b in v])
    _, skill_s, text_s, _, _ = mapper.score_matrix(evaluated)
    sweep = []
    for w in (0.0, 0.2, SKILL_WEIGHT, 0.6, 1.0):
        order = np.argsort(-(w * skill_s + (1 - w) * text_s), axis=1, kind="stable")[:, :5]
        sweep.append((w, *_hits(codes, order, subjects)))
    # chance: 5 random groups out of 400
    chance5 = np.mean(
        [
            1
            - np.prod(
                [
                    (len(codes) - sum(c.startswith(EVALUATION_KEY[s]) for c in codes) - i) / (len(codes) - i)
                    for i in range(5)
                ]
            )
            for s in subjects
        ]
    )
    chance1 = np.mean([sum(c.startswith(EVALUATION_KEY[s]) for c in codes) / len(codes) for s in subjects])

    heldout = _heldout_key()
    held_hits = [
        (
            by_code[code].suggestions[0].ssyk.startswith(prefixes),
            any(x.ssyk.startswith(prefixes) for x in by_code[code].suggestions),
        )
        for code, prefixes in heldout.items()
        if code in by_code
    ]
    print(
        f"profiles: {'ESCO + taxonomy' if esco else 'taxonomy only'}; read ESCO + build ESCO profiles {t3e - t3:.2f} s; "
        f"tuning key top-1 {hit1:.1%} top-5 {hit5:.1%} (n={len(evaluated)}); held-out key "
        f"top-1 {np.mean([a for a, _ in held_hits]):.1%} top-5 {np.mean([b for _, b in held_hits]):.1%} (n={len(held_hits)})"
    )
    load = os.getloadavg()[0]
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        SECTION,
        "",
        "Command: `.venv/bin/python bench/bench_mapping.py` (the map itself: `kompetensbron map-courses OUT.tsv`).",
        f"All {len(courses):,} MIUN syllabi (`education/kursplaner_miun.jsonl`) against the {len(profiles)} SSYK-4 groups",
        "of the snapshot; skill extractor and Swedish lexicon from `load_skill_extractor()` (cached model).",
        "",
        f"| measure ({stamp}, load average {load:.1f}{': other work ran on the same 2 cores' if load > 2.5 else ''}) | result |",
        "|---|---|",
        f"| read snapshot + syllabi | {t1 - t0:.2f} s |",
        f"| load the skill extractor (cache; rebuilt when the enrich code changed) | {t2 - t1:.2f} s |",
        f"| build profiles + IDF background (skills and terms of all {len(courses):,} syllabi) | {build_s:.2f} s |",
        f"| map all courses, top 5 each | {map_s:.2f} s ({len(courses) / map_s:,.0f} courses/s) |",
        f"| build + map, end to end | {build_s + map_s:.2f} s ({len(courses) / (build_s + map_s):,.0f} courses/s) |",
        f"| profiles with ≥ 1 skill / mean skills per profile | {with_skills} of {len(profiles)} / {mean_skills:.1f} |",
        f"| job ads behind the profiles | {sum(p.ads for p in profiles):,} (warehouse {'empty' if not ad_skills else 'used'}) |",
        f"| courses with ≥ 1 extracted skill / median skills | {np.mean(course_skills > 0):.1%} / {np.median(course_skills):.0f} |",
        f"| top-1 score p10 / p50 / p90 | {np.percentile(top1, 10):.3f} / {np.percentile(top1, 50):.3f} / {np.percentile(top1, 90):.3f} |",
        "",
        f"**Sanity evaluation** (hand-made key of {len(EVALUATION_KEY)} subjects → expected SSYK prefixes, in",
        "`bench/bench_mapping.py`; no gold standard exists, so this checks plausibility, not accuracy).",
        f"{len(evaluated):,} courses in those subjects:",
        "",
        "| subject | expected SSYK prefix | courses | top-1 in prefix | top-5 has prefix |",
        "|---|---|---|---|---|",
    ]
    for subject, hits in sorted(per_subject.items(), key=lambda kv: -len(kv[1])):
        lines.append(
            f"| {subject} | {', '.join(EVALUATION_KEY[subject])} | {len(hits)} | {np.mean([a for a, _ in hits]):.0%} | {np.mean([b for _, b in hits]):.0%} |"
        )
    lines += [
        f"| **all** | | **{len(evaluated):,}** | **{hit1:.1%}** | **{hit5:.1%}** |",
        f"| chance (random groups) | | | {chance1:.1%} | {chance5:.1%} |",
        "",
        f"Weight of the skill score vs the text score (the map uses {SKILL_WEIGHT}, set before the key was",
        "built and not tuned on it; the skill-score formula was revised once — coverage with a floor",
        "instead of cosine — after reading examples where one generic skill made a full match, with",
        "this key's totals watched, so they are not a clean held-out figure):",
        "",
        "| skill weight | top-1 | top-5 |",
        "|---|---|---|",
        *(f"| {w:.1f}{' (used)' if w == SKILL_WEIGHT else ''} | {a:.1%} | {b:.1%} |" for w, a, b in sweep),
        "",
        "Reading: the map finds the field (the top 5 holds an expected group for most courses),",
        "top-1 is right for about half. Known weaknesses: profiles are thin (no official skill ↔",
        "occupation relation; skills come from a one-sentence definition and the occupation-names,",
        "and no enriched job ads were in the warehouse when measured), generic research/method",
        "courses drift to academic groups (2311 Professorer, 2313 Forskarassistenter), nursing",
        "courses often rank 5321 Undersköterskor or a specialist-nurse group first, and archive",
        "courses go to 4410 Arkiv- och biblioteksassistenter (plausible, but outside the key's 262).",
        "Scores are similarities (compare within a course), not probabilities.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        _write_section(text)
    return 0


def _heldout_key() -> dict[str, tuple[str, ...]]:
    """``bench/mapping_key_heldout.tsv`` (made by ``bench/make_mapping_key.py``): code → prefixes."""
    out = {}
    path = ROOT / "bench" / "mapping_key_heldout.tsv"
    for line in path.read_text(encoding="utf-8").splitlines()[3:]:
        code, _, prefixes, *_ = line.split("\t")
        out[code] = tuple(prefixes.split(","))
    return out


def _write_section(section: str) -> None:
    """Replace (or append) only this bench's section of RESULTS.md, re-read just before writing."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else "# Benchmark results\n"
    if SECTION in current:
        before, rest = current.split(SECTION, 1)
        after = rest.split("\n## ", 1)
        tail = "\n## " + after[1] if len(after) > 1 else ""
        current = before + section.rstrip("\n") + "\n" + tail
    else:
        current = current.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
