"""The Yrkesbarometer files of a data directory, parsed once per version of the files.

Plain Python, no Django. :func:`barometer_data` (``1-ar.xlsx``, ``5-ar.xlsx``,
``bedomning.csv`` and the kommun → FA-region table, with the two label back-tests) and
:func:`forecast_data` (``historik.csv`` and ``bedomning.csv`` with the forecast back-test) are
the only readers the pages, the gap analysis and the relevance dossier use. Both sit in the
one data-file cache (:mod:`kompetensbron.sources.file_cache`), keyed by the files' path, size
and mtime: a running server sees replaced files on the next request, in every process.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kompetensbron.analysis.balance import BalanceResult, balance
from kompetensbron.analysis.forecast import ForecastData, load_forecasts
from kompetensbron.analysis.labels import LabelBacktest, backtest_assessments, backtest_one_to_five_year
from kompetensbron.analysis.outlook import RatedCode, rated_code
from kompetensbron.region_levels import RegionLevel
from kompetensbron.sources.file_cache import Fingerprint, cached, fingerprint
from kompetensbron.sources.yrkesbarometer import Assessment, FiveYearForecast, OneYearForecast, yrkesbarometer_path

__all__ = [
    "BalanceData",
    "load_balance_data",
    "barometer_paths",
    "barometer_fingerprint",
    "barometer_data",
    "forecast_data",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BalanceData:
    """The parsed Yrkesbarometer files and the two label back-tests of one data directory."""

    one_year: tuple[OneYearForecast, ...]
    five_year: tuple[FiveYearForecast, ...]
    assessments: tuple[Assessment, ...]
    fa_regions: Mapping[str, tuple[str, tuple[str, ...]]]  # FA code -> (name, kommun codes)
    one_to_five: LabelBacktest
    assessment_backtest: LabelBacktest
    saved: Mapping[str, str | None] = field(default_factory=dict)  # file key -> workbook's "last saved" date

    def balance(
        self,
        *,
        region_level: str = RegionLevel.LAN,
        ssyk: str | None = None,
        ads: Mapping[tuple[str, str], int] | None = None,
        supply: Mapping[str, Mapping[str, int]] | None = None,
    ) -> BalanceResult:
        return balance(
            self.one_year,
            self.five_year,
            region_level=region_level,
            ssyk=ssyk,
            ads=ads,
            supply=supply,
            fa_regions={
                code: (name, tuple(k[:2] for k in kommuner)) for code, (name, kommuner) in self.fa_regions.items()
            },
            backtest=self.one_to_five,
        )

    @cached_property
    def rated_codes(self) -> frozenset[str]:
        """The SSYK codes the 1-year file rates."""
        return frozenset(r.ssyk for r in self.one_year)

    @cached_property
    def five_by_code(self) -> dict[str, FiveYearForecast]:
        """Every SSYK code of the 5-year file -> its (possibly combined) row."""
        return {code: f for f in self.five_year for code in f.ssyk_codes}

    @cached_property
    def by_ssyk(self) -> dict[str, dict[str, OneYearForecast]]:
        """Rated SSYK -> län code -> its 1-year row."""
        out: dict[str, dict[str, OneYearForecast]] = defaultdict(dict)
        for r in self.one_year:
            out[r.ssyk][r.lan_code] = r
        return dict(out)

    def rated(self, ssyk: str) -> RatedCode:
        """Which 1-year code rates ``ssyk`` (:func:`kompetensbron.analysis.outlook.rated_code`)."""
        return rated_code(ssyk, self.rated_codes, self.five_by_code)

    def fa_kommuner(self) -> dict[str, tuple[str, ...]]:
        return {code: kommuner for code, (_, kommuner) in self.fa_regions.items()}

    def occupations(self) -> list[tuple[str, str]]:
        """(SSYK, prognosis-occupation name) of the 1-year file, by code."""
        return sorted({(r.ssyk, r.name) for r in self.one_year})


def _saved_date(path: Path) -> str | None:
    """The workbook's own 'last saved' date (names the period better than 'prognos 1 år')."""
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        try:
            stamp = wb.properties.modified or wb.properties.created
        finally:
            wb.close()
        return stamp.date().isoformat() if stamp else None
    except Exception as exc:  # noqa: BLE001 - a missing date only shortens the period text
        log.warning("no saved date in %s (%s): the period is named without it", path, exc)
        return None


def load_balance_data(data_dir: Path) -> BalanceData:
    """Read the four Yrkesbarometer files and the kommun → FA-region table; run the label back-tests."""
    from kompetensbron.sources.catalog import resolve
    from kompetensbron.sources.region_records import read_fa_regions
    from kompetensbron.sources.yrkesbarometer import read_assessments, read_five_year, read_one_year

    one_path, five_path = yrkesbarometer_path(data_dir, "1-ar"), yrkesbarometer_path(data_dir, "5-ar")
    one = tuple(read_one_year(one_path))
    five = tuple(read_five_year(five_path))
    assessments = tuple(read_assessments(yrkesbarometer_path(data_dir, "bedomning")))
    fa = {r.code: (r.name, tuple(r.kommun_codes)) for r in read_fa_regions(resolve(data_dir, "fa-regions"))}
    return BalanceData(
        one,
        five,
        assessments,
        fa,
        backtest_one_to_five_year(one, five),
        backtest_assessments(assessments),
        saved={"1-ar": _saved_date(one_path), "5-ar": _saved_date(five_path)},
    )


def barometer_paths(data_dir: Path) -> list[Path]:
    """Every file :func:`load_balance_data` reads."""
    from kompetensbron.sources.catalog import DATASETS

    keys = ("1-ar", "5-ar", "bedomning")
    return [yrkesbarometer_path(Path(data_dir), k) for k in keys] + [Path(data_dir) / DATASETS["fa-regions"].path]


def barometer_fingerprint(data_dir: Path) -> Fingerprint:
    """Changes whenever one of the files behind :func:`barometer_data` changes (for callers' own keys)."""
    return fingerprint(barometer_paths(data_dir))


def barometer_data(data_dir: Path) -> BalanceData:
    """The parsed Yrkesbarometer files of ``data_dir``, read again when any of them changes."""
    return cached("yrkesbarometer-balance", barometer_paths(data_dir), lambda: load_balance_data(Path(data_dir)))


def forecast_data(data_dir: Path) -> ForecastData:
    """The forecast back-test over ``historik.csv`` and ``bedomning.csv``, read again when they change."""
    paths = [yrkesbarometer_path(Path(data_dir), k) for k in ("historik", "bedomning")]
    return cached("yrkesbarometer-forecasts", paths, lambda: load_forecasts(Path(data_dir)))
