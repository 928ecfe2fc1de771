"""English names of JobTech occupation-names from ESCO: where Sweden's ESCO ↔ JobTech occupation
mapping (``esco-occupation-mapping``) says an occupation-name is an *exact match* of an ESCO
occupation, the ESCO occupation's English preferred label (``esco-occupations``) is its English
name. Close, broad and narrow matches are not names of the same occupation and are left out.

Read once per process from the two files (the one data-file cache: a replaced file is read again);
without the files there are no English names and the pages show the Swedish ones.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kompetensbron.config import get_settings
from kompetensbron.errors import KompetensbronError

__all__ = ["english_occupation_names", "english_names_from"]

log = logging.getLogger(__name__)


def english_names_from(occupations, links) -> dict[str, str]:
    """JobTech concept id → English label, from parsed ESCO occupations and mapping links
    (exact matches to an ESCO occupation only; a concept with two different exact matches gets none)."""
    labels = {o.uri: o.label_en for o in occupations if o.label_en}
    found: dict[str, set[str]] = {}
    for link in links:
        if link.match_type != "skos:exactMatch" or link.esco_uri not in labels:
            continue
        found.setdefault(link.jobtech_concept_id, set()).add(labels[link.esco_uri])
    return {concept: next(iter(names)) for concept, names in found.items() if len(names) == 1}


def english_occupation_names(data_dir: Path | None = None) -> dict[str, str]:
    """JobTech occupation-name concept id → its English (ESCO) name; {} without the ESCO files."""
    from kompetensbron.sources.catalog import resolve
    from kompetensbron.sources.esco_occupations import read_esco_occupations, read_occupation_mapping
    from kompetensbron.sources.file_cache import cached

    base = Path(data_dir or get_settings().data_dir)
    try:
        occupations_path = resolve(base, "esco-occupations")
        mapping_path = resolve(base, "esco-occupation-mapping")
        if not (occupations_path.is_file() and mapping_path.is_file()):
            return {}
        return cached(
            "esco-english-occupation-names",
            [occupations_path, mapping_path],
            lambda: english_names_from(read_esco_occupations(occupations_path), read_occupation_mapping(mapping_path)),
        )
    except (KompetensbronError, OSError) as exc:
        log.warning("no English occupation names: %s", exc)
        return {}
