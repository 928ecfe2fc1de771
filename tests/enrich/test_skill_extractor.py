"""Skill extraction: documented examples on the toy taxonomy, spans, stoplist, real data."""

from __future__ import annotations

import pickle

import pytest

from kompetensbron.enrich.occupation_classifier import build_lexicon
from kompetensbron.enrich.skill_extractor import SkillExtractor
from kompetensbron.enrich.skill_gazetteer import generic_surfaces, skill_surfaces, surface_key

from .conftest import ESCO


@pytest.fixture(scope="module")
def extractor(toy_snapshot, toy_sources) -> SkillExtractor:
    lexicon = build_lexicon(toy_snapshot, toy_sources)
    background = [["En text om arbete.", "Budgetansvar är viktigt."] + ["Vi söker en kollega."] * 100]
    return SkillExtractor.build(toy_snapshot, lexicon, background=background)


def labels(extractor: SkillExtractor, text: str) -> list[str]:
    return [m.label for m in extractor.extract(text)]


def test_documented_example_two_skills(extractor):
    text = "erfarenhet av projektledning och budgetansvar"
    found = extractor.extract(text)
    assert [(m.concept_id, m.text) for m in found] == [("projled", "projektledning"), ("budget", "budgetansvar")]
    for m in found:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "Projektledning",
        "projektledningen",
        "Vi söker en projektledare",
        "Projektledningserfarenhet krävs",
        "IT-projektledning",
    ],
)
def test_inflection_agent_noun_and_compounds_find_projektledning(extractor, text):
    assert [m.concept_id for m in extractor.extract(text)] == ["projled"]


def test_span_of_inflected_and_compound_forms(extractor):
    (m,) = extractor.extract("Projektledningserfarenhet krävs")
    assert (m.start, m.end, m.text) == (0, 14, "Projektledning")
    (m,) = extractor.extract("god projektledningen")
    assert m.text == "projektledningen"


def test_compound_final_match(extractor):
    (m,) = extractor.extract("Erfarenhet av barnsjukvård")
    assert (m.concept_id, m.text, m.source) == ("sjukvard", "barnsjukvård", "compound")


def test_generic_esco_verbs_are_left_out(extractor):
    assert {"planera", "ta ansvar"} <= extractor.generic
    assert labels(extractor, "Du ska planera och ta ansvar för arbetet") == []
    assert "hantera budget" not in extractor.generic  # maps to a JobTech skill


def test_esco_label_maps_to_its_jobtech_skill(extractor):
    (m,) = extractor.extract("Du kan hantera budget")
    assert (m.concept_id, m.esco_uri, m.label, m.source) == ("budget", ESCO + "hantera-budget", "Budgetansvar", "esco")


def test_ambiguous_head_resolves_through_the_esco_exact_match(toy_snapshot):
    by_key = {s.key: s for s in skill_surfaces(toy_snapshot)}
    assert by_key["projektledning"].concept_id == "projled"  # not "Projektledning, IT"
    assert by_key["python"].label == "Python, programmeringsspråk"


def test_acronyms_match_in_capitals_only_and_english_labels_match(extractor):
    assert labels(extractor, "Kunskap i Python, SQL och machine learning") == [
        "Python, programmeringsspråk",
        "SQL, frågespråk",
        "Machine learning/Maskininlärning",
    ]
    assert labels(extractor, "sql") == []


def test_skill_ids_are_distinct_and_ordered(extractor):
    assert extractor.skill_ids("Budgetansvar, python och budgetansvaret") == ["budget", "python"]
    assert extractor.skill_ids("") == []


def test_document_share_rule(toy_snapshot, extractor):
    surfaces = skill_surfaces(toy_snapshot)
    generic = generic_surfaces(
        surfaces,
        [["sjukvård här", "sjukvård där", "python"]],
        count_documents=extractor.count_documents,
        max_document_share=0.5,
        min_documents=3,
    )
    assert "sjukvard" in generic and "python" not in generic
    assert surface_key("IT-projektledning") == "it projektledning"


def test_extractor_pickles(extractor):
    clone = pickle.loads(pickle.dumps(extractor))
    assert clone.skill_ids("projektledning") == ["projled"]


@pytest.mark.slow
def test_documented_skills_on_real_data(full_enricher):
    ex = full_enricher.extractor
    found = ex.extract("erfarenhet av projektledning och budgetansvar")
    assert [m.text for m in found] == ["projektledning", "budgetansvar"]
    assert [m.label for m in found] == ["Projektledning, erfarenhet", "Budgetansvar"]
    assert [m.text for m in ex.extract("Vi söker en projektledare")] == ["projektledare"]
    assert ex.extract("Du ska planera och ta ansvar") == []
