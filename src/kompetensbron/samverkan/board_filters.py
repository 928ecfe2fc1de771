"""The board's GET filters and grouping: by phase, area, unit, organisation and status.

Every parameter is bounded where it enters: ids are digits of at most 19 characters (else ignored),
codes must be one of their choices; nothing else from the query string reaches a query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kompetensbron.input_types import MAX_ID

from .models import ActivityStatus, Phase
from .schemas import ActivityPublic

__all__ = ["BoardFilters", "GROUPS", "group_columns"]

GROUPS = ("phase", "area", "unit", "organisation", "status")


def _id(value: str | None) -> int | None:
    if value and len(value) <= 19 and value.isdigit() and 1 <= int(value) <= MAX_ID:
        return int(value)
    return None


def _code(value: str | None, allowed) -> str | None:
    return value if value in allowed else None


@dataclass(frozen=True)
class BoardFilters:
    agreement: int | None = None
    phase: str | None = None
    area: int | None = None
    unit: int | None = None
    organisation: int | None = None
    status: str | None = None
    group: str = "phase"

    @classmethod
    def from_query(cls, q) -> BoardFilters:
        return cls(
            agreement=_id(q.get("avtal")),
            phase=_code(q.get("fas"), Phase.values + ["none"]),
            area=_id(q.get("omrade")),
            unit=_id(q.get("enhet")),
            organisation=_id(q.get("organisation")),
            status=_code(q.get("status"), ActivityStatus.values),
            group=_code(q.get("grupp"), GROUPS) or "phase",
        )

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.phase == "none":
            qs = qs.filter(phase="")
        elif self.phase:
            qs = qs.filter(phase=self.phase)
        if self.area:
            qs = qs.filter(areas=self.area)
        if self.unit:
            qs = qs.filter(Q(units=self.unit) | Q(owner_unit=self.unit))
        if self.organisation:
            qs = qs.filter(Q(owner=self.organisation) | Q(partners=self.organisation))
        if self.status:
            qs = qs.filter(status=self.status)
        return qs.distinct()


def group_columns(activities: list[ActivityPublic], group: str) -> list[tuple[str, str, list[ActivityPublic]]]:
    """(key, label, activities) per column; an activity with several areas/units/partners shows in
    each of their columns; a last column holds those without any."""
    if group == "phase":
        cols = [(p.value, str(p.label), [a for a in activities if a.phase == p.value]) for p in Phase]
        rest = [a for a in activities if not a.phase]
        return cols + ([("none", _("Utan fas"), rest)] if rest else [])
    if group == "status":
        return [(s.value, str(s.label), [a for a in activities if a.status == s.value]) for s in ActivityStatus]
    keyed: dict[str, tuple[str, list[ActivityPublic]]] = {}
    rest = []
    for a in activities:
        if group == "area":
            keys = [(str(x.id), x.name) for x in a.areas]
        elif group == "unit":
            keys = [(str(x.id), x.name) for x in a.units]
            if a.owner_unit_id and str(a.owner_unit_id) not in {k for k, _l in keys}:
                keys.append((str(a.owner_unit_id), f"{a.owner_unit} ({a.owner})"))
        else:
            keys = [(str(a.owner_id), a.owner)] + list(zip(map(str, a.partner_ids), a.partners, strict=True))
        for key, label in keys:
            keyed.setdefault(key, (label, []))[1].append(a)
        if not keys:
            rest.append(a)
    cols = [(k, label, acts) for k, (label, acts) in sorted(keyed.items(), key=lambda kv: kv[1][0])]
    none_label = {"area": _("Utan område"), "unit": _("Utan enhet")}.get(group, _("Övriga"))
    return cols + ([("none", none_label, rest)] if rest else [])
