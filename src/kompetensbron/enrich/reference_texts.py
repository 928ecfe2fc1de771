"""Readers for the snapshot files enrichment needs beyond :func:`read_reference_snapshot`.

Each reader returns typed records and raises :class:`~kompetensbron.errors.DataFileMalformed`
naming the file, line and key on bad input. :func:`read_enrichment_sources` reads them all
from a data directory (files that are absent are left empty, so a partial snapshot still
builds a model; :attr:`EnrichmentSources.files` lists the files that were read, for the model
cache key and for provenance).

=====================================  ==================================================
file (relative to the data directory)  what enrichment takes from it
=====================================  ==================================================
``svensktext/yrken_vocations.csv``     13,833 Swedish occupational titles (vocabulary for
                                       compounds and spelling; gendered forms)
``svensktext/stoppord_stoppord.csv``   Swedish stop words
``jobtech/taxonomy/keyword-concepts-   keywords related to occupation-names (alternative
with-relations.json``                  titles such as "Frissa" → Frisör)
``jobtech/taxonomy-2021/values.json``  older occupation-names with their SSYK-4 parent
``jobtech/statistics/                  skill descriptions (background text for the
kompetens_beskrivning.json``           generic-skill stoplist)
``jobtech/taxonomy/isco-level-4-       Swedish ISCO-08 definitions (weak training text
groups.json``                          for the SSYK groups they are linked to)
=====================================  ==================================================
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kompetensbron.errors import DataFileMalformed, DataFileMissing
from kompetensbron.sources import catalog
from kompetensbron.sources.file_formats import graphql_concepts, read_json, require

__all__ = [
    "EscoTitle",
    "read_esco_titles",
    "VOCATIONS_FILE",
    "STOPWORDS_FILE",
    "KEYWORDS_FILE",
    "LEGACY_VALUES_FILE",
    "SKILL_DESCRIPTIONS_FILE",
    "ISCO_FILE",
    "VocationRecord",
    "KeywordRecord",
    "LegacyOccupationName",
    "SkillDescription",
    "EnrichmentSources",
    "read_vocations",
    "read_stopwords",
    "read_keywords",
    "read_legacy_occupation_names",
    "read_skill_descriptions",
    "read_isco_definitions",
    "read_enrichment_sources",
]

VOCATIONS_FILE = catalog.dataset("vocations").path
STOPWORDS_FILE = catalog.dataset("stopwords").path
KEYWORDS_FILE = catalog.dataset("keywords").path
LEGACY_VALUES_FILE = catalog.dataset("taxonomy-2021-values").path
SKILL_DESCRIPTIONS_FILE = catalog.dataset("skill-descriptions").path
ISCO_FILE = catalog.dataset("isco-4").path
ESCO_OCCUPATION_MAPPING_FILE = catalog.dataset("esco-occupation-mapping").path
ESCO_OCCUPATIONS_FILE = catalog.dataset("esco-occupations").path


@dataclass(frozen=True, slots=True)
class EscoTitle:
    """An ESCO occupation label (Swedish from the national mapping, English preferred /
    alternative from ``occupations_en.csv``) with the JobTech occupation-name it maps to."""

    text: str
    lang: str  # "sv" | "en"
    esco_uri: str
    concept_id: str  # the JobTech occupation-name of the mapping row
    match_type: str  # SKOS relation of that row
    isco_code: str = ""  # ESCO's own 4-digit ISCO-08 group of the occupation (independent of JobTech)


_GENDERS = ("male", "female", "unknown")


@dataclass(frozen=True, slots=True)
class VocationRecord:
    """One Swedish occupational title (Språkbanken via svensktext), lower case."""

    title: str
    gender: str  # "male" | "female" | "unknown"


@dataclass(frozen=True, slots=True)
class KeywordRecord:
    """A JobTech keyword and the occupation-names it is related to."""

    concept_id: str
    label: str
    occupation_ids: tuple[str, ...]
    occupation_labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LegacyOccupationName:
    """An occupation-name of the ~2021 taxonomy with its SSYK-4 parent code."""

    concept_id: str
    label: str
    ssyk_code: str


@dataclass(frozen=True, slots=True)
class SkillDescription:
    """A (machine-written) description of a JobTech skill, by skill label."""

    label: str
    text: str


@dataclass
class EnrichmentSources:
    """Everything enrichment reads besides the reference snapshot."""

    vocations: list[VocationRecord] = field(default_factory=list)
    stopwords: frozenset[str] = frozenset()
    keywords: list[KeywordRecord] = field(default_factory=list)
    legacy_names: list[LegacyOccupationName] = field(default_factory=list)
    skill_descriptions: list[SkillDescription] = field(default_factory=list)
    #: ISCO-08 code → Swedish definition
    isco_definitions: dict[str, str] = field(default_factory=dict)
    #: ESCO occupation labels (sv + en) with the JobTech occupation-name they map to
    esco_titles: list[EscoTitle] = field(default_factory=list)
    #: files read, relative to the data directory
    files: list[str] = field(default_factory=list)


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1 (``'abbÃ©'`` → ``'abbé'``); other text is unchanged."""
    if "Ã" not in text:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _open_text(path: Path) -> list[str]:
    if not path.is_file():
        raise DataFileMissing("file not found", path=path)
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise DataFileMalformed(f"not UTF-8 text ({exc.reason})", path=path) from exc


def read_vocations(path: Path) -> list[VocationRecord]:
    """Titles of ``yrken_vocations.csv`` (header ``vocation,gender``), de-duplicated."""
    lines = _open_text(path)
    if not lines or [c.strip() for c in lines[0].split(",")] != ["vocation", "gender"]:
        raise DataFileMalformed("expected the header 'vocation,gender'", path=path, line=1)
    seen: dict[str, VocationRecord] = {}
    for number, row in enumerate(csv.reader(lines[1:]), start=2):
        if not row:
            continue
        if len(row) != 2:
            raise DataFileMalformed(f"expected 2 fields, got {len(row)}", path=path, line=number)
        title, gender = _repair_mojibake(row[0].strip()).lower(), row[1].strip()
        if gender not in _GENDERS:
            raise DataFileMalformed(f"unknown gender {gender!r}", path=path, line=number, key="gender")
        if title:
            seen.setdefault(title, VocationRecord(title, gender))
    return list(seen.values())


def read_stopwords(path: Path) -> frozenset[str]:
    """One stop word a line, no header (``stoppord_stoppord.csv``)."""
    words = set()
    for number, line in enumerate(_open_text(path), start=1):
        word = line.strip().strip(",").lower()
        if not word:
            continue
        if " " in word or "," in word:
            raise DataFileMalformed(f"expected one word, got {word!r}", path=path, line=number)
        words.add(word)
    return frozenset(words)


def read_keywords(path: Path) -> list[KeywordRecord]:
    """Keywords with at least one related occupation-name (others are not needed here)."""
    out = []
    for i, item in enumerate(graphql_concepts(read_json(path), path)):
        where = f"concept #{i + 1}"
        related = item.get("related") or []
        if not isinstance(related, list):
            raise DataFileMalformed(f"{where}: 'related' is not a list", path=path, key="related")
        occupations = [r for r in related if isinstance(r, dict) and r.get("type") == "occupation-name"]
        if not occupations:
            continue
        out.append(
            KeywordRecord(
                concept_id=require(item, "id", path, where),
                label=require(item, "preferred_label", path, where),
                occupation_ids=tuple(require(r, "id", path, f"{where} related") for r in occupations),
                occupation_labels=tuple(require(r, "preferred_label", path, f"{where} related") for r in occupations),
            )
        )
    return out


def read_legacy_occupation_names(path: Path) -> list[LegacyOccupationName]:
    """Occupation-names of the ~2021 ``values.json`` with the SSYK code of their group."""
    payload = read_json(path)
    if not isinstance(payload, list):
        raise DataFileMalformed("expected a JSON list of taxonomy values", path=path)
    out = []
    for i, item in enumerate(payload):
        if not isinstance(item, dict) or item.get("type") != "occupation-name":
            continue
        where = f"value #{i + 1}"
        parent = item.get("parent")
        if not isinstance(parent, dict):
            raise DataFileMalformed(f"{where}: occupation-name without parent", path=path, key="parent")
        code = str(require(parent, "legacy_ams_taxonomy_id", path, f"{where} parent"))
        if len(code) != 4 or not code.isdigit():
            raise DataFileMalformed(f"{where}: parent SSYK code {code!r} is not 4 digits", path=path, key="parent")
        out.append(
            LegacyOccupationName(require(item, "concept_id", path, where), require(item, "label", path, where), code)
        )
    return out


def read_skill_descriptions(path: Path) -> list[SkillDescription]:
    """``{skill label: description}`` of ``kompetens_beskrivning.json``."""
    payload = read_json(path)
    if not isinstance(payload, dict):
        raise DataFileMalformed("expected a JSON object {skill label: description}", path=path)
    out = []
    for label, text in payload.items():
        if not isinstance(text, str):
            raise DataFileMalformed("description is not a string", path=path, key=label)
        out.append(SkillDescription(label, text))
    return out


def read_isco_definitions(path: Path) -> dict[str, str]:
    """ISCO-08 level-4 code → Swedish definition (``isco-level-4-groups.json``)."""
    out = {}
    for i, item in enumerate(graphql_concepts(read_json(path), path)):
        code = str(require(item, "isco_code_08", path, f"concept #{i + 1}"))
        if item.get("definition"):
            out[code] = str(item["definition"])
    return out


def read_enrichment_sources(data_dir: Path) -> EnrichmentSources:
    """Read every extra file that exists in ``data_dir`` (see the module table)."""
    data_dir = Path(data_dir)
    src = EnrichmentSources()
    readers: tuple[tuple[str, Callable[[Path], None]], ...] = (
        (VOCATIONS_FILE, lambda p: setattr(src, "vocations", read_vocations(p))),
        (STOPWORDS_FILE, lambda p: setattr(src, "stopwords", read_stopwords(p))),
        (KEYWORDS_FILE, lambda p: setattr(src, "keywords", read_keywords(p))),
        (LEGACY_VALUES_FILE, lambda p: setattr(src, "legacy_names", read_legacy_occupation_names(p))),
        (SKILL_DESCRIPTIONS_FILE, lambda p: setattr(src, "skill_descriptions", read_skill_descriptions(p))),
        (ISCO_FILE, lambda p: setattr(src, "isco_definitions", read_isco_definitions(p))),
    )
    for relative, read in readers:
        path = data_dir / relative
        if path.is_file():
            read(path)
            src.files.append(relative)
    if (data_dir / ESCO_OCCUPATION_MAPPING_FILE).is_file() and (data_dir / ESCO_OCCUPATIONS_FILE).is_file():
        src.esco_titles = read_esco_titles(data_dir / ESCO_OCCUPATION_MAPPING_FILE, data_dir / ESCO_OCCUPATIONS_FILE)
        src.files += [ESCO_OCCUPATION_MAPPING_FILE, ESCO_OCCUPATIONS_FILE]
    return src


def read_esco_titles(mapping_path: Path, occupations_path: Path) -> list[EscoTitle]:
    """Swedish and English labels of every ESCO occupation the national mapping links to a
    JobTech occupation-name (one :class:`EscoTitle` per label × mapping row)."""
    from kompetensbron.sources.esco_occupations import read_esco_occupations, read_occupation_mapping

    occupations = {o.uri: o for o in read_esco_occupations(occupations_path)}
    out: list[EscoTitle] = []
    for link in read_occupation_mapping(mapping_path):
        if link.is_isco_group:
            continue
        labels = [(link.esco_label_sv, "sv")]
        occ = occupations.get(link.esco_uri)
        if occ is not None:
            labels += [(occ.label_en, "en"), *((alt, "en") for alt in occ.alt_labels_en)]
        for text, lang in dict.fromkeys(labels):
            if text:
                isco = occ.isco_code if occ is not None else ""
                out.append(EscoTitle(text, lang, link.esco_uri, link.jobtech_concept_id, link.match_type, isco))
    return out
