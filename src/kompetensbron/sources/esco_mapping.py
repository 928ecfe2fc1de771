"""The official Swedish ESCO ↔ JobTech skill mapping (ESCO 1.0.9 ↔ taxonomy v21).

The published file (``SE_NSC_ESCO_109_skills_mapping_2023-11-30.csv``) is an Excel export
with a metadata block, a header row ``Classification 1 URI,…,Mapping relation,…`` and records
that are sometimes wrapped whole in quotes and split by stray semicolons. We undo that
wrapping per line, then read the fields by what they are (ESCO URI, JobTech URI, SKOS
relation) so the SKOS match type is kept exactly.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from kompetensbron.errors import DataFileMalformed, DataFileMissing

__all__ = ["EscoSkillRecord", "EscoMappingRecord", "SKOS_MATCH_TYPES", "read_esco_mapping"]

SKOS_MATCH_TYPES = (
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
    "skos:relatedMatch",
    "no relation",
)
ESCO_PREFIX = "http://data.europa.eu/esco/"
JOBTECH_PREFIX = "http://data.jobtechdev.se/taxonomy/concept/"
HEADER_START = "Classification 1 URI"


@dataclass(frozen=True, slots=True)
class EscoSkillRecord:
    uri: str
    label_sv: str


@dataclass(frozen=True, slots=True)
class EscoMappingRecord:
    esco_uri: str
    jobtech_concept_id: str | None
    jobtech_label: str
    match_type: str


def _fields(line: str) -> list[str]:
    outer = next(csv.reader([line], delimiter=";"), [])
    inner = next(csv.reader([",".join(outer)]), [])
    return [f.strip().strip(',"').strip() for f in inner]


def read_esco_mapping(path: Path) -> tuple[list[EscoSkillRecord], list[EscoMappingRecord]]:
    """ESCO skills with Swedish labels, and their SKOS links to JobTech skills."""
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise DataFileMalformed(f"not UTF-8 text ({exc.reason})", path=path) from exc
    header = next((i for i, line in enumerate(lines) if line.lstrip('"').startswith(HEADER_START)), None)
    if header is None:
        raise DataFileMalformed(f"no header row beginning {HEADER_START!r}", path=path)
    skills: dict[str, str] = {}
    mappings: list[EscoMappingRecord] = []
    for number, line in enumerate(lines[header + 1 :], start=header + 2):
        if not line.strip(" ,;"):
            continue
        fields = _fields(line)
        relations = [f for f in fields if f in SKOS_MATCH_TYPES]
        if len(relations) != 1:
            raise DataFileMalformed(
                "expected exactly one SKOS mapping relation", path=path, line=number, key="Mapping relation"
            )
        esco_uri = fields[0] if fields and fields[0].startswith(ESCO_PREFIX) else ""
        if not esco_uri:
            if relations[0] == "no relation":
                continue  # a JobTech skill without ESCO counterpart
            raise DataFileMalformed("ESCO URI missing", path=path, line=number, key="Classification 1 URI")
        skills.setdefault(esco_uri, fields[1] if len(fields) > 1 else "")
        jt = next((i for i, f in enumerate(fields) if f.startswith(JOBTECH_PREFIX)), None)
        concept = fields[jt].removeprefix(JOBTECH_PREFIX) if jt is not None else None
        label = fields[jt + 1] if jt is not None and jt + 1 < len(fields) else ""
        if concept is None and relations[0] != "no relation":
            raise DataFileMalformed(
                "JobTech URI missing for a mapped skill", path=path, line=number, key="Classification 2 URI"
            )
        mappings.append(EscoMappingRecord(esco_uri, concept, label, relations[0]))
    if not mappings:
        raise DataFileMalformed("no mapping rows after the header (truncated file?)", path=path)
    return [EscoSkillRecord(u, l) for u, l in skills.items()], mappings
