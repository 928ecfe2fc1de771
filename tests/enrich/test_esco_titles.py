"""ESCO occupation labels as title examples: weights, leave-concepts-out honesty, the spelling
corrector leaving real titles alone, English titles, and the leave-concepts-out folds."""

from __future__ import annotations

from dataclasses import replace

from kompetensbron.enrich.evaluation import calibration, concept_folds
from kompetensbron.enrich.occupation_classifier import OccupationClassifier, build_lexicon
from kompetensbron.enrich.reference_texts import EscoTitle
from kompetensbron.enrich.swedish_text import fold
from kompetensbron.enrich.title_baseline import CharNgramBaseline
from kompetensbron.enrich.title_examples import ESCO_LINK_WEIGHTS, title_examples
from kompetensbron.enrich.title_features import EXACT, OTHER, REGIMES, gazetteer
from kompetensbron.sources.taxonomy_records import IscoLinkRecord

O = "http://data.europa.eu/esco/occupation/"
TITLES = [
    EscoTitle("mjukvaruutvecklare", "sv", O + "dev", "mjukvara", "skos:exactMatch"),
    EscoTitle("software developer", "en", O + "dev", "mjukvara", "skos:exactMatch"),
    EscoTitle("software engineer", "en", O + "dev", "mjukvara", "skos:exactMatch"),
    EscoTitle("firefighter", "en", O + "fire", "brandman", "skos:exactMatch"),
    EscoTitle("fire fighter", "en", O + "fire", "brandman", "skos:exactMatch"),
    EscoTitle("sjuksköterska med allmän inriktning", "sv", O + "nurse", "sjuk_grund", "skos:broadMatch"),
    EscoTitle("general nurse", "en", O + "nurse", "sjuk_grund", "skos:broadMatch"),
    EscoTitle("general nurse", "en", O + "nurse", "barnsjuk", "skos:narrowMatch"),
]


def _sources(toy_sources):
    return replace(toy_sources, esco_titles=list(TITLES))


def test_esco_labels_become_weighted_examples_of_the_mapped_group(toy_snapshot, toy_sources):
    examples = [e for e in title_examples(toy_snapshot, _sources(toy_sources)) if e.origin == "esco"]
    got = {(e.text, e.ssyk): e.weight for e in examples}
    assert got[("software developer", "2512")] == ESCO_LINK_WEIGHTS["skos:exactMatch"] * 0.7
    assert got[("sjuksköterska med allmän inriktning", "2221")] == ESCO_LINK_WEIGHTS["skos:broadMatch"]
    assert got[("general nurse", "2232")] == ESCO_LINK_WEIGHTS["skos:narrowMatch"] * 0.7  # one label, two groups
    assert not [
        e for e in title_examples(toy_snapshot, _sources(toy_sources), include_esco=False) if e.origin == "esco"
    ]


def test_left_out_names_cannot_come_back_through_esco(toy_snapshot, toy_sources):
    examples = title_examples(toy_snapshot, _sources(toy_sources), exclude_concepts={"barnsjuk", "mjukvara"})
    esco = {(e.text, e.ssyk) for e in examples if e.origin == "esco"}
    # the nurse ESCO occupation also maps to the left-out "Barnsjuksköterska": dropped entirely
    assert not any(text == "general nurse" for text, _ in esco)
    # the label equal to the left-out name "Mjukvaruutvecklare" is dropped with its occupation
    assert not any(fold(text) == "mjukvaruutvecklare" for text, _ in esco)
    assert ("firefighter", "5411") in esco


def test_spelling_corrector_leaves_every_word_of_real_titles_alone(toy_snapshot, toy_sources):
    lexicon = build_lexicon(toy_snapshot, _sources(toy_sources))
    for title in (
        [t.text for t in TITLES]
        + [v.title for v in toy_sources.vocations]
        + [n.label for n in toy_snapshot.occupation_names]
    ):
        for word in fold(title).replace(",", " ").replace("/", " ").split():
            if word.isalpha():
                assert lexicon.correct(word) == word, (title, word)


def test_english_titles_reach_their_group_through_esco_labels(toy_snapshot, toy_sources):
    model = OccupationClassifier.build(toy_snapshot, _sources(toy_sources), calibrate=False)
    assert model.classify("Software Developer - Stockholm").ssyk == "2512"
    assert model.classify("Firefighters").ssyk == "5411"


def test_baseline_classifies_with_char_ngrams(toy_snapshot, toy_sources):
    model = CharNgramBaseline.build(title_examples(toy_snapshot, toy_sources, include_esco=False))
    (res,) = model.classify_many(["Mjukvaruutvecklare"])
    assert res.ssyk == "2512" and 0 < res.score <= 1 and len(res.alternatives) == 5


def test_concept_folds_are_disjoint_and_stratified(toy_snapshot):
    folds = concept_folds(toy_snapshot, 3, seed=0)
    assert sum(len(f) for f in folds) == len(set().union(*folds))  # disjoint
    held = set().union(*folds)
    # only groups with ≥ 3 names are held out: 2512 has three names, every other toy group fewer
    assert held == {"mjukvara", "systemutv", "backend"} and all(len(f) == 1 for f in folds)


def test_calibration_measures():
    cal = calibration([0.95, 0.92, 0.91, 0.2], [True, False, True, False])
    assert (cal.confident_n, cal.confident_accuracy) == (3, 2 / 3)
    assert abs(cal.ece - (abs(0.9267 - 2 / 3) * 3 + 0.2) / 4) < 1e-3


ISCO = {O + "dev": "2512", O + "fire": "5411", O + "nurse": "2221"}
ISCO_LINKS = [
    IscoLinkRecord("2512", "2512", "i2512", "Software developers"),
    IscoLinkRecord("2221", "2221", "i2221", "Nursing professionals"),
    IscoLinkRecord("2232", "2221", "i2221", "Nursing professionals"),
]


def test_independent_esco_labels_reach_the_groups_of_their_own_isco_group(toy_snapshot, toy_sources):
    snapshot = replace(toy_snapshot, isco_links=ISCO_LINKS)
    sources = replace(toy_sources, esco_titles=[replace(t, isco_code=ISCO[t.esco_uri]) for t in TITLES])
    strict = title_examples(snapshot, sources, exclude_concepts={"mjukvara"})
    assert not any(fold(e.text) == "mjukvaruutvecklare" for e in strict if e.origin == "esco")
    independent = {
        (e.text, e.ssyk, e.weight)
        for e in title_examples(snapshot, sources, exclude_concepts={"mjukvara"}, esco_independent=True)
        if e.origin == "esco"
    }
    # ESCO's own ISCO-08 group, not the JobTech mapping: the held-out name's ESCO label comes back
    assert ("mjukvaruutvecklare", "2512", 0.6) in independent
    assert ("software engineer", "2512", 0.4) in independent
    # an ISCO group spanning two SSYK-4 groups shares the weight
    assert ("general nurse", "2221", 0.2) in independent and ("general nurse", "2232", 0.2) in independent
    # no ISCO link for 5411 in the key: firefighter only through the mapping
    assert {s for t, s, _ in independent if t == "firefighter"} == {"5411"}


def test_a_title_equal_only_to_another_label_has_its_own_gazetteer_regime(toy_snapshot, toy_sources):
    model = OccupationClassifier.build(toy_snapshot, _sources(toy_sources), calibrate=False)
    assert len(model.temperatures) == len(model.bonuses) == REGIMES
    fitted = model._f
    assert gazetteer(fitted, model.lexicon.analyse("Brandman")[1])[1] == EXACT
    assert gazetteer(fitted, model.lexicon.analyse("firefighter")[1])[1] == OTHER
    assert model.classify("firefighter").exact and model.classify("Brandmän").exact
