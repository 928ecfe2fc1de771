"""Computed indicators Samverkan can show beside its own (typed, with data period and source).

``share_staying_in_lan("22")`` → the share of the Saco cohort that studied in Västernorrland and
lived there ten years later; ``share_from_lan_living_home("22")`` → of those who went to
gymnasium there, the share living there ten years later. ``latest_imported_figure(region,
measure_contains)`` reads an imported SCB figure (e.g. "kvar i kommunen efter 3 år") when one was
imported.
"""

from __future__ import annotations

from .schemas import RetentionIndicator
from .services import COHORT, lan_retention_detail

__all__ = ["latest_imported_figure", "share_from_lan_living_home", "share_staying_in_lan"]

_SOURCE = "Saco (2015), Följ studenterna – SCB:s registerdata; graduates/saco2015_follow_students_*.csv"


def share_staying_in_lan(lan: str) -> RetentionIndicator:
    r = lan_retention_detail(lan)
    return RetentionIndicator(
        name="Andel av länets studenter som bor kvar i länet tio år senare",
        region=r.lan,
        value=r.share_living_in_study_lan,
        numerator=r.in_living_here,
        denominator=r.in_total,
        data_period=COHORT,
        source=_SOURCE,
    )


def share_from_lan_living_home(lan: str) -> RetentionIndicator:
    r = lan_retention_detail(lan)
    return RetentionIndicator(
        name="Andel av länets gymnasieungdomar i högskolan som bor i länet tio år senare",
        region=r.lan,
        value=r.share_living_home,
        numerator=r.stayed + r.returned,
        denominator=r.from_total,
        data_period=COHORT,
        source=_SOURCE,
    )


def latest_imported_figure(region_code: str, measure_contains: str):
    """The latest imported SCB figure of a region whose measure contains the text, else ``None``."""
    from .models import GraduateFigure

    row = (
        GraduateFigure.objects.select_related("data_import")
        .filter(
            data_import__kind="scb",
            region_code=region_code.strip()[:4],
            measure__icontains=measure_contains.strip()[:200],
        )
        .order_by("-year", "-data_import__imported_at")
        .first()
    )
    return row
