"""Skills of an occupation's ESCO profile, offered to a host writing an opportunity.

The profile is the one the platform builds once per process
(:func:`kompetensbron.analysis.occupation_profiles.occupation_skill_profile`: ESCO v1.1.1
occupation ↔ skill relations through the Swedish ESCO ↔ JobTech mapping and SSYK ↔ ISCO-08,
essential skills weighted above optional ones). Matchning offers its heaviest *essential*
skills that Matchning knows (a JobTech concept id, or an ESCO URI of the reference tables) as
desirable skills of the opportunity, so the skill fit of the score
(:mod:`.scoring`: 0.7 × required + 0.3 × desirable covered) counts them. Nothing is stored
until the host saves the opportunity.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from pydantic import BaseModel

from kompetensbron.errors import KompetensbronError, UnknownConcept

from . import skills as sk
from .schemas import SkillRef

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "ProfileSkillOut", "profile_skills", "profile_suggestions"]

DEFAULT_LIMIT = 10
MAX_LIMIT = 50


class ProfileSkillOut(BaseModel):
    id: str
    label: str
    weight: float
    essential: bool
    source: str = "ESCO v1.1.1"


def _default_profile(ssyk: str) -> Sequence:
    from kompetensbron.analysis.occupation_profiles import occupation_skill_profile

    return occupation_skill_profile(ssyk)


def profile_skills(
    ssyk: str,
    *,
    limit: int = DEFAULT_LIMIT,
    essential_only: bool = True,
    profile: Callable[[str], Sequence] | None = None,
) -> list[ProfileSkillOut]:
    """The ``limit`` heaviest skills of the SSYK-4 group's ESCO profile that Matchning knows.

    ``profile``: ``ssyk → [ProfileSkill]`` (tests pass a toy one). :class:`UnknownConcept` for a
    code that is not an SSYK-4 group; an empty list when the ESCO files are absent."""
    code = (ssyk or "").strip()
    if not (len(code) == 4 and code.isdigit()):
        raise UnknownConcept("SSYK-4 group", code[:20])
    limit = max(1, min(int(limit), MAX_LIMIT))
    try:
        rows = list((profile or _default_profile)(code))
    except UnknownConcept:
        raise
    except KompetensbronError:  # no ESCO files in this data directory
        return []
    rows = [r for r in rows if r.essential or not essential_only]
    rows.sort(key=lambda r: (-r.weight, not r.essential, r.skill_id))
    known = sk.labels(r.skill_id for r in rows)
    out: list[ProfileSkillOut] = []
    for r in rows:
        if r.skill_id in known and all(o.id != r.skill_id for o in out):
            out.append(
                ProfileSkillOut(
                    id=r.skill_id, label=known[r.skill_id], weight=round(r.weight, 4), essential=r.essential
                )
            )
        if len(out) >= limit:
            break
    return out


def profile_suggestions(
    ssyk: str, *, exclude: Collection[str] = frozenset(), profile: Callable[[str], Sequence] | None = None
) -> list[SkillRef]:
    """The form's suggestions from an SSYK-4 code typed by the host (none for anything else)."""
    code = (ssyk or "").strip()
    if not (len(code) == 4 and code.isdigit()):
        return []
    try:
        rows = profile_skills(code, profile=profile)
    except UnknownConcept:
        return []
    return [SkillRef(id=r.id, label=r.label) for r in rows if r.id not in exclude]
