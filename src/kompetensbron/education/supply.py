"""Education supply per occupation and region: graduates of the programmes linked to an SSYK-4 group.

:func:`graduates_by_ssyk_region` feeds the balance (``analysis.balance``'s ``supply``: SSYK-4 →
region code → graduates). The rules, stated wherever the figures are shown:

- **Which programmes.** Per SSYK-4 group, the programmes whose occupation link to it is
  *confirmed* or *manual*; only when a group has none of those, its *suggested* links are used
  (``basis = "suggested"``). Rejected links never count. Course links carry no graduates.
- **Which year.** Each programme's latest year with a graduate figure (``ProgrammeYear``);
  a cell names the years it used (``year_from``–``year_to``). Programmes without any graduate
  figure are counted in ``programmes_without_graduates`` and add nothing.
- **Which region.** The programme's study kommun (``Programme.kommun``): its län
  (``Kommun.lan``) or its FA-region (``Kommun.fa_region``). Programmes without a kommun (or,
  for FA-regions, whose kommun has none) are counted in ``unplaced`` and add nothing.
- A programme linked to several groups counts in each of them (graduates are not split).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from .models import LinkProvenance, LinkStatus, OccupationLink, ProgrammeYear

__all__ = [
    "RegionLevel",
    "Basis",
    "SupplyCell",
    "SsykSupply",
    "GraduateSupply",
    "graduates_by_ssyk_region",
    "latest_graduates",
]

RegionLevel = Literal["lan", "fa", "kommun"]
Basis = Literal["confirmed", "suggested"]

METHOD = (
    "graduates of each programme's latest year with a figure, of programmes whose link to the SSYK-4 group "
    "is confirmed or manual (suggested links only where a group has none), placed in the län / FA-region "
    "of the programme's study kommun; a programme linked to several groups counts in each"
)


@dataclass(frozen=True)
class SupplyCell:
    """Graduates of one SSYK-4 group in one region."""

    ssyk: str
    region_code: str
    graduates: int
    year_from: int
    year_to: int
    programmes: tuple[int, ...]  # programme ids

    @property
    def year(self) -> str:
        return str(self.year_to) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"


@dataclass(frozen=True)
class SsykSupply:
    """Supply of one SSYK-4 group: the basis of its links and its cells per region."""

    ssyk: str
    basis: Basis
    cells: dict[str, SupplyCell]  # region code -> cell
    programmes: tuple[int, ...]  # every programme used (placed or not)
    programmes_without_graduates: tuple[int, ...]
    unplaced: tuple[int, ...]  # programmes with graduates but no region


@dataclass(frozen=True)
class GraduateSupply:
    level: RegionLevel
    by_ssyk: dict[str, SsykSupply] = field(default_factory=dict)
    method: str = METHOD

    def supply_mapping(self) -> dict[str, dict[str, int]]:
        """SSYK-4 → region code → graduates: the ``supply`` argument of ``analysis.balance``."""
        return {
            code: {region: c.graduates for region, c in s.cells.items()} for code, s in self.by_ssyk.items() if s.cells
        }

    def cell(self, ssyk: str, region_code: str) -> SupplyCell | None:
        s = self.by_ssyk.get(ssyk)
        return s.cells.get(region_code) if s else None

    @property
    def years(self) -> tuple[int, int] | None:
        cells = [c for s in self.by_ssyk.values() for c in s.cells.values()]
        return (min(c.year_from for c in cells), max(c.year_to for c in cells)) if cells else None

    def __bool__(self) -> bool:
        return any(s.cells for s in self.by_ssyk.values())


def _latest_graduates(programme_ids: set[int]) -> dict[int, tuple[int, int]]:
    """programme id -> (year, graduates) of its latest year with a graduate figure."""
    out: dict[int, tuple[int, int]] = {}
    rows = ProgrammeYear.objects.filter(programme_id__in=programme_ids, graduates__isnull=False).order_by(
        "programme_id", "year"
    )
    for pid, year, graduates in rows.values_list("programme_id", "year", "graduates"):
        out[pid] = (year, graduates)  # ascending years: the last one wins
    return out


_REGION_FIELDS = {
    "lan": "programme__kommun__lan_id",
    "fa": "programme__kommun__fa_region_id",
    "kommun": "programme__kommun_id",
}


def latest_graduates(programme_ids: set[int]) -> dict[int, tuple[int, int]]:
    """Programme id → (latest year with a graduate figure, graduates) — the rule of every supply figure."""
    return _latest_graduates(programme_ids)


def graduates_by_ssyk_region(*, level: RegionLevel = "lan") -> GraduateSupply:
    """Graduates per SSYK-4 group and län (``level="lan"``), FA-region (``"fa"``) or kommun; see the module docstring."""
    if level not in _REGION_FIELDS:
        raise ValueError(f"unknown region level {level!r}; expected 'lan', 'fa' or 'kommun'")
    region_field = _REGION_FIELDS[level]
    links = (
        OccupationLink.objects.filter(programme__isnull=False)
        .exclude(status=LinkStatus.REJECTED)
        .values_list("ssyk_id", "programme_id", region_field, "status", "provenance")
        .order_by()
    )
    # ssyk -> basis -> programme id -> region code
    per: dict[str, dict[str, dict[int, str | None]]] = defaultdict(lambda: {"confirmed": {}, "suggested": {}})
    for ssyk, pid, region, status, provenance in links:
        decided = status == LinkStatus.CONFIRMED or provenance == LinkProvenance.MANUAL
        per[ssyk]["confirmed" if decided else "suggested"][pid] = region
    latest = _latest_graduates({pid for b in per.values() for group in b.values() for pid in group})

    by_ssyk: dict[str, SsykSupply] = {}
    for ssyk, bases in sorted(per.items()):
        basis: Basis = "confirmed" if bases["confirmed"] else "suggested"
        chosen = bases[basis]
        sums: dict[str, list] = {}
        without, unplaced = [], []
        for pid, region in sorted(chosen.items()):
            if pid not in latest:
                without.append(pid)
                continue
            if not region:
                unplaced.append(pid)
                continue
            year, graduates = latest[pid]
            cell = sums.setdefault(region, [0, year, year, []])
            cell[0] += graduates
            cell[1], cell[2] = min(cell[1], year), max(cell[2], year)
            cell[3].append(pid)
        cells = {r: SupplyCell(ssyk, r, n, y0, y1, tuple(p)) for r, (n, y0, y1, p) in sorted(sums.items())}
        by_ssyk[ssyk] = SsykSupply(ssyk, basis, cells, tuple(sorted(chosen)), tuple(without), tuple(unplaced))
    return GraduateSupply(level=level, by_ssyk=by_ssyk)
