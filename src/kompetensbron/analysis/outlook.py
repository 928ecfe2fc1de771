"""Which Yrkesbarometer code rates an SSYK-4 group: the one rule every surface calls.

Plain Python, no Django. Arbetsförmedlingen's 1-year file (``1-ar.xlsx``) rates most SSYK-4
groups on their own, some only together with neighbours (the 5-year file ``5-ar.xlsx`` lists
such combined groups, e.g. "2223, 2226, 2228, 2231": the 1-year file carries only 2223), and a
few only as their SSYK-3 group (``221``). :func:`rated_code` picks, in this order:

1. the group itself, when the 1-year file rates it;
2. else the first code of its combined 5-year group that the 1-year file rates;
3. else its SSYK-3 group, when rated;
4. else nothing ("ingen prognos").

The occupation page, the gap map and the relevance dossier all call it (through
:meth:`kompetensbron.analysis.balance.BalanceData.rated`), so one occupation never gets three
different answers.

>>> from kompetensbron.sources.yrkesbarometer import FiveYearForecast
>>> five = FiveYearForecast("Hälso- och sjukvård", ("2223", "2226"), "Specialistsjuksköterskor", 4.1, 2)
>>> by_code = {"2223": five, "2226": five}
>>> rated_code("2226", {"2223", "221"}, by_code).code, rated_code("2219", {"2223", "221"}, by_code).code
('2223', '221')
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from kompetensbron.sources.yrkesbarometer import FiveYearForecast

__all__ = ["RatedBasis", "RatedCode", "rated_code"]

#: How the rated code relates to the asked SSYK-4 group.
RatedBasis = Literal["own", "af_group", "ssyk3", "none"]


@dataclass(frozen=True)
class RatedCode:
    """The 1-year code that rates ``ssyk`` (None: no forecast), and its 5-year row."""

    ssyk: str
    code: str | None
    basis: RatedBasis
    five_year: FiveYearForecast | None

    @property
    def note(self) -> str | None:
        """Why the rated code is not the group itself (None when it is, or when nothing rates it)."""
        if self.basis == "af_group" and self.five_year is not None:
            return f"AF rates SSYK {', '.join(self.five_year.ssyk_codes)} together ({self.five_year.name})"
        if self.basis == "ssyk3":
            return f"AF rates only the SSYK-3 group {self.code}; its figure is shown"
        return None

    @property
    def five_year_note(self) -> str | None:
        """Set when the 5-year figure is that of the SSYK-3 group and the 1-year one is not."""
        five = self.five_year
        if five is not None and self.ssyk not in five.ssyk_codes and self.basis != "ssyk3":
            return f"5-year: AF rates only the SSYK-3 group {self.ssyk[:3]}; its figure is shown"
        return None


def rated_code(ssyk: str, rated: Collection[str], five_year: Mapping[str, FiveYearForecast]) -> RatedCode:
    """The code of the 1-year file that rates ``ssyk`` (see the module docstring for the order).

    ``rated``: the SSYK codes of the 1-year file; ``five_year``: every code of the 5-year file
    mapped to its row.
    """
    five = five_year.get(ssyk) or five_year.get(ssyk[:3])
    if ssyk in rated:
        return RatedCode(ssyk, ssyk, "own", five)
    group = five_year.get(ssyk)
    if group is not None:
        code = next((c for c in group.ssyk_codes if c in rated), None)
        if code is not None:
            return RatedCode(ssyk, code, "af_group", five)
    if ssyk[:3] in rated:
        return RatedCode(ssyk, ssyk[:3], "ssyk3", five)
    return RatedCode(ssyk, None, "none", five)
