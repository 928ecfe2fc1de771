"""The region levels of the platform: län, kommun, FA-region, and groups of län or kommuner (plain Python).

One type for every app and library (``RegionLevel.LAN`` instead of ``"lan"``); it is a
``StrEnum``, so its members compare equal to, and serialise as, the codes the API and the URLs
use (``lan``, ``kommun``, ``fa``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "EN_BATTRE_MATCHNING_NIO",
    "GROUPABLE_LEVELS",
    "PREDEFINED_GROUPS",
    "STOCKHOLM_MALAREN",
    "RegionGroup",
    "RegionLevel",
]


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

#: Stockholm–Mälaren: the seven län of En Bättre Matchning, Mälardalsrådet's collaboration on
#: strategic skills supply (https://www.malardalsradet.se/en-battre-matchning/: "strategisk
#: kompetensförsörjning i sju län: Stockholm, Sörmland, Örebro, Västmanland, Uppsala, Gävleborg
#: och Östergötland").
STOCKHOLM_MALAREN = RegionGroup(
    key="stockholm-malaren",
    name="Stockholm–Mälaren (En Bättre Matchning, sju län)",
    level=RegionLevel.LAN,
    codes=("01", "03", "04", "05", "18", "19", "21"),
    description=(
        "Stockholms, Uppsala, Södermanlands, Östergötlands, Örebro, Västmanlands och Gävleborgs län: "
        "de sju länen i En Bättre Matchning, Mälardalsrådets samarbete om strategisk "
        "kompetensförsörjning (källa: Mälardalsrådet, malardalsradet.se/en-battre-matchning/)"
    ),
)

#: The widened collaboration: the seven län and Värmlands (17) and Dalarnas (20) län.
EN_BATTRE_MATCHNING_NIO = RegionGroup(
    key="en-battre-matchning-nio",
    name="En Bättre Matchning, nio län (utvidgat)",
    level=RegionLevel.LAN,
    codes=("01", "03", "04", "05", "17", "18", "19", "20", "21"),
    description=(
        "De sju länen i En Bättre Matchning samt Värmlands och Dalarnas län, som samarbetet "
        "senare utvidgades med (källa: Mälardalsrådet)"
    ),
)

#: The predefined groups, by key. Their names and descriptions are Swedish source text: the web
#: app shows them in the request's language (``region_groups.services``; English in
#: ``region_groups/locale/en``).
PREDEFINED_GROUPS: dict[str, RegionGroup] = {g.key: g for g in (STOCKHOLM_MALAREN, EN_BATTRE_MATCHNING_NIO)}
