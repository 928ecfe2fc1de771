"""Swedish/English text → JobTech and ESCO skills, with the matched span.

An Aho–Corasick automaton (``pyahocorasick``) over the surface keys of
:mod:`.skill_gazetteer` runs on :func:`~.swedish_text.match_form` of the text (same length
as the text, so spans are exact). A key matches only at the start of a word; the rest of the
word decides (rules by example, asserted in the tests):

* nothing left, or an inflection ending: ``"projektledningen"`` → projektledning;
* a compound tail the lexicon knows: ``"projektledningserfarenhet"`` → projektledning;
* keys ending in a vowel also match their other forms: ``"sjuksköterskor"`` (key
  ``sjukskoterska``);
* agent noun ↔ action noun (``-ning`` ↔ ``-are``, stems of 6+ letters):
  ``"projektledare"`` → projektledning;
* a word no key starts is tried as a compound whose last part is a one-word key:
  ``"barnsjukvård"`` → sjukvård (source ``"compound"``).

Overlapping matches keep the longest, then the leftmost:
``"erfarenhet av projektledning och budgetansvar"`` → projektledning, budgetansvar.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .skill_gazetteer import Surface, generic_surfaces, skill_surfaces
from .swedish_text import SwedishLexicon, match_form

__all__ = ["SkillMatch", "SkillExtractor"]

#: Endings a word may have after a full key (inflection, genitive).
_AFTER_KEY = frozenset("en et er ar or na n t s ns ens ets ers ars ors ena erna arna orna ernas arnas ornas".split())
#: Endings after a key whose final vowel was dropped ("sjukskotersk" + "or").
_AFTER_STEM = frozenset("a an ans or orna ornas ors e en ena ens ar arna er erna".split())
#: Endings after the stem of a ``-ning`` key ("projektled" + "are").
_AGENT = frozenset("ning ningen ningar ningarna nings are aren arna ares ande".split())
_MIN_AGENT_STEM = 6
_KEY, _STEM, _AGENT_STEM = 0, 1, 2  # how an automaton key relates to its surface
_LONG_WORD = re.compile(r"(?<![a-z0-9+#])[a-z]{8,}(?![a-z0-9+#])")


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """A skill found in a text; ``text == original[start:end]``."""

    concept_id: str | None
    esco_uri: str | None
    label: str
    start: int
    end: int
    text: str
    source: str  # "jobtech" | "esco" | "compound"

    @property
    def skill_id(self) -> str:
        """The JobTech concept id, else the ESCO URI."""
        return self.concept_id or self.esco_uri or ""


class SkillExtractor:
    """Build with :meth:`build`; call :meth:`extract`. Picklable (the automaton is rebuilt)."""

    def __init__(self, surfaces: Sequence[Surface], lexicon: SwedishLexicon, *, generic: Iterable[str] = ()) -> None:
        self.generic = frozenset(generic)
        self.surfaces = [s for s in surfaces if s.key not in self.generic]
        self.lexicon = lexicon
        self._automaton: Any = None
        self._single: dict[str, int] = {}
        self._tail_cache: dict[str, bool] = {}
        self._head_cache: dict[str, int | None] = {}
        self._ids: list[str] | None = None

    @classmethod
    def build(
        cls,
        snapshot: Any,
        lexicon: SwedishLexicon,
        *,
        background: Sequence[Sequence[str]] = (),
        exclude_esco: Iterable[str] = (),
        max_document_share: float = 0.05,
    ) -> SkillExtractor:
        """Gazetteer of the snapshot's skills minus generic surfaces (``background``: corpora)."""
        surfaces = skill_surfaces(snapshot, exclude_esco=exclude_esco)
        probe = cls(surfaces, lexicon)
        generic = generic_surfaces(
            surfaces,
            background,
            esco_labels=[e.label_sv for e in snapshot.esco_skills],
            stopwords=lexicon.stopwords,
            max_document_share=max_document_share,
            count_documents=probe.count_documents,
        )
        return cls(surfaces, lexicon, generic=generic)

    def __getstate__(self) -> dict[str, Any]:
        return {"generic": self.generic, "surfaces": self.surfaces, "lexicon": self.lexicon}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.generic = state["generic"]
        self.surfaces = state["surfaces"]
        self.lexicon = state["lexicon"]
        self._automaton = None
        self._single = {}
        self._tail_cache = {}
        self._head_cache = {}
        self._ids = None

    # ------------------------------------------------------------------ automaton
    def _ensure(self) -> Any:
        if self._automaton is not None:
            return self._automaton
        import ahocorasick

        entries: dict[str, list[tuple[int, int, bool]]] = {}
        for index, s in enumerate(self.surfaces):
            entries.setdefault(" " + s.key, []).append((index, _KEY, s.acronym))
            last = s.key.rsplit(" ", 1)[-1]
            if s.key[-1] in "ae" and len(last) >= 5:
                entries.setdefault(" " + s.key[:-1], []).append((index, _STEM, s.acronym))
            if s.key.endswith("ning") and len(last) - 4 >= _MIN_AGENT_STEM:
                entries.setdefault(" " + s.key[:-4], []).append((index, _AGENT_STEM, s.acronym))
            if " " not in s.key and len(s.key) >= 5 and not s.acronym:
                self._single.setdefault(s.key, index)
        automaton = ahocorasick.Automaton()
        for key, value in entries.items():
            automaton.add_word(key, (len(key), tuple(value)))
        automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def _compound_tail(self, rest: str) -> bool:
        cached = self._tail_cache.get(rest)
        if cached is None:
            lex = self.lexicon
            tail = rest[1:] if rest[:1] == "s" and len(rest) > 4 else rest
            cached = len(tail) >= 4 and (tail in lex.words or len(lex.split(tail)) > 1 or lex.lemma(tail) in lex.words)
            self._tail_cache[rest] = cached
        return cached

    # ------------------------------------------------------------------ matching
    def _candidates(self, text: str, form: str) -> list[tuple[int, int, int]]:
        """(start, end, surface index) of every acceptable key match."""
        automaton = self._ensure()
        padded = " " + form
        n = len(padded)
        found = []
        for end_index, (length, values) in automaton.iter(padded):
            end = end_index + 1
            word_end = padded.find(" ", end)
            if word_end < 0:
                word_end = n
            rest = padded[end:word_end] if word_end > end else ""
            for index, kind, acronym in values:
                if kind == _KEY:
                    if not rest or rest in _AFTER_KEY:
                        span_end = word_end
                    elif self._compound_tail(rest):
                        span_end = end
                    else:
                        continue
                elif rest in (_AFTER_STEM if kind == _STEM else _AGENT):
                    span_end = word_end
                else:
                    continue
                start = end - length  # text coordinates: padded index of the word start - 1
                if acronym and not text[start : span_end - 1].isupper():
                    continue
                found.append((start, span_end - 1, index))
        return found

    def _resolve(self, text: str) -> list[tuple[int, int, int, str]]:
        """Non-overlapping (start, end, surface index, source), in text order."""
        form = match_form(text)
        found = self._candidates(text, form)
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        taken = bytearray(len(text))
        chosen = []
        for start, end, index in found:
            if taken.find(1, start, end) >= 0:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, index, self.surfaces[index].source))
        if self._single:
            chosen.extend(self._compound_matches(form, taken))
        chosen.sort()
        return chosen

    def extract(self, text: str) -> list[SkillMatch]:
        """Skills in ``text``, in text order, overlapping matches resolved (see module)."""
        if not text:
            return []
        out = []
        for start, end, index, source in self._resolve(text):
            surface = self.surfaces[index]
            out.append(
                SkillMatch(surface.concept_id, surface.esco_uri, surface.label, start, end, text[start:end], source)
            )
        return out

    def _compound_matches(self, form: str, taken: bytearray) -> list[tuple[int, int, int, str]]:
        out = []
        heads = self._head_cache
        for m in _LONG_WORD.finditer(form):
            word = m.group()
            if word not in heads:
                parts = self.lexicon.split(self.lexicon.lemma(word))
                heads[word] = self._single.get(parts[-1]) if len(parts) > 1 else None
            index = heads[word]
            if index is not None and not taken[m.start()]:
                out.append((m.start(), m.end(), index, "compound"))
        return out

    def skill_ids(self, text: str) -> list[str]:
        """Distinct skill ids (JobTech concept id, else ESCO URI) of ``text``, in text order."""
        if not text:
            return []
        ids = self._ids
        if ids is None:
            ids = self._ids = [s.concept_id or s.esco_uri or "" for s in self.surfaces]
        return list(dict.fromkeys(ids[index] for _, _, index, _ in self._resolve(text)))

    def count_documents(self, keys: Sequence[str], texts: Sequence[str]) -> Counter[str]:
        """How many ``texts`` contain each of ``keys`` (matched as in :meth:`extract`)."""
        wanted = set(keys)
        counts: Counter[str] = Counter()
        for text in texts:
            form = match_form(text)
            seen = {self.surfaces[index].key for _, _, index in self._candidates(text, form)}
            counts.update(seen & wanted)
        return counts
