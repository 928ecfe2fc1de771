"""Skills in Matchning: JobTech concept ids (ESCO URIs where only ESCO has the skill).

Labels, checks and search read the reference tables; suggestions from a text and the skills of
completed courses come from the platform's skill extractor (:mod:`kompetensbron.enrich`),
loaded once per process by :func:`kompetensbron.dossier.services.skill_extractor`. Services
take an ``extractor=`` argument (anything with ``extract(text)`` returning matches with
``skill_id``), so tests pass a toy one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Q

from kompetensbron.reference.models import EscoSkill, Skill
from kompetensbron.reference.search_text import query_terms

from .schemas import SkillRef

__all__ = ["MAX_SEARCH", "course_text", "default_extractor", "extract", "labels", "refs", "search", "unknown"]

MAX_SEARCH = 25
MAX_TEXT = 20_000


def labels(ids: Iterable[str]) -> dict[str, str]:
    """Label of each known id (JobTech concept id or ESCO URI)."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    uris = {i for i in ids if i.startswith("http")}
    out = dict(Skill.objects.filter(pk__in=ids - uris).values_list("concept_id", "label"))
    if uris:
        out |= dict(EscoSkill.objects.filter(pk__in=uris).values_list("uri", "label_sv"))
    return out


def refs(ids: Sequence[str], known: dict[str, str] | None = None) -> list[SkillRef]:
    known = known if known is not None else labels(ids)
    return [SkillRef(id=i, label=known.get(i, i)) for i in ids]


def unknown(ids: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(ids))
    known = labels(ids)
    return [i for i in ids if i not in known]


def search(query: str, *, limit: int = MAX_SEARCH) -> list[SkillRef]:
    """JobTech skills whose label matches every term of ``query`` (folded, stemmed)."""
    terms = query_terms(query[:200])
    if not terms:
        return []
    cond = Q()
    for t in terms:
        cond &= Q(search_text__contains=t)
    rows = (
        Skill.objects.filter(cond)
        .order_by("label")
        .values_list("concept_id", "label")[: max(1, min(limit, MAX_SEARCH))]
    )
    return [SkillRef(id=c, label=label) for c, label in rows]


def default_extractor():
    from kompetensbron.dossier.services import skill_extractor

    return skill_extractor()


def extract(text: str, extractor=None) -> list[str]:
    """Skill ids found in ``text``, in order of first appearance."""
    extractor = extractor if extractor is not None else default_extractor()
    return list(dict.fromkeys(m.skill_id for m in extractor.extract((text or "")[:MAX_TEXT]) if m.skill_id))


def course_text(course) -> str:
    """A course's title and learning outcomes (the list when present, else the text)."""
    outcomes = " ".join(course.ilos) if course.ilos else course.learning_outcomes
    return f"{course.title}. {outcomes}"
