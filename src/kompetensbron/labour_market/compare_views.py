"""The region comparison page ``/efterfragan/jamfor/?level=lan&a=23&b=22`` (and its CSV / Excel
downloads): the form picks a level and two regions; the service compares them."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.region_levels import RegionLevel
from kompetensbron.web.tables import Table, export_response

from .comparison import RegionComparison, RegionFigures, compare_regions
from .page_contexts import REGION_LEVEL_NAMES
from .regions import region_names
from .tables import comparison_table

MAX_CODE = 8


@dataclass(frozen=True)
class ComparePage:
    level: str
    a: str
    b: str
    regions: list[tuple[str, str]]
    result: RegionComparison | None
    error: str = ""

    @property
    def level_choices(self) -> list[tuple[str, str, bool]]:
        return [(str(k), str(REGION_LEVEL_NAMES[k]), k == self.level) for k in RegionLevel]

    @property
    def figures(self) -> list[RegionFigures]:
        return [self.result.a, self.result.b] if self.result else []

    @property
    def table(self) -> Table | None:
        return comparison_table(self.result) if self.result and self.result.available else None

    @property
    def tables(self) -> list[Table]:
        return [self.table] if self.table else []


@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level", RegionLevel.LAN)
    if level not in RegionLevel.__members__.values():
        level = RegionLevel.LAN
    a = request.GET.get("a", "")[:MAX_CODE]
    b = request.GET.get("b", "")[:MAX_CODE]
    regions = sorted(region_names(RegionLevel(level)).items(), key=lambda kv: kv[1])
    result, error, status = None, "", 200
    if a and b:
        try:
            result = compare_regions(level, a, b)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
        except ValidationFailed as exc:
            error, status = str(exc), 422
    page = ComparePage(level=str(level), a=a, b=b, regions=regions, result=result, error=error)
    return export_response(request, page.tables) or render(
        request, "labour_market/compare.html", {"page": page}, status=status
    )
