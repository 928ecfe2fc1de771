"""Readers of the official ESCO v1.1.1 occupation files and Sweden's ESCO ↔ JobTech occupation map.

Four files of ``esco/`` in the data directory (``sources/catalog.py`` keys in brackets):

* ``occupationSkillRelations.csv(.gz)`` [``esco-relations``] — ``occupationUri, relationType,
  skillType, skillUri``; ``relationType`` is ``essential`` or ``optional``;
* ``occupations_en.csv`` [``esco-occupations``] — ESCO occupations with their 4-digit ISCO-08
  group (``iscoGroup``), English preferred and alternative labels;
* ``skills_en.csv`` [``esco-skills``] — ESCO skills and knowledge, English labels;
* ``SE_mapping_occupations_v1.1.1.csv`` [``esco-occupation-mapping``] — the Swedish national
  mapping "ESCO - SE NOC": ESCO occupations (Swedish preferred labels) and ISCO groups ↔ JobTech
  occupation-name concepts, with the SKOS relation. A metadata block precedes its header row.

Plain Python (``csv`` + ``gzip``). Every refusal is a :class:`DataFileMalformed` naming the file,
the line (of the record's last physical line, as ``csv`` counts) and the column.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kompetensbron.errors import DataFileMalformed, DataFileMissing

__all__ = [
    "ESCO_OCCUPATION_PREFIX",
    "ESCO_SKILL_PREFIX",
    "OCCUPATION_MATCH_TYPES",
    "EscoOccupation",
    "EscoOccupationData",
    "EscoOccupationLink",
    "EscoSkill",
    "OccupationSkillRelation",
    "read_esco_occupation_data",
    "read_esco_occupations",
    "read_esco_skills",
    "read_occupation_mapping",
    "read_occupation_skill_relations",
]

ESCO_OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
ESCO_ISCO_PREFIX = "http://data.europa.eu/esco/isco/C"
ESCO_SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
JOBTECH_PREFIX = "http://data.jobtechdev.se/taxonomy/concept/"
RELATION_TYPES = ("essential", "optional")
OCCUPATION_MATCH_TYPES = ("skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch", "no relation")
_MAPPING_HEADER = "Classification 1 URI"


@dataclass(frozen=True, slots=True)
class OccupationSkillRelation:
    occupation_uri: str
    essential: bool
    skill_type: str  # "skill/competence" | "knowledge"
    skill_uri: str


@dataclass(frozen=True, slots=True)
class EscoOccupation:
    uri: str
    isco_code: str  # 4-digit ISCO-08 unit group
    label_en: str
    alt_labels_en: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EscoSkill:
    uri: str
    label_en: str
    skill_type: str
    reuse_level: str
    alt_labels_en: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EscoOccupationLink:
    """One row of the Swedish ESCO ↔ JobTech occupation mapping."""

    esco_uri: str  # an ESCO occupation, or an ISCO group (``…/esco/isco/C2422``)
    esco_label_sv: str
    jobtech_concept_id: str
    jobtech_label: str
    match_type: str

    @property
    def is_isco_group(self) -> bool:
        return self.esco_uri.startswith(ESCO_ISCO_PREFIX)


def _open_text(path: Path) -> io.TextIOBase:
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _rows(path: Path, required: tuple[str, ...], *, skip_to: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` of a CSV with a header; ``skip_to``: the header row begins with this."""
    with _open_text(path) as fh:
        try:
            reader = csv.reader(fh)
            header: list[str] | None = None
            for record in reader:
                if skip_to is None or (record and record[0].strip() == skip_to):
                    header = [h.strip() for h in record]
                    break
            if header is None:
                raise DataFileMalformed(f"no header row{f' beginning {skip_to!r}' if skip_to else ''}", path=path)
            missing = [c for c in required if c not in header]
            if missing:
                raise DataFileMalformed(
                    f"missing column(s) {', '.join(missing)}", path=path, line=reader.line_num, key=missing[0]
                )
            records = 0
            for record in reader:
                if not any(f.strip() for f in record):
                    continue
                if len(record) != len(header):
                    column = header[len(record)] if len(record) < len(header) else f"column {len(header) + 1}"
                    raise DataFileMalformed(
                        f"record has {len(record)} fields, the header {len(header)}",
                        path=path,
                        line=reader.line_num,
                        key=column,
                    )
                records += 1
                yield reader.line_num, dict(zip(header, record))
            if not records:
                raise DataFileMalformed("no records after the header (truncated file?)", path=path)
        except UnicodeDecodeError as exc:
            raise DataFileMalformed(f"not UTF-8 text ({exc.reason})", path=path) from exc
        except (csv.Error, EOFError, OSError) as exc:  # gzip truncation → EOFError / BadGzipFile (OSError)
            raise DataFileMalformed(f"cannot read the file: {exc}", path=path) from exc


def _uri(row: dict[str, str], column: str, prefix: str, path: Path, line: int) -> str:
    value = row[column].strip()
    if not value.startswith(prefix) or len(value) == len(prefix):
        raise DataFileMalformed(
            f"expected a URI beginning {prefix!r}, got {value[:80]!r}", path=path, line=line, key=column
        )
    return value


def _labels(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x.strip() for x in text.splitlines() if x.strip()))


def read_occupation_skill_relations(path: Path) -> list[OccupationSkillRelation]:
    """Every essential / optional occupation ↔ skill relation of ESCO (``.csv`` or ``.csv.gz``)."""
    out = []
    for line, row in _rows(path, ("occupationUri", "relationType", "skillType", "skillUri")):
        kind = row["relationType"].strip()
        if kind not in RELATION_TYPES:
            raise DataFileMalformed(
                f"relationType must be one of {RELATION_TYPES}, got {kind!r}", path=path, line=line, key="relationType"
            )
        out.append(
            OccupationSkillRelation(
                _uri(row, "occupationUri", ESCO_OCCUPATION_PREFIX, path, line),
                kind == "essential",
                row["skillType"].strip(),
                _uri(row, "skillUri", ESCO_SKILL_PREFIX, path, line),
            )
        )
    return out


def read_esco_occupations(path: Path) -> list[EscoOccupation]:
    """ESCO occupations with their ISCO-08 unit group and English labels."""
    out = []
    for line, row in _rows(path, ("conceptUri", "iscoGroup", "preferredLabel", "altLabels")):
        isco = row["iscoGroup"].strip()
        if not (len(isco) == 4 and isco.isdigit()):
            raise DataFileMalformed(f"iscoGroup must be 4 digits, got {isco!r}", path=path, line=line, key="iscoGroup")
        label = row["preferredLabel"].strip()
        if not label:
            raise DataFileMalformed("empty preferredLabel", path=path, line=line, key="preferredLabel")
        out.append(
            EscoOccupation(
                _uri(row, "conceptUri", ESCO_OCCUPATION_PREFIX, path, line), isco, label, _labels(row["altLabels"])
            )
        )
    return out


def read_esco_skills(path: Path) -> list[EscoSkill]:
    """ESCO skills / knowledge with English labels."""
    out = []
    for line, row in _rows(path, ("conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels")):
        label = row["preferredLabel"].strip()
        if not label:
            raise DataFileMalformed("empty preferredLabel", path=path, line=line, key="preferredLabel")
        out.append(
            EscoSkill(
                _uri(row, "conceptUri", ESCO_SKILL_PREFIX, path, line),
                label,
                row["skillType"].strip(),
                row["reuseLevel"].strip(),
                _labels(row["altLabels"]),
            )
        )
    return out


def read_occupation_mapping(path: Path) -> list[EscoOccupationLink]:
    """The Swedish ESCO ↔ JobTech occupation mapping; rows with "no relation" are skipped."""
    columns = (
        "Classification 1 URI",
        "Classification 1 PrefLabel",
        "Classification 2 URI",
        "Classification 2 PrefLabel",
        "Mapping relation",
    )
    out = []
    for line, row in _rows(path, columns, skip_to=_MAPPING_HEADER):
        relation = row["Mapping relation"].strip()
        if relation not in OCCUPATION_MATCH_TYPES:
            raise DataFileMalformed(
                f"unknown mapping relation {relation!r}", path=path, line=line, key="Mapping relation"
            )
        if relation == "no relation":
            continue
        esco = row["Classification 1 URI"].strip()
        if not (esco.startswith(ESCO_OCCUPATION_PREFIX) or esco.startswith(ESCO_ISCO_PREFIX)):
            raise DataFileMalformed(
                f"not an ESCO occupation or ISCO URI: {esco[:80]!r}", path=path, line=line, key="Classification 1 URI"
            )
        concept = _uri(row, "Classification 2 URI", JOBTECH_PREFIX, path, line).removeprefix(JOBTECH_PREFIX)
        out.append(
            EscoOccupationLink(
                esco,
                row["Classification 1 PrefLabel"].strip(),
                concept,
                row["Classification 2 PrefLabel"].strip(),
                relation,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class EscoOccupationData:
    """The four ESCO occupation files of a data directory, parsed."""

    relations: list[OccupationSkillRelation]
    occupations: list[EscoOccupation]
    skills: list[EscoSkill]
    links: list[EscoOccupationLink]
    provenance: dict[str, str]  # part → "catalog key: relative path"


def read_esco_occupation_data(data_dir: Path) -> EscoOccupationData:
    """Read all four files (``esco-relations``, ``esco-occupations``, ``esco-skills``,
    ``esco-occupation-mapping`` in the catalogue); raises if one is missing or malformed."""
    from .catalog import DATASETS, resolve

    keys = {
        "relations": "esco-relations",
        "occupations": "esco-occupations",
        "skills": "esco-skills",
        "links": "esco-occupation-mapping",
    }
    paths = {part: resolve(Path(data_dir), key) for part, key in keys.items()}
    return EscoOccupationData(
        read_occupation_skill_relations(paths["relations"]),
        read_esco_occupations(paths["occupations"]),
        read_esco_skills(paths["skills"]),
        read_occupation_mapping(paths["links"]),
        {part: f"{key}: {DATASETS[key].path}" for part, key in keys.items()},
    )
