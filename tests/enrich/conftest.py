"""A toy taxonomy for enrichment unit tests, and the full model for the slow ones.

The toy has a handful of SSYK groups, occupation-names, skills and ESCO labels shaped like
the real snapshot records (the real record classes, so the code sees what it sees in
production); the slow fixture builds the enricher from the real data directory once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kompetensbron.enrich.reference_texts import EnrichmentSources, KeywordRecord, SkillDescription, VocationRecord
from kompetensbron.sources.esco_mapping import EscoMappingRecord, EscoSkillRecord
from kompetensbron.sources.taxonomy_records import IscoLinkRecord, OccupationNameRecord, SkillRecord, SsykRecord

ESCO = "http://data.europa.eu/esco/skill/"


@dataclass
class ToySnapshot:
    ssyk: list[SsykRecord] = field(default_factory=list)
    occupation_names: list[OccupationNameRecord] = field(default_factory=list)
    isco_links: list[IscoLinkRecord] = field(default_factory=list)
    skills: list[SkillRecord] = field(default_factory=list)
    esco_skills: list[EscoSkillRecord] = field(default_factory=list)
    esco_mappings: list[EscoMappingRecord] = field(default_factory=list)


def _group(code: str, label: str, definition: str = "") -> SsykRecord:
    return SsykRecord(code, 4, f"g{code}", label, definition, code[:3])


GROUPS = [
    _group("2221", "Grundutbildade sjuksköterskor", "Planerar och utför omvårdnad av patienter."),
    _group("2222", "Barnmorskor", "Ger vård vid graviditet och förlossning."),
    _group("2232", "Barnsjuksköterskor", "Vårdar sjuka barn."),
    _group("2341", "Grundskollärare", "Undervisar elever i grundskolan."),
    _group("2512", "Mjukvaru- och systemutvecklare m.fl.", "Analyserar, designar och utvecklar IT-system."),
    _group("5411", "Brandmän", "Släcker bränder och gör räddningsinsatser."),
    _group("9111", "Städare", "Städar lokaler."),
    _group("3322", "Företagssäljare", "Säljer varor och tjänster till företag."),
]
NAMES = [
    OccupationNameRecord("sjuk_grund", "Sjuksköterska, grundutbildad", "2221"),
    OccupationNameRecord("barnmorska", "Barnmorska", "2222"),
    OccupationNameRecord("barnsjuk", "Barnsjuksköterska", "2232"),
    OccupationNameRecord("larare16", "Lärare i grundskolan, årskurs 1-6", "2341"),
    OccupationNameRecord("grundlarare", "Grundlärare, F-3", "2341"),
    OccupationNameRecord("mjukvara", "Mjukvaruutvecklare", "2512"),
    OccupationNameRecord("systemutv", "Systemutvecklare/Programmerare", "2512"),
    OccupationNameRecord("backend", "Backend-utvecklare", "2512"),
    OccupationNameRecord("brandman", "Brandman", "5411"),
    OccupationNameRecord("stadare", "Städare", "9111"),
    OccupationNameRecord("kam", "Key account manager/KAM", "3322"),
    OccupationNameRecord("saljare", "Företagssäljare", "3322"),
]
SKILLS = [
    SkillRecord("projled", "Projektledning, erfarenhet"),
    SkillRecord("projled_it", "Projektledning, IT"),
    SkillRecord("budget", "Budgetansvar"),
    SkillRecord("python", "Python, programmeringsspråk"),
    SkillRecord("sql", "SQL, frågespråk"),
    SkillRecord("sjukvard", "Sjukvård"),
    SkillRecord("ml", "Machine learning/Maskininlärning"),
]
ESCO_SKILLS = [
    EscoSkillRecord(ESCO + "projektledning", "projektledning"),
    EscoSkillRecord(ESCO + "planera", "planera"),
    EscoSkillRecord(ESCO + "planera-arbete", "planera arbete"),
    EscoSkillRecord(ESCO + "planera-resor", "planera resor"),
    EscoSkillRecord(ESCO + "planera-moten", "planera möten"),
    EscoSkillRecord(ESCO + "planera-budget", "planera budget"),
    EscoSkillRecord(ESCO + "planera-skift", "planera skift"),
    EscoSkillRecord(ESCO + "ta-ansvar", "ta ansvar"),
    EscoSkillRecord(ESCO + "ta-prov", "ta prover"),
    EscoSkillRecord(ESCO + "ta-betalt", "ta betalt"),
    EscoSkillRecord(ESCO + "ta-emot", "ta emot gäster"),
    EscoSkillRecord(ESCO + "ta-hand", "ta hand om patienter"),
    EscoSkillRecord(ESCO + "hantera-budget", "hantera budget"),
]
ESCO_MAPPINGS = [
    EscoMappingRecord(ESCO + "projektledning", "projled", "Projektledning, erfarenhet", "skos:exactMatch"),
    EscoMappingRecord(ESCO + "projektledning", "projled_it", "Projektledning, IT", "skos:narrowMatch"),
    EscoMappingRecord(ESCO + "hantera-budget", "budget", "Budgetansvar", "skos:closeMatch"),
]


@pytest.fixture(scope="session")
def toy_snapshot() -> ToySnapshot:
    return ToySnapshot(GROUPS, NAMES, [], SKILLS, ESCO_SKILLS, ESCO_MAPPINGS)


@pytest.fixture(scope="session")
def toy_sources() -> EnrichmentSources:
    vocations = [
        VocationRecord("lärare", "unknown"),
        VocationRecord("lärarinna", "female"),
        VocationRecord("städerska", "female"),
        VocationRecord("sömmerska", "female"),
        VocationRecord("sömmare", "unknown"),
        VocationRecord("brandkvinna", "female"),
        VocationRecord("yrkeskvinna", "female"),
        VocationRecord("yrkesman", "male"),
        VocationRecord("sköterska", "unknown"),
        VocationRecord("barn", "unknown"),
        VocationRecord("skola", "unknown"),
        VocationRecord("mjukvara", "unknown"),
        VocationRecord("utvecklare", "unknown"),
        VocationRecord("ingenjör", "unknown"),
        VocationRecord("hemtjänst", "unknown"),
        VocationRecord("erfarenhet", "unknown"),
        VocationRecord("sjuk", "unknown"),
    ]
    return EnrichmentSources(
        vocations=vocations,
        stopwords=frozenset("i och av för inom en ett som till med på är vi du".split()),
        keywords=[KeywordRecord("kw1", "Programmerare inom IT", ("systemutv",), ("Systemutvecklare/Programmerare",))],
        legacy_names=[],
        skill_descriptions=[SkillDescription("Budgetansvar", "Budgetansvar innebär att ansvara för en budget.")],
    )


@pytest.fixture(scope="session")
def toy_enricher(toy_snapshot, toy_sources):
    from kompetensbron.enrich.pipeline import build_enricher

    return build_enricher(toy_snapshot, toy_sources, include_legacy=False)


@pytest.fixture(scope="session")
def full_enricher(tmp_path_factory):
    """The enricher built from the real data directory (slow: ~30 s on 2 cores)."""
    from kompetensbron.config import Settings
    from kompetensbron.enrich.pipeline import load_enricher

    settings = Settings()
    if not (Path(settings.data_dir) / "jobtech/taxonomy/skills.json").is_file():
        pytest.skip(f"no reference snapshot in {settings.data_dir}")
    var_dir = tmp_path_factory.mktemp("enrich-var")
    return load_enricher(Settings(data_dir=settings.data_dir, var_dir=var_dir))
