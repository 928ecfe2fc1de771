"""Occupation profiles: what an SSYK-4 group *is* in skills and words (plain Python, no Django).

The reference snapshot has no official skill ↔ occupation relation (a known gap of the
open JobTech data we hold), so a profile is built from what does exist, and every skill in
it says where it came from:

* ``definition`` — skills the skill extractor (:mod:`kompetensbron.enrich`) finds in the
  group's official SSYK 2012 definition (``ssyk-4`` in the snapshot);
* ``occupation_name`` — skills it finds in the labels of the group's JobTech
  occupation-names (``ssyk-hierarchy``), e.g. ``"Redovisningsassistent"`` → Redovisning;
* ``hierarchy`` — (text only) the labels of the group's SSYK-3 and SSYK-2 parents, e.g.
  "Yrken med krav på fördjupad högskolekompetens inom IT";
* ``job_ads`` — skills of enriched job ads classified to the group, read from the
  warehouse view ``ads`` (``ssyk``, ``skill_ids``) when it holds any; a skill counts when
  at least :data:`MIN_AD_SHARE` of the group's ads (and :data:`MIN_AD_COUNT` ads) mention it.

A profile's skill weight is the number of definition/name mentions plus
``AD_WEIGHT × share of the group's ads`` that mention the skill. Its *text* is the group
label, the definition and the occupation-name labels (label and names are what people
call the job, the definition what it does) and its parents' labels; the mapping turns it into a TF-IDF vector.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "AD_WEIGHT",
    "MIN_AD_COUNT",
    "MIN_AD_SHARE",
    "OccupationProfile",
    "OccupationProfiles",
    "ProfileSkill",
    "SkillSource",
    "TermAnalyzer",
    "build_occupation_profiles",
    "index_terms",
    "load_ad_skill_counts",
    "occupation_skill_profile",
    "simple_terms",
]

#: Weight of a skill mentioned by *every* ad of the group (scaled by the share that do).
AD_WEIGHT = 3.0
#: A skill joins a profile from job ads only when this share of the group's ads mention it …
MIN_AD_SHARE = 0.02
#: … and at least this many ads do.
MIN_AD_COUNT = 3

#: Weight of a skill essential to every ESCO occupation of the group (scaled by its ESCO weight).
ESCO_WEIGHT = 0.5
#: The heaviest ESCO skills whose Swedish labels join the profile text.
ESCO_TEXT_SKILLS = 40

#: Turns a text into index terms (base forms, compound parts); see :func:`simple_terms`.
TermAnalyzer = Callable[[str], list[str]]


class SkillSource(Protocol):
    """What the mapping needs of a skill extractor (``kompetensbron.enrich.SkillExtractor``)."""

    def extract(self, text: str) -> Sequence[Any]:  # SkillMatch: skill_id, label
        ...


_WORD = re.compile(r"[a-z0-9]+")
#: Words that carry no occupation meaning in syllabi or definitions (folded forms).
_STOP = frozenset(
    """kurs kursen student studenten studenterna kunna visa redogora beskriva forklara
    and the och att det som for med den har till inom kan ska skall eller samt fran pa av i en ett de
    om vid under efter sina sin sitt sig mfl m.fl olika andra annan annat exempelvis etc
    the and of to in for with on""".split()
)


def index_terms(analyzer: TermAnalyzer) -> TermAnalyzer:
    """``analyzer`` without terms shorter than 3 letters or in the stop list (compound
    splitting leaves pieces like "t" or "ex")."""

    def terms(text: str) -> list[str]:
        return [t for t in analyzer(text) if len(t) >= 3 and t not in _STOP]

    return terms


def simple_terms(text: str) -> list[str]:
    """A lexicon-free analyser: folded words of 3+ letters that are not stop words.

    ``simple_terms("Sjuksköterskans omvårdnad av patienter")`` →
    ``["sjukskoterskans", "omvardnad", "patienter"]``. The mapping uses the enricher's
    Swedish lexicon (base forms + compound parts) instead when it is available.
    """
    from kompetensbron.enrich import fold

    return [w for w in _WORD.findall(fold(text)) if len(w) >= 3 and w not in _STOP]


@dataclass(frozen=True, slots=True)
class ProfileSkill:
    """One skill of a profile: its weight and where it came from."""

    skill_id: str  # JobTech concept id, else ESCO URI
    label: str  # Swedish where one exists
    weight: float
    sources: tuple[
        str, ...
    ]  # subset of ("definition", "occupation_name", "job_ads", "esco_essential", "esco_optional")
    esco_uri: str = ""
    label_en: str = ""
    essential: bool = False  # essential to one of the group's ESCO occupations

    @property
    def source(self) -> str:
        return ", ".join(self.sources)


@dataclass(frozen=True, slots=True)
class OccupationProfile:
    """An SSYK-4 group as skills and text, with the provenance of each part."""

    ssyk: str
    label: str
    definition: str
    names: tuple[str, ...]
    skills: tuple[ProfileSkill, ...]
    ads: int = 0  # enriched job ads of the group that contributed skills
    parents: tuple[str, ...] = ()  # labels of the SSYK-3 and SSYK-2 parents
    esco_terms: tuple[str, ...] = ()  # Swedish labels of its ESCO occupations and heaviest ESCO skills

    @property
    def text(self) -> str:
        """The group's text for TF-IDF: label, definition, occupation-names, parent labels, ESCO labels."""
        return "\n".join((self.label, self.definition, *self.names, *self.parents, *self.esco_terms))


@dataclass
class OccupationProfiles:
    """All SSYK-4 profiles of a snapshot, in code order, and what they were built from."""

    profiles: list[OccupationProfile]
    sources: dict[str, str] = field(default_factory=dict)  # part → dataset/origin
    skill_labels: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.profiles)

    @property
    def codes(self) -> list[str]:
        return [p.ssyk for p in self.profiles]

    def by_code(self) -> dict[str, OccupationProfile]:
        return {p.ssyk: p for p in self.profiles}


def build_occupation_profiles(
    snapshot: Any,
    extractor: SkillSource,
    *,
    ad_skills: Mapping[str, tuple[int, Mapping[str, int]]] | None = None,
    skill_labels: Mapping[str, str] | None = None,
    esco: Mapping[str, Any] | None = None,
) -> OccupationProfiles:
    """A profile per SSYK-4 group of ``snapshot`` (``.ssyk``, ``.occupation_names``).

    ``ad_skills``: ``{ssyk: (ads in the group, {skill_id: ads mentioning it})}``, e.g. from
    :func:`load_ad_skill_counts`; ``skill_labels`` names skills that only ads mention
    (default: the snapshot's JobTech and ESCO skills); ``esco``: ``{ssyk: EscoGroupProfile}``
    from :func:`.esco_profiles.build_esco_profiles` (see :func:`load_esco_profiles`).
    """
    names: dict[str, list[str]] = {}
    for name in getattr(snapshot, "occupation_names", ()):
        names.setdefault(name.ssyk_code, []).append(name.label)
    labels: dict[str, str] = dict(skill_labels or _snapshot_skill_labels(snapshot))
    group_labels = {r.code: r.label for r in snapshot.ssyk}
    profiles = []
    for group in sorted((r for r in snapshot.ssyk if r.level == 4), key=lambda r: r.code):
        group_names = tuple(sorted(set(names.get(group.code, ()))))
        weights: dict[str, float] = defaultdict(float)
        origin: dict[str, set[str]] = {}
        for source, texts in (("definition", (group.definition,)), ("occupation_name", (group.label, *group_names))):
            for text in texts:
                for match in extractor.extract(text or ""):
                    sid = match.skill_id
                    if not sid:
                        continue
                    weights[sid] += 1.0
                    origin.setdefault(sid, set()).add(source)
                    labels.setdefault(sid, match.label)
        n_ads = 0
        if ad_skills and group.code in ad_skills:
            n_ads, counts = ad_skills[group.code]
            for sid, count in counts.items():
                if n_ads and count >= MIN_AD_COUNT and count / n_ads >= MIN_AD_SHARE:
                    weights[sid] += AD_WEIGHT * count / n_ads
                    origin.setdefault(sid, set()).add("job_ads")
        esco_group = esco.get(group.code) if esco else None
        extra: dict[str, tuple[str, str, bool]] = {}
        esco_terms: tuple[str, ...] = ()
        if esco_group is not None:
            for es in esco_group.skills:
                sid = es.concept_id or es.esco_uri
                weights[sid] += ESCO_WEIGHT * es.weight
                origin.setdefault(sid, set()).add("esco_essential" if es.essential else "esco_optional")
                labels.setdefault(sid, es.label)
                uri, en, ess = extra.get(sid, ("", "", False))
                extra[sid] = (uri or es.esco_uri, en or es.label_en, ess or es.essential)
            esco_terms = tuple(dict.fromkeys(o.label_sv for o in esco_group.occupations if o.label_sv)) + tuple(
                s.label_sv for s in esco_group.skills[:ESCO_TEXT_SKILLS] if s.label_sv
            )
        skills = tuple(
            ProfileSkill(
                sid, labels.get(sid, sid), round(w, 6), tuple(sorted(origin[sid])), *extra.get(sid, ("", "", False))
            )
            for sid, w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        profiles.append(
            OccupationProfile(
                group.code,
                group.label,
                (group.definition or "").strip(),
                group_names,
                skills,
                n_ads,
                tuple(group_labels[c] for c in (group.code[:3], group.code[:2]) if c in group_labels),
                esco_terms,
            )
        )
    provenance = getattr(snapshot, "provenance", {}) or {}
    sources = {
        "definition": ", ".join(provenance.get("ssyk", ["ssyk-4"])),
        "occupation_name": ", ".join(provenance.get("occupation_names", ["ssyk-hierarchy"])),
        "hierarchy": ", ".join(provenance.get("ssyk", ["ssyk-hierarchy"])),
        "esco": "ESCO v1.1.1 occupation ↔ skill relations via the Swedish ESCO ↔ JobTech occupation mapping and SSYK ↔ ISCO-08"
        if esco
        else "none",
        "job_ads": f"warehouse ads ({sum(n for n, _ in ad_skills.values())} enriched ads)" if ad_skills else "none",
    }
    return OccupationProfiles(profiles, sources, labels)


def _snapshot_skill_labels(snapshot: Any) -> dict[str, str]:
    labels = {e.uri: e.label_sv for e in getattr(snapshot, "esco_skills", ())}
    labels.update({s.concept_id: s.label for s in getattr(snapshot, "skills", ())})
    return labels


def load_ad_skill_counts(warehouse_dir: Path) -> dict[str, tuple[int, dict[str, int]]]:
    """``{ssyk: (ads, {skill_id: ads mentioning it})}`` from the published warehouse.

    Empty when the warehouse holds no enriched ads (then profiles come from the taxonomy
    alone). Reads the view ``ads`` (``ssyk``, ``skill_ids``) with a fresh DuckDB reader; an
    unreadable warehouse raises :class:`~kompetensbron.errors.WarehouseUnavailable`.
    """
    from kompetensbron.warehouse import reading
    from kompetensbron.warehouse.contents import skill_counts_by_occupation

    with reading(warehouse_dir, shared=False) as con:
        return skill_counts_by_occupation(con)


@functools.lru_cache(maxsize=2)
def _esco_reference(data_dir: str) -> tuple[frozenset[str], dict[str, Any]]:
    from kompetensbron.sources.reference_files import read_reference_snapshot

    from .esco_profiles import load_esco_profiles

    snapshot = read_reference_snapshot(Path(data_dir))
    return frozenset(r.code for r in snapshot.ssyk if r.level == 4), load_esco_profiles(snapshot, data_dir)


def occupation_skill_profile(
    ssyk: str, *, data_dir: Path | None = None, limit: int | None = None
) -> list[ProfileSkill]:
    """The ESCO skill profile of one SSYK-4 group, heaviest first (the call for Matchning and
    the dossier). Each :class:`ProfileSkill` has ``skill_id`` (JobTech concept id where the
    ESCO skill maps to one, else the ESCO URI), ``esco_uri``, ``label`` (Swedish where the
    official Swedish ESCO labels have one, else English), ``label_en``, ``weight`` (1.0 =
    essential to every ESCO occupation of the group), ``essential`` and ``sources``
    (``esco_essential`` / ``esco_optional``).

    Reads the reference snapshot and the ESCO files of ``data_dir`` (default: the configured
    data directory) once per process (≈ 10 s), then answers from memory. Raises
    :class:`kompetensbron.errors.UnknownConcept` for a code that is not an SSYK-4 group, and
    :class:`kompetensbron.errors.DataFileMissing` when the ESCO files are absent.
    """
    from kompetensbron.errors import UnknownConcept

    code = str(ssyk).strip()
    if not (len(code) == 4 and code.isdigit()):
        raise UnknownConcept("SSYK-4 group", code[:20])
    if data_dir is None:
        from kompetensbron.config import get_settings

        data_dir = get_settings().data_dir
    codes, profiles = _esco_reference(str(Path(data_dir).resolve()))
    if code not in codes:
        raise UnknownConcept("SSYK-4 group", code)
    group = profiles.get(code)
    skills = group.skills if group is not None else ()
    out = [
        ProfileSkill(
            s.concept_id or s.esco_uri,
            s.label,
            s.weight,
            ("esco_essential" if s.essential else "esco_optional",),
            s.esco_uri,
            s.label_en,
            s.essential,
        )
        for s in skills
    ]
    return out[:limit] if limit is not None else out


def esco_group_profiles(
    codes: Iterable[str], *, data_dir: Path | None = None, limit: int | None = None
) -> dict[str, Any]:
    """``{ssyk: EscoGroupProfile}`` of the given SSYK-4 groups, each with its ``limit`` heaviest
    ESCO skills (essential before optional at equal weight), from the same per-process cache as
    :func:`occupation_skill_profile` — for :func:`build_occupation_profiles`'s ``esco`` in the
    dossier. Groups without ESCO skills are left out; :class:`DataFileMissing` without the files."""
    import dataclasses

    if data_dir is None:
        from kompetensbron.config import get_settings

        data_dir = get_settings().data_dir
    _, profiles = _esco_reference(str(Path(data_dir).resolve()))
    out = {}
    for code in codes:
        group = profiles.get(str(code))
        if group is None or not group.skills:
            continue
        skills = sorted(group.skills, key=lambda s: (-s.weight, not s.essential))
        out[str(code)] = dataclasses.replace(group, skills=tuple(skills[:limit] if limit is not None else skills))
    return out


def profile_table(profiles: Iterable[OccupationProfile]) -> list[tuple[str, str, int, str]]:
    """(ssyk, label, number of skills, first skills) rows, for documentation and debugging."""
    return [(p.ssyk, p.label, len(p.skills), ", ".join(s.label for s in p.skills[:5])) for p in profiles]
