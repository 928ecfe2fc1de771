"""The one provenance type of the platform (plain Python: pydantic only, no Django).

* :class:`Provenance` — where a block of figures comes from and how it was computed (source,
  table, snapshot, period, taxonomy, method). The warehouse queries return it, the services
  and the dossier pass it on unchanged, the API serialises it (``labour_market.schemas.ProvenanceOut``
  is this class) and the pages render it.
* :class:`LinkProvenance` — where a programme/course ↔ occupation link comes from: the
  official SSYK–SUN key, the skill-overlap mapper or a person. The mapper
  (``analysis.occupation_mapping``) writes it, ``education.models.LinkProvenance`` gives the
  same values their translated labels, the API schemas carry it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

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


class LinkProvenance(StrEnum):
    """Where an education ↔ occupation link comes from (the stored value)."""

    OFFICIAL = "official_ssyk_sun"
    SKILL_OVERLAP = "skill_overlap"
    MANUAL = "manual"
