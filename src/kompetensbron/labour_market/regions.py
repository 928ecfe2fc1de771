"""Reference look-ups of the demand services: region names, kommun → län / FA-region, labels.

Each look-up is one query over the reference tables, made once per service call (never per
row). Region levels are :class:`kompetensbron.region_levels.RegionLevel`.
"""

from __future__ import annotations

from collections import defaultdict

from kompetensbron.errors import UnknownConcept
from kompetensbron.reference import models as ref
from kompetensbron.reference.services import population_date, population_old
from kompetensbron.region_levels import RegionLevel

__all__ = [
    "REGION_KINDS",
    "check_kind",
    "region_name",
    "occupation_label",
    "occupation_labels",
    "region_names",
    "fa_of_kommun",
    "lan_of_kommun",
    "rollup",
    "region_populations",
    "population_date",
    "population_old",
    "per_10k",
]

REGION_KINDS: tuple[RegionLevel, ...] = tuple(RegionLevel)
_CODE_NAMES = {RegionLevel.LAN: "länskod", RegionLevel.KOMMUN: "kommunkod", RegionLevel.FA: "FA-region code"}
_MODELS = {RegionLevel.LAN: ref.Lan, RegionLevel.KOMMUN: ref.Kommun, RegionLevel.FA: ref.FaRegion}


def check_kind(kind: str) -> RegionLevel:
    """The region level of ``kind``; :class:`UnknownConcept` when it is none."""
    try:
        return RegionLevel(kind)
    except ValueError:
        raise UnknownConcept("region kind", kind) from None


def occupation_label(ssyk: str) -> str:
    label = ref.SsykGroup.objects.filter(code=ssyk, level=4).values_list("label", flat=True).first()
    if label is None:
        raise UnknownConcept("SSYK-4 code", ssyk)
    return label


def occupation_labels(codes: set[str]) -> dict[str, str]:
    return dict(ref.SsykGroup.objects.filter(code__in=codes).values_list("code", "label"))


def region_names(kind: RegionLevel) -> dict[str, str]:
    return dict(_MODELS[RegionLevel(kind)].objects.order_by("code").values_list("code", "name"))


def fa_of_kommun() -> dict[str, str]:
    return dict(ref.Kommun.objects.exclude(fa_region=None).values_list("code", "fa_region_id"))


def lan_of_kommun() -> dict[str, str]:
    return dict(ref.Kommun.objects.values_list("code", "lan_id"))


def region_name(kind: str, code: str) -> str:
    """The name of a län, kommun or FA-region; :class:`UnknownConcept` when unknown."""
    level = check_kind(kind)
    name = region_names(level).get(code)
    if name is None:
        raise UnknownConcept(_CODE_NAMES[level], code)
    return name


def rollup(counts: dict[str, int], kind: RegionLevel, fa_of: dict[str, str] | None) -> dict[str, int]:
    """Kommun counts summed per FA-region when ``kind`` is FA; otherwise unchanged."""
    if kind != RegionLevel.FA:
        return counts
    out: dict[str, int] = defaultdict(int)
    for kommun, n in counts.items():
        fa = (fa_of or {}).get(kommun)
        if fa is not None:
            out[fa] += n
    return dict(out)


def region_populations(kind: RegionLevel) -> dict[str, int]:
    """Inhabitants per län or kommun (SCB, the reference data); an FA-region's is the sum over
    its kommuner. Regions without a figure are left out."""
    kind = RegionLevel(kind)
    if kind == RegionLevel.FA:
        out: dict[str, int] = defaultdict(int)
        for fa, population in (
            ref.Kommun.objects.exclude(fa_region=None)
            .exclude(population=None)
            .values_list("fa_region_id", "population")
        ):
            out[fa] += population
        return dict(out)
    return dict(_MODELS[kind].objects.exclude(population=None).values_list("code", "population"))


def per_10k(count: int | None, population: int | None) -> float | None:
    """``count`` per 10,000 inhabitants (one decimal), or None without a population."""
    if count is None or not population:
        return None
    return round(count * 10_000 / population, 1)
