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
   gazetteer regime (no hit / whole title / part of the title), fitted by least
   log-loss on a split of the reference data: 20 % of the occupation-names of every group
   held out of a first model and written in realistic variants (plural/definite, without
   diacritics, with a typo); texts with a whole-title hit also include the same variants of
   names that model saw, texts with a partial hit only the held-out (unseen) ones. A text without a hit is thus scored as an unseen title would be
   (typos of known titles get a cautious score).
6. The occupation-name is the nearest name (cosine) inside each proposed group.
"""

from __future__ import annotations

import hashlib
import pickle
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from kompetensbron.errors import DataFileMalformed, DataFileMissing

from .reference_texts import EnrichmentSources
from .swedish_text import SwedishLexicon
from .title_examples import TitleExample, held_out_names, title_examples, title_variants

__all__ = [
    "Alternative",
    "Classification",
    "OccupationClassifier",
    "build_lexicon",
    "MODEL_FORMAT",
]

MODEL_FORMAT = "kompetensbron.occupation-classifier/1"
_WORD_WEIGHT = 0.5
_KEEP_WEIGHTS = 0.95  # quantile of |w| below which SVM weights are dropped


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
    snapshot: Any, sources: EnrichmentSources | None, *, exclude_concepts: Iterable[str] = (), include_esco: bool = True
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
    tainted = {t.esco_uri for t in esco_titles if t.concept_id in excluded}
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


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class _Fitted:
    """The trained parts of a classifier (vectorisers, sparse weights, gazetteer, names)."""

    lexicon: SwedishLexicon
    char_vectorizer: Any
    word_vectorizer: Any
    classes: np.ndarray
    coef: sp.csr_matrix
    intercept: np.ndarray
    exact: dict[str, np.ndarray]
    name_ids: list[str]
    name_labels: list[str]
    name_class: np.ndarray
    name_matrix: sp.csr_matrix
    group_labels: dict[str, str] = field(default_factory=dict)
    members: list[np.ndarray] = field(default_factory=list)  # name rows per class


def _fit(
    examples: Sequence[TitleExample],
    lexicon: SwedishLexicon,
    group_labels: dict[str, str],
    concept_labels: dict[str, str],
) -> _Fitted:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    pairs = [lexicon.keys(e.text) for e in examples]
    keys = [k for k, _ in pairs]
    char_vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32)
    word_vec = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float32)
    char_vec.fit(keys)
    word_vec.fit(keys)
    fitted = _Fitted(
        lexicon,
        char_vec,
        word_vec,
        np.array([]),
        sp.csr_matrix((0, 0)),
        np.array([]),
        {},
        [],
        [],
        np.array([]),
        sp.csr_matrix((0, 0)),
        group_labels,
    )
    x = _features(fitted, keys)
    y = np.array([e.ssyk for e in examples])
    svm = LinearSVC(C=0.5, max_iter=5000)
    svm.fit(x, y, sample_weight=np.array([e.weight for e in examples]))
    coef = svm.coef_.astype(np.float32)
    threshold = np.quantile(np.abs(coef), _KEEP_WEIGHTS)
    fitted.classes = svm.classes_
    fitted.coef = sp.csr_matrix(np.where(np.abs(coef) >= threshold, coef, 0))
    fitted.intercept = svm.intercept_.astype(np.float32)
    index = {c: i for i, c in enumerate(fitted.classes)}
    exact: dict[str, set[int]] = defaultdict(set)
    named = [(k, g, e) for (k, g), e in zip(pairs, examples, strict=True) if e.origin != "definition" and g]
    for _, gazetteer_key, e in named:
        exact[gazetteer_key].add(index[e.ssyk])
    fitted.exact = {k: np.array(sorted(v)) for k, v in exact.items()}
    with_concept = [(k, e) for k, _, e in named if e.concept_id]
    fitted.name_ids = [e.concept_id for _, e in with_concept if e.concept_id]
    fitted.name_labels = [concept_labels.get(e.concept_id or "", e.text) for _, e in with_concept]
    fitted.name_class = np.array([index[e.ssyk] for _, e in with_concept], dtype=np.int64)
    fitted.members = [np.flatnonzero(fitted.name_class == i) for i in range(len(fitted.classes))]
    fitted.name_matrix = _features(fitted, [k for k, _ in with_concept])  # names × features
    return fitted


def _features(fitted: _Fitted, keys: Sequence[str]) -> sp.csr_matrix:
    from sklearn.preprocessing import normalize

    x = sp.hstack([fitted.char_vectorizer.transform(keys), _WORD_WEIGHT * fitted.word_vectorizer.transform(keys)])
    return normalize(x.tocsr())


#: gazetteer regimes: no hit, the whole title, a run of its words ("Sjuksköterska" in
#: "Sjuksköterska till avdelning 12")
NO_HIT, EXACT, PART = 0, 1, 2


def _gazetteer(fitted: _Fitted, known: list[tuple[str, ...]]) -> tuple[np.ndarray | None, int]:
    """Groups of the whole known-word key, else of the longest runs of known words."""
    if not known:
        return None, NO_HIT
    hit = fitted.exact.get(" ".join(p for analysis in known for p in analysis))
    if hit is not None:
        return hit, EXACT
    for size in range(len(known) - 1, 0, -1):
        groups: set[int] = set()
        for start in range(len(known) - size + 1):
            window = fitted.exact.get(" ".join(p for analysis in known[start : start + size] for p in analysis))
            if window is not None:
                groups.update(window.tolist())
        if groups:
            return np.array(sorted(groups)), PART
    return None, NO_HIT


def _logits(
    fitted: _Fitted, x: sp.csr_matrix, hits: Sequence[tuple[np.ndarray | None, int]], bonuses: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    """SVM scores plus the regime's bonus for gazetteer groups; and the regime per row."""
    z = np.asarray((x @ fitted.coef.T).todense()) + fitted.intercept
    regime = np.zeros(x.shape[0], dtype=np.int64)
    for row, (groups, kind) in enumerate(hits):
        if groups is not None:
            z[row, groups] += bonuses[kind]
            regime[row] = kind
    return z, regime


def _calibration_set(names: list[Any], seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    return [(form, rec.ssyk_code) for rec in names for _, form in title_variants(rec.label, rng)]


class OccupationClassifier:
    """Classify titles/texts to SSYK-4 + occupation-name. Build, save, load; no global state."""

    def __init__(
        self,
        fitted: _Fitted,
        *,
        temperatures: tuple[float, float, float] = (1.0, 1.0, 1.0),
        bonuses: tuple[float, float, float] = (0.0, 1.0, 1.0),
        provenance: dict[str, Any] | None = None,
    ) -> None:
        self._f = fitted
        #: softmax temperature and gazetteer bonus per regime (no hit, whole title, part)
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
        calibrate: bool = True,
        seed: int = 0,
    ) -> OccupationClassifier:
        """Train on a :class:`ReferenceSnapshot` (+ extra sources); see the module docstring.

        ``exclude_concepts`` keeps occupation-names out of training (evaluation);
        ``include_legacy`` adds the ~2021 names that are not current names; ``include_esco``
        the ESCO occupation labels (Swedish and English) of ``sources.esco_titles``.
        """
        excluded = set(exclude_concepts)
        lexicon = build_lexicon(snapshot, sources, exclude_concepts=excluded, include_esco=include_esco)
        groups = {r.code: r.label for r in snapshot.ssyk if r.level == 4}
        examples = title_examples(
            snapshot, sources, exclude_concepts=excluded, include_legacy=include_legacy, include_esco=include_esco
        )
        fitted = _fit(examples, lexicon, groups, _concept_labels(snapshot))
        temperatures, bonuses = (1.0, 1.0, 1.0), (0.0, 1.0, 1.0)
        if calibrate:
            temperatures, bonuses = cls._calibrate(
                snapshot, sources, excluded, include_legacy, lexicon, groups, seed, include_esco=include_esco
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
        *,
        include_esco: bool = True,
    ) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
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
            include_esco=include_esco,
        )
        fitted = _fit(examples, lexicon, groups, _concept_labels(snapshot))
        index = {c: i for i, c in enumerate(fitted.classes)}
        cal = [(t, g) for t, g in _calibration_set(held, seed) if g in index]
        unseen = len(cal)
        cal += [(t, g) for t, g in _calibration_set(seen, seed) if g in index]
        temperatures, bonuses = [1.0, 1.0, 1.0], [0.0, 1.0, 1.0]
        if not cal:
            return (temperatures[0], temperatures[1], temperatures[2]), (bonuses[0], bonuses[1], bonuses[2])
        analyses = [lexicon.analyse(t) for t, _ in cal]
        gold = np.array([index[g] for _, g in cal])
        x = _features(fitted, [k for k, _ in analyses])
        hits = [_gazetteer(fitted, known) for _, known in analyses]
        z0, regime = _logits(fitted, x, hits, (0.0, 0.0, 0.0))
        grid = np.geomspace(0.02, 2.0, 41)

        def loss(z: np.ndarray, rows: np.ndarray, temperature: float) -> float:
            p = _softmax(z[rows] / temperature)
            return float(-np.mean(np.log(np.clip(p[np.arange(rows.size), gold[rows]], 1e-12, 1))))

        rows = np.flatnonzero(regime[:unseen] == NO_HIT)
        if rows.size:
            temperatures[NO_HIT] = float(min(grid, key=lambda t: loss(z0, rows, t)))
        for kind in (EXACT, PART):
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
        return (temperatures[0], temperatures[1], temperatures[2]), (bonuses[0], bonuses[1], bonuses[2])

    # ------------------------------------------------------------------ persistence
    def save(self, path: Path, *, input_hash: str = "") -> None:
        """Write the model (pickle, with a format header) atomically."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        header = {"format": MODEL_FORMAT, "input_hash": input_hash}
        with open(tmp, "wb") as fh:
            pickle.dump((header, self), fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, *, input_hash: str | None = None) -> OccupationClassifier:
        """Read a model written by :meth:`save`; only load files this platform wrote."""
        path = Path(path)
        if not path.is_file():
            raise DataFileMissing("model file not found", path=path)
        try:
            with open(path, "rb") as fh:
                header, model = pickle.load(fh)
        except Exception as exc:  # noqa: BLE001 - any unpickling failure means a bad file
            raise DataFileMalformed(f"cannot read the model ({exc})", path=path) from exc
        if not isinstance(header, dict) or header.get("format") != MODEL_FORMAT or not isinstance(model, cls):
            raise DataFileMalformed(f"not a {MODEL_FORMAT} file", path=path, key="format")
        if input_hash is not None and header.get("input_hash") != input_hash:
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
        return self._calibrated(z, regime), regime == EXACT

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
                    exact=bool(regime[row] == EXACT),
                )
            )
        return out
