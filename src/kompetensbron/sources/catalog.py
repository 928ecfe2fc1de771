"""The catalogue of official datasets the platform reads, declared once.

Every loader names the datasets it reads by key; ``kompetensbron info`` lists them and
the provenance records in the database point back to them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kompetensbron.errors import DataFileMissing

__all__ = ["Dataset", "DATASETS", "dataset", "resolve", "file_sha256"]


@dataclass(frozen=True, slots=True)
class Dataset:
    key: str
    path: str  # relative to the data directory
    title: str
    publisher: str
    version: str
    licence: str
    required: bool = True


_TAXONOMY_2025 = "JobTech Taxonomy static datasets, snapshot 2025-12"
_DATASETS = [
    Dataset("ssyk-1", "jobtech/taxonomy/ssyk-level-1-groups.json", "SSYK 2012 major groups", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data"),
    Dataset("ssyk-2", "jobtech/taxonomy/ssyk-level-2-groups.json", "SSYK 2012 sub-major groups", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data"),
    Dataset("ssyk-4", "jobtech/taxonomy/ssyk-level-4-groups.json", "SSYK 2012 unit groups with definitions", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data"),
    Dataset("ssyk-hierarchy", "jobtech/taxonomy/the-ssyk-hierarchy-with-occupations.json", "SSYK hierarchy with occupation-names", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data"),
    Dataset("ssyk-isco", "jobtech/taxonomy/ssyk-level-4-with-related-isco-level-4-groups.json", "SSYK-4 ↔ ISCO-08 links", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data"),
    Dataset("skills", "jobtech/taxonomy/skills.json", "JobTech skills", "JobTech / Arbetsförmedlingen", _TAXONOMY_2025, "JobTech open data"),
    Dataset("sun-levels", "jobtech/taxonomy/sun-level-hierarchy.json", "SUN 2020 levels", "SCB via JobTech", _TAXONOMY_2025, "JobTech open data"),
    Dataset("sun-fields", "jobtech/taxonomy/sun-field-hierarchy.json", "SUN 2020 fields", "SCB via JobTech", _TAXONOMY_2025, "JobTech open data"),
    Dataset("taxonomy-2021-values", "jobtech/taxonomy-2021/values.json", "JobTech taxonomy values (~2021): occupation-names, municipalities, regions", "JobTech / Arbetsförmedlingen", "JobTech Taxonomy ~v1 (2021)", "Apache-2.0"),
    Dataset("esco-jobtech", "esco/SE_NSC_ESCO_109_skills_mapping_2023-11-30.csv", "Official ESCO 1.0.9 ↔ JobTech v21 skill mapping with Swedish ESCO labels (SKOS)", "ESCO / Arbetsförmedlingen", "ESCO 1.0.9 / JobTech taxonomy v21, 2023-11-30", "ESCO CC BY 4.0"),
    Dataset("esco-relations", "esco/occupationSkillRelations.csv.gz", "ESCO occupation ↔ skill relations (essential / optional)", "European Commission (ESCO)", "ESCO v1.1.1", "CC BY 4.0", required=False),
    Dataset("esco-occupations", "esco/occupations_en.csv", "ESCO occupations with ISCO-08 groups, English labels", "European Commission (ESCO)", "ESCO v1.1.1", "CC BY 4.0", required=False),
    Dataset("esco-skills", "esco/skills_en.csv", "ESCO skills and knowledge, English labels", "European Commission (ESCO)", "ESCO v1.1.1", "CC BY 4.0", required=False),
    Dataset("esco-occupation-mapping", "esco/SE_mapping_occupations_v1.1.1.csv", "Swedish ESCO ↔ JobTech occupation mapping (ESCO - SE NOC, SKOS)", "ESCO / Arbetsförmedlingen", "ESCO v1.1.1 / JobTech taxonomy v18", "ESCO CC BY 4.0", required=False),
    Dataset("saco-from-county", "graduates/saco2015_follow_students_from_county.csv", "Saco: students from each län — study län → län of residence ten years later", "Saco (SCB register data)", "Saco 2015, cohort HT2000–VT2003", "terms not stated", required=False),
    Dataset("saco-in-county", "graduates/saco2015_follow_students_in_county.csv", "Saco: students in each län — origin → län of residence ten years later", "Saco (SCB register data)", "Saco 2015, cohort HT2000–VT2003", "terms not stated", required=False),
    Dataset("uhr-admissions", "graduates/uhr_antagningsstatistik_2010-2022_scraped.json", "UHR admission statistics per programme and term (applicants, first-hand applicants, admitted)", "UHR (scraped)", "2010–2022", "UHR public statistics", required=False),
    Dataset("ssyk-sun", "scb-sun/ssyk_sun2020_kopplingsschema_af.csv", "SSYK-4 ↔ SUN 2020 linking table", "Arbetsförmedlingen", "AF working file (SUN 2020)", "public"),
    Dataset("lan", "svensktext/platser_lan.csv", "Län with population", "SCB via svensktext", "svensktext snapshot", "free reuse"),
    Dataset("kommuner", "svensktext/platser_kommuner.csv", "Kommuner with population and area", "SCB via svensktext", "svensktext snapshot", "free reuse"),
    Dataset("fa-regions", "af-yrkesbarometer/kommuner.xlsx", "Kommun → FA-region (FA15)", "Tillväxtverket / Arbetsförmedlingen", "FA15", "public"),
    Dataset("geo-kommuner", "geo/swedish_municipalities.geojson", "Kommun boundaries (simplified)", "okfse/sweden-geojson", "snapshot", "free reuse"),
    Dataset("geo-lan", "geo/swedish_regions.geojson", "Län boundaries (simplified)", "okfse/sweden-geojson", "snapshot", "free reuse"),
    Dataset("geo-fa", "af-yrkesbarometer/fa_regioner_tillvaxtverket.kml", "FA-region boundaries (FA15)", "Tillväxtverket", "FA15", "public", required=False),
]
DATASETS: dict[str, Dataset] = {d.key: d for d in _DATASETS}


def dataset(key: str) -> Dataset:
    return DATASETS[key]


def resolve(data_dir: Path, key: str) -> Path:
    """The absolute path of a dataset in ``data_dir``; raises if it is missing."""
    ds = DATASETS[key]
    path = Path(data_dir) / ds.path
    if not path.is_file():
        raise DataFileMissing(
            f"dataset '{ds.title}' not found. Set KOMPETENSBRON_DATA_DIR to a directory with the "
            f"official snapshot layout (see README, 'Data'), or run 'kompetensbron init --online'.",
            path=path,
        )
    return path


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
