"""Region against region: the 2024 ads of each occupation in two regions of one level, in
absolute numbers, per 10,000 inhabitants and as a share of the region's ads
(:func:`compare_regions` → :class:`RegionComparison`, shown at ``/efterfragan/jamfor/``).

The rows are the union of each region's ``limit`` largest occupations, each with both regions'
figures (an occupation without ads in a region has 0 there), ordered by the larger share.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from pydantic import BaseModel, Field

from kompetensbron.errors import ValidationFailed

from .regions import check_kind, per_10k, population_date, population_old, region_name, region_populations
from .schemas import ProvenanceOut, RegionKind
from .services import region_occupation_counts

__all__ = ["RegionFigures", "ComparisonRow", "RegionComparison", "compare_regions", "MAX_ROWS"]

MAX_ROWS = 100


class RegionFigures(BaseModel):
    code: str
    name: str
    total_ads: int
    population: int | None
    ads_per_10k: float | None


class ComparisonRow(BaseModel):
    ssyk: str
    label: str
    ads_a: int
    ads_b: int
    per_10k_a: float | None
    per_10k_b: float | None
    share_a: float = Field(description="share of region A's ads")
    share_b: float


class RegionComparison(BaseModel):
    level: RegionKind
    a: RegionFigures
    b: RegionFigures
    rows: list[ComparisonRow]
    provenance: ProvenanceOut | None
    available: bool = Field(description="false before the 2024 statistics are imported")
    population_date: str | None = Field(None, description="date of the population figures (SCB via the reference data)")
    population_old: bool = Field(False, description="the population figures are older than SCB's yearly renewal")


def compare_regions(level: str, a: str, b: str, *, limit: int = 20) -> RegionComparison:
    """The two regions' occupations side by side; :class:`UnknownConcept` for an unknown region,
    :class:`ValidationFailed` when both are the same."""
    kind = check_kind(level)
    if a == b:
        raise ValidationFailed(_("Välj två olika regioner."), {"b": _("Samma region som A.")})
    limit = max(1, min(int(limit), MAX_ROWS))
    names = {a: region_name(kind, a), b: region_name(kind, b)}
    people = region_populations(kind)
    counts = {code: region_occupation_counts(kind, code) for code in (a, b)}

    def figures(code: str) -> RegionFigures:
        c = counts[code]
        total = c.total_ads if c else 0
        return RegionFigures(
            code=code,
            name=names[code],
            total_ads=total,
            population=people.get(code),
            ads_per_10k=per_10k(total, people.get(code)) if c else None,
        )

    ca, cb = counts[a], counts[b]
    if ca is None or cb is None:
        return RegionComparison(
            level=kind,
            a=figures(a),
            b=figures(b),
            rows=[],
            provenance=None,
            available=False,
            population_date=population_date(kind),
            population_old=population_old(kind),
        )
    by_a = {r.ssyk: r for r in ca.rows}
    by_b = {r.ssyk: r for r in cb.rows}
    chosen = [r.ssyk for r in ca.rows[:limit]] + [r.ssyk for r in cb.rows[:limit]]
    rows = []
    for ssyk in dict.fromkeys(chosen):
        ra, rb = by_a.get(ssyk), by_b.get(ssyk)
        ads_a, ads_b = (ra.ads if ra else 0), (rb.ads if rb else 0)
        rows.append(
            ComparisonRow(
                ssyk=ssyk,
                label=(ra or rb).label,  # type: ignore[union-attr]
                ads_a=ads_a,
                ads_b=ads_b,
                per_10k_a=per_10k(ads_a, people.get(a)),
                per_10k_b=per_10k(ads_b, people.get(b)),
                share_a=round(ads_a / ca.total_ads, 4) if ca.total_ads else 0.0,
                share_b=round(ads_b / cb.total_ads, 4) if cb.total_ads else 0.0,
            )
        )
    rows.sort(key=lambda r: (-max(r.share_a, r.share_b), r.ssyk))
    return RegionComparison(
        level=kind,
        a=figures(a),
        b=figures(b),
        rows=rows,
        provenance=ca.provenance,
        available=True,
        population_date=population_date(kind),
        population_old=population_old(kind),
    )
