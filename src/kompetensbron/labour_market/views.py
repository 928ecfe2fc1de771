"""HTML pages of the demand analytics: call a service, build the page context, render.

The region panel answers htmx (a click on the map) with the fragment and any other request
with the full page; both include ``_region_panel.html``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kompetensbron.errors import NotFound
from kompetensbron.reference import services as reference_services
from kompetensbron.reference.views import render_page
from kompetensbron.region_levels import RegionLevel
from kompetensbron.web.tables import export_response

from . import services
from .page_contexts import OccupationHitsFragment, OccupationPage, OverviewPage, RegionPage
from .schemas import RegionKind

SEARCH_LIMIT = 10


def _region_level(request: HttpRequest) -> RegionKind:
    """The ``level`` parameter; anything unknown falls back to län."""
    level = request.GET.get("level", RegionLevel.LAN)
    return level if level in services.REGION_KINDS else RegionLevel.LAN


def _not_found(exc: NotFound) -> Http404:
    return Http404(str(exc))  # the service worded it in the reader's language ("Okänd SSYK-kod: …")


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    level = _region_level(request)
    query = request.GET.get("q", "").strip()[:200]
    ssyk = request.GET.get("ssyk", "").strip() or None
    unmatched = False
    if query:  # Enter in the search box: the typed words win over an earlier choice
        best = reference_services.search_occupations(query, level=4, limit=1).results
        ssyk = best[0].code if best else None
        unmatched = not best
    try:
        result = services.demand_map(ssyk=ssyk, region_level=level)
    except NotFound as exc:
        raise _not_found(exc) from exc
    page = OverviewPage(region_level=level, result=result, query=query, unmatched=unmatched)
    return export_response(request, page.tables) or render(request, "labour_market/overview.html", {"page": page})


@require_safe
def occupation_hits(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    result = reference_services.search_occupations(query, level=4, limit=SEARCH_LIMIT)
    page = OccupationHitsFragment(result=result, region_level=_region_level(request))
    return render(request, "labour_market/_occupation_hits.html", {"page": page})


@require_safe
def occupation(request: HttpRequest, ssyk: str) -> HttpResponse:
    level = _region_level(request)
    try:
        result = services.occupation_demand(ssyk, region_level=level)
    except NotFound as exc:
        raise _not_found(exc) from exc
    page = OccupationPage(region_level=level, result=result)
    return export_response(request, page.tables) or render(request, "labour_market/occupation.html", {"page": page})


@require_safe
def region(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    try:
        result = services.region_top_occupations(kind, code)
    except NotFound as exc:
        raise _not_found(exc) from exc
    page = RegionPage(result=result)
    return export_response(request, page.tables) or render_page(
        request,
        page,
        full="labour_market/region.html",
        fragment="labour_market/_region_panel.html",
    )
