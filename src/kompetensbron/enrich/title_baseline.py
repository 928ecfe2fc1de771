"""The plain baseline for title classification: character n-gram TF-IDF + a linear SVM.

No lexicon, no gazetteer, no calibration: lower-cased text, TF-IDF of character 2–5-grams
within words, a one-vs-rest linear SVM over the SSYK-4 groups, trained on the same taxonomy
examples as :class:`~.occupation_classifier.OccupationClassifier` (without ESCO labels). Its
score is the softmax of the SVM margins. It exists to be compared with (``bench/evaluate_titles_loco.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .occupation_classifier import Alternative, Classification
from .title_examples import TitleExample
from .title_features import softmax as _softmax

__all__ = ["CharNgramBaseline"]


class CharNgramBaseline:
    """``CharNgramBaseline.build(examples).classify_many(texts)`` → :class:`Classification` s."""

    def __init__(self, vectorizer: Any, svm: Any) -> None:
        self.vectorizer, self.svm = vectorizer, svm

    @classmethod
    def build(cls, examples: Sequence[TitleExample]) -> CharNgramBaseline:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), lowercase=True, sublinear_tf=True, dtype=np.float32
        )
        x = vectorizer.fit_transform([e.text for e in examples])
        svm = LinearSVC(C=0.5, max_iter=5000)
        svm.fit(x, [e.ssyk for e in examples], sample_weight=np.array([e.weight for e in examples]))
        return cls(vectorizer, svm)

    def classify_many(self, texts: Sequence[str], k: int = 5) -> list[Classification]:
        if not texts:
            return []
        p = _softmax(self.svm.decision_function(self.vectorizer.transform(list(texts))))
        top = np.argsort(-p, axis=1)[:, :k]
        out = []
        for row, text in enumerate(texts):
            alts = tuple(Alternative(str(self.svm.classes_[j]), "", "", float(p[row, j])) for j in top[row])
            out.append(Classification(alts[0].ssyk, "", "", alts[0].score, alts, text))
        return out
