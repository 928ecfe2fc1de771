"""Store the occupation map's suggestions as :class:`~.models.OccupationLink` rows.

The plain-Python mapping (:mod:`kompetensbron.analysis.occupation_mapping`) suggests the
best SSYK-4 groups of each course or programme; this service writes them, in one
transaction, as an idempotent upsert keyed by (course | programme, ssyk, provenance):

* a new key → a ``suggested`` link with score, rank and evidence (created);
* an existing ``suggested`` link → score, rank and evidence refreshed (updated, or
  unchanged when equal);
* an existing ``confirmed`` or ``rejected`` link → left exactly as people decided (kept);
* ``manual`` links are never touched (another provenance, so another key);
* a ``suggested`` link of a mapped target whose group is no longer among its suggestions
  (same provenance) is deleted (removed) — the map stays the current top-k.

Suggestions naming an unknown course code or SSYK-4 group are skipped and counted.
Every store that changes a link leaves one audit entry (``map_occupations``) with its counts
and the ``actor`` (None when run by the operator's CLI).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kompetensbron.samverkan.audit import record, record_bulk

from .models import Course, Institution, LinkProvenance, LinkStatus, OccupationLink, Programme

__all__ = ["StoreCounts", "store_course_suggestions", "store_programme_suggestions"]

_SUGGESTED_PROVENANCES = (LinkProvenance.OFFICIAL.value, LinkProvenance.SKILL_OVERLAP.value)


@dataclass(frozen=True)
class StoreCounts:
    """What a store changed."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # confirmed/rejected links whose decision was left alone
    removed: int = 0  # stale suggested links deleted
    unknown_courses: int = 0
    unknown_ssyk: int = 0

    @property
    def written(self) -> int:
        return self.created + self.updated


def stored_course_texts() -> list:
    """The mapper's text of every imported course (one per course code, first institution first)."""
    from kompetensbron.analysis.occupation_mapping import course_text

    rows = Course.objects.order_by("code", "institution_id").values_list(
        "code", "title", "subject", "ilos", "learning_outcomes", "level"
    )
    seen: dict[str, object] = {}
    for code, title, subject, ilos, outcomes, level in rows:
        seen.setdefault(code, course_text(code, title, subject, ilos or (), outcomes, level))
    return list(seen.values())


def _evidence(suggestion) -> dict:
    evidence = (
        suggestion.evidence.as_json() if hasattr(suggestion.evidence, "as_json") else dict(suggestion.evidence or {})
    )
    evidence.setdefault("label", suggestion.label)
    return evidence


def store_course_suggestions(
    *, suggestions: Iterable, institution: Institution | None = None, actor=None
) -> StoreCounts:
    """Upsert the suggestions of :class:`CourseMapping` objects (``code`` = course code).

    ``institution`` narrows the course look-up; without it a code matches the courses of
    every institution that has it.
    """
    mappings = list(suggestions)
    courses = Course.objects.filter(code__in={m.code for m in mappings})
    if institution is not None:
        courses = courses.filter(institution=institution)
    targets: dict[str, list[int]] = {}
    for pk, code in courses.values_list("pk", "code"):
        targets.setdefault(code, []).append(pk)

    def audit(counts: StoreCounts) -> None:
        summary = f"{len(targets)} kurser" + (f" vid {institution}" if institution is not None else "")
        record_bulk(
            actor=actor, action="map_occupations", model=OccupationLink, summary=summary, after=_counts_json(counts)
        )

    return _store("course", targets, mappings, audit)


def store_programme_suggestions(*, programme: Programme, mapping, actor=None) -> StoreCounts:
    """Upsert one programme's :class:`CourseMapping` (e.g. from ``map_programme``)."""

    def audit(counts: StoreCounts) -> None:
        record(actor=actor, action="map_occupations", obj=programme, after=_counts_json(counts))

    return _store("programme", {mapping.code: [programme.pk]}, [mapping], audit)


def _counts_json(counts: StoreCounts) -> dict:
    from dataclasses import asdict

    return asdict(counts)


def _store(field: str, targets: dict[str, list[int]], mappings: list, audit=None) -> StoreCounts:
    from kompetensbron.reference.models import SsykGroup

    known_ssyk = set(SsykGroup.objects.filter(level=4).values_list("code", flat=True))
    wanted: dict[tuple[int, str, str], tuple[float, int, dict]] = {}
    unknown_courses = unknown_ssyk = 0
    for mapping in mappings:
        pks = targets.get(mapping.code)
        if not pks:
            unknown_courses += 1
            continue
        for s in mapping.suggestions:
            if s.ssyk not in known_ssyk:
                unknown_ssyk += 1
                continue
            if s.provenance not in _SUGGESTED_PROVENANCES:
                raise ValueError(f"suggestions come from {_SUGGESTED_PROVENANCES}, not {s.provenance!r}")
            for pk in pks:
                wanted[(pk, s.ssyk, s.provenance)] = (
                    min(1.0, max(0.0, round(float(s.score), 6))),
                    s.rank,
                    _evidence(s),
                )
    target_ids = {pk for m in mappings for pk in targets.get(m.code, ())}
    now = timezone.now()
    created = updated = unchanged = kept = removed = 0
    fk = f"{field}_id"
    with transaction.atomic():
        existing = OccupationLink.objects.select_for_update().filter(
            **{f"{fk}__in": target_ids}, provenance__in=_SUGGESTED_PROVENANCES
        )
        to_update, stale = [], []
        seen: set[tuple[int, str, str]] = set()
        for link in existing:
            key = (getattr(link, fk), link.ssyk_id, link.provenance)
            if key not in wanted:
                if link.status == LinkStatus.SUGGESTED:
                    stale.append(link.pk)
                continue
            seen.add(key)
            if link.status != LinkStatus.SUGGESTED:
                kept += 1
                continue
            score, rank, evidence = wanted[key]
            if (link.score, link.rank, link.evidence) == (score, rank, evidence):
                unchanged += 1
                continue
            link.score, link.rank, link.evidence, link.updated_at = score, rank, evidence, now
            to_update.append(link)
        if stale:
            removed = OccupationLink.objects.filter(pk__in=stale).delete()[0]
        if to_update:
            OccupationLink.objects.bulk_update(to_update, ["score", "rank", "evidence", "updated_at"], batch_size=1000)
            updated = len(to_update)
        new = [
            OccupationLink(
                **{fk: pk},
                ssyk_id=ssyk,
                provenance=provenance,
                score=score,
                rank=rank,
                evidence=evidence,
                status=LinkStatus.SUGGESTED,
            )
            for (pk, ssyk, provenance), (score, rank, evidence) in wanted.items()
            if (pk, ssyk, provenance) not in seen
        ]
        OccupationLink.objects.bulk_create(new, batch_size=1000)
        created = len(new)
        counts = StoreCounts(created, updated, unchanged, kept, removed, unknown_courses, unknown_ssyk)
        if audit is not None and (created or updated or removed):
            audit(counts)
    return counts
