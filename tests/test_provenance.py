"""One provenance type: the figures' Provenance and the links' LinkProvenance, used by every layer."""

from __future__ import annotations

from kompetensbron import provenance
from kompetensbron.provenance import LinkProvenance, Provenance


def test_the_stored_link_provenances_are_the_one_enumeration():
    from kompetensbron.analysis.occupation_mapping import PROVENANCES
    from kompetensbron.education.models import LinkProvenance as StoredProvenance

    assert StoredProvenance.values == [p.value for p in LinkProvenance] == list(PROVENANCES)
    assert StoredProvenance.MANUAL == LinkProvenance.MANUAL == "manual"


def test_the_api_schemas_carry_the_link_provenance_type():
    from kompetensbron.education.leading import LeadingLinkOut
    from kompetensbron.education.schemas import OccupationLinkOut

    for schema in (OccupationLinkOut, LeadingLinkOut):
        assert schema.model_fields["provenance"].annotation is LinkProvenance


def test_figures_carry_one_provenance_type_from_warehouse_to_api():
    from kompetensbron.labour_market.schemas import ProvenanceOut
    from kompetensbron.warehouse import Provenance as WarehouseProvenance

    assert ProvenanceOut is WarehouseProvenance is provenance.Provenance
    p = Provenance(source="JobTech", table="ads", snapshot="s1", period="2024", method="count")
    assert p.model_dump() == {
        "source": "JobTech",
        "table": "ads",
        "snapshot": "s1",
        "period": "2024",
        "taxonomy": None,
        "method": "count",
        "datasets": [],
        "data_date": "2024",  # figures from ingested data: their period is their data date
        "data_old": False,
    }
    assert p.model_copy(update={"method": "sum"}).method == "sum"
