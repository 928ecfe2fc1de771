"""ESCO skill profiles of SSYK-4 groups (plain Python, no Django).

An SSYK-4 group reaches ESCO occupations two ways, and every skill keeps which:

* **mapping** — Sweden's official ESCO ↔ JobTech occupation mapping links an ESCO occupation to a
  JobTech occupation-name; the name's SSYK-4 group (current taxonomy, else the ~2021 one for
  names since retired) receives the ESCO occupation with the weight of the SKOS relation
  (:data:`LINK_WEIGHTS`: exact/close 1.0, narrow 0.75, broad 0.5; an ESCO occupation linked to
  several names of the group counts once, with its strongest relation);
* **isco** — the taxonomy's SSYK-4 ↔ ISCO-08 links: every ESCO occupation of a linked ISCO unit
  group, with :data:`ISCO_WEIGHT` (coarser: an ISCO group spans several SSYK groups).

A skill's weight in the group is the mean over the group's ESCO occupations (weighted by the
above) of :data:`ESSENTIAL_WEIGHT` where the skill is essential to the occupation,
:data:`OPTIONAL_WEIGHT` where optional and 0 where unrelated: 1.0 means essential to every
occupation of the group. Labels: Swedish where the official Swedish ESCO skill labels have it
(``esco_skills`` of the reference snapshot), English from ``skills_en.csv``; the JobTech skill the
ESCO skill maps to (one exactMatch, else one closeMatch) is kept as ``concept_id``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ESSENTIAL_WEIGHT",
    "ISCO_WEIGHT",
    "LINK_WEIGHTS",
    "MIN_WEIGHT",
    "OPTIONAL_WEIGHT",
    "EscoGroupProfile",
    "EscoProfileOccupation",
    "EscoProfileSkill",
    "build_esco_profiles",
    "esco_profiles_if_present",
    "load_esco_profiles",
]

LINK_WEIGHTS = {"skos:exactMatch": 1.0, "skos:closeMatch": 1.0, "skos:narrowMatch": 0.75, "skos:broadMatch": 0.5}
ISCO_WEIGHT = 0.25
ESSENTIAL_WEIGHT = 1.0
OPTIONAL_WEIGHT = 0.4
#: Skills below this weight in a group are left out (held by a small share of its occupations).
MIN_WEIGHT = 0.02


@dataclass(frozen=True, slots=True)
class EscoProfileOccupation:
    uri: str
    label_sv: str
    label_en: str
    weight: float
    via: str  # "mapping: <SKOS relation> <JobTech name>" | "isco: <ISCO code>"


@dataclass(frozen=True, slots=True)
class EscoProfileSkill:
    esco_uri: str
    concept_id: str | None  # the JobTech skill it maps to, if one
    label_sv: str
    label_en: str
    weight: float
    essential: bool  # essential to at least one of the group's ESCO occupations
    occupations: tuple[str, ...]  # English labels of the (first three) occupations holding it

    @property
    def label(self) -> str:
        return self.label_sv or self.label_en


@dataclass(frozen=True, slots=True)
class EscoGroupProfile:
    ssyk: str
    occupations: tuple[EscoProfileOccupation, ...]
    skills: tuple[EscoProfileSkill, ...]  # heaviest first


def build_esco_profiles(
    esco: Any,
    *,
    ssyk_codes: Iterable[str],
    name_groups: Mapping[str, str],
    isco_links: Iterable[Any] = (),
    skill_labels_sv: Mapping[str, str] | None = None,
    esco_to_jobtech: Mapping[str, str] | None = None,
) -> dict[str, EscoGroupProfile]:
    """``{ssyk: profile}`` for the groups in ``ssyk_codes`` that reach at least one ESCO occupation.

    ``esco``: :class:`kompetensbron.sources.esco_occupations.EscoOccupationData`;
    ``name_groups``: JobTech occupation-name concept id → SSYK-4 code; ``isco_links``: records
    with ``ssyk_code`` and ``isco_code``; ``skill_labels_sv``: ESCO skill URI → Swedish label;
    ``esco_to_jobtech``: ESCO skill URI → JobTech skill concept id.
    """
    codes = set(ssyk_codes)
    sv_labels = dict(skill_labels_sv or {})
    to_jobtech = dict(esco_to_jobtech or {})
    occupations = {o.uri: o for o in esco.occupations}
    occ_sv: dict[str, str] = {}
    linked: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)  # ssyk → uri → (weight, via)

    def offer(ssyk: str, uri: str, weight: float, via: str) -> None:
        if ssyk in codes and uri in occupations and weight > linked[ssyk].get(uri, (0.0, ""))[0]:
            linked[ssyk][uri] = (weight, via)

    for link in esco.links:
        if link.is_isco_group:
            continue
        occ_sv.setdefault(link.esco_uri, link.esco_label_sv)
        ssyk = name_groups.get(link.jobtech_concept_id)
        if ssyk:
            offer(
                ssyk,
                link.esco_uri,
                LINK_WEIGHTS[link.match_type],
                f"mapping: {link.match_type.removeprefix('skos:')} {link.jobtech_label}",
            )
    by_isco: dict[str, list[str]] = defaultdict(list)
    for o in esco.occupations:
        by_isco[o.isco_code].append(o.uri)
    for link in isco_links:
        for uri in by_isco.get(str(link.isco_code), ()):
            offer(str(link.ssyk_code), uri, ISCO_WEIGHT, f"isco: {link.isco_code}")

    relations: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for r in esco.relations:
        relations[r.occupation_uri].append((r.skill_uri, r.essential))
    skills_en = {s.uri: s.label_en for s in esco.skills}

    out: dict[str, EscoGroupProfile] = {}
    for ssyk in sorted(linked):
        occs = linked[ssyk]
        total = sum(w for w, _ in occs.values())
        mass: dict[str, float] = defaultdict(float)
        essential: dict[str, bool] = defaultdict(bool)
        holders: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for uri, (w, _) in occs.items():
            for skill, is_essential in relations.get(uri, ()):
                mass[skill] += w * (ESSENTIAL_WEIGHT if is_essential else OPTIONAL_WEIGHT)
                essential[skill] |= is_essential
                holders[skill].append((w, occupations[uri].label_en))
        skills = []
        for skill, m in mass.items():
            weight = m / total
            if weight < MIN_WEIGHT:
                continue
            names = tuple(label for _, label in sorted(holders[skill], key=lambda x: (-x[0], x[1]))[:3])
            skills.append(
                EscoProfileSkill(
                    skill,
                    to_jobtech.get(skill),
                    sv_labels.get(skill, ""),
                    skills_en.get(skill, ""),
                    round(weight, 6),
                    essential[skill],
                    names,
                )
            )
        skills.sort(key=lambda s: (-s.weight, s.label))
        profile_occs = tuple(
            EscoProfileOccupation(uri, occ_sv.get(uri, ""), occupations[uri].label_en, w, via)
            for uri, (w, via) in sorted(occs.items(), key=lambda kv: (-kv[1][0], occupations[kv[0]].label_en))
        )
        out[ssyk] = EscoGroupProfile(ssyk, profile_occs, tuple(skills))
    return out


def load_esco_profiles(snapshot: Any, data_dir: Any) -> dict[str, EscoGroupProfile]:
    """ESCO profiles of every SSYK-4 group of ``snapshot`` from the ESCO files of ``data_dir``.

    Occupation-names: the snapshot's, plus the ~2021 taxonomy's (``taxonomy-2021-values``) for
    concepts the mapping (taxonomy v18) names but the current taxonomy no longer has. Raises
    :class:`kompetensbron.errors.DataFileMissing` when an ESCO file is absent.
    """
    from pathlib import Path

    from kompetensbron.enrich.skill_gazetteer import esco_targets
    from kompetensbron.sources.catalog import DATASETS
    from kompetensbron.sources.esco_occupations import read_esco_occupation_data
    from kompetensbron.sources.reference_files import occupation_names_2021

    esco = read_esco_occupation_data(Path(data_dir))
    name_groups: dict[str, str] = {}
    old = Path(data_dir) / DATASETS["taxonomy-2021-values"].path
    if old.is_file():
        name_groups.update({n.concept_id: n.ssyk_code for n in occupation_names_2021(old)})
    name_groups.update({n.concept_id: n.ssyk_code for n in snapshot.occupation_names})
    return build_esco_profiles(
        esco,
        ssyk_codes=[r.code for r in snapshot.ssyk if r.level == 4],
        name_groups=name_groups,
        isco_links=snapshot.isco_links,
        skill_labels_sv={s.uri: s.label_sv for s in snapshot.esco_skills if s.label_sv},
        esco_to_jobtech=esco_targets(snapshot, {s.concept_id for s in snapshot.skills}),
    )


def esco_profiles_if_present(snapshot: Any, data_dir: Any) -> dict[str, EscoGroupProfile] | None:
    """:func:`load_esco_profiles`, or ``None`` when the data directory has no ESCO occupation
    files (they are optional datasets: the mapping then uses the taxonomy profiles alone)."""
    from pathlib import Path

    from kompetensbron.sources.catalog import DATASETS

    keys = ("esco-relations", "esco-occupations", "esco-skills", "esco-occupation-mapping")
    if not all((Path(data_dir) / DATASETS[k].path).is_file() for k in keys):
        return None
    return load_esco_profiles(snapshot, data_dir)
