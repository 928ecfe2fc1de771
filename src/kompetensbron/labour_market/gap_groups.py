"""A region group on the balance map: the members' rows and the group's aggregate.

A group (predefined, e.g. Stockholm–Mälaren, or an organisation's own; see
:mod:`kompetensbron.region_groups`) is chosen like a län. The map and tables then hold its member
län only, and :class:`~.gap_schemas.GroupBalanceOut` adds the aggregate:

* **additive figures are sums** over the members: 2024 job ads, graduates and their programmes
  (each programme has one study kommun, so it counts in one member only);
* **AF's index is not additive**: the group shows the unweighted mean of the members' 1-year
  index and how many members carry each label;
* **all occupations**: the share in shortage of all labelled member × occupation cells
  (``Σ shortage / Σ labelled``).

AF publishes its index per län, so only groups of län can be chosen here (kommun groups have
their own page, ``/regiongrupper/<key>/``).
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from kompetensbron.errors import ValidationFailed
from kompetensbron.region_groups.services import get_group, group_out
from kompetensbron.region_levels import RegionLevel

from .gap_schemas import GapMap, GroupBalanceOut
from .gap_services import gap_map
from .schemas import ProvenanceOut

__all__ = ["GROUP_METHOD", "gap_group_map"]

GROUP_METHOD = (
    "group = its member län: ads, graduates and programmes summed over the members; index = unweighted "
    "mean of the members' 1-year AF index, labels counted per member; all occupations: share in shortage "
    "= shortage cells / labelled cells over the members"
)


def _aggregate(result: GapMap, members: set[str]) -> dict[str, object]:
    if result.ssyk is not None:
        rows = [r for r in result.rows if r.region_code in members]
        indices = [r.index for r in rows if r.index is not None]
        ads = [r.ads_2024 for r in rows if r.ads_2024 is not None]
        grads = [r.graduates for r in rows if r.graduates is not None]
        return {
            "index_mean": round(sum(indices) / len(indices), 3) if indices else None,
            "label_counts": dict(Counter(r.label for r in rows if r.label)),
            "ads_2024": sum(ads) if ads else None,
            "graduates": sum(grads) if grads else None,
            "supply_programmes": sum(r.supply_programmes for r in rows),
        }
    regions = [r for r in result.regions if r.code in members and r.shortage_share is not None]
    shortage = sum(round(r.shortage_share * r.labelled) for r in regions)  # type: ignore[operator]
    labelled = sum(r.labelled for r in regions)
    return {
        "labelled": labelled,
        "label_counts": {"shortage": shortage} if labelled else {},
        "shortage_share": round(shortage / labelled, 4) if labelled else None,
    }


def gap_group_map(*, group: str, ssyk: str | None = None, ssyk_level: str = "") -> GapMap:
    """The balance map of the län in ``group`` with the group's aggregate; :class:`NotFound` for an
    unknown group, :class:`ValidationFailed` for a group of kommuner."""
    spec, row = get_group(group)
    if spec.level != RegionLevel.LAN:
        raise ValidationFailed(
            _("AF:s index publiceras per län: bara grupper av län kan väljas på balanskartan."),
            {"group": _("en grupp av län")},
        )
    out = group_out(spec, row)
    result = gap_map(ssyk=ssyk, region_level=RegionLevel.LAN, ssyk_level=ssyk_level)
    members = set(spec.codes)
    aggregate = GroupBalanceOut(
        key=out.key,
        name=out.name,
        description=out.description,
        predefined=out.predefined,
        codes=out.codes,
        names=out.names,
        provenance=ProvenanceOut(
            source=f"{out.name}: " + ", ".join(out.names),
            table="region group " + out.key,
            snapshot=None,
            period="2024",
            method=GROUP_METHOD,
        ),
        **_aggregate(result, members),  # type: ignore[arg-type]
    )
    graduates = result.graduates
    if graduates is not None:
        graduates = graduates.model_copy(update={"rows": [r for r in graduates.rows if r.lanskod in members]})
    return result.model_copy(
        update={
            "group": aggregate,
            "rows": [r for r in result.rows if r.region_code in members],
            "regions": [r for r in result.regions if r.code in members],
            "graduates": graduates,
            "provenance": [*result.provenance, aggregate.provenance],
        }
    )
