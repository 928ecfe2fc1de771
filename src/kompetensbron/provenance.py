"""The one provenance type of the platform (plain Python: pydantic only, no Django).

* :class:`Provenance` — where a block of figures comes from and how it was computed (source,
  table, snapshot, period, taxonomy, method) and the date of its data (from the source registry). The warehouse queries return it, the services
  and the dossier pass it on unchanged, the API serialises it (``labour_market.schemas.ProvenanceOut``
  is this class) and the pages render it.
* :class:`LinkProvenance` — where a programme/course ↔ occupation link comes from: the
  official SSYK–SUN key, the skill-overlap mapper or a person. The mapper
  (``analysis.occupation_mapping``) writes it, ``education.models.LinkProvenance`` gives the
  same values their translated labels, the API schemas carry it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["LinkProvenance", "Provenance"]


class Provenance(BaseModel):
    """Where a figure comes from and how it was computed."""

    model_config = ConfigDict(frozen=True)

    source: str
    table: str
    snapshot: str | None
    period: str
    taxonomy: str | None = None
    method: str
    datasets: list[str] = Field(default_factory=list, description="source-registry keys of the data")
    data_date: str | None = Field(None, description="the date of the data (not of the download or page)")
    data_old: bool = Field(False, description="the data is older than its publisher renews this kind of data")

    @model_validator(mode="before")
    @classmethod
    def _date_of_data(cls, data: Any) -> Any:
        """Fill ``data_date`` / ``data_old`` from the source registry
        (:func:`kompetensbron.sources.data_dates.date_of`) for the ``datasets`` given, or those whose
        file names ``source`` / ``table`` mention; figures computed from ingested data (job ads,
        programme years) have their ``period`` as their data date."""
        if not isinstance(data, dict) or data.get("data_date") is not None:
            return data
        from kompetensbron.config import get_settings
        from kompetensbron.sources.data_dates import date_of

        data = dict(data)
        dated = date_of(
            data.get("datasets") or [],
            text=f"{data.get('source', '')} {data.get('table', '')}",
            data_dir=get_settings().data_dir,
            refreshed=True,
        )
        if dated is None:
            data["data_date"] = data.get("period") or None
        else:
            data["datasets"], data["data_date"], data["data_old"] = list(dated.keys), dated.date, dated.old
        return data


class LinkProvenance(StrEnum):
    """Where an education ↔ occupation link comes from (the stored value)."""

    OFFICIAL = "official_ssyk_sun"
    SKILL_OVERLAP = "skill_overlap"
    MANUAL = "manual"
