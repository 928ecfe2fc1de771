"""Leave-concepts-out evaluation of title classification (issue 15), beside a char n-gram baseline.

    .venv/bin/python bench/evaluate_titles_loco.py [--folds 5] [--run 3] [--data-dir DIR]

The occupation-names are split into ``--folds`` disjoint folds stratified by SSYK-4 group
(:func:`kompetensbron.enrich.evaluation.concept_folds`, seed 0); for each of the first ``--run``
folds three models are built with that fold's names left out (their labels, head aliases,
keywords, ~2021 names are not used, and with ESCO every ESCO occupation mapped to a left-out
name is dropped too) and classify the left-out names as written:

* ``baseline`` — :class:`~kompetensbron.enrich.title_baseline.CharNgramBaseline` (char 2–5-gram
  TF-IDF + linear SVM on the taxonomy examples);
* ``classifier (before)`` — the issue-3 classifier (lexicon, word + char features, gazetteer,
  temperature calibration), no ESCO labels;
* ``classifier + ESCO (after)`` — the same with the Swedish and English ESCO occupation labels.

Also per fold: English ESCO labels of the left-out names' exactMatch ESCO occupations (English
titles the model never saw), and variants of names the model *did* see (normalisation).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from kompetensbron.config import get_settings
from kompetensbron.enrich.evaluation import (
    TitleCase,
    calibration,
    concept_folds,
    fold_title_cases,
    score_titles,
    seen_title_cases,
)
from kompetensbron.enrich.occupation_classifier import OccupationClassifier
from kompetensbron.enrich.reference_texts import read_enrichment_sources
from kompetensbron.enrich.swedish_text import fold
from kompetensbron.enrich.title_baseline import CharNgramBaseline
from kompetensbron.enrich.title_examples import title_examples
from kompetensbron.sources.reference_files import read_reference_snapshot


def _english_cases(snapshot, sources, held: set[str]) -> list[TitleCase]:
    group = {n.concept_id: n.ssyk_code for n in snapshot.occupation_names}
    out = {}
    for t in sources.esco_titles:
        if t.lang == "en" and t.concept_id in held and t.match_type == "skos:exactMatch":
            out.setdefault(t.text, TitleCase(t.text, group[t.concept_id], None, "english"))
    return list(out.values())


INDEPENDENT = "classifier + ESCO as independent source"
MODEL_NAMES = ("baseline", "classifier (before)", "classifier + ESCO (after)", INDEPENDENT)


def _rewritten_words(model, cases) -> tuple[int, list[tuple[str, str]]]:
    """Words of real (left-out) titles the spelling corrector changes: (words, [(word, into)])."""
    lexicon = model.lexicon
    words = [w for c in cases for w in re.findall(r"[^\W\d_]+", fold(c.text))]
    changed = []
    for word in words:
        base = lexicon.degender(lexicon.lemma(word))
        if not lexicon.is_known(base) and lexicon.correct(base) != base:
            changed.append((word, lexicon.correct(base)))
    return len(words), changed


def _scores(name, model, cases, dump=None):
    s = score_titles(model.classify_many, cases)
    res = model.classify_many([c.text for c in cases])
    cal = calibration([r.score for r in res], [r.ssyk == c.ssyk for r, c in zip(res, cases)])
    if dump is not None:
        dump.extend(
            {
                "model": name,
                "kind": c.kind,
                "text": c.text,
                "gold": c.ssyk,
                "ssyk": r.ssyk,
                "score": r.score,
                "exact": r.exact,
            }
            for r, c in zip(res, cases)
        )
    return name, s, cal


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--run", type=int, default=3)
    parser.add_argument(
        "--only", type=int, nargs="*", default=None, help="fold indexes to run (default: the first --run)"
    )
    parser.add_argument(
        "--models",
        default="baseline,before,after,independent",
        help="comma list of baseline, before, after, independent",
    )
    parser.add_argument("--dump", type=Path, default=None, help="write every prediction (JSON lines) here")
    args = parser.parse_args(argv)
    wanted = set(args.models.split(","))
    data_dir = args.data_dir or get_settings().data_dir
    snapshot = read_reference_snapshot(data_dir)
    sources = read_enrichment_sources(data_dir)
    folds = concept_folds(snapshot, args.folds, seed=0)
    rows = []
    chosen = args.only if args.only is not None else list(range(args.run))
    for i, held in enumerate(folds):
        if i not in chosen:
            continue
        t0 = time.perf_counter()
        cases = fold_title_cases(snapshot, held)
        english = _english_cases(snapshot, sources, held)
        seen = seen_title_cases(snapshot, held, n=300, seed=i)
        models = []
        if "baseline" in wanted:
            models.append(
                (
                    "baseline",
                    CharNgramBaseline.build(
                        title_examples(snapshot, sources, exclude_concepts=held, include_esco=False)
                    ),
                )
            )
        if "before" in wanted:
            models.append(
                (
                    "classifier (before)",
                    OccupationClassifier.build(snapshot, sources, exclude_concepts=held, include_esco=False, seed=i),
                )
            )
        if "after" in wanted:
            models.append(
                (
                    "classifier + ESCO (after)",
                    OccupationClassifier.build(snapshot, sources, exclude_concepts=held, include_esco=True, seed=i),
                )
            )
        if "independent" in wanted:
            models.append(
                (
                    INDEPENDENT,
                    OccupationClassifier.build(
                        snapshot, sources, exclude_concepts=held, include_esco=True, esco_independent=True, seed=i
                    ),
                )
            )
        for label, model in models:
            if hasattr(model, "lexicon"):
                n_words, changed = _rewritten_words(model, cases)
                print(
                    f"fold {i} | {label} | spelling corrector rewrote {len(changed)} of {n_words} words of left-out names: {changed}"
                )
            for kind, cs in (
                ("left-out names", cases),
                ("English ESCO labels of left-out names", english),
                ("seen names: variants", seen),
            ):
                dump: list[dict] = []
                name, s, cal = _scores(label, model, cs, dump)
                rows.append((i, kind, name, s, cal))
                if args.dump is not None:
                    with args.dump.open("a", encoding="utf-8") as fh:
                        fh.writelines(
                            json.dumps({"fold": i, "set": kind, **d}, ensure_ascii=False) + "\n" for d in dump
                        )
                print(
                    f"fold {i} | {kind} | {name} | n={s.n} | @1 "
                    + " / ".join(f"{s.at1[k]:.3f}" for k in (1, 2, 3, 4))
                    + f" | @5 SSYK-4 {s.at5[4]:.3f} | mean score {s.mean_score:.3f} | ECE {cal.ece:.3f} | score≥0.9: "
                    + (f"{cal.confident_accuracy:.2f} right of {cal.confident_n}" if cal.confident_n else "none"),
                    flush=True,
                )
        print(f"fold {i}: {len(held)} names left out, {time.perf_counter() - t0:.0f} s", flush=True)
    print(
        "\n| test set | model | folds | n | @1 SSYK-1 | @1 SSYK-2 | @1 SSYK-3 | @1 SSYK-4 | @5 SSYK-4 | mean score | ECE | score ≥ 0.9: right / n |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind in ("left-out names", "English ESCO labels of left-out names", "seen names: variants"):
        for name in MODEL_NAMES:
            sel = [(s, c) for _, k, m, s, c in rows if k == kind and m == name]
            n = sum(s.n for s, _ in sel)
            if not n:
                continue
            w = lambda f: sum(f(s) * s.n for s, _ in sel) / n if n else 0.0  # noqa: B023 - used in this iteration only
            conf_n = sum(c.confident_n for _, c in sel)
            conf_right = sum((c.confident_accuracy or 0) * c.confident_n for _, c in sel)
            print(
                f"| {kind} | {name} | {len(sel)} | {n} | "
                + " | ".join(f"{w(lambda s, k=k: s.at1[k]):.3f}" for k in (1, 2, 3, 4))
                + f" | {w(lambda s: s.at5[4]):.3f} | {w(lambda s: s.mean_score):.3f} | "
                + f"{np.average([c.ece for _, c in sel], weights=[s.n for s, _ in sel]):.3f} | "
                + (f"{conf_right / conf_n:.2f} / {conf_n}" if conf_n else "– / 0")
                + " |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
