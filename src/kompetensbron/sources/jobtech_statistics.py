"""Readers of the aggregated JobTech statistics files in ``jobtech/statistics/``.

What the files hold (checked on the snapshot; the shapes are all ``{outer: {inner: value}}``):

* ``ssyk_id_region_annonser_2024.json`` -- ads published in 2024 per occupation-group
  concept id x area concept id, where the area is Sweden (``i46j_HmG_v64``) or a län. Each
  level sums to **697,030** ads; summing every entry of the kommun file (country + län +
  kommun levels) gives the ≈2.09 M quoted in SOURCES.md, which counts each ad three times.
* ``ssyk_region_kommun_annonser_2024.json`` -- the same, plus kommun entries.
* ``platsbanken.json`` -- ads open in Platsbanken when the file was made (undated), same
  shape.
* ``barometer_regional.json`` -- Yrkesbarometer per *barometer occupation* id x area:
  ``[job opportunities now ("små"/"medelstora"/"stora"), five-year outlook
  ("öka"/"vara oförändrad"/"minska")]``. Barometer occupation ids are not in the taxonomy
  files of the snapshot. Undated.
* ``ssyk_salary.json`` -- per SSYK-4 code ``[P10, average, P90]`` monthly salary in SEK as
  strings, ``".."`` when suppressed. The app these files come from labels them
  "10 % tjänar mindre än / Genomsnittslön / 10 % tjänar mer än" and credits SCB (2023);
  not verified against SCB. The file also holds one key that is no SSYK code (``"Nej"``):
  such keys are left out and listed in :attr:`SalaryTable.ignored_keys`.

Each reader returns typed records and raises :class:`~kompetensbron.errors.DataFileMalformed`
naming the file and the offending key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed

from . import catalog
from .file_formats import read_json

__all__ = [
    "StatisticsFile",
    "STATISTICS_FILES",
    "AdCount",
    "BarometerEntry",
    "SalaryFigures",
    "SalaryTable",
    "read_ad_counts",
    "read_barometer",
    "read_salaries",
]

STATISTICS_DIR = Path("jobtech/statistics")


@dataclass(frozen=True)
class StatisticsFile:
    """One statistics file: its source-registry key, what it holds and which period it covers."""

    dataset: str
    registry_key: str
    title: str
    period: str

    @property
    def filename(self) -> str:
        return Path(catalog.dataset(self.registry_key).path).name

    def path(self, data_dir: Path) -> Path:
        """Its path in a data directory (from the source registry)."""
        return Path(data_dir) / catalog.dataset(self.registry_key).path


STATISTICS_FILES: dict[str, StatisticsFile] = {
    f.dataset: f
    for f in (
        StatisticsFile("ads_2024_lan", "statistics-ads-2024-lan", "Job ads 2024 per occupation group x län", "2024"),
        StatisticsFile(
            "ads_2024_kommun", "statistics-ads-2024-kommun", "Job ads 2024 per occupation group x kommun", "2024"
        ),
        StatisticsFile(
            "platsbanken_current",
            "statistics-platsbanken",
            "Open Platsbanken ads per occupation group x area",
            "undated snapshot",
        ),
        StatisticsFile(
            "barometer_regional",
            "statistics-barometer-regional",
            "Yrkesbarometer per barometer occupation x län",
            "undated",
        ),
        StatisticsFile(
            "ssyk_salary",
            "statistics-salary",
            "Monthly salary P10 / average / P90 per SSYK-4 (SEK)",
            "2023 (per source app)",
        ),
    )
}


@dataclass(frozen=True)
class AdCount:
    """Ads of one occupation group in one area (Sweden, a län or a kommun)."""

    occupation_group_concept_id: str
    area_concept_id: str
    ads: int


@dataclass(frozen=True)
class BarometerEntry:
    """Yrkesbarometer assessment of one barometer occupation in one area."""

    barometer_occupation_id: str
    area_concept_id: str
    job_opportunities: str
    outlook_5y: str


@dataclass(frozen=True)
class SalaryFigures:
    """Monthly salary figures (SEK) of one SSYK-4 group; ``None`` where suppressed."""

    ssyk4: str
    p10: int | None
    average: int | None
    p90: int | None


def _nested_object(path: Path) -> dict[str, dict[str, Any]]:
    data = read_json(path)
    if not isinstance(data, dict):
        raise DataFileMalformed(f"expected a JSON object at top level, got {type(data).__name__}", path=path)
    for key, inner in data.items():
        if not isinstance(inner, dict):
            raise DataFileMalformed(f"expected an object of areas, got {type(inner).__name__}", path=path, key=key)
    return data


def read_ad_counts(path: Path) -> list[AdCount]:
    """Read an ad-count file (``{occupation_group_id: {area_id: ads}}``)."""
    out: list[AdCount] = []
    for group, areas in _nested_object(path).items():
        for area, n in areas.items():
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise DataFileMalformed(f"expected a count >= 0, got {n!r}", path=path, key=f"{group}.{area}")
            out.append(AdCount(group, area, n))
    return out


def read_barometer(path: Path) -> list[BarometerEntry]:
    """Read ``barometer_regional.json`` (``{barometer_id: {area_id: [now, outlook]}}``)."""
    out: list[BarometerEntry] = []
    for occupation, areas in _nested_object(path).items():
        for area, pair in areas.items():
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair)):
                raise DataFileMalformed(
                    f"expected [job opportunities, outlook] as two strings, got {pair!r}",
                    path=path,
                    key=f"{occupation}.{area}",
                )
            out.append(BarometerEntry(occupation, area, pair[0], pair[1]))
    return out


@dataclass(frozen=True)
class SalaryTable:
    """The salary figures of a file and the keys left out because they are no SSYK-4 code."""

    figures: tuple[SalaryFigures, ...]
    ignored_keys: tuple[str, ...]


def _salary(value: Any, path: Path, key: str) -> int | None:
    if value in ("..", "", None):
        return None
    try:
        return int(str(value).replace(" ", ""))
    except ValueError:
        raise DataFileMalformed(f"expected a salary or '..', got {value!r}", path=path, key=key) from None


def read_salaries(path: Path) -> SalaryTable:
    """Read ``ssyk_salary.json`` (``{ssyk4: [p10, average, p90]}``)."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise DataFileMalformed(f"expected a JSON object at top level, got {type(data).__name__}", path=path)
    out: list[SalaryFigures] = []
    ignored: list[str] = []
    for code, values in data.items():
        if not (len(code) == 4 and code.isdigit()):
            ignored.append(code)
            continue
        if not (isinstance(values, list) and len(values) == 3):
            raise DataFileMalformed(f"expected [p10, average, p90], got {values!r}", path=path, key=code)
        p10, avg, p90 = (_salary(v, path, code) for v in values)
        out.append(SalaryFigures(code, p10, avg, p90))
    return SalaryTable(tuple(out), tuple(ignored))
