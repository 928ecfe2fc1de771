"""The region levels of the platform: län, kommun, FA-region (plain Python, no Django).

One type for every app and library (``RegionLevel.LAN`` instead of ``"lan"``); it is a
``StrEnum``, so its members compare equal to, and serialise as, the codes the API and the URLs
use (``lan``, ``kommun``, ``fa``).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["RegionLevel"]


class RegionLevel(StrEnum):
    """A level of Swedish regions: län, kommun, or FA-region (Tillväxtverket's FA15, the sum of its kommuner)."""

    LAN = "lan"
    KOMMUN = "kommun"
    FA = "fa"
