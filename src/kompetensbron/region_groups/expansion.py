"""Graduates over regions that may overlap, each graduate counted once.

**The rule**: a selection of regions — län, kommuner and FA-regions, possibly overlapping (a
län and a kommun within it; an FA-region that crosses a län border) — is first expanded to
its **set of kommuner** (:func:`kommuner_of`); a programme counts when its study kommun is in
that set, **once**, however many of the regions hold it and however many of the selected
occupations it is linked to (:func:`graduates_in`). The figure is its latest year's graduates
(:func:`kompetensbron.education.supply.latest_graduates`, the rule of every supply figure), on
the links :func:`~kompetensbron.education.supply.graduates_by_ssyk_region` uses.

A region group's total (:mod:`.analysis`) is computed this way, so it never counts a
graduate twice; for a group of disjoint members it equals the sum of the members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kompetensbron.education.supply import graduates_by_ssyk_region, latest_graduates
from kompetensbron.reference.models import Kommun
from kompetensbron.region_levels import RegionLevel
from kompetensbron.ssyk_levels import SsykSelection

__all__ = ["RULE", "GraduatesOnce", "graduates_in", "kommuner_of"]

RULE = (
    "group total = the programmes whose study kommun lies in the union of the members' kommuner, "
    "each programme (and so each graduate) once"
)

_FIELDS = {RegionLevel.LAN: "lan_id", RegionLevel.FA: "fa_region_id", RegionLevel.KOMMUN: "code"}


@dataclass(frozen=True)
class GraduatesOnce:
    kommuner: frozenset[str]
    programmes: frozenset[int]
    graduates: int | None  # None: no programme with a graduate figure
    years: tuple[int, int] | None


def kommuner_of(regions: Iterable[tuple[RegionLevel | str, str]]) -> frozenset[str]:
    """The union of the kommuner of ``(level, code)`` regions (unknown codes add nothing)."""
    out: set[str] = set()
    for level, codes in _by_level(regions).items():
        out.update(Kommun.objects.filter(**{f"{_FIELDS[level]}__in": codes}).values_list("code", flat=True))
    return frozenset(out)


def _by_level(regions: Iterable[tuple[RegionLevel | str, str]]) -> dict[RegionLevel, set[str]]:
    out: dict[RegionLevel, set[str]] = {}
    for level, code in regions:
        out.setdefault(RegionLevel(level), set()).add(code)
    return out


def graduates_in(
    regions: Iterable[tuple[RegionLevel | str, str]], selection: SsykSelection | None = None
) -> GraduatesOnce:
    """Graduates of programmes linked to the selected occupations studying in ``regions``, each once."""
    kommuner = kommuner_of(regions)
    selection = selection or SsykSelection.parse("")
    supply = graduates_by_ssyk_region(level="kommun")
    programmes = {
        pid
        for ssyk, s in supply.by_ssyk.items()
        if selection.matches(ssyk)
        for kommun, cell in s.cells.items()
        if kommun in kommuner
        for pid in cell.programmes
    }
    latest = latest_graduates(programmes)
    years = sorted(latest[p][0] for p in programmes)
    return GraduatesOnce(
        kommuner=kommuner,
        programmes=frozenset(programmes),
        graduates=sum(latest[p][1] for p in programmes) if programmes else None,
        years=(years[0], years[-1]) if years else None,
    )
