"""Demand beside supply over a region group, per member and summed (one typed :class:`GroupAnalysis`).

* **demand** — 2024 job ads of the selected occupations per member (JobTech statistics in the
  published warehouse: ``ads_2024_lan`` for län groups, ``ads_2024_kommun`` for kommun groups),
  the same counts :func:`kompetensbron.labour_market.services.demand_map` shows one region at a
  time; the group's figure is the sum over its members (the regions of a level do not overlap);
* **supply** — graduates of programmes linked to the selected occupations
  (:func:`kompetensbron.education.supply.graduates_by_ssyk_region`'s rules: confirmed / manual
  links, else suggested ones; each programme's latest year with a figure; the region of its
  study kommun). A programme linked to several selected groups counts **once** here, and the
  group's total counts each programme once over the union of its members' kommuner
  (:mod:`.expansion`);
* **retention** (län groups) — Saco stay rates and UHR applicants per place per member län
  (:func:`kompetensbron.graduates.regional.graduate_context`).

Occupations are selected with :class:`kompetensbron.ssyk_levels.SsykSelection` (SSYK levels 1–3,
e.g. only occupations that normally need a higher education).
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kompetensbron.education.supply import METHOD as SUPPLY_METHOD
from kompetensbron.education.supply import graduates_by_ssyk_region, latest_graduates
from kompetensbron.labour_market.regions import occupation_labels
from kompetensbron.labour_market.schemas import ProvenanceOut
from kompetensbron.labour_market.services import reader, warehouse_status
from kompetensbron.region_levels import RegionLevel
from kompetensbron.ssyk_levels import HIGHER_EDUCATION, SsykSelection
from kompetensbron.warehouse import statistics_ad_counts

from .expansion import RULE, graduates_in
from .schemas import GroupAnalysis, MemberRow
from .services import get_group, group_out

__all__ = ["group_analysis", "ssyk_label"]

_DATASETS = {RegionLevel.LAN: "ads_2024_lan", RegionLevel.KOMMUN: "ads_2024_kommun"}


#: how a group's ads are counted, per member level (Swedish msgids, translated where shown)
_GROUP_METHOD = {
    "lan": gettext_noop(
        "antal som i filen, per län; yrkesgruppsbegreppet mappat till SSYK-4; gruppen = summan av dess län"
    ),
    "kommun": gettext_noop(
        "antal som i filen, per kommun; yrkesgruppsbegreppet mappat till SSYK-4; gruppen = summan av dess kommuner"
    ),
}


def ssyk_label(selection: SsykSelection) -> str:
    if selection.is_all:
        return _("Alla yrken")
    if selection.preset == HIGHER_EDUCATION:
        return _("Yrken som normalt kräver högskoleutbildning (SSYK 1–3)")
    labels = occupation_labels(set(selection.prefixes))
    return "; ".join(f"{p} {labels.get(p, '')}".strip() for p in selection.prefixes)


def _demand(level: RegionLevel, codes: tuple[str, ...], selection: SsykSelection):
    status = warehouse_status()
    if not status.has_statistics:
        return None, None, status.message
    with reader() as con:
        result = statistics_ad_counts(con, dataset=_DATASETS[level], area_level=level.value)
    per: dict[str, int] = defaultdict(int)
    members = set(codes)
    for row in result.rows:
        if row.area_code in members and selection.matches(row.ssyk4):
            per[row.area_code] += row.ads
    p = result.provenance
    prov = ProvenanceOut(
        source=p.source,
        table=p.table,
        snapshot=p.snapshot,
        period=p.period,
        taxonomy=p.taxonomy,
        method=_GROUP_METHOD[level.value],
    )
    return dict(per), prov, None


def _supply(level: RegionLevel, codes: tuple[str, ...], selection: SsykSelection):
    """Region → (graduates, programme count), each programme once; and the years used."""
    supply = graduates_by_ssyk_region(level=level.value)
    programmes: dict[str, set[int]] = defaultdict(set)
    members = set(codes)
    for ssyk, s in supply.by_ssyk.items():
        if not selection.matches(ssyk):
            continue
        for region, cell in s.cells.items():
            if region in members:
                programmes[region].update(cell.programmes)
    latest = latest_graduates({p for ps in programmes.values() for p in ps})
    out = {r: (sum(latest[p][1] for p in ps), len(ps)) for r, ps in programmes.items()}
    years = sorted({latest[p][0] for ps in programmes.values() for p in ps})
    span = None if not years else (str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}")
    return out, span


def _per_100(graduates: int | None, ads: int) -> float | None:
    return round(100.0 * graduates / ads, 1) if graduates is not None and ads else None


def group_analysis(*, key: str, ssyk_level: str = "") -> GroupAnalysis:
    """Demand and supply of every member of the group ``key`` and their sum; :class:`NotFound`
    for an unknown group, :class:`ValidationFailed` for a bad SSYK selection."""
    selection = SsykSelection.parse(ssyk_level)
    spec, row = get_group(key)
    group = group_out(spec, row)
    ads, provenance, missing = _demand(spec.level, spec.codes, selection)
    supply, years = _supply(spec.level, spec.codes, selection)
    notes = [missing] if missing else []
    members = []
    for code, name in zip(spec.codes, group.names, strict=True):
        n_ads = (ads or {}).get(code, 0)
        grads, progs = supply.get(code, (None, 0))
        members.append(
            MemberRow(
                code=code,
                name=name,
                ads_2024=n_ads,
                graduates=grads,
                graduate_programmes=progs,
                graduates_per_100_ads=_per_100(grads, n_ads),
            )
        )
    total_ads = sum(m.ads_2024 for m in members)
    once = graduates_in(((spec.level, c) for c in spec.codes), selection)  # each graduate once (.expansion)
    total = MemberRow(
        code=spec.key,
        name=spec.name,
        ads_2024=total_ads,
        graduates=once.graduates,
        graduate_programmes=len(once.programmes),
        graduates_per_100_ads=_per_100(once.graduates, total_ads),
    )
    if once.graduates is None:
        notes.append(
            _("Utbud okänt: inget program med examinerade är kopplat till de valda yrkena i gruppens regioner.")
        )
    retention = None
    if spec.level == RegionLevel.LAN:
        from kompetensbron.graduates.regional import graduate_context

        retention = graduate_context(spec.codes)
    else:
        notes.append(_("Kvarboende (Saco) och sökande per plats (UHR) finns per län, inte per kommun."))
    return GroupAnalysis(
        group=group,
        ssyk_level=selection.text,
        ssyk_label=ssyk_label(selection),
        members=members,
        total=total,
        graduates_years=years,
        retention=retention,
        demand_provenance=provenance,
        supply_method=SUPPLY_METHOD + "; a programme linked to several selected occupations counts once; " + RULE,
        notes=notes,
    )
