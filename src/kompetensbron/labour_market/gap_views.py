"""HTML pages of the gap analysis: ``/efterfragan/balans/`` and ``/efterfragan/prognos/``.

Each view calls one service of :mod:`.gap_services` (the same result the JSON API serves) and
hands a typed page context to its template.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from kompetensbron.analysis.forecast import SIZE_BANDS
from kompetensbron.errors import DataError, NotFound, ValidationFailed
from kompetensbron.graduates.tables import graduates_table
from kompetensbron.region_groups.services import list_groups
from kompetensbron.region_levels import RegionLevel
from kompetensbron.web.tables import Table, export_response

from . import gap_services as services
from . import gap_tables
from .gap_groups import gap_group_map
from .gap_texts import method_name
from .label_texts import BALANCE_TEXT, UNCERTAINTY_TEXT, balance_text

#: Capitalised balance words (table headings) and the uncertainty words: the one text of each
#: (:mod:`.label_texts`).
LABEL_NAMES: dict[str, Promise] = {**{k: capfirst(v) for k, v in BALANCE_TEXT.items()}, "all": _("Alla")}
UNCERTAINTY_NAMES: dict[str, Promise] = UNCERTAINTY_TEXT
MEASURE_NAMES: dict[str, Promise] = {
    "demand": _("Efterfrågan"),
    "entrants": _("Tillträde (nyutexaminerade m.fl.)"),
    "retirements": _("Pensionsavgångar"),
}
LEVEL_NAMES: dict[str, Promise] = {RegionLevel.LAN: _("Län"), RegionLevel.FA: _("FA-region")}
DIRECTION_NAMES: dict[str, Promise] = {"rising": _("stigande"), "flat": _("oförändrad"), "falling": _("fallande")}


@dataclass(frozen=True)
class GapMapPage:
    """The balance map: a choropleth of län (index of one SSYK, or share in shortage) and tables."""

    result: services.GapMap
    group_choices: tuple[tuple[str, str], ...] = ()

    @property
    def group_options(self) -> list[tuple[str, str, bool]]:
        chosen = self.result.group.key if self.result.group else ""
        return [(key, name, key == chosen) for key, name in self.group_choices]

    @property
    def has_map(self) -> bool:
        return self.result.region_level in (RegionLevel.LAN, RegionLevel.FA)

    @property
    def map_series(self) -> list[dict[str, object]]:
        return [{"name": r.code, "value": r.value} for r in self.result.regions if r.value is not None]

    @property
    def class_words(self) -> dict[str, str]:
        """The map legend's words for AF's classes (one text each, :mod:`.label_texts`)."""
        return {str(k): balance_text(k) for k in BALANCE_TEXT}

    @property
    def level_choices(self) -> list[tuple[str, Promise, bool]]:
        return [(k, v, k == self.result.region_level) for k, v in LEVEL_NAMES.items()]

    @property
    def geojson_url(self) -> str:
        return reverse(
            "api-v1:region_geojson",
            kwargs={
                "kind": self.result.region_level if self.result.region_level == RegionLevel.FA else RegionLevel.LAN
            },
        )

    @property
    def api_url(self) -> str:
        query = {"region_level": self.result.region_level} | ({"ssyk": self.result.ssyk} if self.result.ssyk else {})
        if self.result.group:
            query["group"] = self.result.group.key
        if self.result.ssyk_level:
            query["ssyk_level"] = self.result.ssyk_level
        return reverse("api-v1:gap_balance") + "?" + urlencode(query)

    @cached_property
    def tables(self) -> dict[str, Table]:
        """The page's tables by role (page, CSV and Excel from the same rows)."""
        r = self.result
        out = {
            "regions": gap_tables.balance_table(r.rows, LABEL_NAMES, UNCERTAINTY_NAMES)
            if r.ssyk
            else gap_tables.shares_table(r.regions),
            "hit_rates": gap_tables.hit_rates_table(r.backtest.rates, LABEL_NAMES),
            "assessment_rates": gap_tables.assessment_rates_table(r.assessment_backtest.rates, LABEL_NAMES),
        }
        if r.graduates:
            out["graduates"] = graduates_table(r.graduates)
        return out


def _name(o: services.ForecastOccupationOut | services.OccupationForecastOut) -> str | None:
    """The occupation's name in the active language (English where the names file gives one)."""
    return (o.name_en or o.name) if get_language() == "en" else o.name


def occupation_label(o: services.ForecastOccupationOut) -> str:
    """What the select shows: AF's name (and SSYK groups), else the id with what tells it apart —
    size, share of women and AF's 1-year assessment (``bedomning.csv``, Sweden)."""
    name = _name(o)
    if name:
        return f"{name} (SSYK {', '.join(o.ssyk)})" if o.ssyk else name
    parts = [o.occupation_id]
    if o.employed is not None:
        n = number_format(o.employed, 0, use_l10n=True, force_grouping=True)
        parts.append(gettext("%(n)s yrkesverksamma") % {"n": n})
    if o.share_women is not None:
        parts.append(gettext("%(share)s %% kvinnor") % {"share": number_format(round(o.share_women), 0)})
    if o.national_label_1y:
        parts.append(gettext("bedömning: %(label)s") % {"label": balance_text(o.national_label_1y)})
    return " · ".join(parts)


def _size_band_names() -> dict[str, str]:
    """The employed-size bands of the back-test (:data:`~kompetensbron.analysis.forecast.SIZE_BANDS`)
    with the active language's digit grouping."""

    def n(x: int) -> str:
        return number_format(x, 0, use_l10n=True, force_grouping=True)

    edges = [edge for _name, edge in SIZE_BANDS[:-1]]
    texts = [f"< {n(edges[0])}", *(f"{n(a)}–{n(b)}" for a, b in zip(edges, edges[1:])), f"≥ {n(edges[-1])}"]
    return {name: text for (name, _edge), text in zip(SIZE_BANDS, texts)}


def _group_name(group: str) -> str:
    """An occupation group of the back-test: a balance word, a size band, or "unknown"."""
    if group == "okänd":  # analysis.forecast.backtest: an occupation missing from a grouping
        return str(UNCERTAINTY_NAMES["unknown"])
    return _size_band_names().get(group) or str(LABEL_NAMES.get(group, group))


@dataclass(frozen=True)
class ForecastPage:
    """The forecast back-test table, and history + forecast of one chosen occupation."""

    backtest: services.ForecastBacktestOut
    forecast: services.OccupationForecastOut | None
    measure: str

    @property
    def measure_choices(self) -> list[tuple[str, Promise, bool]]:
        return [(k, v, k == self.measure) for k, v in MEASURE_NAMES.items()]

    @property
    def occupation_options(self) -> list[tuple[str, str, bool]]:
        """(id, label, selected) of every occupation: named ones by name in the active language
        first, then the rest in the service's order (largest first)."""
        chosen = self.forecast.occupation_id if self.forecast else ""
        details = self.backtest.occupation_details
        if self.backtest.names_known:
            named = sorted((o for o in details if o.name), key=lambda o: (_name(o) or "").casefold())
            details = named + [o for o in details if not o.name]
        return [(o.occupation_id, occupation_label(o), o.occupation_id == chosen) for o in details]

    @property
    def occupation_name(self) -> str | None:
        return _name(self.forecast) if self.forecast else None

    @property
    def occupation_text(self) -> str:
        """The chosen occupation as the summary names it: AF's name, else its concept id."""
        if self.occupation_name:
            return self.occupation_name
        return gettext("prognosyrket %(id)s") % {"id": self.forecast.occupation_id if self.forecast else ""}

    @property
    def ssyk_links(self) -> list[tuple[str, str]]:
        """(SSYK code, its occupation page) of the chosen occupation (names file)."""
        codes = self.forecast.ssyk if self.forecast else []
        return [(code, reverse("reference:occupation", args=[code])) for code in codes]

    @cached_property
    def tables(self) -> dict[str, Table]:
        """The forecast (when an occupation is chosen) and the back-test tables of the method section."""
        b = self.backtest
        out = {
            "methods": gap_tables.method_errors_table([r for r in b.overall if r.horizon == 0], MEASURE_NAMES),
            "groups": gap_tables.group_errors_table(b.groups, MEASURE_NAMES, _group_name),
            "directions": gap_tables.direction_table(b.direction_hits, MEASURE_NAMES, DIRECTION_NAMES),
        }
        if self.forecast is not None:
            out = {"forecast": gap_tables.forecast_table(self.forecast), **out}
        return out

    @property
    def choices(self) -> list[tuple[Promise, str, str]]:
        """(measure, chosen method, why) of each measure, in the active language."""
        return [(MEASURE_NAMES[c.measure], method_name(c.method), c.reason) for c in self.backtest.choices]

    @property
    def chart(self) -> dict[str, object] | None:
        f = self.forecast
        if f is None:
            return None
        return {
            "history": [[y, v] for y, v in f.history],
            "forecast": [[p.year, p.value] for p in f.forecast],
            "lower": [[p.year, p.lower] for p in f.forecast if p.lower is not None],
            "upper": [[p.year, p.upper] for p in f.forecast if p.upper is not None],
            "af": [[y, v] for y, v in f.af_projection],
        }

    @property
    def data_ends(self) -> int | None:
        """The last year with an observed value: the forecast starts after it, whatever today is."""
        return max((y for y, _v in self.forecast.history), default=None) if self.forecast else None

    @property
    def data_starts(self) -> int | None:
        return min((y for y, _v in self.forecast.history), default=None) if self.forecast else None

    @property
    def forecast_years(self) -> tuple[int, int] | None:
        points = self.forecast.forecast if self.forecast else []
        return (points[0].year, points[-1].year) if points else None

    @property
    def method_name(self) -> str | None:
        """The chosen forecast method's name in the active language."""
        return method_name(self.forecast.method) if self.forecast else None

    @property
    def measure_name(self) -> Promise:
        return MEASURE_NAMES[self.measure]

    @property
    def method_choice(self) -> services.MethodChoiceOut | None:
        """The back-test's choice for the shown measure: its error is how far to trust the curve."""
        return next((c for c in self.backtest.choices if c.measure == self.measure), None)

    @property
    def direction(self) -> Promise | None:
        return DIRECTION_NAMES.get(self.forecast.direction) if self.forecast else None

    @property
    def national_labels(self) -> tuple[Promise | str, Promise | str]:
        f = self.forecast
        if f is None:
            return "–", "–"
        return LABEL_NAMES.get(f.national_label_1y or "", "–"), LABEL_NAMES.get(f.national_label_5y or "", "–")

    @property
    def api_url(self) -> str:
        return reverse("api-v1:gap_forecast_backtest")

    @property
    def forecast_api_url(self) -> str | None:
        if self.forecast is None:
            return None
        url = reverse("api-v1:gap_occupation_forecast", kwargs={"occupation_id": self.forecast.occupation_id})
        return url + "?" + urlencode({"measure": self.measure})


def _not_found(exc: NotFound) -> Http404:
    return Http404(str(exc))  # the service worded it in the reader's language ("Okänd SSYK-kod: …")


@require_safe
def balance_map(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", RegionLevel.LAN)
    level = level if level in services.GAP_REGION_LEVELS else RegionLevel.LAN
    ssyk = request.GET.get("ssyk", "").strip()[:32] or None
    group = request.GET.get("grupp", "").strip()[:40]
    ssyk_level = request.GET.get("ssyk_level", "").strip()[:200]
    try:
        if group:
            result = gap_group_map(group=group, ssyk=ssyk, ssyk_level=ssyk_level)
        else:
            result = services.gap_map(ssyk=ssyk, region_level=level, ssyk_level=ssyk_level)
    except NotFound as exc:
        raise _not_found(exc) from exc
    except ValidationFailed as exc:
        return render(request, "region_groups/error.html", {"message": str(exc)}, status=422)
    choices = tuple((g.key, g.name) for g in list_groups() if g.level == RegionLevel.LAN)
    page = GapMapPage(result=result, group_choices=choices)
    return export_response(request, list(page.tables.values())) or render(
        request, "labour_market/gap_balance.html", {"page": page}
    )


@require_safe
def forecasts(request: HttpRequest) -> HttpResponse:
    measure = request.GET.get("matt", "demand")
    measure = measure if measure in MEASURE_NAMES else "demand"
    try:
        backtest = services.forecast_backtest()
        first = backtest.occupation_details[0].occupation_id if backtest.occupation_details else ""
        occupation = request.GET.get("yrke", "").strip()[:40] or first
        forecast = services.occupation_forecast(occupation, measure) if occupation else None
    except NotFound as exc:
        raise _not_found(exc) from exc
    except DataError as exc:  # e.g. a bad row in the operator's names file: say which, not a 500
        return render(request, "labour_market/data_error.html", {"message": str(exc)}, status=503)
    page = ForecastPage(backtest=backtest, forecast=forecast, measure=measure)
    return export_response(request, list(page.tables.values())) or render(
        request, "labour_market/gap_forecast.html", {"page": page}
    )
