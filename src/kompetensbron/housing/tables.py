"""The simulator page's tables as :class:`kompetensbron.web.tables.Table` (page, CSV and Excel
from the same rows): the scenarios run (rules and size) and their results side by side, one
column per scenario.

A scenario is the dict the page keeps in the visitor's session
(:func:`.simulation_runs.run_simulation`'s result with its label)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompetensbron.web.tables import Cell, Column, Table

__all__ = ["scenario_table", "scenarios_table", "TYPE_NAMES"]

#: the housing types of the simulator, in the page's order
TYPE_NAMES = {
    "corridor_room": gettext_lazy("korridorrum"),
    "studio": gettext_lazy("studentetta"),
    "apartment": gettext_lazy("lägenhet"),
}


def _penalty(s: dict[str, Any]) -> str:
    penalty = (s.get("rule_set") or {}).get("decline_penalty") or {}
    return f"{penalty.get('kind', '–')} / {penalty.get('after_declines', '–')}"


def scenarios_table(scenarios: Sequence[dict[str, Any]]) -> Table:
    """One row per scenario: its rules and size."""
    return Table(
        key="scenarier",
        title=_("Scenarierna"),
        columns=[
            Column(label=_("Scenario")),
            Column(label=_("Regler")),
            Column(label=_("Bostäder"), kind="int"),
            Column(label=_("Nya studenter per år"), kind="int"),
            Column(label=_("Påföljd för nej")),
        ],
        rows=[[s["label"], s["rules"], s["homes"], s["arrivals_per_year"], _penalty(s)] for s in scenarios],
        filename="kosimulator-scenarier",
    )


def _share(key: str) -> Callable[[dict[str, Any]], Cell]:
    def get(s: dict[str, Any]) -> Cell:
        value = s.get(key)
        return None if value is None else round(value * 100, 1)

    return get


def _by_type(name: str, key: str) -> Callable[[dict[str, Any]], Cell]:
    return lambda s: ((s.get("by_type") or {}).get(name) or {}).get(key)


def scenario_table(scenarios: Sequence[dict[str, Any]]) -> Table:
    """The results side by side: one row per measure, one column per scenario."""
    measures: list[tuple[str, Callable[[dict[str, Any]], Cell]]] = [
        (_("Median kötid till kontrakt (dagar)"), lambda s: s.get("median_wait_days")),
        (_("90:e percentilen (dagar)"), lambda s: s.get("p90_wait_days")),
    ]
    for name, word in TYPE_NAMES.items():
        measures.append((_("Median (dagar): %(type)s") % {"type": word}, _by_type(name, "median_wait_days")))
        measures.append((_("p90 (dagar): %(type)s") % {"type": word}, _by_type(name, "p90_wait_days")))
    measures += [
        (_("Andel med bostad inom 30 dagar från antagning (%)"), _share("share_housed_within_30_days")),
        (_("Andel med bostad inom en termin (%)"), _share("share_housed_within_semester")),
        (_("Erbjudanden"), lambda s: s.get("offers")),
        (_("Nej"), lambda s: s.get("declines")),
        (_("Vakansdagar"), lambda s: s.get("vacant_days")),
    ]
    return Table(
        key="sida-vid-sida",
        title=_("Scenarier sida vid sida"),
        columns=[Column(label=_("Mått")), *(Column(label=s["label"], kind="number", decimals=1) for s in scenarios)],
        rows=[[label, *(get(s) for s in scenarios)] for label, get in measures],
        filename="kosimulator-sida-vid-sida",
    )
