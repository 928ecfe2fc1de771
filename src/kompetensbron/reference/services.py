"""Reference-data services: search and look-up of occupations and regions.

Views and API routes call these and nothing else; each returns one typed result.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q

from kompetensbron.errors import UnknownConcept
from kompetensbron.sources.data_dates import DataDate

from . import models as m
from .english_names import english_occupation_names
from .schemas import (
    FaRegionDetail,
    FaRegionSummary,
    IscoOut,
    KommunDetail,
    KommunSummary,
    LanSummary,
    OccupationDetail,
    OccupationHit,
    OccupationNameOut,
    OccupationSearchResult,
    SourceOut,
    SsykRef,
    SunFieldOut,
)
from .search_text import query_terms, search_key

__all__ = [
    "search_occupations",
    "get_occupation",
    "list_kommuner",
    "get_kommun",
    "list_lan",
    "list_fa_regions",
    "region_geojson",
    "reference_counts",
]

MAX_LIMIT = 200


def _source(load: m.DataLoad) -> SourceOut:
    return SourceOut(
        dataset=load.dataset,
        title=load.title,
        source_file=load.source_file,
        version=load.version,
        publisher=load.publisher,
        licence=load.licence,
        loaded_at=load.loaded_at.isoformat(),
    )


def search_occupations(
    query: str, *, level: int | None = 4, limit: int = 25, offset: int = 0
) -> OccupationSearchResult:
    """SSYK groups whose code, label or occupation-names match every term of ``query``.

    Case and diacritics are ignored and plural / definite endings stripped, so
    "sjukskoterska" finds "Grundutbildade sjuksköterskor". Best matches first: code match,
    label prefix, label match, then groups found through their occupation-names.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, 100_000))
    terms = query_terms(query)
    qs = m.SsykGroup.objects.all()
    if level is not None:
        qs = qs.filter(level=level)
    if not terms:
        qs = qs.order_by("code")
        rows = list(qs.values_list("code", "label", "level")[offset : offset + limit])
        return OccupationSearchResult(
            query=query,
            count=qs.count(),
            offset=offset,
            results=[OccupationHit(code=c, label=l, level=v) for c, l, v in rows],
        )
    cond = Q()
    for t in terms:
        cond &= Q(search_text__contains=t)
    rows = list(qs.filter(cond).values_list("code", "label", "level"))
    folded_query = search_key(query)
    names: dict[str, list[str]] = {}
    name_cond = Q()
    for t in terms:
        name_cond &= Q(search_text__contains=t)
    for code, label in m.OccupationName.objects.filter(name_cond, ssyk__code__in=[r[0] for r in rows]).values_list(
        "ssyk_id", "label"
    ):
        names.setdefault(code, []).append(label)

    def word_match(text: str) -> bool:
        words = text.replace(",", " ").replace("-", " ").split()
        return all(any(w.startswith(t) for w in words) for t in terms)

    def rank(row: tuple[str, str, int]) -> tuple[int, int, str]:
        code, label, _lvl = row
        flabel = search_key(label)
        fnames = [search_key(n) for n in names.get(code, [])]
        if code == query.strip():
            score = 0
        elif flabel == folded_query or folded_query in fnames:
            score = 1
        elif any(n.startswith(folded_query) for n in fnames):
            score = 2
        elif flabel.startswith(folded_query) or word_match(flabel):
            score = 3
        elif any(word_match(n) for n in fnames):
            score = 4
        else:
            score = 5
        return (score, len(label), code)

    rows.sort(key=rank)
    hits = [
        OccupationHit(code=c, label=l, level=v, matched_names=sorted(names.get(c, []))[:5])
        for c, l, v in rows[offset : offset + limit]
    ]
    return OccupationSearchResult(query=query, count=len(rows), offset=offset, results=hits)


def get_occupation(code: str) -> OccupationDetail:
    try:
        group = m.SsykGroup.objects.select_related("load").get(code=code)
    except m.SsykGroup.DoesNotExist:
        raise UnknownConcept("SSYK code", code) from None
    parents = []
    p = m.SsykGroup.objects.filter(code__in=[code[:i] for i in range(1, len(code))]).order_by("level")
    parents = [SsykRef(code=g.code, label=g.label, level=g.level) for g in p]
    children = [SsykRef(code=g.code, label=g.label, level=g.level) for g in group.children.order_by("code")]
    english = english_occupation_names()
    names = [
        OccupationNameOut(concept_id=n.concept_id, label=n.label, label_en=english.get(n.concept_id))
        for n in group.occupation_names.order_by("label")
    ]
    isco = [IscoOut(code=i.code, label=i.label, concept_id=i.concept_id) for i in group.isco_groups.order_by("code")]
    sun = [SunFieldOut(code=s.code, label=s.label) for s in group.sun_fields.order_by("code")]
    datasets = {group.load.dataset}
    if names:
        datasets.add(m.OccupationName.objects.filter(ssyk=group).select_related("load").first().load.dataset)
    if isco:
        datasets.add("ssyk-isco")
    if sun:
        datasets.add("ssyk-sun")
    loads = m.DataLoad.objects.filter(dataset__in=datasets)
    return OccupationDetail(
        code=group.code,
        level=group.level,
        label=group.label,
        definition=group.definition,
        concept_id=group.concept_id,
        parents=parents,
        children=children,
        occupation_names=names,
        isco=isco,
        sun_fields=sun,
        sources=[_source(x) for x in sorted(loads, key=lambda d: d.dataset)],
    )


def _kommun_summary(k: m.Kommun) -> KommunSummary:
    return KommunSummary(
        code=k.code,
        name=k.name,
        lan_code=k.lan_id,
        lan_name=k.lan.name,
        fa_region_code=k.fa_region_id,
        fa_region_name=k.fa_region.name if k.fa_region else None,
        population=k.population,
    )


def list_kommuner(*, lan: str | None = None, q: str | None = None) -> list[KommunSummary]:
    qs = m.Kommun.objects.select_related("lan", "fa_region").defer("geometry", "lan__geometry").order_by("code")
    if lan:
        qs = qs.filter(lan_id=lan)
    if q:
        for t in query_terms(q):
            qs = qs.filter(search_text__contains=t)
    return [_kommun_summary(k) for k in qs]


def get_kommun(code: str) -> KommunDetail:
    try:
        k = (
            m.Kommun.objects.select_related("lan", "fa_region", "load")
            .defer("geometry", "lan__geometry")
            .get(code=code)
        )
    except m.Kommun.DoesNotExist:
        raise UnknownConcept("kommunkod", code) from None
    siblings = []
    if k.fa_region_id:
        siblings = [
            _kommun_summary(x)
            for x in m.Kommun.objects.select_related("lan", "fa_region")
            .defer("geometry", "lan__geometry")
            .filter(fa_region_id=k.fa_region_id)
            .order_by("code")
        ]
    return KommunDetail(
        **_kommun_summary(k).model_dump(),
        area_km2=k.area_km2,
        concept_id=k.concept_id,
        fa_region_kommuner=siblings,
        sources=[
            _source(x)
            for x in m.DataLoad.objects.filter(dataset__in=["kommuner", "geo-kommuner", "fa-regions", "lan"]).order_by(
                "dataset"
            )
        ],
    )


def list_lan() -> list[LanSummary]:
    return [
        LanSummary(code=c, name=n, population=p)
        for c, n, p in m.Lan.objects.order_by("code").values_list("code", "name", "population")
    ]


def list_fa_regions() -> list[FaRegionSummary]:
    return [FaRegionSummary(code=c, name=n) for c, n in m.FaRegion.objects.order_by("code").values_list("code", "name")]


def region_geojson(kind: str) -> dict:
    """A GeoJSON FeatureCollection of kommuner, län or FA-regions (``kind`` = kommuner / lan /
    fa), with codes, names and population.

    Cached per process (the shapes change only with ``init``; ``init`` clears the cache).
    """
    if kind not in ("kommuner", "lan", "fa"):
        raise UnknownConcept("region kind", kind)
    key = f"reference:geojson:{kind}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    features = []
    if kind == "kommuner":
        for k in m.Kommun.objects.select_related("lan", "fa_region").defer("lan__geometry").order_by("code"):
            features.append(
                {
                    "type": "Feature",
                    "geometry": k.geometry,
                    "properties": {
                        "code": k.code,
                        "name": k.name,
                        "lan_code": k.lan_id,
                        "lan_name": k.lan.name,
                        "fa_region_code": k.fa_region_id,
                        "fa_region_name": k.fa_region.name if k.fa_region else None,
                        "population": k.population,
                    },
                }
            )
    elif kind == "fa":
        population: dict[str, int] = {}
        members: dict[str, list[str]] = {}
        for fa, code, pop in m.Kommun.objects.values_list("fa_region_id", "code", "population"):
            population[fa] = population.get(fa, 0) + (pop or 0)
            members.setdefault(fa, []).append(code)
        for fa in m.FaRegion.objects.order_by("code"):
            features.append(
                {
                    "type": "Feature",
                    "geometry": fa.geometry,
                    "properties": {
                        "code": fa.code,
                        "name": fa.name,
                        "population": population.get(fa.code),
                        "kommuner": members.get(fa.code, []),
                    },
                }
            )
    else:
        for lan in m.Lan.objects.order_by("code"):
            features.append(
                {
                    "type": "Feature",
                    "geometry": lan.geometry,
                    "properties": {"code": lan.code, "name": lan.name, "population": lan.population},
                }
            )
    result = {"type": "FeatureCollection", "features": [f for f in features if f["geometry"]]}
    cache.set(key, result, None)
    return result


def reference_counts() -> dict[str, int]:
    """Row counts per reference table, for ``info`` and the start page."""
    return {
        "ssyk_level_1": m.SsykGroup.objects.filter(level=1).count(),
        "ssyk_level_2": m.SsykGroup.objects.filter(level=2).count(),
        "ssyk_level_3": m.SsykGroup.objects.filter(level=3).count(),
        "ssyk_level_4": m.SsykGroup.objects.filter(level=4).count(),
        "occupation_names": m.OccupationName.objects.count(),
        "isco_groups": m.IscoGroup.objects.count(),
        "skills": m.Skill.objects.count(),
        "esco_skills": m.EscoSkill.objects.count(),
        "esco_mappings": m.EscoSkillMapping.objects.count(),
        "sun_levels": m.SunLevel.objects.count(),
        "sun_fields": m.SunField.objects.count(),
        "ssyk_sun_links": m.SsykSunLink.objects.count(),
        "lan": m.Lan.objects.count(),
        "kommuner": m.Kommun.objects.count(),
        "fa_regions": m.FaRegion.objects.count(),
    }


def clear_caches() -> None:
    for kind in ("kommuner", "lan", "fa"):
        cache.delete(f"reference:geojson:{kind}")


# --- added for the web pages (issue 2, part 5) -------------------------------------------


def list_data_sources(datasets: list[str] | None = None) -> list[SourceOut]:
    """The loaded datasets (provenance of every page), optionally only the named ones."""
    qs = m.DataLoad.objects.order_by("dataset")
    if datasets is not None:
        qs = qs.filter(dataset__in=datasets)
    return [_source(d) for d in qs]


def get_lan(code: str) -> LanSummary:
    """One län by its two-digit länskod."""
    try:
        return LanSummary(**m.Lan.objects.values("code", "name", "population").get(code=code))
    except m.Lan.DoesNotExist:
        raise UnknownConcept("länskod", code) from None


__all__ += ["list_data_sources", "get_lan"]


def get_fa_region(code: str) -> FaRegionDetail:
    """One FA-region (Tillväxtverket FA15) by its two-digit code, with its kommuner by name."""
    try:
        fa = m.FaRegion.objects.only("code", "name").get(code=code)
    except m.FaRegion.DoesNotExist:
        raise UnknownConcept("FA-kod", code) from None
    rows = (
        m.Kommun.objects.select_related("lan", "fa_region")
        .defer("geometry", "lan__geometry", "fa_region__geometry")
        .filter(fa_region_id=code)
        .order_by("code")
    )
    kommuner = [_kommun_summary(k) for k in rows]
    known = [k.population for k in kommuner if k.population is not None]
    return FaRegionDetail(
        code=fa.code,
        name=fa.name,
        population=sum(known) if known else None,
        kommuner=kommuner,
        sources=[
            _source(x) for x in m.DataLoad.objects.filter(dataset__in=["fa-regions", "kommuner"]).order_by("dataset")
        ],
    )


__all__ += ["get_fa_region"]


def population_data_date(kind: str) -> DataDate | None:
    """The date of the population figures of a region level, and whether it is old for SCB's yearly
    figures (the registry's data date of the län file for ``lan``, of the kommun file for any other
    level -- kommuner, FA-regions, which sum their kommuner): the one answer every page that shows
    a population gives beside it."""
    from kompetensbron.region_levels import RegionLevel
    from kompetensbron.sources.data_dates import date_of

    return date_of(keys=["lan" if kind == RegionLevel.LAN else "kommuner"])


def population_date(kind: str) -> str | None:
    """The date of :func:`population_data_date` alone."""
    found = population_data_date(kind)
    return found.date if found else None


def population_old(kind: str) -> bool:
    """Whether :func:`population_data_date` is older than SCB's yearly renewal (the registry's rule)."""
    found = population_data_date(kind)
    return bool(found and found.old)


__all__ += ["population_data_date", "population_date", "population_old"]
