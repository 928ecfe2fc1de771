"""Labelled title examples for the occupation classifier, and realistic title variants.

Training examples come only from reference data: JobTech occupation-names (each ``/``
alternative on its own, and the head before a comma when it is unambiguous), SSYK-4 group
labels (also split at ``och`` / ``,``), SSYK-4 definitions (weak, long texts), labels and
definitions of ISCO-08 groups linked to one SSYK-4 group, keywords related to
occupation-names of one SSYK group, and optionally the ~2021 occupation-names. No
hand-written answers.

Variants (:func:`inflected_forms`, :func:`without_diacritics`, :func:`with_typo`) turn a
title into the forms people write in ads; they augment training and build test sets:

* ``inflected_forms("Sjuksköterska, grundutbildad")`` →
  ``["Sjuksköterskor, grundutbildad", "Sjuksköterskan, grundutbildad"]`` (plural, definite)
* ``inflected_forms("Lärare i grundskolan")`` → ``["Lärarna i grundskolan", "Läraren i grundskolan"]``
* ``inflected_forms("Ingenjör")`` → ``["Ingenjörer", "Ingenjören"]``
* ``without_diacritics("Förskollärare")`` → ``"Forskollarare"``
* ``with_typo("Sjuksköterska", random.Random(1))`` changes one inner letter of the longest word.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .reference_texts import EnrichmentSources
from .swedish_text import fold

__all__ = [
    "TitleExample",
    "title_alternatives",
    "title_examples",
    "inflected_forms",
    "without_diacritics",
    "with_typo",
    "title_variants",
    "held_out_names",
]

#: Words after which a title's qualifier starts ("Lärare *i* grundskolan").
_QUALIFIER_WORDS = frozenset("i inom för på med vid av till mot utan och samt".split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_ER_ENDINGS = ("ör", "är", "or", "ist", "ent", "ant", "at", "og", "ot", "it", "ef", "ur", "ik")
_UNCHANGED_PLURAL = ("are", "ande", "ende", "iker")


@dataclass(frozen=True, slots=True)
class TitleExample:
    """One training text and its SSYK-4 group (and occupation-name, when it names one)."""

    text: str
    ssyk: str
    concept_id: str | None
    weight: float
    origin: str  # "name" | "head" | "group" | "isco" | "keyword" | "definition" | "legacy" | "esco"


def title_alternatives(label: str) -> list[str]:
    """The alternatives of a JobTech label: ``"Systemutvecklare/Programmerare"`` →
    ``["Systemutvecklare", "Programmerare"]``; a ``/`` inside a qualifier is kept when a part
    would be shorter than three letters (``"Chief Data Officer/CDO"`` keeps ``"CDO"``)."""
    parts = [p.strip() for p in label.split("/")]
    if len(parts) > 1 and all(len(p) >= 2 for p in parts):
        return parts
    return [label.strip()]


def _group_parts(label: str) -> list[str]:
    """``"Kockar och kallskänkor"`` → ``["Kockar", "kallskänkor"]`` ("m.fl." dropped)."""
    text = label.replace("m.fl.", " ").replace("m.m.", " ")
    parts = re.split(r",| och |/", text)
    return [p.strip() for p in parts if len(p.strip()) >= 3]


def title_examples(
    snapshot: Any,
    sources: EnrichmentSources | None = None,
    *,
    exclude_concepts: Iterable[str] = (),
    include_legacy: bool = False,
    include_esco: bool = True,
    esco_independent: bool = False,
) -> list[TitleExample]:
    """Training examples from a :class:`ReferenceSnapshot` (duck-typed) and extra sources.

    ``exclude_concepts`` drops occupation-names (for held-out evaluation); ``include_legacy``
    adds ~2021 names whose folded label is not a current name; ``include_esco`` adds the
    ESCO occupation labels of ``sources.esco_titles`` (see :func:`_esco_examples`);
    ``esco_independent`` also every ESCO label under the SSYK-4 groups of its own ISCO-08
    group (:func:`_esco_isco_examples`), held-out names' ESCO occupations included.
    """
    excluded = set(exclude_concepts)
    out: list[TitleExample] = []
    names = snapshot.occupation_names
    for rec in names:
        if rec.concept_id in excluded:
            continue
        for alt in title_alternatives(rec.label):
            out.append(TitleExample(alt, rec.ssyk_code, rec.concept_id, 1.0, "name"))
    out.extend(_head_aliases([n for n in names if n.concept_id not in excluded]))
    level4 = [r for r in snapshot.ssyk if r.level == 4]
    codes = {r.code for r in level4}
    for rec in level4:
        out.append(TitleExample(rec.label, rec.code, None, 1.0, "group"))
        parts = _group_parts(rec.label)
        if len(parts) > 1:
            out.extend(TitleExample(p, rec.code, None, 0.5, "group") for p in parts)
        if rec.definition.strip():
            out.append(TitleExample(rec.definition, rec.code, None, 0.3, "definition"))
    isco_to_ssyk: dict[str, set[str]] = defaultdict(set)
    isco_label: dict[str, str] = {}
    for link in getattr(snapshot, "isco_links", []):
        isco_to_ssyk[link.isco_code].add(link.ssyk_code)
        isco_label[link.isco_code] = link.isco_label
    definitions = sources.isco_definitions if sources is not None else {}
    for isco, ssyks in isco_to_ssyk.items():
        if len(ssyks) == 1 and (ssyk := next(iter(ssyks))) in codes:
            out.append(TitleExample(isco_label[isco], ssyk, None, 0.5, "isco"))
            if definitions.get(isco):
                out.append(TitleExample(definitions[isco], ssyk, None, 0.3, "definition"))
    if sources is not None:
        by_id = {n.concept_id: n for n in names}
        for kw in sources.keywords:
            targets = [by_id[i] for i in kw.occupation_ids if i in by_id and i not in excluded]
            groups = {t.ssyk_code for t in targets}
            if targets and len(groups) == 1:
                concept = targets[0].concept_id if len(targets) == 1 else None
                out.append(TitleExample(kw.label, groups.pop(), concept, 0.5, "keyword"))
        if include_esco:
            out.extend(_esco_examples(sources, names, codes, excluded))
            if esco_independent:
                out.extend(_esco_isco_examples(sources, isco_to_ssyk, codes))
        if include_legacy:
            current = {fold(alt) for rec in names for alt in title_alternatives(rec.label)}
            for legacy in sources.legacy_names:
                if legacy.ssyk_code not in codes:
                    continue
                for alt in title_alternatives(legacy.label):
                    if fold(alt) not in current:
                        out.append(TitleExample(alt, legacy.ssyk_code, None, 0.7, "legacy"))
    return out


#: Weight of an ESCO label by the SKOS relation of its mapping row (English labels × 0.7).
ESCO_LINK_WEIGHTS = {"skos:exactMatch": 0.8, "skos:closeMatch": 0.8, "skos:narrowMatch": 0.6, "skos:broadMatch": 0.4}


def _esco_examples(
    sources: EnrichmentSources, names: Sequence[Any], codes: set[str], excluded: set[str]
) -> list[TitleExample]:
    """ESCO occupation labels (Swedish and English) as examples of the SSYK-4 group of the
    JobTech occupation-name they map to (current names, else ~2021 ones).

    Leave-concepts-out honesty: an ESCO occupation mapped to *any* excluded occupation-name is
    dropped entirely, and so is every label whose folded form equals an excluded name's label,
    so a held-out name cannot come back through ESCO. An ESCO occupation whose mapping rows
    reach several SSYK-4 groups gives each group its label at the row's weight.
    """
    group_of = {n.concept_id: n.ssyk_code for n in getattr(sources, "legacy_names", ())}
    group_of.update({n.concept_id: n.ssyk_code for n in names})
    titles = getattr(sources, "esco_titles", ())
    tainted = {t.esco_uri for t in titles if t.concept_id in excluded}
    hidden = {fold(alt) for n in names if n.concept_id in excluded for alt in title_alternatives(n.label)}
    best: dict[tuple[str, str], float] = {}
    for t in titles:
        ssyk = group_of.get(t.concept_id)
        if t.esco_uri in tainted or ssyk not in codes or fold(t.text) in hidden:
            continue
        weight = ESCO_LINK_WEIGHTS.get(t.match_type, 0.0) * (1.0 if t.lang == "sv" else 0.7)
        key = (t.text, ssyk)
        if weight > best.get(key, 0.0):
            best[key] = weight
    return [TitleExample(text, ssyk, None, w, "esco") for (text, ssyk), w in best.items()]


def _esco_isco_examples(
    sources: EnrichmentSources, isco_to_ssyk: dict[str, set[str]], codes: set[str]
) -> list[TitleExample]:
    """Every ESCO occupation label as an example of the SSYK-4 groups of ESCO's *own* ISCO-08
    group for the occupation (through the official SSYK ↔ ISCO-08 key), never through the
    JobTech mapping: ESCO as a source independent of the occupation-names. An ISCO group that
    spans n SSYK-4 groups gives each the weight / n (Swedish 0.6, English 0.4)."""
    best: dict[tuple[str, str], float] = {}
    for t in getattr(sources, "esco_titles", ()):
        groups = sorted(isco_to_ssyk.get(t.isco_code, set()) & codes)
        for ssyk in groups:
            weight = (0.6 if t.lang == "sv" else 0.4) / len(groups)
            if weight > best.get((t.text, ssyk), 0.0):
                best[(t.text, ssyk)] = weight
    return [TitleExample(text, ssyk, None, w, "esco") for (text, ssyk), w in best.items()]


def _head_aliases(names: Sequence[Any]) -> list[TitleExample]:
    """``"Sjuksköterska, grundutbildad"`` → alias ``"Sjuksköterska"`` (2221).

    The head before a comma becomes an example of its own when it is not a name itself and
    every name with that head is in one SSYK-4 group (``"Avdelningschef, …"`` spans groups
    and gets no alias). It names an occupation when only one name has that head.
    """
    labels = {fold(alt) for rec in names for alt in title_alternatives(rec.label)}
    heads: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for rec in names:
        for alt in title_alternatives(rec.label):
            head = alt.split(",")[0].strip()
            if "," in alt and len(head) >= 3 and fold(head) not in labels:
                heads[fold(head)].append((head, rec))
    out = []
    for entries in heads.values():
        groups = {rec.ssyk_code for _, rec in entries}
        concepts = {rec.concept_id for _, rec in entries}
        if len(groups) == 1:
            concept = entries[0][1].concept_id if len(concepts) == 1 else None
            out.append(TitleExample(entries[0][0], groups.pop(), concept, 1.0, "head"))
    return out


# ---------------------------------------------------------------------- variants
def _head_span(title: str) -> tuple[int, int] | None:
    """Span of the head noun: the last word before a comma or qualifier word."""
    head = None
    for m in _WORD.finditer(title):
        if m.group().lower() in _QUALIFIER_WORDS:
            break
        head = (m.start(), m.end())
        if title[m.end() : m.end() + 1] == ",":
            break
    return head


def _noun_forms(word: str) -> tuple[str, str]:
    """(plural, definite singular) of a Swedish occupational noun, by its ending."""
    low = word.lower()
    if low.endswith("man"):
        return word[:-3] + "män", word + "nen"
    if low.endswith("a"):
        return word[:-1] + "or", word + "n"
    if low.endswith(_UNCHANGED_PLURAL):
        return word, word + "n"
    if low.endswith("e"):
        return word[:-1] + "ar", word + "n"
    if low.endswith(_ER_ENDINGS):
        return word + "er", word + "en"
    return word + "ar", word + "en"


def inflected_forms(title: str) -> list[str]:
    """Plural and definite singular of the head noun (see the module docstring)."""
    span = _head_span(title)
    if span is None:
        return []
    start, end = span
    word = title[start:end]
    plural, definite = _noun_forms(word)
    if word.lower().endswith(_UNCHANGED_PLURAL):
        plural = word[:-1] + "na" if word.lower().endswith("are") else word + "na"  # lärarna
    return [title[:start] + form + title[end:] for form in (plural, definite) if form != word]


def without_diacritics(title: str) -> str:
    """Keep the case, drop å ä ö é ü…: ``"Förskollärare"`` → ``"Forskollarare"``."""
    folded = fold(title)
    return "".join(f.upper() if c.isupper() else f for c, f in zip(title, folded, strict=True))


def with_typo(title: str, rng: random.Random) -> str:
    """One edit (delete, swap, double or substitute a letter) inside the longest word."""
    words = list(_WORD.finditer(title))
    if not words:
        return title
    m = max(words, key=lambda w: len(w.group()))
    word = m.group()
    if len(word) < 5:
        return title
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(4)
    if kind == 0:
        new = word[:i] + word[i + 1 :]
    elif kind == 1:
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif kind == 2:
        new = word[:i] + word[i] + word[i:]
    else:
        letters = "abcdefghijklmnoprstuvyåäö"
        new = word[:i] + rng.choice([c for c in letters if c != word[i].lower()]) + word[i + 1 :]
    return title[: m.start()] + new + title[m.end() :]


def title_variants(label: str, rng: random.Random) -> list[tuple[str, str]]:
    """``(kind, text)`` for each alternative of a label: ``raw``, ``no_diacritics``,
    ``typo``, ``plural`` and ``definite`` (the last two when the head noun inflects)."""
    out = []
    for alt in title_alternatives(label):
        out += [("raw", alt), ("no_diacritics", without_diacritics(alt)), ("typo", with_typo(alt, rng))]
        out += list(zip(("plural", "definite"), inflected_forms(alt), strict=False))
    return out


def held_out_names(snapshot: Any, fraction: float = 0.2, seed: int = 0) -> list[Any]:
    """A random ``fraction`` of the occupation-names of every SSYK-4 group, rounded (a group
    of one or two names keeps all), chosen by ``seed``."""
    rng = random.Random(seed)
    by_group: dict[str, list[Any]] = defaultdict(list)
    for rec in snapshot.occupation_names:
        by_group[rec.ssyk_code].append(rec)
    held = []
    for code in sorted(by_group):
        group = sorted(by_group[code], key=lambda r: r.concept_id)
        rng.shuffle(group)
        held.extend(group[: int(round(fraction * len(group)))])
    return held
