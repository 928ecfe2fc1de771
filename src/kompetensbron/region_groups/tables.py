"""A region group's page tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel
from the same rows): demand beside supply per member region with the group's total, and the
graduate context per län (:func:`kompetensbron.graduates.tables.graduates_table`). The group's
whole report (tables, sources and notes in one file) stays :mod:`.exports`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kompetensbron.graduates.tables import graduates_table
from kompetensbron.web.tables import Column, Link, Table

from .schemas import GroupAnalysis, MemberRow, RegionGroupOut

__all__ = ["group_tables", "groups_table"]


def _cells(m: MemberRow) -> list:
    return [m.ads_2024, m.graduates, m.graduate_programmes, m.graduates_per_100_ads]


def group_tables(a: GroupAnalysis) -> list[Table]:
    members = Table(
        key="regioner",
        title=_("Efterfrågan och utbud"),
        filename=f"regiongrupp-{a.group.key}",
        columns=[
            Column(label=_("Kod"), kind="code"),
            Column(label=_("Region")),
            Column(label=_("Annonser 2024"), kind="int"),
            Column(label=_("Examinerade"), kind="int"),
            Column(label=_("Program"), kind="int"),
            Column(label=_("Examinerade per 100 annonser"), kind="decimal", decimals=1),
        ],
        rows=[[m.code, m.name, *_cells(m)] for m in a.members],
        footer=[[None, _("Summa") + " " + a.total.name, *_cells(a.total)]],
        row_keys=[m.code for m in a.members],
    )
    return [members, graduates_table(a.retention)] if a.retention else [members]


def groups_table(groups: list[RegionGroupOut]) -> Table:
    """Every region group: name (linked to its page), level, member regions and owner."""
    return Table(
        key="grupper",
        title=_("Regiongrupper"),
        columns=[
            Column(label=_("Grupp")),
            Column(label=_("Beskrivning")),
            Column(label=_("Nivå")),
            Column(label=_("Regioner")),
            Column(label=_("Ägare")),
        ],
        rows=[
            [
                Link(text=g.name, href=reverse("region_groups:group", args=[g.key])),
                g.description,
                g.level,
                ", ".join(g.names),
                _("fördefinierad") if g.predefined else g.organisation,
            ]
            for g in groups
        ],
        row_keys=[g.key for g in groups],
    )
