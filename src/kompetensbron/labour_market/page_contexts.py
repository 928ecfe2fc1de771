"""Typed contexts of the demand pages: one dataclass per page, arranging service results.

Every figure comes from :mod:`.services` (the same result the JSON API serves); these
classes only add labels, chart series and addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompetensbron.reference.schemas import OccupationSearchResult
from kompetensbron.region_levels import RegionLevel
from kompetensbron.web.tables import Table

from .schemas import DemandMap, OccupationDemand, RegionCounts, RegionKind, RegionTopOccupations
from .tables import occupation_shares_table, region_counts_table, skills_table, year_on_year_table

__all__ = ["REGION_LEVEL_NAMES", "MAP_KINDS", "OverviewPage", "OccupationHitsFragment", "OccupationPage", "RegionPage"]

REGION_LEVEL_NAMES: dict[str, Promise] = {
    RegionLevel.LAN: _("Län"),
    RegionLevel.KOMMUN: _("Kommun"),
    RegionLevel.FA: _("FA-region"),
}
#: the level's word for one region of it (a page's heading: "Stockholms län (County 01)")
_ONE_REGION_NAMES: dict[str, Promise] = {
    RegionLevel.LAN: pgettext_lazy("en enskild region", "Län"),
    RegionLevel.KOMMUN: _("Kommun"),
    RegionLevel.FA: _("FA-region"),
}

#: Region level -> kind of the reference GeoJSON route (no shapes of FA-regions exist).
MAP_KINDS: dict[str, str] = {RegionLevel.LAN: "lan", RegionLevel.KOMMUN: "kommuner", RegionLevel.FA: "fa"}


def _map_series(stats: RegionCounts | None) -> list[dict[str, object]]:
    return [{"name": r.code, "value": r.ads} for r in stats.rows] if stats else []


@dataclass(frozen=True)
class _RegionLevels:
    region_level: RegionKind

    @property
    def level_name(self) -> Promise:
        return REGION_LEVEL_NAMES[self.region_level]

    @property
    def level_choices(self) -> list[tuple[str, Promise, bool]]:
        return [(k, v, k == self.region_level) for k, v in REGION_LEVEL_NAMES.items()]

    @property
    def has_map(self) -> bool:
        return self.region_level in MAP_KINDS

    @property
    def geojson_url(self) -> str:
        return reverse("api-v1:region_geojson", kwargs={"kind": MAP_KINDS.get(self.region_level, "lan")})

    @property
    def panel_url(self) -> str:
        """Address of a region's top-occupations fragment; ``__code__`` is filled in by JS."""
        return reverse("labour_market:region", kwargs={"kind": self.region_level, "code": "__code__"})


@dataclass(frozen=True)
class OverviewPage(_RegionLevels):
    """Overview: choose occupation and level; choropleth of 2024 ads + the same figures as a table."""

    result: DemandMap
    query: str
    #: a typed query (Enter in the search box) that matched no SSYK-4 group
    unmatched: bool = False

    @property
    def map_series(self) -> list[dict[str, object]]:
        return _map_series(self.result.statistics)

    @cached_property
    def region_table(self) -> Table | None:
        stats = self.result.statistics
        return region_counts_table(stats, str(self.level_name)) if stats else None

    @property
    def tables(self) -> list[Table]:
        return [self.region_table] if self.region_table else []

    @property
    def api_url(self) -> str:
        url = reverse("api-v1:demand_map") + f"?region_level={self.region_level}"
        return url + (f"&ssyk={self.result.ssyk}" if self.result.ssyk else "")


@dataclass(frozen=True)
class OccupationHitsFragment:
    """Occupation search hits (htmx fragment of the overview's search box)."""

    result: OccupationSearchResult
    region_level: str


@dataclass(frozen=True)
class OccupationPage(_RegionLevels):
    """One SSYK-4 group: 2024 counts per region, salary, barometer, ads trend, skills, sources."""

    result: OccupationDemand

    @property
    def bar_series(self) -> dict[str, list[object]]:
        rows = self.result.statistics.rows if self.result.statistics else []
        return {"names": [r.name for r in rows], "codes": [r.code for r in rows], "values": [r.ads for r in rows]}

    @property
    def trend_series(self) -> dict[str, list[object]]:
        points = self.result.trend.points if self.result.trend else []
        return {
            "periods": [f"{p.year}-{p.month:02d}" if p.month else str(p.year) for p in points],
            "ads": [p.ads for p in points],
        }

    @property
    def map_series(self) -> list[dict[str, object]]:
        return _map_series(self.result.statistics)

    @cached_property
    def region_table(self) -> Table | None:
        stats = self.result.statistics
        return region_counts_table(stats, str(self.level_name)) if stats else None

    @cached_property
    def year_table(self) -> Table | None:
        y = self.result.year_on_year
        return year_on_year_table(y, str(self.level_name)) if y else None

    @cached_property
    def skills_table(self) -> Table | None:
        s = self.result.skills
        return skills_table(s) if s and s.rows else None

    @property
    def tables(self) -> list[Table]:
        return [t for t in (self.region_table, self.year_table, self.skills_table) if t is not None]

    @property
    def api_url(self) -> str:
        return (
            reverse("api-v1:occupation_demand", kwargs={"ssyk": self.result.ssyk})
            + f"?region_level={self.region_level}"
        )

    @property
    def skills_api_url(self) -> str:
        return reverse("api-v1:occupation_skills", kwargs={"ssyk": self.result.ssyk})


@dataclass(frozen=True)
class RegionPage:
    """Top occupations of one region (full page and the map's side panel)."""

    result: RegionTopOccupations

    @cached_property
    def statistics_table(self) -> Table | None:
        r = self.result
        if r.statistics is None:
            return None
        return occupation_shares_table(
            r.statistics,
            key="yrken-2024",
            title=str(_("Yrken med flest platsannonser 2024")),
            region_kind=r.kind,
            with_share=True,
            with_outlook=bool(r.outlook and r.outlook.provenance),
        )

    @cached_property
    def ads_table(self) -> Table | None:
        r = self.result
        if r.ads is None:
            return None
        return occupation_shares_table(
            r.ads,
            key="yrken-annonser",
            title=str(_("Yrken med flest inlästa annonser")),
            region_kind=r.kind,
            with_share=False,
            with_outlook=bool(r.outlook and r.outlook.provenance),
        )

    @property
    def tables(self) -> list[Table]:
        return [t for t in (self.statistics_table, self.ads_table) if t is not None]

    @property
    def page_url(self) -> str:
        return reverse("labour_market:region", args=[self.result.kind, self.result.code])

    @property
    def kind_name(self) -> Promise:
        """The level of this one region ("County 01", not the column word "Counties")."""
        return _ONE_REGION_NAMES[self.result.kind]

    @property
    def api_url(self) -> str:
        return reverse("api-v1:region_top_occupations", kwargs={"kind": self.result.kind, "code": self.result.code})
