"""``site_search(query=…, actor=…)``: one search over the whole platform, typed hits with links.

Each kind is searched by the module that owns it (occupations through the reference search,
activities and opportunities only among those the actor may read, by the owners' own
visibility rules), so a hit never shows what its page would refuse.
"""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.db.models import Q, QuerySet
from django.urls import reverse

from kompetensbron.reference import services as reference
from kompetensbron.reference.search_text import fold

from .schemas import SearchGroup, SearchHit, SearchKind, SiteSearchResult

#: hits shown per kind (the count says how many there are)
PER_KIND = 5
MAX_PER_KIND = 50
MAX_QUERY = 200


def _text_filter(query: str, *fields: str) -> Q:
    """Case-insensitive containment on any of ``fields``; SQLite folds ASCII only, so the
    capitalised and lower-case spellings are tried too (å, ä, ö)."""
    cond = Q()
    for variant in {query, query.lower(), query.capitalize()}:
        for field in fields:
            cond |= Q(**{f"{field}__icontains": variant})
    return cond


def _occupations(query: str, limit: int, actor) -> tuple[int, list[SearchHit]]:
    result = reference.search_occupations(query, level=None, limit=limit)
    hits = [
        SearchHit(
            kind=SearchKind.OCCUPATION,
            title=f"{h.code} {h.label}",
            detail=", ".join(h.matched_names[:3]),
            url=reverse("reference:occupation", args=[h.code]),
        )
        for h in result.results
    ]
    return result.count, hits


def _regions(query: str, limit: int, actor) -> tuple[int, list[SearchHit]]:
    folded = fold(query)
    found: list[SearchHit] = []
    for lan in reference.list_lan():
        if folded in fold(lan.name) or query == lan.code:
            found.append(
                SearchHit(
                    kind=SearchKind.REGION,
                    title=lan.name,
                    detail=f"län {lan.code}",
                    url=reverse("reference:lan", args=[lan.code]),
                )
            )
    for k in reference.list_kommuner():
        if folded in fold(k.name) or query == k.code:
            found.append(
                SearchHit(
                    kind=SearchKind.REGION,
                    title=k.name,
                    detail=f"kommun {k.code}, {k.lan_name}",
                    url=reverse("reference:kommun", args=[k.code]),
                )
            )
    for fa in reference.list_fa_regions():
        if folded in fold(fa.name) or query == fa.code:
            found.append(
                SearchHit(
                    kind=SearchKind.REGION,
                    title=fa.name,
                    detail=f"FA-region {fa.code}",
                    url=reverse("reference:fa_region", args=[fa.code]),
                )
            )
    found.sort(key=lambda h: (not fold(h.title).startswith(folded), len(h.title)))
    return len(found), found[:limit]


def _from_queryset(
    qs: QuerySet, limit: int, kind: SearchKind, url_name: str, title: Callable, detail: Callable, key: Callable
) -> tuple[int, list[SearchHit]]:
    count = qs.count()
    hits = [
        SearchHit(kind=kind, title=title(o), detail=detail(o), url=reverse(url_name, args=[key(o)])) for o in qs[:limit]
    ]
    return count, hits


def _programmes(query: str, limit: int, actor) -> tuple[int, list[SearchHit]]:
    from kompetensbron.education.models import Programme

    qs = (
        Programme.objects.filter(_text_filter(query, "name") | Q(code__iexact=query))
        .select_related("institution")
        .order_by("name", "pk")
    )
    return _from_queryset(
        qs,
        limit,
        SearchKind.PROGRAMME,
        "education:programme",
        lambda p: p.name,
        lambda p: f"{p.code}, {p.institution.name}",
        lambda p: p.pk,
    )


def _courses(query: str, limit: int, actor) -> tuple[int, list[SearchHit]]:
    from kompetensbron.education.models import Course

    qs = Course.objects.filter(_text_filter(query, "title") | Q(code__iexact=query)).order_by("title", "code")
    return _from_queryset(
        qs, limit, SearchKind.COURSE, "education:course", lambda c: c.title, lambda c: c.code, lambda c: c.code
    )


def _activities(query: str, limit: int, actor) -> tuple[int, list[SearchHit]]:
    from kompetensbron.samverkan.permissions import visible_activities

    if actor is None or not actor.is_authenticated:
        return 0, []
    qs = visible_activities(actor).filter(_text_filter(query, "title")).select_related("owner").order_by("title", "pk")
    return _from_queryset(
        qs, limit, SearchKind.ACTIVITY, "samverkan:activity", lambda a: a.title, lambda a: a.owner.name, lambda a: a.pk
    )


def _opportunities(query: str, limit: int, actor) -> tuple[int, list[SearchHit]]:
    from kompetensbron.matchning.permissions import visible_opportunities

    qs = (
        visible_opportunities(actor).filter(_text_filter(query, "title")).select_related("host").order_by("title", "pk")
    )
    return _from_queryset(
        qs,
        limit,
        SearchKind.OPPORTUNITY,
        "matchning:opportunity",
        lambda o: o.title,
        lambda o: o.host.name,
        lambda o: o.pk,
    )


def _housing_projects(query: str, limit: int, actor) -> tuple[int, list[SearchHit]]:
    from kompetensbron.housing.models import HousingProject

    qs = (
        HousingProject.objects.filter(_text_filter(query, "name", "kommun__name"))
        .select_related("kommun")
        .order_by("name", "pk")
    )
    return _from_queryset(
        qs,
        limit,
        SearchKind.HOUSING_PROJECT,
        "housing:project",
        lambda p: p.name,
        lambda p: p.kommun.name,
        lambda p: p.pk,
    )


#: kind -> (the app that must be installed, its search)
SEARCHES: dict[SearchKind, tuple[str, Callable[[str, int, object], tuple[int, list[SearchHit]]]]] = {
    SearchKind.OCCUPATION: ("kompetensbron.reference", _occupations),
    SearchKind.REGION: ("kompetensbron.reference", _regions),
    SearchKind.PROGRAMME: ("kompetensbron.education", _programmes),
    SearchKind.COURSE: ("kompetensbron.education", _courses),
    SearchKind.ACTIVITY: ("kompetensbron.samverkan", _activities),
    SearchKind.OPPORTUNITY: ("kompetensbron.matchning", _opportunities),
    SearchKind.HOUSING_PROJECT: ("kompetensbron.housing", _housing_projects),
}


def site_search(*, query: str, actor, per_kind: int = PER_KIND) -> SiteSearchResult:
    """Every kind's best hits for ``query`` (empty groups left out); blank query: no hits."""
    query = " ".join(query.split())[:MAX_QUERY]
    per_kind = max(1, min(per_kind, MAX_PER_KIND))
    groups: list[SearchGroup] = []
    if query:
        for kind, (app, search) in SEARCHES.items():
            if not apps.is_installed(app):
                continue
            count, hits = search(query, per_kind, actor)
            if count:
                groups.append(SearchGroup(kind=kind, count=count, hits=hits))
    return SiteSearchResult(query=query, total=sum(g.count for g in groups), groups=groups)
