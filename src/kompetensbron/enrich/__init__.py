"""Enrichment of job-ad text: Swedish normalisation, occupation classification, skills.

Plain Python (no Django), usable in the CLI, in tests and on Spark workers. Importing this
package loads no model and opens no file; names are imported from their modules on first
use. The public API:

* :func:`load_enricher` → :class:`Enricher` (``enrich_frame(df)``, ``handle()`` for Spark)
* :func:`load_skill_extractor` → :class:`SkillExtractor` alone (no classifier is trained)
* :func:`classify_titles`, :func:`write_classifications_tsv`, :func:`extract_skills`
* :class:`OccupationClassifier` → :class:`Classification` / :class:`Alternative`
* :class:`SkillExtractor` → :class:`SkillMatch`
* :class:`SwedishLexicon`, :func:`fold`, :func:`match_form`, :func:`tokenize`
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "Alternative",
    "Classification",
    "Enricher",
    "EnricherHandle",
    "OccupationClassifier",
    "SkillExtractor",
    "SkillMatch",
    "SwedishLexicon",
    "classify_titles",
    "enrich_frame",
    "extract_skills",
    "fold",
    "load_enricher",
    "load_skill_extractor",
    "match_form",
    "tokenize",
    "write_classifications_tsv",
]

_HOME = {
    "Alternative": "occupation_classifier",
    "Classification": "occupation_classifier",
    "OccupationClassifier": "occupation_classifier",
    "Enricher": "pipeline",
    "EnricherHandle": "pipeline",
    "classify_titles": "pipeline",
    "enrich_frame": "pipeline",
    "extract_skills": "pipeline",
    "load_enricher": "pipeline",
    "load_skill_extractor": "pipeline",
    "write_classifications_tsv": "pipeline",
    "SkillExtractor": "skill_extractor",
    "SkillMatch": "skill_extractor",
    "SwedishLexicon": "swedish_text",
    "fold": "swedish_text",
    "match_form": "swedish_text",
    "tokenize": "swedish_text",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
