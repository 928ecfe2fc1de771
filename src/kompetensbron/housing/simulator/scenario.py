"""A simulated market: homes by type, students arriving around the admission calendar, and
their behaviour. The defaults are calibrated to SSSB's published figures (:data:`CALIBRATION`).

Students: ``arrivals_per_year`` are admitted each year, ``autumn_share`` around mid-July (for
the autumn term) and the rest around early December (spring), spread over a few weeks. A share
registers in the queue before admission (up to ``early_registration_max_days`` before); the
rest on admission. Each applies for the home types of one of the ``preferences`` (e.g. studio
only, or corridor room or studio) whose rent fits their budget. Offers are eligible from admission. An active seeker
accepts an offer with ``accept_probability``; a student who has found somewhere else to live
(after about ``alternative_housing_mean_days``) keeps the place in the queue but stops applying
until wanting a student home again (after about ``returns_after_mean_days``).
Students study 1–5 years; tenants move out at graduation or at the type's maximum stay, with a
month's notice, so a home can be let before it is empty. Days are the unit of time.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from kompetensbron.errors import ValidationFailed

__all__ = ["CALIBRATION", "LIMITS", "HomeTypeSpec", "Scenario", "default_home_types", "scale_homes"]

YEAR = 365
SEMESTER_DAYS = 182

#: Published figures the defaults (SSSB rules, 8,000 homes, 6,000 new students a year) are
#: calibrated to (FIELD-NOTES.md, "Calibration figures"); tests/housing/simulator checks them.
#: Not calibrated: the queue's size (SSSB's ~50,000 members are mostly not looking right now).
CALIBRATION = {
    "source": "SSSB (Stockholm) as published around 2018 (FIELD-NOTES.md, 'Calibration figures')",
    "homes": 8000,
    "corridor_room_median_wait_days": [335, 395],  # "after about 11–13 months"
    "studio_median_wait_days": [730, 1460],  # "after 2–4 years"
    "not_calibrated": "queue size (~50,000 members, most not actively looking)",
}

#: Bounds on scenario inputs (the web form and the API use the same).
LIMITS = {
    "homes": (10, 60_000),
    "arrivals_per_year": (10, 60_000),
    "years": (1, 30),
    "warmup_years": (0, 10),
    "seed": (0, 2**31 - 1),
}


@dataclass(frozen=True)
class HomeTypeSpec:
    name: str
    share: float  # of the homes
    rent: int  # SEK a month
    max_stay_days: int
    label: str = ""


def default_home_types() -> tuple[HomeTypeSpec, ...]:
    # SSSB-like mix: about 45 % corridor rooms, 45 % studios, 10 % apartments.
    return (
        HomeTypeSpec("corridor_room", 0.45, 4200, 6 * YEAR, "Korridorrum"),
        HomeTypeSpec("studio", 0.45, 6000, 6 * YEAR, "Studentetta"),
        HomeTypeSpec("apartment", 0.10, 8500, 6 * YEAR, "Lägenhet"),
    )


@dataclass(frozen=True)
class Scenario:
    homes: int = 8000
    arrivals_per_year: int = 6000
    years: int = 10
    warmup_years: int = 3
    seed: int = 1
    home_types: tuple[HomeTypeSpec, ...] = field(default_factory=default_home_types)
    autumn_share: float = 0.75
    early_registration_share: float = 0.6
    early_registration_max_days: int = 2 * YEAR
    union_member_share: float = 0.85
    #: which home types students apply for (then only those their budget allows), with weights
    preferences: tuple[tuple[tuple[str, ...], float], ...] = (
        (("corridor_room", "studio"), 0.25),
        (("studio",), 0.55),
        (("corridor_room",), 0.05),
        (("studio", "apartment"), 0.10),
        (("apartment",), 0.05),
    )
    budget_median: int = 6500
    budget_spread: float = 0.35  # log-normal sigma
    accept_probability: float = 0.8
    alternative_housing_mean_days: int = 400
    returns_after_mean_days: int = 365
    notice_days: int = 30
    application_days: int = 7
    early_move_out_probability: float = 0.25

    def __post_init__(self) -> None:
        problems: dict[str, str] = {}
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                problems[name] = f"{low}–{high:,}".replace(",", " ")
        for name in (
            "autumn_share",
            "early_registration_share",
            "union_member_share",
            "accept_probability",
            "early_move_out_probability",
        ):
            if not 0.0 <= getattr(self, name) <= 1.0:
                problems[name] = "0–1"
        if not self.home_types or abs(sum(t.share for t in self.home_types) - 1.0) > 1e-6:
            problems["home_types"] = "the shares of the home types add up to 1"
        names = {t.name for t in self.home_types}
        if (
            not self.preferences
            or any(w < 0 for _, w in self.preferences)
            or not any(set(p) & names for p, _ in self.preferences)
        ):
            problems["preferences"] = "at least one preference with a known home type, weights ≥ 0"
        if len(names) != len(self.home_types):
            problems["home_types"] = "each home type once"
        for name in (
            "early_registration_max_days",
            "alternative_housing_mean_days",
            "returns_after_mean_days",
            "notice_days",
            "application_days",
            "budget_median",
        ):
            if not 0 < getattr(self, name) <= 100_000:
                problems[name] = "1–100 000"
        if problems:
            raise ValidationFailed("Ogiltigt scenario.", problems)

    def with_changes(self, **changes: Any) -> Scenario:
        return dataclasses.replace(self, **changes)

    def homes_by_type(self) -> dict[str, int]:
        return scale_homes(self.home_types, self.homes)


def scale_homes(types: tuple[HomeTypeSpec, ...], total: int) -> dict[str, int]:
    """Split ``total`` by the shares, largest remainders first (the parts add up to ``total``)."""
    raw = [(t.name, t.share * total) for t in types]
    counts = {name: int(value) for name, value in raw}
    rest = total - sum(counts.values())
    for name, _value in sorted(raw, key=lambda kv: kv[1] - int(kv[1]), reverse=True)[:rest]:
        counts[name] += 1
    return counts
