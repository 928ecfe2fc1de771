"""Typed contexts of the HTML pages: one dataclass per page (or page fragment).

A view calls the services, builds one of these and renders it as ``page``; the template
reads nothing else. The dataclasses only arrange service results for display (grouping,
ordering, labels): every figure comes from a service, the same one the JSON API serves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompetensbron.sources.data_dates import DataDate
from kompetensbron.sources.data_status import DatasetStatus
from kompetensbron.web.tables import Table

from . import tables
from .schemas import (
    FaRegionDetail,
    FaRegionSummary,
    KommunDetail,
    KommunSummary,
    LanSummary,
    OccupationDetail,
    OccupationSearchResult,
    SourceOut,
)

if TYPE_CHECKING:
    from django import forms

    from kompetensbron.education.leading import ProgrammesLeadingTo

__all__ = [
    "COUNT_LABELS",
    "REGION_DATASETS",
    "swedish_sort_key",
    "SSYK_LEVEL_NAMES",
    "CountRow",
    "HomePage",
    "OccupationSearchPage",
    "OccupationPage",
    "LeadingGroup",
    "LEADING_GROUP_NAMES",
    "LanGroup",
    "RegionPage",
    "KommunPanel",
    "LanPanel",
    "FaPanel",
]

#: Names of the four SSYK 2012 levels (SCB's Swedish terms).
SSYK_LEVEL_NAMES: dict[int, Promise] = {
    1: _("Yrkesområde"),
    2: _("Huvudgrupp"),
    3: _("Yrkesgrupp"),
    4: _("Undergrupp"),
}

#: Keys of :func:`~kompetensbron.reference.services.reference_counts`, in display order.
COUNT_LABELS: dict[str, Promise] = {
    "ssyk_level_1": _("SSYK 2012 yrkesområden (nivå 1)"),
    "ssyk_level_2": _("SSYK 2012 huvudgrupper (nivå 2)"),
    "ssyk_level_3": _("SSYK 2012 yrkesgrupper (nivå 3)"),
    "ssyk_level_4": _("SSYK 2012 undergrupper (nivå 4)"),
    "occupation_names": _("Yrkesbenämningar (JobTech)"),
    "isco_groups": _("ISCO-08-grupper"),
    "skills": _("Kompetenser (JobTech)"),
    "esco_skills": _("ESCO-kompetenser med svensk benämning"),
    "esco_mappings": _("Kopplingar ESCO ↔ JobTech"),
    "sun_levels": _("SUN 2020 utbildningsnivåer"),
    "sun_fields": _("SUN 2020 utbildningsinriktningar"),
    "ssyk_sun_links": _("Kopplingar SSYK ↔ SUN 2020"),
    "lan": _("Län"),
    "kommuner": _("Kommuner"),
    "fa_regions": _("Funktionella arbetsmarknadsregioner (FA)"),
}

#: Datasets behind the region page (its provenance).
REGION_DATASETS = ["geo-kommuner", "geo-lan", "kommuner", "lan", "fa-regions"]


_SWEDISH_ORDER = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "é": "e", "ü": "y"})


def swedish_sort_key(name: str) -> str:
    """Sort key in Swedish alphabetical order (… x y z å ä ö), ignoring case."""
    return name.casefold().translate(_SWEDISH_ORDER)


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str | Promise
    value: int


@dataclass(frozen=True)
class HomePage:
    """Start page: what the platform is, how much reference data is loaded, from where."""

    counts: list[CountRow]
    sources: list[SourceOut]
    #: every dataset of the source registry with its state in the data directory
    datasets: tuple[DatasetStatus, ...] = ()

    @property
    def has_data(self) -> bool:
        return any(row.value for row in self.counts)

    @cached_property
    def tables(self) -> list[Table]:
        """The sources and the data directory: one owner for page, CSV and Excel."""
        return [tables.sources_table(self.sources), tables.datasets_table(self.datasets)]

    @classmethod
    def build(
        cls, *, counts: dict[str, int], sources: list[SourceOut], datasets: Sequence[DatasetStatus] = ()
    ) -> HomePage:
        rows = [CountRow(key, label, counts.get(key, 0)) for key, label in COUNT_LABELS.items()]
        rows += [CountRow(key, key, value) for key, value in counts.items() if key not in COUNT_LABELS]
        return cls(counts=rows, sources=sources, datasets=tuple(datasets))


@dataclass(frozen=True)
class OccupationSearchPage:
    """Occupation browser: the search form and one page of SSYK groups (also the htmx fragment)."""

    form: forms.Form
    result: OccupationSearchResult
    level: int | None
    pager: Any = None  # kompetensbron.web.paging.Pager

    @property
    def shown(self) -> int:
        return len(self.result.results)

    @property
    def level_name(self) -> Promise | None:
        return SSYK_LEVEL_NAMES.get(self.level) if self.level else None


#: Headings of the groups of "programmes leading here" (keys of ProgrammesLeadingTo's groups).
LEADING_GROUP_NAMES: dict[str, Promise] = {
    "confirmed": _("Bekräftade och manuella kopplingar"),
    "suggested": _("Förslag (ej granskade)"),
}


@dataclass(frozen=True)
class LeadingGroup:
    key: str
    label: Promise
    count: int
    items: list
    table: Table


@dataclass(frozen=True)
class OccupationPage:
    """One SSYK group with its hierarchy, occupation-names, ISCO and SUN links, sources.

    ``leading`` is the optional "programmes leading here" section (SSYK-4 groups only), built
    by the education app's :func:`~kompetensbron.education.leading.programmes_leading_to`;
    None when that app is not installed or the group is not on level 4.
    """

    occupation: OccupationDetail
    leading: ProgrammesLeadingTo | None = None
    #: links to the analysis pages on this group (demand, balance, forecast, programmes)
    related: list[Any] = field(default_factory=list)

    @cached_property
    def tables(self) -> list[Table]:
        """Programmes and courses leading here, and the group's sources (page, CSV and Excel)."""
        return [*(g.table for g in self.leading_groups), tables.sources_table(self.occupation.sources)]

    @cached_property
    def leading_groups(self) -> list[LeadingGroup]:
        if self.leading is None:
            return []
        return [
            LeadingGroup(
                key=g.key,
                label=LEADING_GROUP_NAMES[g.key],
                count=g.count,
                items=g.items,
                table=tables.leading_table(g.key, str(LEADING_GROUP_NAMES[g.key]), g.items),
            )
            for g in (self.leading.confirmed, self.leading.suggested)
            if g.count
        ]

    @property
    def leading_api_url(self) -> str | None:
        if self.leading is None:
            return None
        return reverse("api-v1:education_programmes_leading_to", kwargs={"ssyk": self.occupation.code})

    @property
    def level_name(self) -> Promise:
        return SSYK_LEVEL_NAMES[self.occupation.level]

    @property
    def child_level_name(self) -> Promise | None:
        return SSYK_LEVEL_NAMES.get(self.occupation.level + 1)

    @property
    def has_children(self) -> bool:
        return self.occupation.level < 4

    @property
    def api_url(self) -> str:
        return reverse("api-v1:get_occupation", kwargs={"ssyk": self.occupation.code})


@dataclass(frozen=True)
class LanGroup:
    lan: LanSummary
    kommuner: list[KommunSummary]
    related: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class RegionPage:
    """Region map: GeoJSON addresses for the map, all kommuner grouped by län, sources."""

    groups: list[LanGroup]
    kommuner: list[KommunSummary]
    sources: list[SourceOut]
    fa_regions: tuple[FaRegionSummary, ...] = ()
    #: the date of the population figures per map level (``kommuner``, ``lan``, ``fa``)
    population_dates: dict[str, str | None] = field(default_factory=dict)

    @property
    def kommun_count(self) -> int:
        return len(self.kommuner)

    @cached_property
    def tables(self) -> list[Table]:
        """Kommuner by län, and the sources (page, CSV and Excel)."""
        return [
            tables.regions_table(self.groups, self.population_dates.get("kommuner")),
            tables.sources_table(self.sources),
        ]

    @property
    def kommuner_geojson_url(self) -> str:
        return reverse("api-v1:region_geojson", kwargs={"kind": "kommuner"})

    @property
    def lan_geojson_url(self) -> str:
        return reverse("api-v1:region_geojson", kwargs={"kind": "lan"})

    @property
    def fa_geojson_url(self) -> str:
        return reverse("api-v1:region_geojson", kwargs={"kind": "fa"})

    @property
    def kommun_panel_url(self) -> str:
        """Address of a kommun's panel, with ``__code__`` for the kommunkod (filled in by JS)."""
        return reverse("reference:kommun", kwargs={"code": "__code__"})

    @property
    def lan_panel_url(self) -> str:
        return reverse("reference:lan", kwargs={"code": "__code__"})

    @property
    def fa_panel_url(self) -> str:
        return reverse("reference:fa_region", kwargs={"code": "__code__"})

    @classmethod
    def build(
        cls,
        *,
        lan: list[LanSummary],
        kommuner: list[KommunSummary],
        sources: list[SourceOut],
        fa_regions: list[FaRegionSummary] | None = None,
        population_dates: dict[str, str | None] | None = None,
    ) -> RegionPage:
        by_lan: dict[str, list[KommunSummary]] = {}
        for k in kommuner:
            by_lan.setdefault(k.lan_code, []).append(k)
        groups = [
            LanGroup(lan=x, kommuner=sorted(by_lan.get(x.code, []), key=lambda k: swedish_sort_key(k.name)))
            for x in lan
        ]
        return cls(
            groups=groups,
            kommuner=sorted(kommuner, key=lambda k: swedish_sort_key(k.name)),
            sources=sources,
            fa_regions=tuple(sorted(fa_regions or [], key=lambda x: swedish_sort_key(x.name))),
            population_dates=dict(population_dates or {}),
        )


@dataclass(frozen=True)
class KommunPanel:
    """One kommun: its län, its FA-region and the FA-region's other kommuner."""

    kommun: KommunDetail
    related: list[Any] = field(default_factory=list)
    population_date: DataDate | None = None  # of the population figure

    @property
    def fa_region_others(self) -> list[KommunSummary]:
        return [k for k in self.kommun.fa_region_kommuner if k.code != self.kommun.code]

    @property
    def api_url(self) -> str:
        return reverse("api-v1:get_kommun", kwargs={"kommunkod": self.kommun.code})


@dataclass(frozen=True)
class LanPanel:
    """One län with its kommuner."""

    lan: LanSummary
    kommuner: list[KommunSummary]
    related: list[Any] = field(default_factory=list)
    population_date: DataDate | None = None  # of the population figure


@dataclass(frozen=True)
class FaPanel:
    """One FA-region (functional labour-market region) with its kommuner."""

    fa_region: FaRegionDetail
    related: list[Any] = field(default_factory=list)
    population_date: DataDate | None = None  # of the population figure

    @property
    def lan_names(self) -> list[str]:
        """The län its kommuner lie in, in order of first appearance (by kommunkod)."""
        return list(dict.fromkeys(k.lan_name for k in self.fa_region.kommuner))
