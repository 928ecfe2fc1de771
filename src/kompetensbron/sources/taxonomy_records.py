"""Typed records of the reference classifications, parsed from JobTech Taxonomy answers.

The snapshot files in ``jobtech/taxonomy/`` are saved answers of the Taxonomy API's GraphQL
endpoint, so the same parse functions serve files (:mod:`.reference_files`) and the online
client (:mod:`.jobtech_taxonomy`). ``origin`` is the file path or URL, for error messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kompetensbron.errors import DataFileMalformed

from .file_formats import graphql_concepts, require

__all__ = [
    "SsykRecord",
    "OccupationNameRecord",
    "IscoLinkRecord",
    "SkillRecord",
    "SunRecord",
    "parse_ssyk_groups",
    "parse_ssyk_hierarchy",
    "parse_isco_links",
    "parse_skills",
    "parse_sun_hierarchy",
]


@dataclass(frozen=True, slots=True)
class SsykRecord:
    code: str
    level: int
    concept_id: str | None
    label: str
    definition: str
    parent_code: str | None


@dataclass(frozen=True, slots=True)
class OccupationNameRecord:
    concept_id: str
    label: str
    ssyk_code: str
    legacy_id: str | None = None


@dataclass(frozen=True, slots=True)
class IscoLinkRecord:
    ssyk_code: str
    isco_code: str
    isco_concept_id: str
    isco_label: str


@dataclass(frozen=True, slots=True)
class SkillRecord:
    concept_id: str
    label: str


@dataclass(frozen=True, slots=True)
class SunRecord:
    code: str
    level: int
    concept_id: str | None
    label: str
    definition: str
    parent_code: str | None


def _ssyk_parent(code: str) -> str | None:
    return code[:-1] if len(code) > 1 else None


def parse_ssyk_groups(payload: Any, origin: Path, level: int) -> list[SsykRecord]:
    """SSYK groups of one level (files ``ssyk-level-N-groups.json``)."""
    out = []
    for i, item in enumerate(graphql_concepts(payload, origin)):
        where = f"concept #{i + 1}"
        code = str(require(item, "ssyk_code_2012", origin, where))
        if len(code) != level or not code.isdigit():
            raise DataFileMalformed(
                f"{where}: SSYK code {code!r} is not a level-{level} code", path=origin, key="ssyk_code_2012"
            )
        out.append(
            SsykRecord(
                code=code,
                level=level,
                concept_id=require(item, "id", origin, where),
                label=require(item, "preferred_label", origin, where),
                definition=item.get("definition") or "",
                parent_code=_ssyk_parent(code),
            )
        )
    return out


def _walk(
    nodes: list[dict[str, Any]], parent: dict[str, Any] | None
) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    for node in nodes:
        yield node, parent
        yield from _walk(node.get("narrower") or [], node)


def parse_ssyk_hierarchy(payload: Any, origin: Path) -> tuple[list[SsykRecord], list[OccupationNameRecord]]:
    """All SSYK levels and the occupation-names below the unit groups."""
    groups: list[SsykRecord] = []
    names: list[OccupationNameRecord] = []
    for i, (node, parent) in enumerate(_walk(graphql_concepts(payload, origin), None)):
        where = f"node #{i + 1}"
        kind = require(node, "type", origin, where)
        if kind.startswith("ssyk-level-"):
            code = str(require(node, "ssyk_code_2012", origin, where))
            groups.append(
                SsykRecord(
                    code=code,
                    level=len(code),
                    concept_id=node.get("id"),
                    label=require(node, "preferred_label", origin, where),
                    definition=node.get("definition") or "",
                    parent_code=_ssyk_parent(code),
                )
            )
        elif kind == "occupation-name":
            if parent is None or parent.get("type") != "ssyk-level-4":
                raise DataFileMalformed(
                    f"{where}: occupation-name outside an SSYK-4 group", path=origin, key="narrower"
                )
            names.append(
                OccupationNameRecord(
                    concept_id=require(node, "id", origin, where),
                    label=require(node, "preferred_label", origin, where),
                    ssyk_code=str(parent["ssyk_code_2012"]),
                )
            )
    return groups, names


def derive_ssyk_level3(level4: list[SsykRecord]) -> list[SsykRecord]:
    """Level-3 minor groups derived from the unit-group codes when no source has them."""
    seen: dict[str, SsykRecord] = {}
    for rec in level4:
        code = rec.code[:3]
        seen.setdefault(code, SsykRecord(code, 3, None, f"SSYK {code}", "", code[:2]))
    return sorted(seen.values(), key=lambda r: r.code)


def parse_isco_links(payload: Any, origin: Path) -> list[IscoLinkRecord]:
    out = []
    for i, item in enumerate(graphql_concepts(payload, origin)):
        where = f"concept #{i + 1}"
        ssyk = str(require(item, "ssyk_code_2012", origin, where))
        for rel in item.get("related") or []:
            if rel.get("type") != "isco-level-4":
                continue
            out.append(
                IscoLinkRecord(
                    ssyk_code=ssyk,
                    isco_code=str(require(rel, "isco_code_08", origin, f"{where} related")),
                    isco_concept_id=require(rel, "id", origin, f"{where} related"),
                    isco_label=require(rel, "preferred_label", origin, f"{where} related"),
                )
            )
    return out


def parse_skills(payload: Any, origin: Path) -> list[SkillRecord]:
    out = []
    for i, item in enumerate(graphql_concepts(payload, origin)):
        where = f"concept #{i + 1}"
        out.append(SkillRecord(require(item, "id", origin, where), require(item, "preferred_label", origin, where)))
    return out


def parse_sun_hierarchy(payload: Any, origin: Path, *, kind: str) -> list[SunRecord]:
    """SUN 2020 levels (``kind='level'``) or fields (``kind='field'``), all depths."""
    code_key = f"sun_education_{kind}_code_2020"
    out = []
    for i, (node, parent) in enumerate(_walk(graphql_concepts(payload, origin), None)):
        where = f"node #{i + 1}"
        node_type = require(node, "type", origin, where)
        prefix = f"sun-education-{kind}-"
        if not node_type.startswith(prefix):
            raise DataFileMalformed(f"{where}: unexpected type {node_type!r}", path=origin, key="type")
        out.append(
            SunRecord(
                code=str(require(node, code_key, origin, where)),
                level=int(node_type.removeprefix(prefix)),
                concept_id=node.get("id"),
                label=require(node, "preferred_label", origin, where),
                definition=node.get("definition") or "",
                parent_code=str(parent[code_key]) if parent else None,
            )
        )
    return out
