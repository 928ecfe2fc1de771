"""Job title (or ad text) → SSYK-4 group and JobTech occupation-name, with a calibrated score.

How it works (build once with :meth:`OccupationClassifier.build`, then save/load):

1. Every text is normalised by a :class:`~.swedish_text.SwedishLexicon` built from the
   reference vocabulary: folding, lemmas of inflected forms, gendered forms, compound parts,
   spelling correction ("Sjuksköterskorna" and "sjukskoterska" both become
   ``sjukskoterska``).
2. Features: TF-IDF of character n-grams (2–5, within words) of the normalised text plus
   TF-IDF of its normalised words and compound parts.
3. A linear SVM (one-vs-rest) over the 400 SSYK-4 groups, trained on the examples of
   :func:`~.title_examples.title_examples` (occupation-names, group labels, ISCO labels,
   keywords, definitions). Weights below the 95th percentile of magnitude are dropped
   (3 MB instead of 120 MB; no measurable loss).
4. Gazetteer: when the normalised text (without unknown words such as "sökes") equals a
   normalised training title, that title's group gets a bonus logit; else the longest runs
   of its words that equal a training title ("Sjuksköterska till avdelning 12") get
   another bonus.
5. Calibration: ``score = softmax(logits / T)``, with a temperature ``T`` (and bonus) per
   gazetteer regime (no hit / whole title is an occupation-name / part of the title / whole
   title is only another label: ESCO, keyword, group), fitted by least
   log-loss on a split of the reference data: 20 % of the occupation-names of every group
   held out of a first model and written in realistic variants (plural/definite, without
   diacritics, with a typo); texts with a whole-title hit also include the same variants of
   names that model saw, texts with a partial hit only the held-out (unseen) ones. An unseen
   title equal to an ESCO label is thus not scored like a known name; one without a hit is scored as an unseen title would be
   (typos of known titles get a cautious score).
6. The occupation-name is the nearest name (cosine) inside each proposed group.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from kompetensbron.errors import DataFileMalformed

from .model_cache import read_model, save_model
from .reference_texts import EnrichmentSources
from .swedish_text import SwedishLexicon
from .title_examples import held_out_names, title_examples, title_variants
from .title_features import EXACT, NO_HIT, OTHER, PART, REGIMES
from .title_features import Fitted as _Fitted
from .title_features import features as _features
from .title_features import fit as _fit
from .title_features import gazetteer as _gazetteer
from .title_features import logits as _logits
from .title_features import softmax as _softmax

__all__ = [
    "Alternative",
    "Classification",
    "OccupationClassifier",
    "build_lexicon",
    "MODEL_FORMAT",
]

MODEL_FORMAT = "kompetensbron.occupation-classifier/2"


@dataclass(frozen=True, slots=True)
class Alternative:
    """A runner-up: SSYK-4 group, its nearest occupation-name and its probability."""

    ssyk: str
    concept_id: str
    label: str
    score: float


@dataclass(frozen=True, slots=True)
class Classification:
    """The classification of one text. ``score`` is P(SSYK-4 group is right), calibrated.

    ``alternatives`` holds the top-k groups (the first is the answer itself). An empty text
    gives ``ssyk == concept_id == ""`` and score 0. ``exact`` tells that the normalised text
    equals a reference title.
    """

    ssyk: str
    concept_id: str
    label: str
    score: float
    alternatives: tuple[Alternative, ...] = ()
    text: str = ""
    ssyk_label: str = ""
    exact: bool = False


def build_lexicon(
    snapshot: Any,
    sources: EnrichmentSources | None,
    *,
    exclude_concepts: Iterable[str] = (),
    include_esco: bool = True,
    esco_independent: bool = False,
) -> SwedishLexicon:
    """The Swedish lexicon of the reference data (occupation-names, titles, skills, ESCO)."""
    excluded = set(exclude_concepts)
    names = [n.label for n in snapshot.occupation_names if n.concept_id not in excluded]
    vocations = sources.vocations if sources is not None else []
    base = names + [v.title for v in vocations] + [s.label for s in snapshot.skills]
    other = [r.label + " " + r.definition for r in snapshot.ssyk]
    other += [e.label_sv for e in getattr(snapshot, "esco_skills", [])]
    other += [link.isco_label for link in getattr(snapshot, "isco_links", [])]
    # ESCO occupation labels (Swedish and English) are real titles: known forms, never "corrected"
    esco_titles = list(getattr(sources, "esco_titles", ())) if include_esco else []
    tainted = set() if esco_independent else {t.esco_uri for t in esco_titles if t.concept_id in excluded}
    other += [t.text for t in esco_titles if t.esco_uri not in tainted]
    return SwedishLexicon.build(
        base,
        other_texts=other,
        stopwords=sources.stopwords if sources is not None else (),
        protected_texts=names,
        female_titles=[v.title for v in vocations if v.gender == "female"],
    )


def _concept_labels(snapshot: Any) -> dict[str, str]:
    return {n.concept_id: n.label for n in snapshot.occupation_names}


def _calibration_set(names: list[Any], seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [(form, rec.ssyk_code) for rec in names for _, form in title_variants(rec.label, rng)]


class OccupationClassifier:
    """Classify titles/texts to SSYK-4 + occupation-name. Build, save, load; no global state."""

    def __init__(
        self,
        fitted: _Fitted,
        *,
        temperatures: tuple[float, ...] = (1.0,) * REGIMES,
        bonuses: tuple[float, ...] = (0.0,) + (1.0,) * (REGIMES - 1),
        provenance: dict[str, Any] | None = None,
    ) -> None:
        self._f = fitted
        #: softmax temperature and gazetteer bonus per regime (no hit, name, part, other label)
        self.temperatures = tuple(temperatures)
        self.bonuses = tuple(bonuses)
        self.provenance = provenance or {}

    # ------------------------------------------------------------------ construction
    @classmethod
    def build(
        cls,
        snapshot: Any,
        sources: EnrichmentSources | None = None,
        *,
        exclude_concepts: Iterable[str] = (),
        include_legacy: bool = False,
        include_esco: bool = True,
        esco_independent: bool = False,
        calibrate: bool = True,
        seed: int = 0,
    ) -> OccupationClassifier:
        """Train on a :class:`ReferenceSnapshot` (+ extra sources); see the module docstring.

        ``exclude_concepts`` keeps occupation-names out of training (evaluation);
        ``include_legacy`` adds the ~2021 names that are not current names; ``include_esco``
        the ESCO occupation labels (Swedish and English) of ``sources.esco_titles``;
        ``esco_independent`` those labels also under their ISCO-08 groups (see ``title_examples``).
        """
        excluded = set(exclude_concepts)
        esco = {"include_esco": include_esco, "esco_independent": esco_independent}
        lexicon = build_lexicon(snapshot, sources, exclude_concepts=excluded, **esco)
        groups = {r.code: r.label for r in snapshot.ssyk if r.level == 4}
        examples = title_examples(snapshot, sources, exclude_concepts=excluded, include_legacy=include_legacy, **esco)
        fitted = _fit(examples, lexicon, groups, _concept_labels(snapshot))
        temperatures, bonuses = (1.0,) * REGIMES, (0.0,) + (1.0,) * (REGIMES - 1)
        if calibrate:
            temperatures, bonuses = cls._calibrate(
                snapshot, sources, excluded, include_legacy, lexicon, groups, seed, esco
            )
        provenance = {
            "examples": len(examples),
            "origins": sorted({e.origin for e in examples}),
            "excluded_concepts": len(excluded),
            "include_legacy": include_legacy,
            "temperatures": temperatures,
            "bonuses": bonuses,
        }
        return cls(fitted, temperatures=temperatures, bonuses=bonuses, provenance=provenance)

    @staticmethod
    def _calibrate(
        snapshot: Any,
        sources: EnrichmentSources | None,
        excluded: set[str],
        include_legacy: bool,
        lexicon: SwedishLexicon,
        groups: dict[str, str],
        seed: int,
        esco: dict[str, bool],
    ) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """Fit (temperatures, bonuses) per gazetteer regime by least log-loss: no hit on
        variants of held-out names; whole-title and partial hits on all variants (held-out
        and seen names) with such a hit."""
        candidates = [r for r in snapshot.occupation_names if r.concept_id not in excluded]
        pool = type("Pool", (), {"occupation_names": candidates})()
        held = held_out_names(pool, seed=seed + 1)
        held_ids = {r.concept_id for r in held}
        rest = [r for r in candidates if r.concept_id not in held_ids]
        seen = random.Random(seed).sample(rest, k=min(len(held), len(rest)))
        examples = title_examples(
            snapshot,
            sources,
            exclude_concepts=excluded | held_ids,
            include_legacy=include_legacy,
            **esco,
        )
        fitted = _fit(examples, lexicon, groups, _concept_labels(snapshot))
        index = {c: i for i, c in enumerate(fitted.classes)}
        cal = [(t, g) for t, g in _calibration_set(held, seed) if g in index]
        unseen = len(cal)
        cal += [(t, g) for t, g in _calibration_set(seen, seed) if g in index]
        temperatures, bonuses = [1.0] * REGIMES, [0.0] + [1.0] * (REGIMES - 1)
        if not cal:
            return tuple(temperatures), tuple(bonuses)
        analyses = [lexicon.analyse(t) for t, _ in cal]
        gold = np.array([index[g] for _, g in cal])
        x = _features(fitted, [k for k, _ in analyses])
        hits = [_gazetteer(fitted, known) for _, known in analyses]
        z0, regime = _logits(fitted, x, hits, (0.0,) * REGIMES)
        grid = np.geomspace(0.02, 2.0, 41)

        def loss(z: np.ndarray, rows: np.ndarray, temperature: float) -> float:
            p = _softmax(z[rows] / temperature)
            return float(-np.mean(np.log(np.clip(p[np.arange(rows.size), gold[rows]], 1e-12, 1))))

        rows = np.flatnonzero(regime[:unseen] == NO_HIT)
        if rows.size:
            temperatures[NO_HIT] = float(min(grid, key=lambda t: loss(z0, rows, t)))
        for kind in (EXACT, PART, OTHER):
            rows = np.flatnonzero(regime == kind)
            if kind == PART and np.any(rows < unseen):
                # a partial hit in an unseen title ("Barnsjuksköterska" ⊃ "sjuksköterska") is far
                # less reliable than in a variant of a known one: fit it on unseen titles only
                rows = rows[rows < unseen]
            best = (np.inf, temperatures[NO_HIT], 0.0)
            for bonus in (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0) if rows.size else ():
                z = z0.copy()
                for row in rows:
                    z[row, hits[row][0]] += bonus
                for t in grid:
                    value = loss(z, rows, t)
                    if value < best[0]:
                        best = (value, float(t), bonus)
            temperatures[kind], bonuses[kind] = best[1], best[2]
        return tuple(temperatures), tuple(bonuses)

    # ------------------------------------------------------------------ persistence
    def save(self, path: Path, *, input_hash: str = "") -> None:
        """Write the model (pickle, with a format header) atomically."""
        save_model(Path(path), MODEL_FORMAT, input_hash, self)

    @classmethod
    def load(cls, path: Path, *, input_hash: str | None = None) -> OccupationClassifier:
        """Read a model written by :meth:`save`; only load files this platform wrote."""
        stored, model = read_model(Path(path), MODEL_FORMAT, cls)
        if input_hash is not None and stored != input_hash:
            raise DataFileMalformed("model was built from other input files", path=path, key="input_hash")
        return model

    def fingerprint(self) -> str:
        """A short hash of the model's parameters (for provenance)."""
        h = hashlib.sha256(self._f.coef.data.tobytes())
        h.update(repr((self.temperatures, self.bonuses)).encode())
        return h.hexdigest()[:16]

    # ------------------------------------------------------------------ prediction
    @property
    def lexicon(self) -> SwedishLexicon:
        """The Swedish lexicon the model normalises with (shared with the skill extractor)."""
        return self._f.lexicon

    @property
    def classes(self) -> list[str]:
        return list(self._f.classes)

    def normalise(self, text: str) -> str:
        """The normalised text the model sees: ``"Sjuksköterskor"`` → ``"sjukskoterska sjuk skoterska"``."""
        return " ".join(self._f.lexicon.normalise(text))

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(n × groups) calibrated probabilities and a flag per text for exact title matches."""
        z, regime, _ = self._scores(texts)
        return self._calibrated(z, regime), np.isin(regime, (EXACT, OTHER))

    def _scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, sp.csr_matrix]:
        analyses = [self._f.lexicon.analyse(t) for t in texts]
        x = _features(self._f, [k for k, _ in analyses])
        hits = [_gazetteer(self._f, known) for _, known in analyses]
        z, regime = _logits(self._f, x, hits, self.bonuses)
        return z, regime, x

    def _calibrated(self, z: np.ndarray, regime: np.ndarray) -> np.ndarray:
        return _softmax(z / np.asarray(self.temperatures)[regime][:, None])

    def classify(self, text: str, k: int = 5) -> Classification:
        """Classify one title or ad text; see :class:`Classification`."""
        return self.classify_many([text], k=k)[0]

    def classify_many(self, texts: Sequence[str], k: int = 5, *, batch_size: int = 4096) -> list[Classification]:
        """Classify many texts (duplicates are computed once), in input order."""
        unique = list(dict.fromkeys(t for t in texts if t and t.strip()))
        results: dict[str, Classification] = {}
        for start in range(0, len(unique), batch_size):
            batch = unique[start : start + batch_size]
            results.update(zip(batch, self._classify_batch(batch, k), strict=True))
        empty = Classification("", "", "", 0.0)
        return [results.get(t, empty) if t and t.strip() else empty for t in texts]

    def _nearest_names(self, x: sp.csr_matrix, top: np.ndarray) -> np.ndarray:
        """For each (text, proposed group): the index of the most similar name, else -1."""
        f = self._f
        flat = top.ravel()
        counts = np.array([f.members[c].size for c in flat], dtype=np.int64)
        nearest = np.full(flat.size, -1, dtype=np.int64)
        if counts.sum() == 0:
            return nearest.reshape(top.shape)
        slot = np.repeat(np.arange(flat.size), counts)
        cols = np.concatenate([f.members[c] for c in flat])
        dots = np.asarray(x[slot // top.shape[1]].multiply(f.name_matrix[cols]).sum(axis=1)).ravel()
        order = np.lexsort((-dots, slot))
        sorted_slot = slot[order]
        first = np.r_[True, sorted_slot[1:] != sorted_slot[:-1]]
        nearest[sorted_slot[first]] = cols[order][first]
        return nearest.reshape(top.shape)

    def _classify_batch(self, texts: list[str], k: int) -> list[Classification]:
        f = self._f
        z, regime, x = self._scores(texts)
        p = self._calibrated(z, regime)
        k = max(1, min(k, p.shape[1]))
        top = np.argsort(-p, axis=1)[:, :k]
        nearest = self._nearest_names(x, top)
        out = []
        for row, text in enumerate(texts):
            alts = []
            for slot, cls_index in enumerate(top[row]):
                ssyk = str(f.classes[cls_index])
                best = nearest[row, slot]
                if best >= 0:
                    concept, label = f.name_ids[best], f.name_labels[best]
                else:
                    concept, label = "", f.group_labels.get(ssyk, "")
                alts.append(Alternative(ssyk, concept, label, round(float(p[row, cls_index]), 4)))
            first = alts[0]
            out.append(
                Classification(
                    ssyk=first.ssyk,
                    concept_id=first.concept_id,
                    label=first.label,
                    score=first.score,
                    alternatives=tuple(alts),
                    text=text,
                    ssyk_label=f.group_labels.get(first.ssyk, ""),
                    exact=bool(regime[row] in (EXACT, OTHER)),
                )
            )
        return out
