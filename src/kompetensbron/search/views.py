"""The site search page: the full page, or (htmx, while typing) the result list alone."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from kompetensbron.reference.views import render_page

from .schemas import SearchKind, SiteSearchResult
from .services import MAX_QUERY, site_search

KIND_NAMES: dict[SearchKind, Promise] = {
    SearchKind.OCCUPATION: _("Yrken (SSYK)"),
    SearchKind.REGION: _("Regioner"),
    SearchKind.PROGRAMME: _("Utbildningsprogram"),
    SearchKind.COURSE: _("Kurser"),
    SearchKind.ACTIVITY: _("Samverkansaktiviteter"),
    SearchKind.OPPORTUNITY: _("Matchning: möjligheter"),
    SearchKind.HOUSING_PROJECT: _("Studentbostäder: projekt"),
}

#: where "show all" leads for each kind (its own list page, filtered by the query where it can be)
MORE_URLS: dict[SearchKind, tuple[str, str | None]] = {
    SearchKind.OCCUPATION: ("reference:occupations", "q"),
    SearchKind.REGION: ("reference:regions", None),
    SearchKind.PROGRAMME: ("education:programmes", "q"),
    SearchKind.COURSE: ("education:courses", "q"),
    SearchKind.ACTIVITY: ("samverkan:board", None),
    SearchKind.OPPORTUNITY: ("matchning:home", None),
    SearchKind.HOUSING_PROJECT: ("housing:projects", None),
}


@dataclass(frozen=True)
class SearchPage:
    result: SiteSearchResult

    @property
    def groups(self) -> list[dict[str, object]]:
        out = []
        for g in self.result.groups:
            name, param = MORE_URLS[g.kind]
            params = {param: self.result.query} if param else {}
            if g.kind == SearchKind.OCCUPATION:
                params["level"] = ""  # every SSYK level, as the site search found them
            url = reverse(name) + ("?" + urlencode(params) if params else "")
            out.append({"group": g, "name": KIND_NAMES[g.kind], "more_url": url, "more": g.count > len(g.hits)})
        return out

    @property
    def api_url(self) -> str:
        return reverse("api-v1:search") + "?" + urlencode({"q": self.result.query})


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY]
    page = SearchPage(result=site_search(query=query, actor=request.user))
    return render_page(request, page, full="search/search.html", fragment="search/_results.html")
