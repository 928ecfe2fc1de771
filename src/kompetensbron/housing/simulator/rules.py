"""Queue rules as data: a :class:`RuleSet` says how a landlord ranks, offers and punishes.

Ready rule sets follow the landlords' published rules (``../shared/FIELD-NOTES.md``; they
change — read the current page before relying on one):

- ``sssb`` (SSSB, Stockholm): credit days; registered before admission, at most 90 days count
  until the student is admitted ("after 90 days only as an active student and union member");
  a non-member stops at 90 days; one offer at a time to the most credit days, ties at random;
  the **second declined offer parks the queue for 6 months** (no offers, no credit), at most
  36 months of parking in all (beyond that the credit is lost);
- ``af-bostader`` (AF Bostäder, Lund): queue time from admission (membership and 15
  credits a semester needed while queuing); **up to 3 bookings at once**, the best-placed booker
  is offered; **a declined offer costs the whole queue time**;
- ``sgs`` (SGS Studentbostäder, Göteborg): queue date; **an offer goes to the 5
  longest-waiting at once** (5 days to answer, up to 3 offers held at once); the first who
  accepts in queue order gets it; **the 5th decline costs the queue time**;
- ``chalmers`` (Chalmers Studentbostäder): **points**: 1 a day before admission (at most 365),
  then 2 a day; the top 5 by points get a viewing, ties by lottery; declines cost nothing;
  points reset at contract.

A user copies one (:meth:`RuleSet.with_changes`) and changes any field; :func:`rules_from_dict`
reads the same JSON that :meth:`RuleSet.to_dict` writes.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kompetensbron.errors import ValidationFailed

__all__ = ["BUILT_IN_RULES", "DeclinePenalty", "RuleError", "RuleSet", "get_rules", "load_rules", "rules_from_dict"]

Scoring = Literal["credit_days", "queue_time", "points"]
PenaltyKind = Literal["none", "park", "reset"]


class RuleError(ValidationFailed):
    """A rule set is unknown or has an invalid value (HTTP 422, CLI exit code 2)."""


@dataclass(frozen=True)
class DeclinePenalty:
    """What the ``after_declines``-th declined offer costs: nothing, parking, or the queue time."""

    kind: PenaltyKind = "none"
    after_declines: int = 1
    park_days: int = 0


@dataclass(frozen=True)
class RuleSet:
    name: str
    title: str
    scoring: Scoring = "queue_time"
    #: days of queue before admission that count (None: all; 0: the queue starts at admission)
    pre_admission_cap_days: int | None = None
    #: points per day before / after admission (points scoring only; others count 1 a day)
    points_per_day_before: float = 1.0
    points_per_day_after: float = 1.0
    #: non-members of the student union stop earning after this many days (None: no such rule)
    non_member_cap_days: int | None = None
    #: how many of the best-placed candidates get the same offer at once
    offer_batch: int = 1
    #: how many offers (or bookings) one person may hold at once
    max_pending_offers: int = 1
    #: days to answer an offer (or the booking period)
    answer_days: int = 3
    decline_penalty: DeclinePenalty = field(default_factory=DeclinePenalty)
    #: total parking allowed; a parking beyond it costs the queue time instead
    max_park_days: int | None = None
    #: "random": ties at random; "registration": the earlier registration first
    tie_break: Literal["random", "registration"] = "random"
    description: str = ""

    def __post_init__(self) -> None:
        problems = []
        if not self.name or len(self.name) > 64:
            problems.append("name: 1–64 characters")
        if self.scoring not in ("credit_days", "queue_time", "points"):
            problems.append(f"scoring: {self.scoring!r} is not credit_days, queue_time or points")
        if not 1 <= self.offer_batch <= 50:
            problems.append("offer_batch: 1–50")
        if not 1 <= self.max_pending_offers <= 20:
            problems.append("max_pending_offers: 1–20")
        if not 0 <= self.answer_days <= 60:
            problems.append("answer_days: 0–60")
        for name in ("pre_admission_cap_days", "non_member_cap_days", "max_park_days"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 20 * 365:
                problems.append(f"{name}: 0–{20 * 365} or empty")
        if not (0 < self.points_per_day_before <= 10 and 0 < self.points_per_day_after <= 10):
            problems.append("points_per_day_*: above 0, at most 10")
        p = self.decline_penalty
        if p.kind not in ("none", "park", "reset"):
            problems.append(f"decline_penalty.kind: {p.kind!r} is not none, park or reset")
        if not 1 <= p.after_declines <= 50:
            problems.append("decline_penalty.after_declines: 1–50")
        if not 0 <= p.park_days <= 5 * 365:
            problems.append("decline_penalty.park_days: 0–1825")
        if self.tie_break not in ("random", "registration"):
            problems.append("tie_break: random or registration")
        if problems:
            raise RuleError("; ".join(problems))

    def with_changes(self, **changes: Any) -> RuleSet:
        """A copy with some fields changed (``decline_penalty`` may be a dict)."""
        if isinstance(changes.get("decline_penalty"), dict):
            changes["decline_penalty"] = DeclinePenalty(
                **{**dataclasses.asdict(self.decline_penalty), **changes["decline_penalty"]}
            )
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise RuleError(f"unknown rule field(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def gettext_noop(text: str) -> str:
    """Marks a built-in rule set's title and description for translation (``makemessages``); the
    page translates them when it shows them (the simulator itself stays free of Django)."""
    return text


BUILT_IN_RULES: dict[str, RuleSet] = {
    r.name: r
    for r in (
        RuleSet(
            name="sssb",
            title=gettext_noop("SSSB (Stockholm): kreditdagar"),
            scoring="credit_days",
            pre_admission_cap_days=90,
            non_member_cap_days=90,
            offer_batch=1,
            max_pending_offers=1,
            answer_days=3,
            decline_penalty=DeclinePenalty(kind="park", after_declines=2, park_days=182),
            max_park_days=36 * 30,
            tie_break="random",
            description=gettext_noop(
                "Kreditdagar; efter 90 dagar bara som aktiv student och kårmedlem; erbjudande till flest kreditdagar, lika lottas; andra nejet parkerar kön i 6 månader (högst 36 månader)."
            ),
        ),
        RuleSet(
            name="af-bostader",
            title=gettext_noop("AF Bostäder (Lund): kötid och bokningar"),
            scoring="queue_time",
            pre_admission_cap_days=0,
            offer_batch=1,
            max_pending_offers=3,
            answer_days=7,
            decline_penalty=DeclinePenalty(kind="reset", after_declines=1),
            tie_break="registration",
            description=gettext_noop(
                "Kötid från antagning; upp till 3 bindande bokningar; den bäst placerade får erbjudandet; ett nej kostar hela kötiden."
            ),
        ),
        RuleSet(
            name="sgs",
            title=gettext_noop("SGS (Göteborg): ködatum, fem får erbjudandet"),
            scoring="queue_time",
            pre_admission_cap_days=None,
            offer_batch=5,
            max_pending_offers=3,
            answer_days=5,
            decline_penalty=DeclinePenalty(kind="reset", after_declines=5),
            tie_break="registration",
            description=gettext_noop(
                "Ködatum; erbjudandet går till de 5 som köat längst, 5 dagar att svara, högst 3 samtidigt; femte nejet kostar kötiden."
            ),
        ),
        RuleSet(
            name="chalmers",
            title=gettext_noop("Chalmers Studentbostäder: poäng"),
            scoring="points",
            pre_admission_cap_days=365,
            points_per_day_before=1.0,
            points_per_day_after=2.0,
            offer_batch=5,
            max_pending_offers=3,
            answer_days=3,
            decline_penalty=DeclinePenalty(kind="none"),
            tie_break="random",
            description=gettext_noop(
                "Poäng: 1 per dag före antagning (högst 365), sedan 2 per dag; de 5 med flest poäng får visning, lika lottas; poängen nollas vid kontrakt."
            ),
        ),
    )
}


def get_rules(name: str) -> RuleSet:
    try:
        return BUILT_IN_RULES[name]
    except KeyError:
        raise RuleError(
            f"unknown rule set {name!r}; choose one of {', '.join(BUILT_IN_RULES)} or a JSON file"
        ) from None


def rules_from_dict(data: dict[str, Any]) -> RuleSet:
    """A rule set from JSON data: ``{"base": "sssb", ...changes}`` or every field."""
    if not isinstance(data, dict):
        raise RuleError("a rule set is a JSON object")
    data = dict(data)
    base = data.pop("base", None)
    if base is not None:
        return get_rules(str(base)).with_changes(**data)
    penalty = data.pop("decline_penalty", {}) or {}
    if not isinstance(penalty, dict):
        raise RuleError("decline_penalty is an object")
    try:
        return RuleSet(**data, decline_penalty=DeclinePenalty(**penalty))
    except TypeError as exc:
        raise RuleError(str(exc)) from None


def load_rules(name_or_path: str) -> RuleSet:
    """A built-in rule set by name, or one read from a JSON file."""
    if name_or_path in BUILT_IN_RULES:
        return BUILT_IN_RULES[name_or_path]
    path = Path(name_or_path)
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            return rules_from_dict(json.loads(path.read_text(encoding="utf-8")))
        except json.JSONDecodeError as exc:
            raise RuleError(f"{path}: invalid JSON: {exc.msg} (line {exc.lineno})") from None
    return get_rules(name_or_path)
