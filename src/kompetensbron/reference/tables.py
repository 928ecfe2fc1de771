"""The reference pages' tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel
from the same rows): the loaded data sources, the data directory's datasets (start page) and the
kommuner by län (region page)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kompetensbron.web.tables import Column, Link, Table

from .schemas import SourceOut

if TYPE_CHECKING:
    from kompetensbron.education.leading import LeadingItemOut
    from kompetensbron.sources.data_status import DatasetStatus

    from .page_contexts import LanGroup

__all__ = ["sources_table", "datasets_table", "regions_table", "leading_table"]


def sources_table(sources: Sequence[SourceOut]) -> Table:
    """Every loaded dataset with its version, file, publisher, licence and load date."""
    return Table(
        key="kallor",
        title=_("Datakällor"),
        columns=[
            Column(label=_("Datamängd")),
            Column(label=_("Kod"), kind="code"),
            Column(label=_("Version")),
            Column(label=_("Fil i datakatalogen"), kind="code"),
            Column(label=_("Utgivare")),
            Column(label=_("Licens")),
            Column(label=_("Inläst")),
        ],
        rows=[
            [_(s.title), s.dataset, _(s.version), s.source_file, s.publisher, _(s.licence), s.loaded_at[:10]]
            for s in sources
        ],
    )


def _state_text(ds: DatasetStatus) -> str:
    return {
        "ok": _("finns, SHA-256 stämmer"),
        "missing": _("saknas"),
        "refreshed": _("uppdaterad från utgivaren"),
    }.get(ds.state, _("ändrad (annan SHA-256)"))


def datasets_table(datasets: Sequence[DatasetStatus]) -> Table:
    """Every registered dataset: present, checksum, version, date of the data, licence."""
    return Table(
        key="datakatalog",
        title=_("Datakatalogen"),
        columns=[
            Column(label=_("Datamängd")),
            Column(label=_("Kod"), kind="code"),
            Column(label=_("Status")),
            Column(label=_("Version")),
            Column(label=_("Uppgifternas datum")),
            Column(label=_("Licens")),
        ],
        rows=[
            [
                _(ds.title),
                ds.key,
                _state_text(ds),
                _(ds.version),
                ds.data_date + (" (" + _("gammal") + ")" if ds.old else ""),
                _(ds.licence),
            ]
            for ds in datasets
        ],
    )


def regions_table(groups: Sequence[LanGroup], population_date: str | None = None) -> Table:
    """One row per kommun, by län: codes, names (linked to their pages) and inhabitants (the
    column names the figures' date)."""
    rows: list[list] = []
    keys: list[str] = []
    for group in groups:
        lan = Link(text=group.lan.name, href=reverse("reference:lan", kwargs={"code": group.lan.code}))
        for k in group.kommuner:
            kommun = Link(text=k.name, href=reverse("reference:kommun", kwargs={"code": k.code}))
            rows.append([group.lan.code, lan, k.code, kommun, k.population])
            keys.append(k.code)
    return Table(
        key="kommuner",
        title=_("Län och kommuner"),
        columns=[
            Column(label=_("Länskod"), kind="code"),
            Column(label=pgettext("en enskild region", "Län")),
            Column(label=_("Kommunkod"), kind="code"),
            Column(label=_("Kommun")),
            Column(
                label=_("Folkmängd %(date)s") % {"date": population_date} if population_date else _("Folkmängd"),
                kind="int",
            ),
        ],
        rows=rows,
        row_keys=keys,
        filename="kommuner-per-lan",
    )


def leading_table(key: str, title: str, items: Sequence[LeadingItemOut]) -> Table:
    """Programmes and courses linked to an SSYK group: one row each, its links' origins and
    states joined, its highest score."""
    return Table(
        key=f"utbildningar-{key}",
        title=title,
        columns=[
            Column(label=_("Typ")),
            Column(label=_("Kod"), kind="code"),
            Column(label=_("Utbildning")),
            Column(label=_("SUN-inriktning")),
            Column(label=_("Lärosäte")),
            Column(label=_("Studieort")),
            Column(label=_("Ursprung")),
            Column(label=_("Poäng"), kind="decimal", decimals=2),
            Column(label=_("Status")),
        ],
        rows=[
            [
                _("Program") if item.kind == "programme" else _("Kurs"),
                item.code,
                Link(text=item.name, href=item.url),
                f"{item.sun_field.code} {item.sun_field.label}" if item.sun_field else None,
                item.institution,
                item.kommun.label if item.kommun else None,
                "; ".join(dict.fromkeys(str(link.provenance_label) for link in item.links)),
                item.score,
                "; ".join(dict.fromkeys(str(link.status_label) for link in item.links)),
            ]
            for item in items
        ],
    )
