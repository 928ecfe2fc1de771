"""Read the whole reference snapshot from a data directory into typed records.

Everything is parsed before anything is stored, so a bad file stops ``init`` before the
database is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed

from . import catalog
from .esco_mapping import EscoMappingRecord, EscoSkillRecord, read_esco_mapping
from .file_formats import read_csv, read_json
from .region_records import (
    FaRegionRecord,
    KommunRecord,
    LanRecord,
    read_fa_regions,
    read_fa_shapes,
    read_kommuner,
    read_lan,
    read_shapes,
)
from .taxonomy_records import (
    IscoLinkRecord,
    OccupationNameRecord,
    SkillRecord,
    SsykRecord,
    SunRecord,
    derive_ssyk_level3,
    parse_isco_links,
    parse_skills,
    parse_ssyk_groups,
    parse_ssyk_hierarchy,
    parse_sun_hierarchy,
)

__all__ = ["SsykSunRecord", "ReferenceSnapshot", "occupation_names_2021", "read_reference_snapshot"]


@dataclass(frozen=True, slots=True)
class SsykSunRecord:
    ssyk_code: str
    sun_field_code: str


@dataclass
class ReferenceSnapshot:
    """The parsed reference data, and which dataset each part came from."""

    ssyk: list[SsykRecord] = field(default_factory=list)
    occupation_names: list[OccupationNameRecord] = field(default_factory=list)
    isco_links: list[IscoLinkRecord] = field(default_factory=list)
    skills: list[SkillRecord] = field(default_factory=list)
    esco_skills: list[EscoSkillRecord] = field(default_factory=list)
    esco_mappings: list[EscoMappingRecord] = field(default_factory=list)
    sun_levels: list[SunRecord] = field(default_factory=list)
    sun_fields: list[SunRecord] = field(default_factory=list)
    ssyk_sun: list[SsykSunRecord] = field(default_factory=list)
    lan: list[LanRecord] = field(default_factory=list)
    kommuner: list[KommunRecord] = field(default_factory=list)
    fa_regions: list[FaRegionRecord] = field(default_factory=list)
    kommun_shapes: dict[str, dict[str, Any]] = field(default_factory=dict)
    lan_shapes: dict[str, dict[str, Any]] = field(default_factory=dict)
    fa_shapes: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: part name -> dataset keys it was read from
    provenance: dict[str, list[str]] = field(default_factory=dict)


def read_reference_snapshot(data_dir: Path) -> ReferenceSnapshot:
    data_dir = Path(data_dir)
    snap = ReferenceSnapshot()

    def path(key: str) -> Path:
        return catalog.resolve(data_dir, key)

    # --- occupations: SSYK 1, 2, 4 with definitions; 3 and occupation-names from the hierarchy
    by_code: dict[str, SsykRecord] = {}
    for level, key in ((1, "ssyk-1"), (2, "ssyk-2"), (4, "ssyk-4")):
        for rec in parse_ssyk_groups(read_json(path(key)), path(key), level):
            by_code[rec.code] = rec
    hierarchy_path = data_dir / catalog.dataset("ssyk-hierarchy").path
    if hierarchy_path.is_file():
        groups, names = parse_ssyk_hierarchy(read_json(hierarchy_path), hierarchy_path)
        for rec in groups:
            by_code.setdefault(rec.code, rec)
        snap.occupation_names = names
        snap.provenance["occupation_names"] = ["ssyk-hierarchy"]
        snap.provenance["ssyk"] = ["ssyk-1", "ssyk-2", "ssyk-4", "ssyk-hierarchy"]
    else:
        snap.occupation_names = occupation_names_2021(path("taxonomy-2021-values"))
        snap.provenance["occupation_names"] = ["taxonomy-2021-values"]
        snap.provenance["ssyk"] = ["ssyk-1", "ssyk-2", "ssyk-4"]
    level4 = [r for r in by_code.values() if r.level == 4]
    for rec in derive_ssyk_level3(level4):
        by_code.setdefault(rec.code, rec)
    snap.ssyk = sorted(by_code.values(), key=lambda r: (r.level, r.code))
    _check_parents(snap.ssyk, path("ssyk-4"))
    known4 = {r.code for r in level4}
    snap.occupation_names = [n for n in snap.occupation_names if n.ssyk_code in known4]

    snap.isco_links = parse_isco_links(read_json(path("ssyk-isco")), path("ssyk-isco"))
    snap.provenance["isco_links"] = ["ssyk-isco"]

    # --- skills
    snap.skills = parse_skills(read_json(path("skills")), path("skills"))
    snap.esco_skills, snap.esco_mappings = read_esco_mapping(path("esco-jobtech"))
    snap.provenance.update(skills=["skills"], esco_skills=["esco-jobtech"], esco_mappings=["esco-jobtech"])

    # --- education
    snap.sun_levels = parse_sun_hierarchy(read_json(path("sun-levels")), path("sun-levels"), kind="level")
    snap.sun_fields = parse_sun_hierarchy(read_json(path("sun-fields")), path("sun-fields"), kind="field")
    snap.ssyk_sun = [
        SsykSunRecord(row["ssyk2012"].strip(), row["sun2020_inriktning_4pos"].strip())
        for _, row in read_csv(path("ssyk-sun"), ["ssyk2012", "sun2020_inriktning_4pos"])
    ]
    snap.provenance.update(sun_levels=["sun-levels"], sun_fields=["sun-fields"], ssyk_sun=["ssyk-sun"])

    # --- regions
    snap.lan = read_lan(path("lan"))
    snap.kommuner = read_kommuner(path("kommuner"), {rec.name: rec.code for rec in snap.lan})
    snap.fa_regions = read_fa_regions(path("fa-regions"))
    snap.kommun_shapes = read_shapes(path("geo-kommuner"), "id", 4)
    snap.lan_shapes = read_shapes(path("geo-lan"), "l_id", 2)
    _attach_region_concepts(snap, data_dir)
    fa_regions = ["fa-regions"]
    fa_shape_path = data_dir / catalog.dataset("geo-fa").path
    if fa_shape_path.is_file():  # optional: without it the FA-region map is a table only
        snap.fa_shapes = read_fa_shapes(fa_shape_path)
        fa_regions.append("geo-fa")
    snap.provenance.update(lan=["lan", "geo-lan"], kommuner=["kommuner", "geo-kommuner"], fa_regions=fa_regions)
    return snap


def _check_parents(records: list[SsykRecord], origin: Path) -> None:
    codes = {r.code for r in records}
    for r in records:
        if r.parent_code and r.parent_code not in codes:
            raise DataFileMalformed(f"SSYK group {r.code} has no parent group {r.parent_code}", path=origin)


def occupation_names_2021(values_path: Path) -> list[OccupationNameRecord]:
    """The occupation names of a taxonomy values file (its ``occupation-name`` items)."""
    out = []
    for i, item in enumerate(read_json(values_path)):
        if item.get("type") != "occupation-name":
            continue
        parent = item.get("parent") or {}
        ssyk = parent.get("legacy_ams_taxonomy_id")
        if not ssyk:
            raise DataFileMalformed(f"occupation-name #{i + 1} has no SSYK parent", path=values_path, key="parent")
        out.append(
            OccupationNameRecord(item["concept_id"], item["label"], str(ssyk), item.get("legacy_ams_taxonomy_id"))
        )
    return out


def _attach_region_concepts(snap: ReferenceSnapshot, data_dir: Path) -> None:
    """JobTech concept ids and official short names of kommuner and län (2021 values file)."""
    values_path = data_dir / catalog.dataset("taxonomy-2021-values").path
    if not values_path.is_file():
        return
    kommuner: dict[str, tuple[str, str]] = {}
    lan: dict[str, str] = {}
    for item in read_json(values_path):
        if item.get("type") == "municipality":
            kommuner[str(item.get("legacy_ams_taxonomy_id")).zfill(4)] = (item.get("concept_id"), item.get("label"))
        elif item.get("type") == "region":
            lan[str(item.get("legacy_ams_taxonomy_id")).zfill(2)] = item.get("concept_id")
    snap.kommuner = [
        KommunRecord(
            k.code,
            kommuner[k.code][1] if k.code in kommuner else k.name,
            k.lan_code,
            k.population,
            k.area_km2,
            kommuner[k.code][0] if k.code in kommuner else None,
        )
        for k in snap.kommuner
    ]
    snap.lan = [LanRecord(r.code, r.name, r.letter, r.population, lan.get(r.code)) for r in snap.lan]
