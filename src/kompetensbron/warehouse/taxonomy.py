"""Taxonomy look-ups the job-ad normaliser needs, loaded once from the data directory.

Old job ads carry legacy AMS taxonomy ids only; newer ones carry JobTech concept ids. This
module turns either into the codes the warehouse aggregates on:

* legacy AMS id -> concept id, per concept type (``taxonomy-to-concept.json``);
* occupation-name concept -> occupation-group concept -> SSYK 2012 four-digit code
  (2025 SSYK hierarchy first, then the ~2021 ``values.json`` for names dropped since);
* municipality concept <-> kommunkod, and kommunkod -> länskod; region concept <-> länskod
  (``values.json``, where municipalities and regions carry their official codes as
  legacy ids).

Build it with :meth:`TaxonomyLookup.from_data_dir` (reads ~6 MB of JSON, well under a
second) or directly from small dicts in tests. Instances are plain picklable data, so
Spark ships them to workers unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kompetensbron.errors import DataFileMalformed, DataFileMissing
from kompetensbron.sources import catalog

SWEDEN_CONCEPT_ID = "i46j_HmG_v64"

VALUES_FILE = Path(catalog.dataset("taxonomy-2021-values").path)
LEGACY_FILE = Path(catalog.dataset("taxonomy-2021-legacy").path)
HIERARCHY_FILE = Path(catalog.dataset("ssyk-hierarchy").path)


@dataclass(frozen=True)
class TaxonomyLookup:
    """Concept look-ups for occupations, skills and places (see the module docstring)."""

    #: concept type -> legacy AMS id -> concept id
    legacy: dict[str, dict[str, str]] = field(default_factory=dict)
    #: occupation-name concept id -> occupation-group concept id
    occupation_group_of: dict[str, str] = field(default_factory=dict)
    #: occupation-group concept id -> SSYK 2012 four-digit code
    ssyk_of_group: dict[str, str] = field(default_factory=dict)
    #: occupation-group concept id -> preferred label (disambiguates legacy group ids)
    group_label: dict[str, str] = field(default_factory=dict)
    #: municipality concept id -> kommunkod
    kommunkod_of: dict[str, str] = field(default_factory=dict)
    #: kommunkod -> länskod
    lanskod_of_kommun: dict[str, str] = field(default_factory=dict)
    #: region (län) concept id -> länskod
    lanskod_of: dict[str, str] = field(default_factory=dict)
    #: folded municipality name -> kommunkod (ads that name the municipality only)
    kommunkod_of_name: dict[str, str] = field(default_factory=dict)
    #: a human-readable name of the taxonomy versions used, for provenance
    version: str = "toy"

    # Reverse maps, derived.
    group_of_ssyk: dict[str, str] = field(init=False, repr=False)
    municipality_of_kommunkod: dict[str, str] = field(init=False, repr=False)
    region_of_lanskod: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "group_of_ssyk", {v: k for k, v in self.ssyk_of_group.items()})
        object.__setattr__(self, "municipality_of_kommunkod", {v: k for k, v in self.kommunkod_of.items()})
        object.__setattr__(self, "region_of_lanskod", {v: k for k, v in self.lanskod_of.items()})

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_data_dir(cls, data_dir: Path) -> TaxonomyLookup:
        """Load the look-ups from a data directory in the snapshot layout."""
        values = _load_json(data_dir / VALUES_FILE)
        legacy_raw = _load_json(data_dir / LEGACY_FILE)
        hierarchy = _load_json(data_dir / HIERARCHY_FILE)
        if not isinstance(values, list):
            raise DataFileMalformed("expected a JSON list of concepts", path=data_dir / VALUES_FILE)
        if not isinstance(legacy_raw, dict):
            raise DataFileMalformed("expected an object keyed by concept type", path=data_dir / LEGACY_FILE)

        legacy: dict[str, dict[str, str]] = {}
        for ctype, entries in legacy_raw.items():
            if not isinstance(entries, dict):
                raise DataFileMalformed("expected an object per type", path=data_dir / LEGACY_FILE, key=ctype)
            legacy[ctype] = {
                str(lid): str(entry["conceptId"])
                for lid, entry in entries.items()
                if lid and isinstance(entry, dict) and entry.get("conceptId")
            }

        occupation_group_of: dict[str, str] = {}
        ssyk_of_group: dict[str, str] = {}
        group_label: dict[str, str] = {
            str(e["conceptId"]): str(e.get("preferredLabel", ""))
            for e in legacy_raw.get("ssyk-level-4", {}).values()
            if isinstance(e, dict) and e.get("conceptId")
        }
        kommunkod_of: dict[str, str] = {}
        lanskod_of_kommun: dict[str, str] = {}
        lanskod_of: dict[str, str] = {}
        kommunkod_of_name: dict[str, str] = {}
        try:
            for concept in values:
                ctype = concept.get("type")
                cid = concept.get("concept_id")
                lid = concept.get("legacy_ams_taxonomy_id")
                parent = concept.get("parent") or {}
                if ctype == "occupation-name" and parent.get("type") == "occupation-group":
                    occupation_group_of[cid] = parent["concept_id"]
                elif ctype == "occupation-group" and lid:
                    ssyk_of_group[cid] = str(lid)
                    group_label.setdefault(cid, str(concept.get("label", "")))
                elif ctype == "municipality" and lid:
                    kommunkod_of[cid] = str(lid)
                    if concept.get("label"):
                        kommunkod_of_name[str(concept["label"]).strip().casefold()] = str(lid)
                    if parent.get("type") == "region" and parent.get("legacy_ams_taxonomy_id"):
                        lanskod_of_kommun[str(lid)] = str(parent["legacy_ams_taxonomy_id"])
                elif ctype == "region" and lid:
                    lanskod_of[cid] = str(lid)
        except (AttributeError, KeyError, TypeError) as exc:
            raise DataFileMalformed(f"unexpected concept entry: {exc!r}", path=data_dir / VALUES_FILE) from exc

        # The 2025 hierarchy wins for occupation-name -> group and group -> SSYK code.
        try:
            for group in _walk_hierarchy(hierarchy["data"]["concepts"]):
                if group.get("type") != "ssyk-level-4":
                    continue
                ssyk_of_group[group["id"]] = str(group["ssyk_code_2012"])
                group_label[group["id"]] = str(group.get("preferred_label", ""))
                for name in group.get("narrower", []):
                    if name.get("type") == "occupation-name":
                        occupation_group_of[name["id"]] = group["id"]
        except (KeyError, TypeError) as exc:
            raise DataFileMalformed(f"unexpected hierarchy entry: {exc!r}", path=data_dir / HIERARCHY_FILE) from exc

        return cls(
            legacy=legacy,
            occupation_group_of=occupation_group_of,
            ssyk_of_group=ssyk_of_group,
            group_label=group_label,
            kommunkod_of=kommunkod_of,
            lanskod_of_kommun=lanskod_of_kommun,
            lanskod_of=lanskod_of,
            kommunkod_of_name=kommunkod_of_name,
            version="JobTech taxonomy: SSYK hierarchy Dec 2025 + values ~2021 + legacy AMS id map",
        )

    # -- look-ups -----------------------------------------------------------------------
    def concept_of_legacy(self, concept_type: str, legacy_id: object) -> str | None:
        """The concept id of a legacy AMS id of a type (``occupation-name``, ``skill``, ...)."""
        if legacy_id is None or legacy_id == "":
            return None
        return self.legacy.get(concept_type, {}).get(str(legacy_id))

    def ssyk_of_occupation(self, occupation_concept_id: str | None) -> str | None:
        """SSYK-4 code of an occupation-name concept, via its occupation group."""
        group = self.occupation_group_of.get(occupation_concept_id or "")
        return self.ssyk_of_group.get(group) if group else None

    def group_of_legacy(self, legacy_id: object, label: str | None = None) -> str | None:
        """Occupation-group concept of a legacy group id found in an ad.

        Ads built by JobTech's importers carry the SSYK code as the group's legacy id,
        the AMS taxonomy export an internal id (``taxonomy-to-concept.json``); 19 values are
        both. Prefer the reading whose label matches the ad's label, else the SSYK code.
        """
        if legacy_id is None or legacy_id == "":
            return None
        code = str(legacy_id)
        by_ssyk = self.group_of_ssyk.get(code)
        by_ams = self.legacy.get("ssyk-level-4", {}).get(code)
        if by_ssyk and by_ams and by_ssyk != by_ams and label:
            wanted = label.strip().casefold()
            if self.group_label.get(by_ams, "").strip().casefold() == wanted:
                return by_ams
        return by_ssyk or by_ams

    def area_of(self, concept_id: str) -> tuple[str, str | None]:
        """``(level, code)`` of a place concept: country / lan / kommun, or ``unknown``."""
        if concept_id == SWEDEN_CONCEPT_ID:
            return "country", "SE"
        if concept_id in self.lanskod_of:
            return "lan", self.lanskod_of[concept_id]
        if concept_id in self.kommunkod_of:
            return "kommun", self.kommunkod_of[concept_id]
        return "unknown", None


def _walk_hierarchy(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        out.append(node)
        if node.get("type") != "ssyk-level-4":
            stack.extend(node.get("narrower", []))
    return out


def _load_json(path: Path) -> Any:
    if not path.is_file():
        raise DataFileMissing("taxonomy file not found (is the data directory set up?)", path=path)
    try:
        return orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise DataFileMalformed(f"invalid JSON: {exc}", path=path) from exc
