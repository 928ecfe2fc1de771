"""The trained core of the title classifier: features, the linear SVM, the gazetteer, logits.

:func:`fit` trains a :class:`Fitted` (TF-IDF of character n-grams and of normalised words of
the :class:`~.swedish_text.SwedishLexicon` keys, a one-vs-rest linear SVM with its small weights
dropped, the gazetteer of normalised training titles and the occupation-name matrix);
:func:`gazetteer` finds a text's whole-title or partial title hits and :func:`logits` adds the
regime's bonus to the SVM scores. Used by :class:`~.occupation_classifier.OccupationClassifier`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from .swedish_text import SwedishLexicon
from .title_examples import TitleExample

_WORD_WEIGHT = 0.5
_KEEP_WEIGHTS = 0.95  # quantile of |w| below which SVM weights are dropped


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Fitted:
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
    name_keys: set[str] = field(default_factory=set)  # gazetteer keys of occupation-names


def fit(
    examples: Sequence[TitleExample],
    lexicon: SwedishLexicon,
    group_labels: dict[str, str],
    concept_labels: dict[str, str],
) -> Fitted:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    pairs = [lexicon.keys(e.text) for e in examples]
    keys = [k for k, _ in pairs]
    char_vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32)
    word_vec = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float32)
    char_vec.fit(keys)
    word_vec.fit(keys)
    fitted = Fitted(
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
    x = features(fitted, keys)
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
    fitted.name_keys = {k for _, k, e in named if e.origin in NAME_ORIGINS}
    with_concept = [(k, e) for k, _, e in named if e.concept_id]
    fitted.name_ids = [e.concept_id for _, e in with_concept if e.concept_id]
    fitted.name_labels = [concept_labels.get(e.concept_id or "", e.text) for _, e in with_concept]
    fitted.name_class = np.array([index[e.ssyk] for _, e in with_concept], dtype=np.int64)
    fitted.members = [np.flatnonzero(fitted.name_class == i) for i in range(len(fitted.classes))]
    fitted.name_matrix = features(fitted, [k for k, _ in with_concept])  # names × features
    return fitted


def features(fitted: Fitted, keys: Sequence[str]) -> sp.csr_matrix:
    from sklearn.preprocessing import normalize

    x = sp.hstack([fitted.char_vectorizer.transform(keys), _WORD_WEIGHT * fitted.word_vectorizer.transform(keys)])
    return normalize(x.tocsr())


#: gazetteer regimes: no hit, the whole title is an occupation-name, a run of its words is a
#: title ("Sjuksköterska" in "Sjuksköterska till avdelning 12"), the whole title is only
#: another label (ESCO, keyword, group, ISCO) — far less sure for an unseen title
NO_HIT, EXACT, PART, OTHER = 0, 1, 2, 3
REGIMES = 4
#: example origins whose texts are occupation-names (see ``title_examples``)
NAME_ORIGINS = frozenset({"name", "head", "legacy"})


def gazetteer(fitted: Fitted, known: list[tuple[str, ...]]) -> tuple[np.ndarray | None, int]:
    """Groups of the whole known-word key, else of the longest runs of known words."""
    if not known:
        return None, NO_HIT
    key = " ".join(p for analysis in known for p in analysis)
    hit = fitted.exact.get(key)
    if hit is not None:
        return hit, EXACT if key in fitted.name_keys else OTHER
    for size in range(len(known) - 1, 0, -1):
        groups: set[int] = set()
        for start in range(len(known) - size + 1):
            window = fitted.exact.get(" ".join(p for analysis in known[start : start + size] for p in analysis))
            if window is not None:
                groups.update(window.tolist())
        if groups:
            return np.array(sorted(groups)), PART
    return None, NO_HIT


def logits(
    fitted: Fitted, x: sp.csr_matrix, hits: Sequence[tuple[np.ndarray | None, int]], bonuses: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    """SVM scores plus the regime's bonus for gazetteer groups; and the regime per row."""
    z = np.asarray((x @ fitted.coef.T).todense()) + fitted.intercept
    regime = np.zeros(x.shape[0], dtype=np.int64)
    for row, (groups, kind) in enumerate(hits):
        if groups is not None:
            z[row, groups] += bonuses[kind]
            regime[row] = kind
    return z, regime
