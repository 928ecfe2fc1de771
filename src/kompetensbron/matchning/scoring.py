"""Reciprocal matching score with reasons (plain Python + numpy/scipy; no Django).

Two directions, combined by their harmonic mean (a reciprocal recommender, as in RECON):

* **host side — skill fit**: how well the student covers the opportunity's skills:
  ``0.7 × share of required skills covered + 0.3 × share of desirable skills covered`` (a list
  that is empty drops out and the other carries the whole weight; neither list → 0.5);
* **student side — preference fit**: how well the opportunity fits the student's wishes:
  ``0.5 × place + 0.25 × period + 0.25 × type``. Place is 1 in a preferred kommun or when the
  work is remote, 0.6 in the FA-region of a preferred kommun, 0.3 in its län, else 0 (no
  preferred kommun: 1). Period is 1 when the period overlaps the availability (or either is
  unknown), else 0. Type is 1 for a preferred type (or no preference), else 0.2.

``score = 2ab / (a + b)`` (0 when either is 0), between 0 and 1.

Examples (asserted in tests/matchning/test_scoring.py): a student with 4 of 5 required skills
gets the reason ``"täcker 4 av 5 krav; saknas: Svetsning"``; a student with all required skills
in a preferred kommun scores 1.0 when the opportunity has no desirable skills.

:class:`OpportunityIndex` holds the opportunities as sparse skill matrices (integer skill ids)
and arrays, so ranking all of them for one student is a handful of vector operations; reasons
are written only for the opportunities returned. :meth:`OpportunityIndex.rank` also suggests
**neighbouring occupations**: opportunities outside the top list in the same SSYK-3 group as a
top match but another SSYK-4 group, or sharing skills with the student in another group (the
Platsbanken trial found broadening recommendations help most).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext
from scipy import sparse

__all__ = ["OpportunityIndex", "OpportunityRecord", "Ranking", "ScoredOpportunity", "StudentRecord", "score_pair"]

W_REQUIRED, W_DESIRABLE = 0.7, 0.3
W_PLACE, W_PERIOD, W_KIND = 0.5, 0.25, 0.25
PLACE_FA, PLACE_LAN = 0.6, 0.3
OTHER_KIND = 0.2
NO_SKILLS = 0.5
MAX_MISSING_NAMED = 3


@dataclass(frozen=True)
class OpportunityRecord:
    id: int
    kind: str
    required: tuple[str, ...] = ()
    desirable: tuple[str, ...] = ()
    ssyk: str = ""
    kommun: str = ""
    fa_region: str = ""
    lan: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    remote: bool = False


@dataclass(frozen=True)
class StudentRecord:
    skills: frozenset[str] = frozenset()
    kommuner: frozenset[str] = frozenset()
    fa_regions: frozenset[str] = frozenset()
    lans: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    available_from: dt.date | None = None
    available_to: dt.date | None = None
    kommun_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoredOpportunity:
    id: int
    score: float
    skill_fit: float
    preference_fit: float
    required_covered: int
    required_total: int
    desirable_covered: int
    desirable_total: int
    missing: tuple[str, ...]
    reasons: tuple[str, ...]
    neighbour: bool = False


@dataclass(frozen=True)
class Ranking:
    matches: list[ScoredOpportunity]
    neighbours: list[ScoredOpportunity]


# ------------------------------------------------------------------ one pair (reference version)


def _skill_fit(req_cov: int, req_n: int, des_cov: int, des_n: int) -> float:
    w_r = W_REQUIRED if req_n else 0.0
    w_d = W_DESIRABLE if des_n else 0.0
    if not w_r and not w_d:
        return NO_SKILLS
    value = (w_r * (req_cov / req_n if req_n else 0.0) + w_d * (des_cov / des_n if des_n else 0.0)) / (w_r + w_d)
    return value


def _place(student: StudentRecord, opp: OpportunityRecord) -> float:
    if not student.kommuner or opp.remote or opp.kommun in student.kommuner:
        return 1.0
    if opp.fa_region and opp.fa_region in student.fa_regions:
        return PLACE_FA
    if opp.lan and opp.lan in student.lans:
        return PLACE_LAN
    return 0.0


def _period(student: StudentRecord, opp: OpportunityRecord) -> float:
    start = opp.period_start or dt.date.min
    end = opp.period_end or dt.date.max
    a_from = student.available_from or dt.date.min
    a_to = student.available_to or dt.date.max
    return 1.0 if start <= a_to and a_from <= end else 0.0


def _harmonic(a: float, b: float) -> float:
    return 0.0 if a <= 0 or b <= 0 else 2 * a * b / (a + b)


def score_pair(
    student: StudentRecord, opp: OpportunityRecord, labels: Mapping[str, str] | None = None
) -> ScoredOpportunity:
    """Score one pair, with reasons (the definition :class:`OpportunityIndex` vectorises)."""
    req_cov = sum(1 for s in set(opp.required) if s in student.skills)
    des_cov = sum(1 for s in set(opp.desirable) if s in student.skills)
    req_n, des_n = len(set(opp.required)), len(set(opp.desirable))
    skill = _skill_fit(req_cov, req_n, des_cov, des_n)
    place, period = _place(student, opp), _period(student, opp)
    kind = 1.0 if not student.kinds or opp.kind in student.kinds else OTHER_KIND
    pref = W_PLACE * place + W_PERIOD * period + W_KIND * kind
    return _scored(student, opp, labels or {}, _harmonic(skill, pref), skill, pref, place, period, kind)


def _scored(student, opp, labels, score, skill, pref, place, period, kind, neighbour=False) -> ScoredOpportunity:
    required = list(dict.fromkeys(opp.required))
    desirable = list(dict.fromkeys(opp.desirable))
    missing = tuple(labels.get(s, s) for s in required if s not in student.skills)
    req_cov = len(required) - len(missing)
    des_cov = sum(1 for s in desirable if s in student.skills)
    reasons: list[str] = []
    if required:
        counts = {"covered": req_cov, "count": len(required)}
        if missing:
            named = ", ".join(missing[:MAX_MISSING_NAMED]) + (" …" if len(missing) > MAX_MISSING_NAMED else "")
            text = gettext("täcker %(covered)s av %(count)s krav; saknas: %(named)s") % {**counts, "named": named}
        else:
            text = gettext("täcker %(covered)s av %(count)s krav") % counts
        reasons.append(text)
    if desirable:
        reasons.append(gettext("%(covered)s av %(count)s meriterande") % {"covered": des_cov, "count": len(desirable)})
    if not required and not desirable:
        reasons.append(gettext("inga kompetenser angivna"))
    if opp.remote:
        reasons.append(gettext("på distans"))
    elif place == 1.0 and student.kommuner:
        reasons.append(
            gettext("i önskad kommun %(kommun)s") % {"kommun": student.kommun_names.get(opp.kommun, opp.kommun)}
        )
    elif place == PLACE_FA:
        reasons.append(gettext("i samma arbetsmarknadsregion som en önskad kommun"))
    elif place == PLACE_LAN:
        reasons.append(gettext("i samma län som en önskad kommun"))
    elif student.kommuner:
        reasons.append(gettext("utanför dina önskade orter"))
    reasons.append(gettext("perioden passar") if period else gettext("perioden passar inte din tillgänglighet"))
    if student.kinds:
        reasons.append(gettext("önskad typ") if kind == 1.0 else gettext("annan typ än du önskat"))
    return ScoredOpportunity(
        id=opp.id,
        score=float(np.round(score, 4)),
        skill_fit=float(np.round(skill, 4)),
        preference_fit=float(np.round(pref, 4)),
        required_covered=req_cov,
        required_total=len(required),
        desirable_covered=des_cov,
        desirable_total=len(desirable),
        missing=missing,
        reasons=tuple(reasons),
        neighbour=neighbour,
    )


# ------------------------------------------------------------------ all opportunities at once


def _codes(values: Sequence[str]) -> tuple[np.ndarray, dict[str, int]]:
    vocab: dict[str, int] = {}
    out = np.empty(len(values), dtype=np.int32)
    for i, v in enumerate(values):
        out[i] = vocab.setdefault(v, len(vocab)) if v else -1
    return out, vocab


_MIN, _MAX = dt.date.min.toordinal(), dt.date.max.toordinal()


class OpportunityIndex:
    """Precomputed arrays of many opportunities; :meth:`rank` scores them all for one student."""

    def __init__(self, records: Sequence[OpportunityRecord], labels: Mapping[str, str] | None = None) -> None:
        self.records = list(records)
        self.labels = dict(labels or {})
        self.skill_ids: dict[str, int] = {}
        req = self._coordinates([r.required for r in self.records])
        des = self._coordinates([r.desirable for r in self.records])
        self.required, self.desirable = self._matrix(req), self._matrix(des)
        self.req_n = np.asarray(self.required.sum(axis=1)).ravel()
        self.des_n = np.asarray(self.desirable.sum(axis=1)).ravel()
        self.kind, self.kinds = _codes([r.kind for r in self.records])
        self.kommun, self.kommuner = _codes([r.kommun for r in self.records])
        self.fa, self.fas = _codes([r.fa_region for r in self.records])
        self.lan, self.lans = _codes([r.lan for r in self.records])
        self.ssyk4, _ = _codes([r.ssyk for r in self.records])
        self.ssyk3, self.ssyk3s = _codes([r.ssyk[:3] for r in self.records])
        self.remote = np.array([r.remote for r in self.records], dtype=bool)
        self.start = np.array(
            [r.period_start.toordinal() if r.period_start else _MIN for r in self.records], dtype=np.int64
        )
        self.end = np.array([r.period_end.toordinal() if r.period_end else _MAX for r in self.records], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.records)

    def _coordinates(self, lists: Sequence[Iterable[str]]) -> tuple[list[int], list[int]]:
        rows: list[int] = []
        cols: list[int] = []
        for i, skills in enumerate(lists):
            for s in dict.fromkeys(skills):
                rows.append(i)
                cols.append(self.skill_ids.setdefault(s, len(self.skill_ids)))
        return rows, cols

    def _matrix(self, coordinates: tuple[list[int], list[int]]) -> sparse.csr_matrix:
        rows, cols = coordinates
        shape = (len(self.records), max(len(self.skill_ids), 1))
        return sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=shape)

    def _student_vector(self, skills: Iterable[str]) -> np.ndarray:
        x = np.zeros(self.required.shape[1], dtype=np.float64)
        for s in skills:
            j = self.skill_ids.get(s)
            if j is not None:
                x[j] = 1.0
        return x

    def scores(self, student: StudentRecord) -> tuple[np.ndarray, ...]:
        """(score, skill fit, preference fit, place, period, kind) for every opportunity."""
        x = self._student_vector(student.skills)
        req_cov = self.required @ x
        des_cov = self.desirable @ x
        w_r = np.where(self.req_n > 0, W_REQUIRED, 0.0)
        w_d = np.where(self.des_n > 0, W_DESIRABLE, 0.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            num = w_r * np.where(self.req_n > 0, req_cov / np.maximum(self.req_n, 1), 0) + w_d * np.where(
                self.des_n > 0, des_cov / np.maximum(self.des_n, 1), 0
            )
            skill = np.where(w_r + w_d > 0, num / np.maximum(w_r + w_d, 1e-9), NO_SKILLS)
        if student.kommuner:
            wanted = [self.kommuner[k] for k in student.kommuner if k in self.kommuner]
            fas = [self.fas[f] for f in student.fa_regions if f in self.fas]
            lans = [self.lans[x_] for x_ in student.lans if x_ in self.lans]
            place = np.where(
                self.remote | np.isin(self.kommun, wanted),
                1.0,
                np.where(
                    np.isin(self.fa, fas) & (self.fa >= 0),
                    PLACE_FA,
                    np.where(np.isin(self.lan, lans) & (self.lan >= 0), PLACE_LAN, 0.0),
                ),
            )
        else:
            place = np.ones(len(self.records))
        a_from = student.available_from.toordinal() if student.available_from else _MIN
        a_to = student.available_to.toordinal() if student.available_to else _MAX
        period = ((self.start <= a_to) & (a_from <= self.end)).astype(float)
        if student.kinds:
            kind = np.where(
                np.isin(self.kind, [self.kinds[k] for k in student.kinds if k in self.kinds]), 1.0, OTHER_KIND
            )
        else:
            kind = np.ones(len(self.records))
        pref = W_PLACE * place + W_PERIOD * period + W_KIND * kind
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where((skill > 0) & (pref > 0), 2 * skill * pref / (skill + pref), 0.0)
        score = np.round(score, 4)  # as shown; equal shown scores are ordered by position
        return score, skill, pref, place, period, kind, req_cov

    def rank(self, student: StudentRecord, *, top: int = 20, neighbours: int = 5) -> Ranking:
        """The ``top`` best opportunities with reasons, plus neighbouring-occupation suggestions."""
        if not self.records:
            return Ranking([], [])
        score, skill, pref, place, period, kind, req_cov = self.scores(student)
        order = np.lexsort((np.arange(len(score)), -score))  # best first, ties by position (stable)
        best = [i for i in order[:top] if score[i] > 0]
        matches = [self._result(student, i, score, skill, pref, place, period, kind) for i in best]
        if not neighbours or not best:
            return Ranking(matches, [])
        top3 = {int(self.ssyk3[i]) for i in best[:5] if self.ssyk3[i] >= 0}
        top4 = {int(self.ssyk4[i]) for i in best[:5] if self.ssyk4[i] >= 0}
        shared = (req_cov + self.desirable @ self._student_vector(student.skills)) > 0
        candidate = (score > 0) & ~np.isin(self.ssyk4, list(top4)) & (np.isin(self.ssyk3, list(top3)) | shared)
        candidate[best] = False
        picks = [i for i in order if candidate[i]][:neighbours]
        return Ranking(
            matches, [self._result(student, i, score, skill, pref, place, period, kind, True) for i in picks]
        )

    def _result(self, student, i, score, skill, pref, place, period, kind, neighbour=False) -> ScoredOpportunity:
        result = _scored(
            student, self.records[i], self.labels, score[i], skill[i], pref[i], place[i], period[i], kind[i], neighbour
        )
        if neighbour:
            code = self.records[i].ssyk
            note = gettext("närliggande yrke (SSYK %(code)s)") % {"code": code} if code else gettext("närliggande yrke")
            result = ScoredOpportunity(**{**result.__dict__, "reasons": (note, *result.reasons)})
        return result
