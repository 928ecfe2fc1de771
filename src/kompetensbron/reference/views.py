"""HTML pages of the reference data (placeholder until the UI lands)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kompetensbron.errors import NotFound

from . import services


def occupation_search(request: HttpRequest) -> HttpResponse:
    result = services.search_occupations(request.GET.get("q", ""))
    return render(request, "reference/occupation_search.html", {"result": result})


def occupation_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        occupation = services.get_occupation(code)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return render(request, "reference/occupation_detail.html", {"occupation": occupation})


def region_map(request: HttpRequest) -> HttpResponse:
    return render(request, "reference/region_map.html", {"lan": services.list_lan()})
