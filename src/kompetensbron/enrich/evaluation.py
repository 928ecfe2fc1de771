"""Evaluation sets built from real reference data, and the scores we publish.

Titles (the classifier never trains on the test titles):

* ``held_out``: 20 % of the occupation-names of every SSYK-4 group (seeded) are removed
  from training (their labels, head aliases and keywords); the test texts are those names
  as written and in realistic variants (:func:`~.title_examples.title_variants`: plural,
  definite, no diacritics, one typo).
* ``legacy``: occupation-names of the ~2021 taxonomy whose folded label is not a current
  name, with their 2021 SSYK-4 group (model trained on all current names, no legacy ones).
* ``seen_variants``: variants of names the model *did* train on; measures normalisation
  (and the occupation-name choice), not generalisation.
* ``headline``: names (held-out, and seen) inside ad-headline scaffolds such as
  ``"Vi söker {title}!"`` or ``"{title} till vår verksamhet i Sundsvall"`` (synthetic).

Skills (synthetic sentences around real labels; see :func:`skill_sentence_cases`):

* ``inflected``: 2–3 JobTech skills per sentence, as written / inflected / without
  diacritics, inside ad-like templates; every other hit is a false positive.
* ``esco_paraphrase``: held-out ESCO Swedish labels (20 % of those with one exact/close
  JobTech match) in templates; gold is the JobTech skill. The extractor is built without
  those ESCO labels, so only the JobTech label or other ESCO labels can find it.
* ``descriptions``: each ``kompetens_beskrivning`` text should yield its own skill
  (recall only: other skills in the text may be right).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .reference_texts import EnrichmentSources
from .swedish_text import fold
from .title_examples import held_out_names, title_alternatives, title_variants, without_diacritics

__all__ = [
    "TitleCase",
    "TitleScores",
    "SkillCase",
    "SkillScores",
    "held_out_title_cases",
    "legacy_title_cases",
    "seen_title_cases",
    "headline_cases",
    "HEADLINE_TEMPLATES",
    "score_titles",
    "skill_sentence_cases",
    "esco_paraphrase_cases",
    "description_cases",
    "score_skills",
    "SKILL_TEMPLATES",
    "Calibration",
    "calibration",
    "concept_folds",
    "fold_title_cases",
]


@dataclass(frozen=True, slots=True)
class TitleCase:
    text: str
    ssyk: str
    concept_id: str | None
    kind: str


@dataclass
class TitleScores:
    """success@1 and @5 per SSYK level (1–4), occupation-name @1, calibration."""

    n: int
    at1: dict[int, float]
    at5: dict[int, float]
    concept_at1: float | None = None
    mean_score: float = 0.0
    brier: float = 0.0
    #: (mean score, accuracy, count) per score decile
    reliability: list[tuple[float, float, int]] = field(default_factory=list)


def held_out_title_cases(snapshot: Any, *, seed: int = 0) -> tuple[set[str], list[TitleCase]]:
    """(concept ids to exclude from training, test cases): see the module docstring."""
    held = held_out_names(snapshot, seed=seed)
    rng = random.Random(seed)
    cases = [
        TitleCase(text, rec.ssyk_code, None, kind) for rec in held for kind, text in title_variants(rec.label, rng)
    ]
    return {rec.concept_id for rec in held}, cases


def legacy_title_cases(snapshot: Any, sources: EnrichmentSources) -> list[TitleCase]:
    current = {fold(alt) for rec in snapshot.occupation_names for alt in title_alternatives(rec.label)}
    codes = {r.code for r in snapshot.ssyk if r.level == 4}
    out = []
    for rec in sources.legacy_names:
        if rec.ssyk_code in codes:
            for alt in title_alternatives(rec.label):
                if fold(alt) not in current:
                    out.append(TitleCase(alt, rec.ssyk_code, None, "legacy"))
    return out


def seen_title_cases(snapshot: Any, exclude: set[str], *, n: int = 500, seed: int = 0) -> list[TitleCase]:
    rng = random.Random(seed)
    pool = sorted((r for r in snapshot.occupation_names if r.concept_id not in exclude), key=lambda r: r.concept_id)
    sample = rng.sample(pool, k=min(n, len(pool)))
    return [
        TitleCase(text, rec.ssyk_code, rec.concept_id, "seen_" + kind)
        for rec in sample
        for kind, text in title_variants(rec.label, rng)
        if kind != "raw"
    ]


#: Ad-headline scaffolds around a title (no occupation words of their own).
HEADLINE_TEMPLATES = (
    "Vi söker {0}!",
    "{0} till vår verksamhet i Sundsvall",
    "{0}, heltid",
    "{0} – vikariat sommar 2025",
    "Erfaren {0} sökes",
    "{0} sökes till Region Västernorrland",
)


def headline_cases(
    snapshot: Any, concept_ids: set[str], kind: str, *, seed: int = 0, with_concept: bool = True
) -> list[TitleCase]:
    """Each named occupation-name (first alternative) in one headline scaffold;
    ``with_concept=False`` for names the model cannot know (held out)."""
    rng = random.Random(seed)
    out = []
    for rec in sorted(snapshot.occupation_names, key=lambda r: r.concept_id):
        if rec.concept_id in concept_ids:
            title = title_alternatives(rec.label)[0]
            text = rng.choice(HEADLINE_TEMPLATES).format(title)
            out.append(TitleCase(text, rec.ssyk_code, rec.concept_id if with_concept else None, kind))
    return out


def score_titles(classify_many: Callable[[list[str]], list[Any]], cases: Sequence[TitleCase]) -> TitleScores:
    """Score a ``classify_many`` (texts → :class:`Classification`) on ``cases``."""
    results = classify_many([c.text for c in cases])
    n = len(cases)
    hits1 = {level: 0 for level in (1, 2, 3, 4)}
    hits5 = {level: 0 for level in (1, 2, 3, 4)}
    concept_hits = concept_n = 0
    scores, correct = [], []
    for case, res in zip(cases, results, strict=True):
        top = [a.ssyk for a in res.alternatives[:5]] or [res.ssyk]
        for level in (1, 2, 3, 4):
            prefix = case.ssyk[:level]
            hits1[level] += res.ssyk[:level] == prefix
            hits5[level] += any(code[:level] == prefix for code in top)
        if case.concept_id is not None:
            concept_n += 1
            concept_hits += res.concept_id == case.concept_id
        scores.append(res.score)
        correct.append(res.ssyk == case.ssyk)
    s, c = np.array(scores, dtype=float), np.array(correct, dtype=float)
    reliability = []
    if n:
        edges = np.quantile(s, np.linspace(0, 1, 11))
        bins = np.clip(np.searchsorted(edges, s, side="right") - 1, 0, 9)
        for b in range(10):
            mask = bins == b
            if mask.any():
                reliability.append((float(s[mask].mean()), float(c[mask].mean()), int(mask.sum())))
    return TitleScores(
        n=n,
        at1={k: v / n for k, v in hits1.items()} if n else {},
        at5={k: v / n for k, v in hits5.items()} if n else {},
        concept_at1=concept_hits / concept_n if concept_n else None,
        mean_score=float(s.mean()) if n else 0.0,
        brier=float(((s - c) ** 2).mean()) if n else 0.0,
        reliability=reliability,
    )


# ---------------------------------------------------------------------- skills
@dataclass(frozen=True, slots=True)
class SkillCase:
    text: str
    gold: frozenset[str]
    kind: str


@dataclass
class SkillScores:
    n: int
    precision: float
    recall: float
    f1: float
    unmatched_share: float  # cases where no gold skill was found


SKILL_TEMPLATES = (
    "Vi söker dig som har erfarenhet av {0} och {1}.",
    "Du har goda kunskaper inom {0}. Meriterande är {1}.",
    "I tjänsten ingår {0} samt {1} i nära samarbete med kollegor.",
    "Tjänsten kräver {0}, {1} och {2}. Du trivs i ett team.",
    "Har du arbetat med {0}? Då kan du vara den vi söker. Vi värdesätter även {1}.",
    "Som person är du noggrann och har kunskap om {0}, {1} och {2}.",
)


def _definite(word: str) -> str:
    low = word.lower()
    if low.endswith(("a", "e")):
        return word + "n"
    if low.endswith("ing"):
        return word + "en"
    return word + "en"


def skill_sentence_cases(extractor: Any, *, n: int = 600, seed: int = 0) -> list[SkillCase]:
    """Sentences of 2–3 known JobTech skills (one-word or two-word surfaces of 5+ letters)."""
    rng = random.Random(seed)
    pool = sorted(
        (
            s
            for s in extractor.surfaces
            if s.source == "jobtech" and s.concept_id and len(s.key) >= 5 and s.key.count(" ") <= 1
        ),
        key=lambda s: s.key,
    )
    out = []
    for i in range(n):
        template = SKILL_TEMPLATES[i % len(SKILL_TEMPLATES)]
        k = template.count("{")
        chosen = rng.sample(pool, k)
        forms = []
        for s in chosen:
            surface = (
                s.label.split("/")[0].split(",")[0].strip() if fold(s.label).startswith(s.key.split(" ")[0]) else s.key
            )
            kind = rng.choice(("as_written", "lower", "definite", "no_diacritics"))
            if kind == "lower":
                surface = surface.lower()
            elif kind == "definite" and " " not in surface and surface[-1:].isalpha():
                surface = _definite(surface.lower())
            elif kind == "no_diacritics":
                surface = without_diacritics(surface)
            forms.append(surface)
        out.append(SkillCase(template.format(*forms), frozenset(s.concept_id for s in chosen), "inflected"))
    return out


def esco_paraphrase_cases(
    snapshot: Any, targets: dict[str, str], held: Sequence[str], *, seed: int = 0
) -> list[SkillCase]:
    """One template sentence per held-out ESCO skill; gold is its JobTech target."""
    labels = {e.uri: e.label_sv for e in snapshot.esco_skills}
    rng = random.Random(seed)
    out = []
    for uri in held:
        template = rng.choice(("Vi söker dig som kan {0}.", "Erfarenhet av {0} är meriterande.", "Du behärskar {0}."))
        out.append(SkillCase(template.format(labels[uri]), frozenset({targets[uri]}), "esco_paraphrase"))
    return out


def description_cases(snapshot: Any, sources: EnrichmentSources) -> list[SkillCase]:
    by_label = defaultdict(set)
    for s in snapshot.skills:
        by_label[s.label].add(s.concept_id)
    return [
        SkillCase(d.text, frozenset(by_label[d.label]), "descriptions")
        for d in sources.skill_descriptions
        if len(by_label.get(d.label, ())) == 1
    ]


def score_skills(
    extract_ids: Callable[[str], list[str]], cases: Sequence[SkillCase], *, recall_only: bool = False
) -> SkillScores:
    """Micro precision/recall/F1 over skill ids; ``recall_only`` ignores extra hits."""
    tp = fp = fn = unmatched = 0
    for case in cases:
        pred = set(extract_ids(case.text))
        hit = len(pred & case.gold)
        tp += hit
        fn += len(case.gold) - hit
        fp += 0 if recall_only else len(pred - case.gold)
        unmatched += hit == 0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SkillScores(len(cases), precision, recall, f1, unmatched / len(cases) if cases else 0.0)


# ---------------------------------------------------------------- leave concepts out
def concept_folds(snapshot: Any, k: int = 5, *, seed: int = 0) -> list[set[str]]:
    """``k`` disjoint sets of occupation-name concept ids, stratified by SSYK-4 group: the
    names of every group with at least three names are shuffled (seeded) and dealt round-robin
    from a random starting fold, so each fold holds ≈ 1/k of every such group; groups of one or
    two names are never held out (the group would vanish from training)."""
    rng = random.Random(seed)
    by_group: dict[str, list[Any]] = defaultdict(list)
    for rec in snapshot.occupation_names:
        by_group[rec.ssyk_code].append(rec)
    folds: list[set[str]] = [set() for _ in range(k)]
    for code in sorted(by_group):
        group = sorted(by_group[code], key=lambda r: r.concept_id)
        if len(group) < 3:
            continue
        rng.shuffle(group)
        start = rng.randrange(k)
        for i, rec in enumerate(group):
            folds[(start + i) % k].add(rec.concept_id)
    return folds


def fold_title_cases(snapshot: Any, held: set[str], *, seed: int = 0) -> list[TitleCase]:
    """The held-out names of one fold as written (each ``/`` alternative), kind ``unseen``."""
    return [
        TitleCase(alt, rec.ssyk_code, None, "unseen")
        for rec in sorted(snapshot.occupation_names, key=lambda r: r.concept_id)
        if rec.concept_id in held
        for alt in title_alternatives(rec.label)[:1]
    ]


@dataclass
class Calibration:
    """How far scores are from accuracy on a set: expected calibration error over 10 equal-width
    bins, and the accuracy of the confident answers (score ≥ 0.9)."""

    ece: float
    confident_n: int
    confident_accuracy: float | None


def calibration(scores: Sequence[float], correct: Sequence[bool]) -> Calibration:
    s, c = np.asarray(scores, dtype=float), np.asarray(correct, dtype=float)
    if not s.size:
        return Calibration(0.0, 0, None)
    bins = np.clip((s * 10).astype(int), 0, 9)
    ece = (
        sum(abs(s[bins == b].mean() - c[bins == b].mean()) * (bins == b).sum() for b in range(10) if (bins == b).any())
        / s.size
    )
    confident = s >= 0.9
    return Calibration(float(ece), int(confident.sum()), float(c[confident].mean()) if confident.any() else None)
