"""Evaluate occupation classification and skill extraction on sets built from real data.

    .venv/bin/python bench/evaluate_enrichment.py [--data-dir DIR] [--seed 0] [--markdown]

How the sets are made is documented in :mod:`kompetensbron.enrich.evaluation`. Three
models are built here (none is the cached production model):

* ``held_out`` model: all reference data except 20 % of the occupation-names per SSYK-4
  group, no ~2021 names → tested on those names and their variants, and on variants of
  names it saw;
* ``current`` model: all current names, no ~2021 names → tested on ~2021 names that no
  longer exist (out-of-vocabulary titles);
* skill extractor without 20 % of the ESCO labels that have one JobTech match.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from kompetensbron.config import get_settings
from kompetensbron.enrich.evaluation import (
    TitleScores,
    description_cases,
    esco_paraphrase_cases,
    headline_cases,
    held_out_title_cases,
    legacy_title_cases,
    score_skills,
    score_titles,
    seen_title_cases,
    skill_sentence_cases,
)
from kompetensbron.enrich.occupation_classifier import OccupationClassifier, build_lexicon
from kompetensbron.enrich.reference_texts import read_enrichment_sources
from kompetensbron.enrich.skill_extractor import SkillExtractor
from kompetensbron.enrich.skill_gazetteer import esco_targets
from kompetensbron.sources.reference_files import read_reference_snapshot


def _row(name: str, s: TitleScores) -> str:
    at1 = " | ".join(f"{s.at1[k]:.3f}" for k in (1, 2, 3, 4))
    at5 = " | ".join(f"{s.at5[k]:.3f}" for k in (1, 2, 3, 4))
    concept = f"{s.concept_at1:.3f}" if s.concept_at1 is not None else "–"
    return f"| {name} | {s.n} | {at1} | {at5} | {concept} | {s.mean_score:.3f} | {s.brier:.3f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extra-seeds", type=int, nargs="*", default=[], help="more held-out splits to report")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or get_settings().data_dir
    started = time.perf_counter()
    snapshot = read_reference_snapshot(data_dir)
    sources = read_enrichment_sources(data_dir)

    # ---------------------------------------------------------------- titles
    held_ids, held_cases = held_out_title_cases(snapshot, seed=args.seed)
    t0 = time.perf_counter()
    held_model = OccupationClassifier.build(
        snapshot, sources, exclude_concepts=held_ids, include_legacy=False, seed=args.seed
    )
    build_s = time.perf_counter() - t0
    current_model = OccupationClassifier.build(snapshot, sources, include_legacy=False, seed=args.seed)
    by_kind: dict[str, list] = defaultdict(list)
    for case in held_cases:
        by_kind[case.kind].append(case)
    legacy = legacy_title_cases(snapshot, sources)
    seen = seen_title_cases(snapshot, held_ids, seed=args.seed)
    seen_ids = {c.concept_id for c in seen if c.concept_id}
    held_headlines = headline_cases(snapshot, held_ids, "held_headline", seed=args.seed, with_concept=False)
    seen_headlines = headline_cases(snapshot, seen_ids, "seen_headline", seed=args.seed)
    print(f"## Title classification (data: {data_dir}, seed {args.seed})\n")
    print(
        f"held out: {len(held_ids)} of {len(snapshot.occupation_names)} occupation-names "
        f"(20 % per SSYK-4 group); model build {build_s:.1f} s\n"
    )
    print(
        "| test set | n | @1 SSYK-1 | @1 SSYK-2 | @1 SSYK-3 | @1 SSYK-4 "
        "| @5 SSYK-1 | @5 SSYK-2 | @5 SSYK-3 | @5 SSYK-4 | name @1 | mean score | Brier |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(_row("held-out names, all variants", score_titles(held_model.classify_many, held_cases)))
    for kind in ("raw", "plural", "definite", "no_diacritics", "typo"):
        print(_row(f"held-out names: {kind}", score_titles(held_model.classify_many, by_kind[kind])))
    legacy_scores = score_titles(current_model.classify_many, legacy)
    print(_row("~2021 names not in 2025 (OOV)", legacy_scores))
    print(_row("held-out names in ad headlines (synthetic)", score_titles(held_model.classify_many, held_headlines)))
    print(_row("seen names: variants (normalisation)", score_titles(held_model.classify_many, seen)))
    print(_row("seen names in ad headlines (synthetic)", score_titles(held_model.classify_many, seen_headlines)))
    for seed in args.extra_seeds:
        ids, cases = held_out_title_cases(snapshot, seed=seed)
        model = OccupationClassifier.build(snapshot, sources, exclude_concepts=ids, include_legacy=False, seed=seed)
        print(_row(f"held-out names, all variants, split seed {seed}", score_titles(model.classify_many, cases)))
    print("\nReliability of the score on the ~2021 OOV set (mean score → accuracy, n):")
    print(", ".join(f"{m:.2f}→{a:.2f} ({n})" for m, a, n in legacy_scores.reliability))

    # ---------------------------------------------------------------- skills
    lexicon = build_lexicon(snapshot, sources)
    background = [[r.definition for r in snapshot.ssyk if r.definition], [d.text for d in sources.skill_descriptions]]
    targets = esco_targets(snapshot, {s.concept_id for s in snapshot.skills})
    rng = random.Random(args.seed)
    pool = sorted(targets)
    held_esco = sorted(rng.sample(pool, k=len(pool) // 5))
    full = SkillExtractor.build(snapshot, lexicon, background=background)
    without = SkillExtractor.build(snapshot, lexicon, background=background, exclude_esco=held_esco)
    print(
        f"\n## Skill extraction\n\ngazetteer: {len(full.surfaces)} surface forms, {len(full.generic)} generic ones left out\n"
    )
    print("| test set | n | precision | recall | F1 | unmatched share |")
    print("|---|---|---|---|---|---|")
    sets = [
        (
            "JobTech skills in ad-like sentences (inflected, no diacritics)",
            full,
            skill_sentence_cases(full, seed=args.seed),
            False,
        ),
        (
            "held-out ESCO-sv labels → JobTech skill (paraphrase)",
            without,
            esco_paraphrase_cases(snapshot, targets, held_esco, seed=args.seed),
            False,
        ),
        ("kompetens_beskrivning: own skill found (recall only)", full, description_cases(snapshot, sources), True),
    ]
    for name, extractor, cases, recall_only in sets:
        s = score_skills(extractor.skill_ids, cases, recall_only=recall_only)
        precision = "–" if recall_only else f"{s.precision:.3f}"
        f1 = "–" if recall_only else f"{s.f1:.3f}"
        print(f"| {name} | {s.n} | {precision} | {s.recall:.3f} | {f1} | {s.unmatched_share:.3f} |")
    print(f"\ntotal time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
