"""The skill gazetteer: surface forms of JobTech and ESCO-sv skills, and the generic stoplist.

Surface forms (rules by example):

* JobTech labels: each ``/`` alternative, and the head before a comma:
  ``"Python, programmeringsspråk"`` → ``python``; ``"Budgetansvar"`` → ``budgetansvar``.
* ESCO Swedish labels as they are (``"hantera budget"``). An ESCO skill names a JobTech
  skill when the official mapping has one ``exactMatch`` (else one ``closeMatch``).
* A surface of one or more JobTech skills (``"Projektledning, IT"``, ``"Projektledning,
  kultur"``…) resolves to one: the skill an ESCO label of the same surface maps to
  exactly, else the skill whose label *is* the surface, else the ESCO skill of that label
  when there is one (``"kommunikation"``: JobTech has only ``"Kommunikation, sjöfart"``),
  else the skill with most ESCO links, else the first label alphabetically.
* Acronyms (labels of 2–4 capitals such as ``SQL``, ``AKK``) must match in capitals.

Generic stoplist (:func:`generic_surfaces`), from data, never a list of answers:

* an ESCO skill without JobTech counterpart whose label is one or two words and begins
  with a word that begins five or more ESCO labels is a bare verb phrase
  (``"planera"``, ``"ta ansvar"``, ``"leda"``);
* a surface found in more than ``max_document_share`` of the texts of any background
  corpus (SSYK definitions; skill descriptions; 100+ texts each) is too broad
  (``"teknik"``, ``"data"``);
* surfaces shorter than 3 characters (acronyms excepted) and stop words.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .swedish_text import match_form
from .title_examples import title_alternatives

__all__ = ["Surface", "skill_surfaces", "generic_surfaces", "surface_key", "esco_targets"]

_ACRONYM = re.compile(r"^[A-ZÅÄÖ0-9+#]{2,4}$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Surface:
    """One matchable form of a skill."""

    key: str  # match_form of the surface, single spaces
    concept_id: str | None  # JobTech skill concept id
    esco_uri: str | None
    label: str  # preferred label of the JobTech skill, else the ESCO label
    source: str  # "jobtech" | "esco"
    acronym: bool = False


def surface_key(text: str) -> str:
    """``"IT-projektledning"`` → ``"it projektledning"``."""
    return _SPACES.sub(" ", match_form(text)).strip()


def esco_targets(snapshot: Any, known: set[str]) -> dict[str, str]:
    """ESCO URI → the JobTech skill it maps to (one exactMatch, else one closeMatch)."""
    by_type: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in snapshot.esco_mappings:
        if m.jobtech_concept_id in known and m.match_type in ("skos:exactMatch", "skos:closeMatch"):
            by_type[m.esco_uri][m.match_type].add(m.jobtech_concept_id)
    out = {}
    for uri, kinds in by_type.items():
        for kind in ("skos:exactMatch", "skos:closeMatch"):
            if len(kinds.get(kind, ())) == 1:
                out[uri] = next(iter(kinds[kind]))
                break
    return out


def skill_surfaces(snapshot: Any, *, exclude_esco: Iterable[str] = ()) -> list[Surface]:
    """Every surface of the snapshot's skills, one concept per key (see module rules)."""
    excluded = set(exclude_esco)
    labels = {s.concept_id: s.label for s in snapshot.skills}
    esco_to_jobtech = esco_targets(snapshot, set(labels))
    links = Counter(m.jobtech_concept_id for m in snapshot.esco_mappings if m.jobtech_concept_id)
    candidates: dict[str, list[tuple[Surface, bool]]] = defaultdict(list)
    for skill in snapshot.skills:
        for alt in title_alternatives(skill.label):
            head = alt.split(",")[0].strip()
            for form in {alt.replace(",", " "), head}:
                key = surface_key(form)
                if key:
                    whole = key == surface_key(skill.label)
                    acronym = bool(_ACRONYM.match(form.strip()))
                    candidates[key].append(
                        (Surface(key, skill.concept_id, None, skill.label, "jobtech", acronym), whole)
                    )
    esco_exact: dict[str, str] = {}
    for esco in snapshot.esco_skills:
        if esco.uri in excluded or not esco.label_sv:
            continue
        key = surface_key(esco.label_sv)
        if not key:
            continue
        target = esco_to_jobtech.get(esco.uri)
        acronym = bool(_ACRONYM.match(esco.label_sv.strip()))
        label = labels[target] if target else esco.label_sv
        candidates[key].append((Surface(key, target, esco.uri, label, "esco", acronym), False))
        if target:
            esco_exact.setdefault(key, target)
    out = []
    for key, options in candidates.items():
        jobtech = [s for s, _ in options if s.source == "jobtech"]
        esco_uri = next((s.esco_uri for s, _ in options if s.esco_uri), None)
        if not jobtech:
            out.append(options[0][0])
            continue
        whole_ids = {s.concept_id for s, w in options if w}
        esco_option = next((s for s, _ in options if s.source == "esco"), None)
        if not whole_ids and key not in esco_exact and esco_option:
            out.append(esco_option)  # only qualified JobTech skills have it: keep the ESCO skill
            continue
        chosen = min(
            jobtech,
            key=lambda s: (
                s.concept_id != esco_exact.get(key),
                s.concept_id not in whole_ids,
                -links[s.concept_id],
                s.label,
            ),
        )
        acronym = all(s.acronym for s, _ in options)
        out.append(Surface(key, chosen.concept_id, esco_uri, chosen.label, "jobtech", acronym))
    return out


def generic_surfaces(
    surfaces: Sequence[Surface],
    background: Sequence[Sequence[str]],
    *,
    esco_labels: Iterable[str] = (),
    stopwords: Iterable[str] = (),
    max_document_share: float = 0.05,
    min_documents: int = 100,
    count_documents: Any = None,
) -> set[str]:
    """Keys to leave out (see the module docstring). ``background`` is a list of corpora;
    ``count_documents(keys, texts)`` counts the texts containing each key (the extractor's
    own matcher). Corpora of fewer than ``min_documents`` texts are too small for shares."""
    stop = {surface_key(w) for w in stopwords}
    first_words = Counter(surface_key(label).split(" ")[0] for label in esco_labels if " " in label.strip())
    generic = set()
    for s in surfaces:
        if s.key in stop or (len(s.key) < 3 and not s.acronym):
            generic.add(s.key)
        elif (
            s.source == "esco"
            and s.concept_id is None
            and s.key.count(" ") <= 1
            and first_words[s.key.split(" ")[0]] >= 5
        ):
            generic.add(s.key)
    keys = [s.key for s in surfaces]
    for corpus in background if count_documents is not None else ():
        if len(corpus) >= min_documents:
            counts: Counter[str] = count_documents(keys, corpus)
            limit = max_document_share * len(corpus)
            generic.update(key for key, n in counts.items() if n > limit)
    return generic
