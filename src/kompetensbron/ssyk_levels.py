"""Selections of occupations by SSYK 2012 levels 1–3 (plain Python, no Django).

An :class:`SsykSelection` keeps the SSYK-4 groups whose code starts with one of its prefixes
(a major group ``"2"``, a sub-major group ``"25"`` or a minor group ``"251"``); none = all.

``SsykSelection.parse("higher-education")`` is the preset "occupations that normally need a
higher education": SSYK major groups 1–3 (managers; occupations requiring advanced level of
higher education; occupations requiring higher education or equivalent), the groups whose
ISCO-08 skill level is 3 or 4. Examples (a test asserts them)::

    SsykSelection.parse("2,31").matches("2512") -> True
    SsykSelection.parse("2,31").matches("3211") -> False
    SsykSelection.parse("higher-education").matches("5321") -> False
"""

from __future__ import annotations

from dataclasses import dataclass

from kompetensbron.errors import ValidationFailed

__all__ = ["HIGHER_EDUCATION", "MAX_PREFIXES", "SsykSelection"]

HIGHER_EDUCATION = "higher-education"
MAX_PREFIXES = 20
_PRESETS: dict[str, tuple[str, ...]] = {HIGHER_EDUCATION: ("1", "2", "3")}


@dataclass(frozen=True)
class SsykSelection:
    """SSYK-4 groups under one or more SSYK codes of level 1–3; no prefix = every group."""

    prefixes: tuple[str, ...] = ()
    preset: str = ""

    @classmethod
    def parse(cls, text: str | None) -> SsykSelection:
        """``""`` → all; ``"higher-education"``; or comma-separated SSYK codes of 1–3 digits.

        Anything else is refused with :class:`ValidationFailed` (field ``ssyk_level``)."""
        raw = (text or "").strip()
        if not raw:
            return cls()
        if len(raw) > 200:
            raise ValidationFailed("SSYK selection too long", {"ssyk_level": "at most 200 characters"})
        if raw in _PRESETS:
            return cls(prefixes=_PRESETS[raw], preset=raw)
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        if len(parts) > MAX_PREFIXES or any(not (p.isdigit() and 1 <= len(p) <= 3) for p in parts):
            raise ValidationFailed(
                f"invalid SSYK selection {raw[:40]!r}",
                {
                    "ssyk_level": f"'{HIGHER_EDUCATION}' or up to {MAX_PREFIXES} SSYK codes of 1–3 digits, comma-separated"
                },
            )
        return cls(prefixes=tuple(sorted(set(parts))))

    @property
    def is_all(self) -> bool:
        return not self.prefixes

    @property
    def text(self) -> str:
        """The selection as :meth:`parse` reads it back."""
        return self.preset or ",".join(self.prefixes)

    def matches(self, ssyk: str | None) -> bool:
        """Whether an SSYK-4 code is selected (an unknown code only when all are)."""
        if self.is_all:
            return True
        return bool(ssyk) and any(ssyk.startswith(p) for p in self.prefixes)  # type: ignore[union-attr]
