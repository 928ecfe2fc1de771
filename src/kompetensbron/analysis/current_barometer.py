"""The newest Yrkesbarometer of a data directory: the open-data round when it is newer than the workbook.

Plain Python, no Django. Arbetsförmedlingen publishes the current Yrkesbarometer as open data
(``yrkesbarometer.json``, fetched by ``kompetensbron fetch-barometer``; a round such as
``2026-1``) and the snapshot carries older workbooks (``1-ar.xlsx``, data of 2019-06). The
two do not share a scale -- the round has categories (job opportunities, recruitment
situation, 5-year direction), the workbook a 1–5 index -- so both are kept, each with its
date, and :func:`newest_barometer` says which one is newer: pages and the dossier lead with it.

The round's recruitment situation maps to the platform's balance labels as AF words them:
``brist`` → shortage, ``balans`` → balance, ``överskott`` → surplus; ``paradox`` (shortage
while many job seekers lack what employers ask for) keeps its own name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kompetensbron.sources import catalog
from kompetensbron.sources.data_status import date_is_old
from kompetensbron.sources.file_cache import cached
from kompetensbron.sources.yrkesbarometer_json import COUNTRY, BarometerRound, BarometerRow, read_barometer_json

__all__ = ["CurrentBarometer", "BALANCE_OF", "barometer_round", "newest_barometer"]

BALANCE_OF = {"brist": "shortage", "balans": "balance", "överskott": "surplus", "paradox": "paradox"}


@dataclass(frozen=True)
class CurrentBarometer:
    """The open-data round of a data directory and how it stands against the workbook."""

    round: BarometerRound
    data_date: str  # the round as a month, e.g. "2026-06"
    workbook_date: str  # the 1-year workbook's data date, e.g. "2019-06"
    old: bool

    @property
    def newer_than_workbook(self) -> bool:
        return self.data_date > self.workbook_date

    def row(self, ssyk: str, lan: str | None) -> BarometerRow | None:
        """The assessment of SSYK-4 ``ssyk`` in ``lan`` (else Sweden): its first barometer occupation."""
        for area in (lan, COUNTRY) if lan else (COUNTRY,):
            rows = self.round.for_ssyk(ssyk, area)
            if rows:
                return rows[0]
        return None


def barometer_round(data_dir: Path) -> BarometerRound | None:
    """The parsed ``yrkesbarometer.json`` of ``data_dir`` (cached per file version); None when absent."""
    path = Path(data_dir) / catalog.live("yrkesbarometer-json").path
    if not path.is_file():
        return None
    return cached("yrkesbarometer-json", [path], lambda: read_barometer_json(path))


def newest_barometer(data_dir: Path) -> CurrentBarometer | None:
    """The open-data round with its date against the workbook's; None when it was never fetched."""
    parsed = barometer_round(data_dir)
    if parsed is None:
        return None
    workbook = catalog.dataset("yrkesbarometer-1-ar")
    return CurrentBarometer(
        parsed,
        parsed.data_date,
        workbook.data_date,
        date_is_old(parsed.round, catalog.live("yrkesbarometer-json").renewed_every_years),
    )
