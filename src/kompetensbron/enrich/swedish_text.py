"""Normalisation of Swedish (and English) occupational text, documented by example.

Two layers:

* Pure functions that need no data: :func:`fold` (lower case + diacritic folding, one
  character for one character so spans map back), :func:`match_form` (folded text with every
  non-word character turned into a space, for gazetteer matching) and :func:`tokenize`.
* :class:`SwedishLexicon`, built from reference vocabulary (occupation-names, skills,
  svensktext titles): lemmas of inflected forms, compound splitting, gendered forms,
  spelling correction and stop words. Everything it knows comes from the data it is built
  from; the rules below only say *how* a word may relate to a known word.

Rules, with the examples the tests assert (lexicon built from the words in the example):

* folding: ``"Sjuksköterska"`` → ``"sjukskoterska"``; ``"sjukskoterska"`` (typed without
  diacritics) folds to the same string, so both spellings meet in the middle.
* lemmas (:meth:`SwedishLexicon.lemma`): an unknown word is tried against the known base
  forms by replacing an inflection ending: ``"sjuksköterskor"``, ``"sjuksköterskan"``,
  ``"sjuksköterskorna"`` → ``"sjukskoterska"``; ``"lärarna"`` → ``"larare"``;
  ``"ingenjörer"`` → ``"ingenjor"``; ``"barnmorskor"`` → ``"barnmorska"``.
* compounds (:meth:`SwedishLexicon.split`): fewest known parts, with the linking forms
  *-s-* (``verksamhets|utvecklare``), *a→u* (``mjukvaru|utvecklare``), *a→e*
  (``barnmorske|studerande``) and a dropped *-a* (``skol|skoterska``):
  ``"barnsjuksköterska"`` → ``["barn", "sjukskoterska"]``;
  ``"mjukvaruutvecklare"`` → ``["mjukvara", "utvecklare"]``.
* gendered forms (:meth:`SwedishLexicon.degender`): a female form maps to its neutral form
  when that form is a known word and the female form is not itself an official label word:
  ``"lärarinna"`` → ``"larare"``, ``"städerska"`` → ``"stadare"``, ``"brandkvinna"`` →
  ``"brandman"``; ``"sjuksköterska"`` stays (it is an official title).
* misspellings (:meth:`SwedishLexicon.correct`): an unknown word of 5+ letters becomes the
  known word within edit distance 1 (2 from 12 letters): ``"sjuksjöterska"`` →
  ``"sjukskoterska"``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from unidecode import unidecode

__all__ = [
    "fold",
    "match_form",
    "Token",
    "tokenize",
    "INFLECTION_ENDINGS",
    "SwedishLexicon",
]


#: the Latin letters folded (Latin-1 Supplement, Latin Extended-A/B, Latin Extended Additional)
_LATIN_LETTERS = (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))


def _build_fold_table() -> dict[int, str]:
    """Each Latin letter → the first letter of its Unidecode transliteration, lower case.

    Unidecode decides (å → a, ø → o, æ → a(e), ß → s(s), þ → t(h), ł → l); only the first letter
    is kept so that a folded text is as long as the original and spans found in it map back.
    Other scripts, digits and symbols (×, µ) are left as they are.
    """
    table: dict[int, str] = {}
    for code in _LATIN_LETTERS:
        char = chr(code)
        if not char.isalpha():
            continue
        ascii_form = unidecode(char.lower())
        if ascii_form[:1].isascii() and ascii_form[:1].isalpha():
            table[code] = ascii_form[0].lower()
    return table


_FOLD = _build_fold_table()
_NON_WORD = re.compile(r"[^a-z0-9+#]")
_TOKEN = re.compile(r"[a-z0-9]+[+#]*")
#: ASCII bytes → the byte itself for a-z 0-9 + #, else a space (fast path of match_form)
_ASCII_WORD = bytes(c if (97 <= c <= 122 or 48 <= c <= 57 or c in b"+#") else 32 for c in range(256))


def fold(text: str) -> str:
    """The one text folding of the platform: lower case, Latin letters to ASCII by Unidecode
    (first letter of the transliteration), keeping the length of ``text``.

    ``fold("Sjuksköterska")`` → ``"sjukskoterska"``; ``fold("Café-ägare")`` → ``"cafe-agare"``;
    ``fold("Ørsted")`` → ``"orsted"``; ``fold("Straße")`` → ``"strase"``; ``fold("Åre")`` → ``"are"``.
    Search keys (:func:`kompetensbron.reference.search_text.search_key`), the gazetteers
    (:func:`match_form`) and the title look-ups all fold with this function.
    """
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if len(lowered) != len(text):  # a few characters lower-case to two (İ)
        lowered = "".join(c.lower()[:1] for c in text)
    lowered = lowered.replace("ä", "a").replace("å", "a").replace("ö", "o").replace("é", "e")
    return lowered if lowered.isascii() else lowered.translate(_FOLD)


def match_form(text: str) -> str:
    """:func:`fold`, then every character other than ``a-z0-9+#`` becomes a space.

    ``match_form("IT-projektledning, C#")`` → ``"it projektledning  c#"`` (same length).
    """
    folded = fold(text)
    if folded.isascii():
        return folded.encode("ascii").translate(_ASCII_WORD).decode("ascii")
    return _NON_WORD.sub(" ", folded)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the folded text and where it is in the original text."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Words of ``match_form(text)``; hyphens split compounds written with a hyphen.

    ``tokenize("Frontend-utvecklare (C++)")`` → ``frontend``, ``utvecklare``, ``c++``.
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(match_form(text))]


#: Inflection endings of Swedish nouns (folded) and the base-form endings they may replace,
#: longest first: "sjukskoterskorna" = sjukskotersk+orna → +a; "lararna" = larar+na → +e.
INFLECTION_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ornas", ("a",)),
    ("arnas", ("", "e")),
    ("ernas", ("", "e", "er")),
    ("orna", ("a",)),
    ("arna", ("", "e")),
    ("erna", ("", "e", "er")),
    ("ens", ("", "e")),
    ("ans", ("a",)),
    ("ets", ("", "e")),
    ("nas", ("", "e")),
    ("na", ("", "e")),
    ("or", ("a",)),
    ("ar", ("", "e")),
    ("er", ("", "e")),
    ("en", ("", "e")),
    ("et", ("", "e")),
    ("n", ("",)),  # only after a vowel: sjukskoterska+n, larare+n
    ("s", ("",)),  # genitive, stem of 4+ letters
)
#: Endings stripped from a word no known base form explains (unambiguous plural definite).
_FALLBACK_ENDINGS = (("orna", "a"), ("arna", ""), ("erna", ""))
#: Female → neutral endings that are tried; the lexicon keeps those the data confirms.
_GENDER_CANDIDATES = (
    ("kvinna", "man"),
    ("arinna", "are"),
    ("erska", "are"),
    ("inna", ""),
    ("trice", "tor"),
    ("tris", "tor"),
    ("essa", ""),
    ("os", "or"),
    ("ska", ""),
)
_MIN_PART = 3


@dataclass
class SwedishLexicon:
    """Known base forms, stop words and learned gender endings, with cached analyses.

    Build it with :meth:`build`; the instance is picklable (caches are dropped).
    """

    words: frozenset[str]
    forms: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    protected: frozenset[str] = frozenset()
    gender_rules: tuple[tuple[str, str], ...] = ()
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _by_length: dict[Any, list[str]] | None = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------------ construction
    @classmethod
    def build(
        cls,
        base_texts: Iterable[str],
        *,
        other_texts: Iterable[str] = (),
        stopwords: Iterable[str] = (),
        protected_texts: Iterable[str] = (),
        female_titles: Iterable[str] = (),
    ) -> SwedishLexicon:
        """A lexicon whose base forms are the words of ``base_texts``.

        ``other_texts`` (texts with inflected words: group labels, ESCO phrases, definitions)
        add known word forms: they may be compound modifiers and are never "corrected".
        ``protected_texts`` (official labels) are never degendered. ``female_titles`` are
        titles marked female in the data; a gender rule is kept when it turns at least two of
        them into known words (``lärarinna`` → ``lärare``: rule ``arinna → are``).
        """
        stop = frozenset(fold(w) for w in stopwords)
        base_words = {t.text for text in base_texts for t in tokenize(text)}
        words = frozenset(w for w in base_words if len(w) >= 2 and not w.isdigit() and w not in stop)
        other_words = {t.text for text in other_texts for t in tokenize(text)}
        forms = frozenset(w for w in other_words if len(w) >= _MIN_PART and w.isalpha() and w not in stop) | words
        protected = frozenset(t.text for text in protected_texts for t in tokenize(text))
        counts = {rule: 0 for rule in _GENDER_CANDIDATES}
        for title in female_titles:
            word = fold(title)
            for female, neutral in _GENDER_CANDIDATES:
                if word.endswith(female) and word[: -len(female)] + neutral in words:
                    counts[(female, neutral)] += 1
                    break
        rules = tuple(rule for rule in _GENDER_CANDIDATES if counts[rule] >= 2)
        return cls(words=words, forms=forms, stopwords=stop, protected=protected, gender_rules=rules)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cache"] = {}
        state["_by_length"] = None
        return state

    # ------------------------------------------------------------------ word analyses
    def is_word(self, word: str) -> bool:
        return word in self.words

    def lemma(self, word: str) -> str:
        """The known base form of a folded word, else the word (plural definite stripped).

        ``lemma("sjukskoterskorna")`` → ``"sjukskoterska"``; ``lemma("lararna")`` → ``"larare"``.
        """
        key = "l:" + word
        cached = self._cache.get(key)
        if cached is None:
            cached = self._lemma(word)
            self._cache[key] = cached
        return cached

    def _lemma(self, word: str) -> str:
        if word in self.words or len(word) < 4 or not word.isalpha():
            return word
        known = [
            word[: -len(ending)] + base
            for ending, bases in INFLECTION_ENDINGS
            if word.endswith(ending)
            and len(word) - len(ending) >= (2 if len(ending) > 1 else 4)
            and (ending != "n" or word[-2] in "aeiouy")
            for base in bases
            if word[: -len(ending)] + base in self.words
        ]
        if known:  # the longest explanation: "lararna" is larare+na, not lar+arna
            return max(known, key=len)
        for ending, bases in INFLECTION_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 5:
                stem = word[: -len(ending)]
                for base in bases:
                    if len(self.split(stem + base)) > 1:
                        return stem + base
        for ending, base in _FALLBACK_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)] + base
        return word

    def _modifier(self, piece: str) -> str | None:
        """The base form of a non-final compound part, allowing linking forms."""
        known = self.forms or self.words
        if piece in known:
            return piece
        last = piece[-1]
        if last == "s" and len(piece) > _MIN_PART and piece[:-1] in known:
            return piece[:-1]
        if piece + "a" in known:
            return piece + "a"
        if last in "ue" and len(piece) > _MIN_PART and piece[:-1] + "a" in known:
            return piece[:-1] + "a"
        return None

    def split(self, word: str) -> list[str]:
        """Fewest known parts of a compound (base forms), else ``[word]``.

        ``split("barnsjukskoterska")`` → ``["barn", "sjukskoterska"]``.
        """
        key = "s:" + word
        cached = self._cache.get(key)
        if cached is None:
            cached = self._split(word)
            self._cache[key] = cached
        return list(cached)

    def _split(self, word: str) -> tuple[str, ...]:
        n = len(word)
        if n < 2 * _MIN_PART or not word.isalpha():
            return (word,)
        # best[i]: fewest parts covering word[:i] with every part a known modifier
        best: list[tuple[int, tuple[str, ...]] | None] = [None] * (n + 1)
        best[0] = (0, ())
        for i in range(n - _MIN_PART):
            here = best[i]
            if here is None:
                continue
            count, parts = here
            for j in range(i + _MIN_PART, n - _MIN_PART + 1):
                base = self._modifier(word[i:j])
                there = best[j]
                if base is not None and (there is None or there[0] > count + 1):
                    best[j] = (count + 1, parts + (base,))
        options = []
        for i in range(_MIN_PART, n - _MIN_PART + 1):
            head = word[i:]
            covered = best[i]
            if covered is not None and head in self.words:
                count, parts = covered
                options.append((count + 1, -len(head), parts + (head,)))
        if not options:
            return (word,)
        return min(options)[2]

    def degender(self, word: str) -> str:
        """Neutral form of a female title (see the module docstring), else ``word``."""
        if word in self.protected:
            return word
        for female, neutral in self.gender_rules:
            if word.endswith(female):
                candidate = word[: -len(female)] + neutral
                if candidate in self.words:
                    return candidate
        return word

    def correct(self, word: str) -> str:
        """The known word nearest to an unknown word of 5+ letters, else ``word``.

        Allowed distance: 1 edit (2 from 12 letters), keeping the first or the last letter;
        known word forms are never changed.
        """
        key = "c:" + word
        cached = self._cache.get(key)
        if cached is None:
            cached = self._correct(word)
            self._cache[key] = cached
        return cached

    def _correct(self, word: str) -> str:
        if len(word) < 5 or word in self.words or word in self.forms or not word.isalpha():
            return word
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        limit = 2 if len(word) >= 12 else 1
        if self._by_length is None:
            # known words by (length, first letter) and (length, last letter): a typo rarely
            # changes both ends of a word, so these buckets hold every likely correction
            buckets: dict[Any, list[str]] = {}
            for known in sorted(self.words):
                buckets.setdefault((len(known), "^" + known[0]), []).append(known)
                buckets.setdefault((len(known), known[-1] + "$"), []).append(known)
            self._by_length = buckets
        best, best_distance = word, limit + 1
        for length in sorted(range(len(word) - limit, len(word) + limit + 1), key=lambda n: abs(n - len(word))):
            for end in ("^" + word[0], word[-1] + "$"):
                choices = self._by_length.get((length, end))
                if not choices:
                    continue
                cutoff = min(limit, best_distance - 1)
                found = process.extractOne(word, choices, scorer=Levenshtein.distance, score_cutoff=cutoff)
                if found is not None and found[1] < best_distance:
                    best, best_distance = found[0], found[1]
        return best

    # ------------------------------------------------------------------ text analyses
    def analyse_word(self, word: str) -> tuple[str, ...]:
        """Normalised forms of one folded word: its base form, then its compound parts.

        Unknown words are lemmatised, else spelling-corrected; gendered forms are neutralised.
        ``analyse_word("barnsjukskoterskorna")`` → ``("barnsjukskoterska", "barn", "sjukskoterska")``.
        """
        key = "a:" + word
        cached: tuple[str, ...] | None = self._cache.get(key)
        if cached is not None:
            return cached
        base = self.degender(self.lemma(word))
        if base not in self.words and len(self.split(base)) == 1:
            base = self.degender(self.correct(base))
        parts = self.split(base)
        result = (base,) if len(parts) == 1 else (base, *parts)
        self._cache[key] = result
        return result

    def is_known(self, base: str) -> bool:
        """Whether a normalised word is a known form or a compound of known parts."""
        return base in self.forms or base in self.words or len(self.split(base)) > 1

    def analyse(self, text: str) -> tuple[str, list[tuple[str, ...]]]:
        """(feature key, analyses of the known words) of a title.

        The feature key is :meth:`normalise` joined by spaces; the known words leave out
        unknown ones (``"sökes"``), so a title with noise words still meets its reference
        title in a gazetteer.
        """
        features: list[str] = []
        known: list[tuple[str, ...]] = []
        for word in self.content_words(text):
            analysis = self.analyse_word(word)
            features.extend(analysis)
            if self.is_known(analysis[0]):
                known.append(analysis)
        return " ".join(features), known

    def keys(self, text: str) -> tuple[str, str]:
        """(feature key, gazetteer key): ``"Sjuksköterskor sökes"`` →
        ``("sjukskoterska sjuk skoterska sokes", "sjukskoterska sjuk skoterska")``."""
        features, known = self.analyse(text)
        return features, " ".join(part for analysis in known for part in analysis)

    def content_words(self, text: str) -> list[str]:
        """Folded words of ``text`` that are not stop words."""
        return [t.text for t in tokenize(text) if t.text not in self.stopwords]

    def normalise(self, text: str) -> list[str]:
        """Base forms and compound parts of the content words of ``text``, in order.

        ``normalise("Sjuksköterskor i hemtjänsten")`` →
        ``["sjukskoterska", "sjuk", "skoterska", "hemtjanst", "hem", "tjanst"]`` (with a
        lexicon that knows these words).
        """
        out: list[str] = []
        for word in self.content_words(text):
            out.extend(self.analyse_word(word))
        return out
