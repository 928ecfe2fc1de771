"""The region levels of the platform: län, kommun, FA-region, and groups of län or kommuner (plain Python).

One type for every app and library (``RegionLevel.LAN`` instead of ``"lan"``); it is a
``StrEnum``, so its members compare equal to, and serialise as, the codes the API and the URLs
use (``lan``, ``kommun``, ``fa``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["GROUPABLE_LEVELS", "PREDEFINED_GROUPS", "STOCKHOLM_MALAREN", "RegionGroup", "RegionLevel"]


class RegionLevel(StrEnum):
    """A level of Swedish regions: län, kommun, or FA-region (Tillväxtverket's FA15, the sum of its kommuner)."""

    LAN = "lan"
    KOMMUN = "kommun"
    FA = "fa"


@dataclass(frozen=True)
class RegionGroup:
    """A typed selection of several regions of one level, analysed as one (sums over its members).

    ``key`` names it in URLs and the API: a predefined group's slug (``stockholm-malaren``) or
    ``"g<id>"`` for a group an organisation defined (``kompetensbron.region_groups``).
    Only län and kommuner can be grouped (FA-regions already are groups of kommuner).
    """

    key: str
    name: str
    level: RegionLevel
    codes: tuple[str, ...]
    predefined: bool = True
    description: str = ""

    def __post_init__(self) -> None:
        if self.level not in GROUPABLE_LEVELS:
            raise ValueError(f"a region group holds län or kommuner, not {self.level!r}")
        if not self.codes or len(set(self.codes)) != len(self.codes):
            raise ValueError("a region group needs distinct member codes")


#: Levels whose regions can form a group.
GROUPABLE_LEVELS: tuple[RegionLevel, ...] = (RegionLevel.LAN, RegionLevel.KOMMUN)

#: Stockholm–Mälaren: the six län of the regions behind En Bättre Matchning / MERUT's regional
#: work (Stockholms, Uppsala, Södermanlands, Östergötlands, Örebro and Västmanlands län).
STOCKHOLM_MALAREN = RegionGroup(
    key="stockholm-malaren",
    name="Stockholm–Mälaren",
    level=RegionLevel.LAN,
    codes=("01", "03", "04", "05", "18", "19"),
    description=(
        "Stockholms, Uppsala, Södermanlands, Östergötlands, Örebro och Västmanlands län "
        "(storregionalt samarbete En Bättre Matchning / MERUT)"
    ),
)

#: The predefined groups, by key.
PREDEFINED_GROUPS: dict[str, RegionGroup] = {STOCKHOLM_MALAREN.key: STOCKHOLM_MALAREN}
