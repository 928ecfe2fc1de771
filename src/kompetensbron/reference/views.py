"""HTML pages of the reference data: call a service, build the page context, render.

Pages that htmx updates in place (occupation search, the region panels) answer an htmx
request with the fragment alone and any other request with the full page; both include
the same partial template, so nothing is rendered twice.
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from kompetensbron.errors import NotFound
from kompetensbron.web.paging import Pager, page_number
from kompetensbron.web.tables import export_response

from . import services
from .page_contexts import (
    REGION_DATASETS,
    FaPanel,
    KommunPanel,
    LanPanel,
    OccupationPage,
    OccupationSearchPage,
    RegionPage,
)

DEFAULT_LEVEL = 4
SEARCH_LIMIT = 50


class OccupationSearchForm(forms.Form):
    """GET parameters of the occupation browser: ``q`` and ``level`` (empty: all levels)."""

    q = forms.CharField(label=_("Sök yrke eller SSYK-kod"), required=False, max_length=200, strip=True)
    level = forms.TypedChoiceField(
        label=_("Nivå"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Alla nivåer")),
            ("1", _("1 – yrkesområden")),
            ("2", _("2 – huvudgrupper")),
            ("3", _("3 – yrkesgrupper")),
            ("4", _("4 – undergrupper")),
        ],
    )

    @classmethod
    def from_query(cls, params: QueryDict) -> OccupationSearchForm:
        """Bound to the query string; a missing ``level`` means the default level 4."""
        data = params.copy()
        data.setdefault("level", str(DEFAULT_LEVEL))
        return cls(data)

    def search_params(self) -> tuple[str, int | None]:
        """(query, level); an invalid level falls back to the default (the form shows why)."""
        self.is_valid()
        query = self.cleaned_data.get("q", "")
        level = self.cleaned_data["level"] if "level" in self.cleaned_data else DEFAULT_LEVEL
        return query, level


def wants_fragment(request: HttpRequest) -> bool:
    """True for an htmx request, except htmx's history restore (that needs the full page)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def render_page(request: HttpRequest, page: object, *, full: str, fragment: str) -> HttpResponse:
    response = render(request, fragment if wants_fragment(request) else full, {"page": page})
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_safe
def occupation_search(request: HttpRequest) -> HttpResponse:
    form = OccupationSearchForm.from_query(request.GET)
    query, level = form.search_params()
    number = page_number(request.GET)
    result = services.search_occupations(query, level=level, limit=SEARCH_LIMIT, offset=(number - 1) * SEARCH_LIMIT)
    pager = Pager(count=result.count, page=number, per_page=SEARCH_LIMIT, params=request.GET)
    page = OccupationSearchPage(form=form, result=result, level=level, pager=pager)
    return render_page(
        request, page, full="reference/occupation_search.html", fragment="reference/_occupation_results.html"
    )


@require_safe
def occupation_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        occupation = services.get_occupation(code)
    except NotFound as exc:
        raise Http404(gettext("Det finns ingen SSYK-grupp med koden ”%(code)s”.") % {"code": code}) from exc
    page = OccupationPage(
        occupation=occupation,
        leading=programmes_leading_to(occupation.code, level=occupation.level),
        related=related_links("occupation", occupation.code, level=occupation.level),
    )
    return export_response(request, page.tables) or render(request, "reference/occupation_detail.html", {"page": page})


def programmes_leading_to(code: str, *, level: int):
    """The education app's "programmes leading here" for an SSYK-4 group, else None.

    Imported here, at call time, so the reference app does not depend on the education app
    at import (the education app imports the reference app).
    """
    if level != 4 or not apps.is_installed("kompetensbron.education"):
        return None
    from kompetensbron.education.leading import programmes_leading_to as leading

    try:
        return leading(code)
    except NotFound:
        return None


def related_links(kind: str, code: str, *, level: int = 4) -> list:
    """The labour-market app's cross-links for an occupation or a region (empty without that app).

    Imported at call time, like :func:`programmes_leading_to`: the labour-market app imports
    the reference app, not the other way round.
    """
    if not apps.is_installed("kompetensbron.labour_market"):
        return []
    from kompetensbron.labour_market import related_links as related

    if kind == "occupation":
        return related.occupation_links(code, level=level)
    return related.region_links(kind, code)


@require_safe
def region_map(request: HttpRequest) -> HttpResponse:
    page = RegionPage.build(
        lan=services.list_lan(),
        kommuner=services.list_kommuner(),
        sources=services.list_data_sources(REGION_DATASETS),
        fa_regions=services.list_fa_regions(),
        population_dates={kind: services.population_date(kind) for kind in ("kommuner", "lan", "fa")},
    )
    return export_response(request, page.tables) or render(request, "reference/region_map.html", {"page": page})


@require_safe
def kommun_panel(request: HttpRequest, code: str) -> HttpResponse:
    try:
        kommun = services.get_kommun(code)
    except NotFound as exc:
        raise Http404(gettext("Det finns ingen kommun med kommunkoden ”%(code)s”.") % {"code": code}) from exc
    page = KommunPanel(
        kommun=kommun, related=related_links("kommun", code), population_date=services.population_data_date("kommun")
    )
    return render_page(request, page, full="reference/kommun_page.html", fragment="reference/_kommun_panel.html")


@require_safe
def lan_panel(request: HttpRequest, code: str) -> HttpResponse:
    try:
        lan = services.get_lan(code)
    except NotFound as exc:
        raise Http404(gettext("Det finns inget län med länskoden ”%(code)s”.") % {"code": code}) from exc
    page = LanPanel(
        lan=lan,
        kommuner=services.list_kommuner(lan=code),
        related=related_links("lan", code),
        population_date=services.population_data_date("lan"),
    )
    return render_page(request, page, full="reference/lan_page.html", fragment="reference/_lan_panel.html")


@require_safe
def fa_panel(request: HttpRequest, code: str) -> HttpResponse:
    try:
        fa_region = services.get_fa_region(code)
    except NotFound as exc:
        raise Http404(gettext("Det finns ingen FA-region med koden ”%(code)s”.") % {"code": code}) from exc
    page = FaPanel(
        fa_region=fa_region, related=related_links("fa", code), population_date=services.population_data_date("fa")
    )
    return render_page(request, page, full="reference/fa_page.html", fragment="reference/_fa_panel.html")
