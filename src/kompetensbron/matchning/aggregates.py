"""Aggregates of placements and outcomes, per university, employer, kommun and year.

Per group: fill rate (places taken of the places offered by opportunities published that
year; employer, kommun and total groups only), share placed in a top-3 choice (placements from
rounds, where the student's rank is known), median days from publication to match, hires by
the host, and the share still in the region after one year (among those who consented and
answered). A group with fewer than :data:`MIN_GROUP` placements shows only that it is
suppressed — no figure at all — and so does a share computed from fewer than five answers.

:func:`indicator_value` gives Samverkan indicators a value computed from the same data (for
example "degree projects with local employers"), so such an indicator counts itself instead of
being typed.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Opportunity, OpportunityKind, OpportunityStatus, Placement
from .schemas import AggregateRow, Aggregates

__all__ = ["DIMENSIONS", "INDICATOR_KINDS", "MIN_GROUP", "aggregates", "indicator_value"]

MIN_GROUP = 5
DIMENSIONS = ("total", "university", "employer", "kommun")
SOURCES = [gettext_noop("Kompetensbron Matchning: placeringar och utfall registrerade i plattformen (egna uppgifter).")]

INDICATOR_KINDS = {
    "placements": gettext_noop("Placeringar (alla typer) där organisationen är värd eller lärosäte"),
    "degree_projects_local": gettext_noop("Examensarbeten hos arbetsgivare i organisationens län"),
    "hires": gettext_noop("Anställda av värden efter placering"),
    "fill_rate": gettext_noop("Andel tillsatta platser (%) av organisationens publicerade möjligheter"),
}


def _year(dt_value) -> int:
    return timezone.localtime(dt_value).year if timezone.is_aware(dt_value) else dt_value.year


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole >= MIN_GROUP else None


def _group_key(dimension: str, p) -> tuple[str, str] | None:
    if dimension == "total":
        return ("all", "Alla")
    if dimension == "university":
        return (str(p.university_id), p.university.name) if p.university_id else None
    if dimension == "employer":
        return (str(p.opportunity.host_id), p.opportunity.host.name)
    if dimension == "kommun":
        k = p.opportunity.kommun
        return (k.code, k.name) if k else None
    raise ValueError(dimension)


def _opportunity_key(dimension: str, o: Opportunity) -> tuple[str, str] | None:
    if dimension == "total":
        return ("all", "Alla")
    if dimension == "employer":
        return (str(o.host_id), o.host.name)
    if dimension == "kommun":
        return (o.kommun.code, o.kommun.name) if o.kommun_id else None
    return None


def aggregates(*, dimension: str | None = None, year: int | None = None) -> Aggregates:
    """Rows per (dimension, group, year); suppressed below :data:`MIN_GROUP` placements."""
    dims = [dimension] if dimension else list(DIMENSIONS)
    for d in dims:
        if d not in DIMENSIONS:
            from kompetensbron.errors import ValidationFailed

            raise ValidationFailed(
                _("Okänd indelning: %(dimension)s.") % {"dimension": d},
                errors={"dimension": _("en av %(items)s") % {"items": ", ".join(DIMENSIONS)}},
            )
    placements = list(
        Placement.objects.select_related("university", "opportunity__host", "opportunity__kommun", "outcome")
    )
    offered = list(
        Opportunity.objects.filter(published_at__isnull=False)
        .exclude(status=OpportunityStatus.DRAFT)
        .select_related("host", "kommun")
    )
    taken: dict[int, int] = defaultdict(int)
    for p in placements:
        taken[p.opportunity_id] += 1
    rows: list[AggregateRow] = []
    for d in dims:
        groups: dict[tuple[str, str, int], list] = defaultdict(list)
        for p in placements:
            key = _group_key(d, p)
            y = _year(p.matched_at)
            if key is not None and (year is None or y == year):
                groups[(*key, y)].append(p)
        capacity: dict[tuple[str, str, int], list[int]] = defaultdict(lambda: [0, 0])
        for o in offered:
            key = _opportunity_key(d, o)
            y = _year(o.published_at)
            if key is not None and (year is None or y == year):
                cell = capacity[(*key, y)]
                cell[0] += o.capacity
                cell[1] += min(taken[o.pk], o.capacity)
        for key, label, y in sorted(set(groups) | set(capacity), key=lambda k: (k[2], k[1])):
            rows.append(_row(d, key, label, y, groups.get((key, label, y), []), capacity.get((key, label, y))))
    return Aggregates(min_group=MIN_GROUP, rows=rows, sources=[_(s) for s in SOURCES])


def _row(dimension, key, label, year, group: list[Placement], cap) -> AggregateRow:
    n = len(group)
    if n < MIN_GROUP:
        return AggregateRow(dimension=dimension, key=key, label=label, year=year, suppressed=True)
    ranked = [p.choice_rank for p in group if p.choice_rank is not None]
    days = [p.days_to_match for p in group if p.days_to_match is not None]
    outcomes = [getattr(p, "outcome", None) for p in group]
    outcomes = [o for o in outcomes if o is not None]
    stayed = [o.stayed_region_1y for o in outcomes if o.stayed_region_1y is not None]
    return AggregateRow(
        dimension=dimension,
        key=key,
        label=label,
        year=year,
        people=n,
        suppressed=False,
        fill_rate=round(cap[1] / cap[0], 4) if cap and cap[0] else None,
        top3_share=_share(sum(1 for r in ranked if r <= 3), len(ranked)),
        median_days_to_match=float(statistics.median(days)) if len(days) >= MIN_GROUP else None,
        hires=sum(1 for o in outcomes if o.hired),
        stayed_region_share=_share(sum(1 for s in stayed if s), len(stayed)),
    )


def indicator_value(kind: str, organisation, year: int) -> Decimal | None:
    """A Samverkan indicator's value for ``organisation`` in ``year``, computed from placements.

    ``kind`` is one of :data:`INDICATOR_KINDS`. Counts are returned as they are (a count of
    placements is no statistic about a person); ``fill_rate`` is a percentage, None without
    published opportunities.
    """
    if kind not in INDICATOR_KINDS:
        from kompetensbron.errors import ValidationFailed

        raise ValidationFailed(
            _("Okänd indikator: %(kind)s.") % {"kind": kind}, errors={"kind": ", ".join(INDICATOR_KINDS)}
        )
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    involved = Q(opportunity__host=organisation) | Q(university=organisation)
    qs = Placement.objects.filter(involved, matched_at__gte=start, matched_at__lt=end)
    if kind == "placements":
        return Decimal(qs.count())
    if kind == "hires":
        return Decimal(qs.filter(outcome__hired=True).count())
    if kind == "degree_projects_local":
        qs = qs.filter(opportunity__kind=OpportunityKind.DEGREE_PROJECT)
        if organisation.kommun_id:
            qs = qs.filter(opportunity__kommun__lan=organisation.kommun.lan_id)
        return Decimal(qs.count())
    offered = Opportunity.objects.filter(host=organisation, published_at__gte=start, published_at__lt=end)
    places = sum(o.capacity for o in offered)
    if not places:
        return None
    filled = sum(min(o.placements.count(), o.capacity) for o in offered)
    return (Decimal(filled) * 100 / Decimal(places)).quantize(Decimal("0.1"))
