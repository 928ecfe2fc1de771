"""Reader of Arbetsförmedlingen's open-data Yrkesbarometer (``yrkesbarometer.json``), plain Python.

The publisher's file (``https://data.arbetsformedlingen.se/prognoser/yrkesbarometer.json``,
CC0, renewed twice a year) is one JSON array, one object per *barometer occupation* × area:
each of ~220 occupations for the whole country (``lan`` = ``"00"``) and each of the 21 län
(SCB länskod). The fields read here (as documented by code that reads the live file; the
publisher's own field documentation was not found, so this follows that shape):

``yb_yrke``, ``yb_concept_id``
    the barometer occupation and its JobTech concept id (taxonomy type ``barometer-occupation``)
``ssyk``, ``ssyk_text``, ``yrkesomrade``
    its SSYK-4 group (the occupation may be part of one, or combine several: ``delvis_helt``)
``lan``
    ``"00"`` (Sweden) or a two-digit länskod
``jobbmojligheter``
    current job opportunities: ``små`` / ``medelstora`` / ``stora`` (or null)
``rekryteringssituation``
    current recruitment situation: ``överskott`` / ``balans`` / ``paradox`` / ``brist`` (or null)
``paradox``
    the explanations where the situation is a paradox (shortage and many job seekers at once)
``prognos``
    the 5-year outlook for demand: ``öka`` / ``vara oförändrad`` / ``minska`` (or null)
``text_jobbmojligheter``, ``text_rekryteringssituation``
    AF's own sentences
``hogsta_bedomningsniva``, ``delvis_helt``, ``omgang``, ``taxonomi_version``
    the highest level assessed, whether the occupation is part of / the whole SSYK group,
    the round (``"2026-1"``: first half of 2026 -- the date of the data) and the taxonomy version.

:func:`read_barometer_json` checks every row (an unknown value raises naming the row and the
field: a changed publication is noticed, not silently misread) and that the whole file is one
round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed

from .file_formats import read_json

__all__ = [
    "BarometerRow",
    "BarometerRound",
    "OPPORTUNITIES",
    "RECRUITMENT",
    "OUTLOOK",
    "COUNTRY",
    "read_barometer_json",
    "parse_barometer_json",
]

COUNTRY = "00"
OPPORTUNITIES = ("små", "medelstora", "stora")
RECRUITMENT = ("överskott", "balans", "paradox", "brist")
OUTLOOK = ("minska", "vara oförändrad", "öka")
_ROUND = re.compile(r"(\d{4})-([12])")
_MAX_TEXT = 4000


@dataclass(frozen=True, slots=True)
class BarometerRow:
    """One barometer occupation in Sweden (``lan == "00"``) or one län."""

    occupation: str
    concept_id: str
    ssyk: str
    ssyk_text: str
    area: str
    lan: str
    opportunities: str | None
    recruitment: str | None
    paradox: tuple[str, ...]
    outlook: str | None
    opportunities_text: str
    recruitment_text: str
    highest_level: str | None
    part_of_group: str | None
    line: int  # 1-based position in the array


@dataclass(frozen=True)
class BarometerRound:
    """One published round of the Yrkesbarometer."""

    round: str  # e.g. "2026-1"
    taxonomy_version: int | None
    rows: tuple[BarometerRow, ...]

    @property
    def data_date(self) -> str:
        """The round as a month: ``2026-1`` → ``2026-06``, ``2025-2`` → ``2025-12``."""
        m = _ROUND.fullmatch(self.round)
        return f"{m.group(1)}-{'06' if m.group(2) == '1' else '12'}" if m else self.round

    def for_ssyk(self, ssyk: str, lan: str = COUNTRY) -> list[BarometerRow]:
        """The rows of SSYK-4 group ``ssyk`` in ``lan`` (``"00"``: Sweden), by occupation."""
        return sorted((r for r in self.rows if r.ssyk == ssyk and r.lan == lan), key=lambda r: r.occupation)


def _text(item: dict[str, Any], field: str, path: Path, line: int, *, required: bool = False) -> str | None:
    value = item.get(field)
    if value is None or value == "":
        if required:
            raise DataFileMalformed(f"row {line}: '{field}' is missing", path=path, line=line, key=field)
        return None
    if not isinstance(value, str) or len(value) > _MAX_TEXT:
        raise DataFileMalformed(f"row {line}: '{field}' is not a text", path=path, line=line, key=field)
    return value.strip()


def _choice(item: dict[str, Any], field: str, allowed: tuple[str, ...], path: Path, line: int) -> str | None:
    value = _text(item, field, path, line)
    if value is not None and value not in allowed:
        raise DataFileMalformed(
            f"row {line}: '{field}' is {value!r}, expected one of {', '.join(allowed)} or null",
            path=path,
            line=line,
            key=field,
        )
    return value


def _row(item: Any, path: Path, line: int) -> tuple[BarometerRow, str, int | None]:
    if not isinstance(item, dict):
        raise DataFileMalformed(f"row {line} is not an object", path=path, line=line)
    ssyk = _text(item, "ssyk", path, line, required=True) or ""
    if not re.fullmatch(r"\d{4}", ssyk):
        raise DataFileMalformed(f"row {line}: 'ssyk' {ssyk!r} is not an SSYK-4 code", path=path, line=line, key="ssyk")
    lan = _text(item, "lan", path, line, required=True) or ""
    if not re.fullmatch(r"\d{2}", lan):
        raise DataFileMalformed(f"row {line}: 'lan' {lan!r} is not a länskod", path=path, line=line, key="lan")
    paradox = item.get("paradox") or []
    if not isinstance(paradox, list) or not all(isinstance(p, str) for p in paradox):
        raise DataFileMalformed(f"row {line}: 'paradox' is not a list of texts", path=path, line=line, key="paradox")
    round_ = _text(item, "omgang", path, line, required=True) or ""
    if not _ROUND.fullmatch(round_):
        raise DataFileMalformed(f"row {line}: 'omgang' {round_!r} is not YYYY-1 or YYYY-2", path=path, line=line)
    version = item.get("taxonomi_version")
    if version is not None and not isinstance(version, int):
        raise DataFileMalformed(f"row {line}: 'taxonomi_version' is not a number", path=path, line=line)
    row = BarometerRow(
        occupation=_text(item, "yb_yrke", path, line, required=True) or "",
        concept_id=_text(item, "yb_concept_id", path, line, required=True) or "",
        ssyk=ssyk,
        ssyk_text=_text(item, "ssyk_text", path, line) or "",
        area=_text(item, "yrkesomrade", path, line) or "",
        lan=lan,
        opportunities=_choice(item, "jobbmojligheter", OPPORTUNITIES, path, line),
        recruitment=_choice(item, "rekryteringssituation", RECRUITMENT, path, line),
        paradox=tuple(p.strip() for p in paradox),
        outlook=_choice(item, "prognos", OUTLOOK, path, line),
        opportunities_text=_text(item, "text_jobbmojligheter", path, line) or "",
        recruitment_text=_text(item, "text_rekryteringssituation", path, line) or "",
        highest_level=_text(item, "hogsta_bedomningsniva", path, line),
        part_of_group=_text(item, "delvis_helt", path, line),
        line=line,
    )
    return row, round_, version


def parse_barometer_json(payload: Any, path: Path) -> BarometerRound:
    """The round in an already decoded ``yrkesbarometer.json`` (``path`` names it in errors)."""
    if not isinstance(payload, list) or not payload:
        raise DataFileMalformed("expected a non-empty JSON array of occupation rows", path=path)
    rows: list[BarometerRow] = []
    rounds: set[str] = set()
    versions: set[int] = set()
    for line, item in enumerate(payload, start=1):
        row, round_, version = _row(item, path, line)
        rows.append(row)
        rounds.add(round_)
        if version is not None:
            versions.add(version)
    if len(rounds) > 1:
        raise DataFileMalformed(f"rows of several rounds: {', '.join(sorted(rounds))}", path=path, key="omgang")
    if not any(r.lan == COUNTRY for r in rows):
        raise DataFileMalformed("no row for the whole country (lan '00')", path=path, key="lan")
    return BarometerRound(rounds.pop(), max(versions) if versions else None, tuple(rows))


def read_barometer_json(path: Path) -> BarometerRound:
    """Read and check ``yrkesbarometer.json`` (see the module docstring)."""
    return parse_barometer_json(read_json(path), Path(path))
