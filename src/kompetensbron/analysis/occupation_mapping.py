"""Courses and programmes → SSYK-4 occupation groups, each link with provenance (no Django).

A suggestion says where it came from and how strong it is:

* ``official_ssyk_sun`` — the official SSYK 2012 ↔ SUN 2020 table (``ssyk-sun`` in the
  snapshot) links the programme's SUN field to the group. Authoritative but sparse
  (64 pairs); score 1.0, always ranked first. Courses carry no SUN field, so only
  :meth:`OccupationMapper.map_programme` produces these.
* ``skill_overlap`` — computed from the learning outcomes, title and subject:

  - *skill score* ``s``: how much of the course's skills (extracted from title + outcomes
    by the skill extractor) the occupation profile holds: ``Σ_matched idf² · o`` divided
    by ``max(Σ_course idf², MIN_SKILL_MASS · median(idf)²)``, where ``o`` counts a profile
    skill ``min(1, log2(1 + weight))`` (1 for one mention; see
    :mod:`.occupation_profiles`). Coverage rather than cosine, because profiles hold 0–10
    skills and a cosine favours the groups with the fewest; the floor of the denominator
    (the IDF² mass of :data:`MIN_SKILL_MASS` median skills) keeps one generic skill
    ("Forskning") from making a full match;
  - *text score* ``t``: TF-IDF cosine (sublinear tf, L2) of the course text (title twice,
    subject, outcomes) and the profile text (label, definition, occupation-names), over
    the lexicon's base forms and compound parts.

  IDF (text terms and skills) is fitted on the occupation profiles *plus* a background of
  course texts (all syllabi in the CLI and bench), so syllabus boilerplate ("studenten",
  "redogöra", "analysera") weighs little. Both cosines lie in [0, 1] (non-negative
  vectors); the score is ``SKILL_WEIGHT·s + TEXT_WEIGHT·t``, also in [0, 1]. It is a
  similarity, **not** a probability: on the MIUN syllabi the top-1 score is 0.05 / 0.12 /
  0.21 at the 10th / 50th / 90th percentile (``bench/RESULTS.md``); compare scores within a course, not as a
  confidence.

``manual`` links (a person's link with a reason) are made in the education app; this
module never produces them. Evidence of each suggestion: matched skills with labels, the
terms that contributed most to the text score, and the two component scores.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np

from kompetensbron.provenance import LinkProvenance

from .occupation_profiles import OccupationProfiles, SkillSource, TermAnalyzer, index_terms, simple_terms

__all__ = [
    "PROVENANCES",
    "MIN_SKILL_MASS",
    "SKILL_WEIGHT",
    "TEXT_WEIGHT",
    "TSV_HEADER",
    "CourseMapping",
    "CourseText",
    "LinkEvidence",
    "MatchedSkill",
    "OccupationMapper",
    "OccupationSuggestion",
    "course_text",
    "read_syllabus_texts",
    "write_mapping_tsv",
]

PROVENANCES: tuple[LinkProvenance, ...] = tuple(LinkProvenance)
SKILL_WEIGHT = 0.4
MIN_SKILL_MASS = 2.0
TEXT_WEIGHT = 0.6
TSV_HEADER = ("course_code", "rank", "ssyk", "score", "provenance")


@dataclass(frozen=True, slots=True)
class CourseText:
    """What the mapping reads of a course (or of a programme, as one text)."""

    code: str
    title: str
    subject: str = ""
    outcomes: tuple[str, ...] = ()
    level: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.outcomes, tuple):  # accept a list, stay hashable
            object.__setattr__(self, "outcomes", tuple(self.outcomes))

    @property
    def document(self) -> str:
        """Text for TF-IDF: title twice (it names the field), subject, outcomes."""
        return "\n".join((self.title, self.title, self.subject, *self.outcomes))

    @property
    def skill_text(self) -> str:
        """Text the skill extractor reads: title and learning outcomes."""
        return "\n".join((self.title, *self.outcomes))


@dataclass(frozen=True, slots=True)
class MatchedSkill:
    skill_id: str
    label: str
    weight: float  # contribution to the skill score


@dataclass(frozen=True, slots=True)
class LinkEvidence:
    """Why a link was suggested."""

    skill_score: float = 0.0
    text_score: float = 0.0
    matched_skills: tuple[MatchedSkill, ...] = ()
    top_terms: tuple[str, ...] = ()
    sun_field: str | None = None
    source: str = ""

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "skill_score": round(self.skill_score, 4),
            "text_score": round(self.text_score, 4),
            "matched_skills": [
                {"id": m.skill_id, "label": m.label, "weight": round(m.weight, 4)} for m in self.matched_skills
            ],
            "top_terms": list(self.top_terms),
        }
        if self.sun_field:
            out["sun_field"] = self.sun_field
        if self.source:
            out["source"] = self.source
        return out


@dataclass(frozen=True, slots=True)
class OccupationSuggestion:
    ssyk: str
    label: str
    rank: int
    score: float
    provenance: LinkProvenance
    evidence: LinkEvidence = field(default_factory=LinkEvidence)


@dataclass(frozen=True, slots=True)
class CourseMapping:
    """Suggested groups of one course or programme, best first (rank 1..k)."""

    code: str
    suggestions: tuple[OccupationSuggestion, ...]


@dataclass(frozen=True, slots=True)
class _Features:
    skills: dict[str, str]  # skill id → label, in text order
    text: Any  # 1 × V sparse TF-IDF row


class OccupationMapper:
    """Load once with :meth:`create`; call :meth:`map_courses` / :meth:`map_programme`."""

    def __init__(
        self,
        profiles: OccupationProfiles,
        extractor: SkillSource,
        *,
        analyzer: TermAnalyzer = simple_terms,
        ssyk_sun: Iterable[Any] = (),
        background: Sequence[CourseText] = (),
        skill_weight: float = SKILL_WEIGHT,
        text_weight: float = TEXT_WEIGHT,
    ) -> None:
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.profiles = profiles
        self.extractor = extractor
        self.skill_weight, self.text_weight = skill_weight, text_weight
        self.codes = profiles.codes
        self.labels = [p.label for p in profiles.profiles]
        self._official: dict[str, list[str]] = {}
        for pair in ssyk_sun:
            self._official.setdefault(pair.sun_field_code, []).append(pair.ssyk_code)
        self._skill_cache: dict[str, dict[str, str]] = {}
        background_skills = [self._course_skills(c) for c in background]
        # Text: TF-IDF fitted on profiles + background courses.
        self._terms_cache: dict[str, list[str]] = {}
        terms = index_terms(analyzer)

        def cached_terms(text: str) -> list[str]:  # fit and transform read each text once
            found = self._terms_cache.get(text)
            if found is None:
                found = self._terms_cache[text] = terms(text)
            return found

        self.vectorizer = TfidfVectorizer(analyzer=cached_terms, sublinear_tf=True, norm="l2", dtype=np.float32)
        docs = [p.text for p in profiles.profiles]
        self.vectorizer.fit(docs + [c.document for c in background])
        self.terms = self.vectorizer.get_feature_names_out()
        self.occupation_text = self.vectorizer.transform(docs).tocsr()
        # Skills: IDF over profiles + background skill sets.
        vocab: dict[str, int] = {}
        for p in profiles.profiles:
            for s in p.skills:
                vocab.setdefault(s.skill_id, len(vocab))
        df = np.zeros(len(vocab))
        for p in profiles.profiles:
            df[[vocab[s.skill_id] for s in p.skills]] += 1
        for skills in background_skills:
            idx = [vocab[s] for s in skills if s in vocab]
            df[idx] += 1
        n_docs = len(profiles) + len(background)
        self.skill_vocab = vocab
        self.skill_idf = np.log((1 + n_docs) / (1 + df)) + 1.0
        self.min_skill_mass = MIN_SKILL_MASS * float(np.median(self.skill_idf)) ** 2 if len(vocab) else 1.0
        rows, cols, vals = [], [], []
        for i, p in enumerate(profiles.profiles):
            for s in p.skills:
                j = vocab[s.skill_id]
                rows.append(i)
                cols.append(j)
                vals.append(min(1.0, math.log2(1.0 + s.weight)))
        self.occupation_skills = sparse.csr_matrix(
            (vals, (rows, cols)), shape=(len(profiles), len(vocab)), dtype=np.float64
        )

    @classmethod
    def create(
        cls,
        snapshot: Any,
        extractor: SkillSource,
        *,
        analyzer: TermAnalyzer | None = None,
        background: Sequence[CourseText] = (),
        ad_skills: Any = None,
        esco: Any = None,
    ) -> OccupationMapper:
        """Profiles of ``snapshot`` (with ESCO skill profiles ``{ssyk: EscoGroupProfile}`` when
        given, see :func:`.esco_profiles.load_esco_profiles`) + the official SSYK↔SUN table;
        analyser = the extractor's lexicon."""
        from .occupation_profiles import build_occupation_profiles

        if analyzer is None:
            lexicon = getattr(extractor, "lexicon", None)
            analyzer = lexicon.normalise if lexicon is not None else simple_terms
        profiles = build_occupation_profiles(snapshot, extractor, ad_skills=ad_skills, esco=esco)
        return cls(
            profiles, extractor, analyzer=analyzer, ssyk_sun=getattr(snapshot, "ssyk_sun", ()), background=background
        )

    # ------------------------------------------------------------------ features
    def _course_skills(self, course: CourseText) -> dict[str, str]:
        text = course.skill_text
        cached = self._skill_cache.get(text)
        if cached is None:
            cached = {}
            for m in self.extractor.extract(text):
                if m.skill_id:
                    cached.setdefault(m.skill_id, m.label)
            self._skill_cache[text] = cached
        return cached

    def score_matrix(self, courses: Sequence[CourseText]) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any, Any]:
        """(combined, skill, text) course × occupation scores, and the two course matrices."""
        from scipy import sparse

        text = self.vectorizer.transform([c.document for c in courses]).tocsr()
        rows, cols, vals = [], [], []
        for i, course in enumerate(courses):
            for sid in self._course_skills(course):
                j = self.skill_vocab.get(sid)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
                    vals.append(self.skill_idf[j] ** 2)
        skills = sparse.csr_matrix((vals, (rows, cols)), shape=(len(courses), len(self.skill_vocab)), dtype=np.float64)
        mass = np.maximum(np.asarray(skills.sum(axis=1)).ravel(), self.min_skill_mass)
        skills = (sparse.diags(1.0 / mass) @ skills).tocsr()  # each course's skill shares
        skill_scores = np.asarray((skills @ self.occupation_skills.T).todense())
        text_scores = np.asarray((text @ self.occupation_text.T).todense(), dtype=np.float64)
        combined = self.skill_weight * skill_scores + self.text_weight * text_scores
        return combined, skill_scores, text_scores, skills, text

    # ------------------------------------------------------------------ mapping
    def map_courses(
        self,
        courses: Sequence[CourseText],
        *,
        top: int = 5,
        batch_size: int = 512,
        progress: Callable[[int], None] | None = None,
    ) -> list[CourseMapping]:
        """The ``top`` suggested groups of every course, best first (provenance ``skill_overlap``)."""
        out: list[CourseMapping] = []
        for start in range(0, len(courses), batch_size):
            batch = courses[start : start + batch_size]
            combined, skill_s, text_s, skills, text = self.score_matrix(batch)
            k = min(top, combined.shape[1])
            best = np.argpartition(-combined, k - 1, axis=1)[:, :k] if k else np.zeros((len(batch), 0), int)
            for i, course in enumerate(batch):
                order = sorted(best[i], key=lambda j: (-combined[i, j], self.codes[j]))
                out.append(
                    CourseMapping(
                        course.code,
                        tuple(
                            self._suggestion(course, i, j, rank, combined, skill_s, text_s, text)
                            for rank, j in enumerate(order, start=1)
                        ),
                    )
                )
            if progress:
                progress(len(batch))
        return out

    def map_programme(
        self, sun_field_code: str | None, course_texts: Sequence[CourseText], *, code: str = "", top: int = 5
    ) -> CourseMapping:
        """Official SSYK↔SUN links of the programme's SUN field first (score 1.0), then the
        best ``skill_overlap`` groups of its courses read as one text, up to ``top``."""
        official = self.official_groups(sun_field_code) if sun_field_code else []
        index = {c: i for i, c in enumerate(self.codes)}
        suggestions: list[OccupationSuggestion] = []
        for ssyk in official[:top]:
            label = self.labels[index[ssyk]] if ssyk in index else ssyk
            evidence = LinkEvidence(sun_field=sun_field_code, source="SSYK 2012 ↔ SUN 2020 (ssyk-sun)")
            suggestions.append(
                OccupationSuggestion(ssyk, label, len(suggestions) + 1, 1.0, LinkProvenance.OFFICIAL, evidence)
            )
        if len(suggestions) < top and course_texts:
            merged = CourseText(
                code or "programme",
                " ".join(c.title for c in course_texts),
                " ".join(dict.fromkeys(c.subject for c in course_texts if c.subject)),
                tuple(o for c in course_texts for o in c.outcomes),
            )
            taken = {s.ssyk for s in suggestions}
            (mapping,) = self.map_courses([merged], top=top + len(taken))
            for s in mapping.suggestions:
                if s.ssyk not in taken and len(suggestions) < top:
                    suggestions.append(
                        OccupationSuggestion(s.ssyk, s.label, len(suggestions) + 1, s.score, s.provenance, s.evidence)
                    )
        return CourseMapping(code, tuple(suggestions))

    def official_groups(self, sun_field_code: str) -> list[str]:
        """SSYK-4 codes the official table links to a SUN field (a 3-digit code: its fields)."""
        code = sun_field_code.strip().lower()
        keys = [k for k in self._official if k == code or (len(code) < 4 and k.startswith(code))]
        return sorted({s for k in keys for s in self._official[k]})

    def _suggestion(
        self, course: CourseText, i: int, j: int, rank: int, combined: Any, skill_s: Any, text_s: Any, text: Any
    ) -> OccupationSuggestion:
        profile = self.profiles.profiles[j]
        course_skills = self._course_skills(course)
        occ = self.occupation_skills
        row = occ.getrow(j)
        weights = dict(zip(row.indices, row.data))
        matched = []
        idf2 = {
            self.skill_vocab[s]: self.skill_idf[self.skill_vocab[s]] ** 2
            for s in course_skills
            if s in self.skill_vocab
        }
        total = max(sum(idf2.values()), self.min_skill_mass)
        for sid, label in course_skills.items():
            col = self.skill_vocab.get(sid)
            if col is not None and col in weights:
                matched.append(MatchedSkill(sid, label, float(weights[col] * idf2[col] / total)))
        matched.sort(key=lambda m: -m.weight)
        course_row = text.getrow(i)
        occ_row = self.occupation_text.getrow(j)
        shared = dict(zip(occ_row.indices, occ_row.data))
        contributions = [(v * shared[t], t) for t, v in zip(course_row.indices, course_row.data) if t in shared]
        contributions.sort(reverse=True)
        terms = tuple(str(self.terms[t]) for _, t in contributions[:5])
        evidence = LinkEvidence(float(skill_s[i, j]), float(text_s[i, j]), tuple(matched[:10]), terms)
        return OccupationSuggestion(
            profile.ssyk, profile.label, rank, float(combined[i, j]), LinkProvenance.SKILL_OVERLAP, evidence
        )


def write_mapping_tsv(mappings: Iterable[CourseMapping], out: IO[str]) -> int:
    """TSV ``course_code rank ssyk score provenance`` (header first); returns rows written."""
    out.write("\t".join(TSV_HEADER) + "\n")
    n = 0
    for mapping in mappings:
        for s in mapping.suggestions:
            out.write(f"{mapping.code}\t{s.rank}\t{s.ssyk}\t{s.score:.4f}\t{s.provenance}\n")
            n += 1
    return n


def read_syllabus_texts(path: Path) -> list[CourseText]:
    """Course texts straight from a syllabi JSON Lines file (the MIUN export's keys).

    Reads only what the mapping needs (``Kurskod``, ``KursplanBenamning``,
    ``AmneBeskrivning``, ``ilos`` else ``UtbildningMal``, ``NivaForkortning``), so it maps
    every line the export has; :mod:`kompetensbron.sources.syllabi` is the validating
    reader the education app imports with. A later line with the same code replaces an
    earlier one.
    """
    from kompetensbron.errors import DataFileMalformed, DataFileMissing

    path = Path(path)
    if not path.is_file():
        raise DataFileMissing("no such syllabi file", path=path)
    out: dict[str, CourseText] = {}
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                code = str(row["Kurskod"]).strip()
            except (ValueError, KeyError, TypeError) as exc:
                raise DataFileMalformed(f"not a syllabus record: {exc}", path=path, line=number) from exc
            out[code] = course_text(
                code,
                str(row.get("KursplanBenamning") or ""),
                str(row.get("AmneBeskrivning") or ""),
                row.get("ilos") or (),
                str(row.get("UtbildningMal") or ""),
                str(row.get("NivaForkortning") or ""),
            )
    return list(out.values())


def course_text(
    code: str, title: str, subject: str, ilos: Sequence[str], learning_outcomes: str = "", level: str = ""
) -> CourseText:
    """A :class:`CourseText` from syllabus fields: the ILO list, else the outcomes text."""
    outcomes = tuple(str(x) for x in ilos or () if x) or ((learning_outcomes,) if learning_outcomes else ())
    return CourseText(code, title or "", subject or "", outcomes, level or "")
