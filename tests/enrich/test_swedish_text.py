"""The documented examples of kompetensbron.enrich.swedish_text, asserted exactly."""

from __future__ import annotations

import pickle

import pytest

from kompetensbron.enrich.swedish_text import SwedishLexicon, fold, match_form, tokenize

BASE = [
    "Sjuksköterska, grundutbildad",
    "Barnmorska",
    "Barnmorskestuderande",
    "Lärare i grundskolan",
    "Ingenjör",
    "Mjukvaruutvecklare",
    "Verksamhetsutvecklare",
    "lärare lärarinna städare städerska brandman brandkvinna yrkesman sömmare sångare värd",
    "barn mjukvara utvecklare sjuk sköterska hemtjänst verksamhet studerande skola",
]


@pytest.fixture(scope="module")
def lexicon() -> SwedishLexicon:
    return SwedishLexicon.build(
        BASE,
        stopwords=["i", "och", "inom"],
        protected_texts=["Sjuksköterska, grundutbildad", "Barnmorska", "Brandman"],
        female_titles=["lärarinna", "sångarinna", "städerska", "sömmerska", "brandkvinna", "yrkeskvinna"],
    )


def test_fold_is_lower_case_without_diacritics_and_keeps_length():
    assert fold("Sjuksköterska") == "sjukskoterska"
    assert fold("sjukskoterska") == fold("Sjuksköterska")
    assert fold("Café-ägare") == "cafe-agare"
    assert fold("Ørsted Æble Ñandú") == "orsted able nandu"
    assert fold("Straße Œuvre Þór ×2") == "strase ouvre tor ×2"  # Unidecode's first letter; symbols kept
    text = "İstanbul Åre Straße"
    assert len(fold(text)) == len(text)


def test_match_form_replaces_non_word_characters_by_spaces():
    assert match_form("IT-projektledning, C#") == "it projektledning  c#"
    assert len(match_form("Ärende: åtgärd!")) == len("Ärende: åtgärd!")


def test_tokenize_splits_hyphens_and_keeps_spans():
    tokens = tokenize("Frontend-utvecklare (C++)")
    assert [t.text for t in tokens] == ["frontend", "utvecklare", "c++"]
    assert [(t.start, t.end) for t in tokens] == [(0, 8), (9, 19), (21, 24)]


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("sjuksköterskor", "sjukskoterska"),
        ("sjuksköterskan", "sjukskoterska"),
        ("sjuksköterskorna", "sjukskoterska"),
        ("lärarna", "larare"),
        ("läraren", "larare"),
        ("ingenjörer", "ingenjor"),
        ("ingenjörerna", "ingenjor"),
        ("barnmorskor", "barnmorska"),
        ("sjuksköterska", "sjukskoterska"),
    ],
)
def test_lemma_of_plural_and_definite_forms(lexicon, word, lemma):
    assert lexicon.lemma(fold(word)) == lemma


def test_lemma_of_unknown_compound_uses_its_known_head(lexicon):
    assert lexicon.lemma("skolsjukskoterskorna") == "skolsjukskoterska"


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("barnsjuksköterska", ["barn", "sjukskoterska"]),
        ("mjukvaruutvecklare", ["mjukvara", "utvecklare"]),
        ("verksamhetsutvecklare", ["verksamhet", "utvecklare"]),
        ("barnmorskestuderande", ["barnmorska", "studerande"]),
        ("ingenjör", ["ingenjor"]),
    ],
)
def test_split_compounds(lexicon, word, parts):
    assert lexicon.split(fold(word)) == parts


def test_gendered_forms_learned_from_data(lexicon):
    assert ("kvinna", "man") in lexicon.gender_rules
    assert lexicon.degender("lararinna") == "larare"
    assert lexicon.degender("staderska") == "stadare"
    assert lexicon.degender("brandkvinna") == "brandman"
    assert lexicon.degender("sjukskoterska") == "sjukskoterska"  # an official title


def test_misspellings_are_corrected_to_known_words(lexicon):
    assert lexicon.correct(fold("sjuksjöterska")) == "sjukskoterska"
    assert lexicon.correct("barnmoska") == "barnmorska"
    assert lexicon.correct("kock") == "kock"  # too short to correct
    assert lexicon.analyse_word("sjukskotersak") == ("sjukskoterska", "sjuk", "skoterska")


def test_normalise_and_keys(lexicon):
    assert lexicon.normalise("Sjuksköterskor i hemtjänsten") == ["sjukskoterska", "sjuk", "skoterska", "hemtjanst"]
    features, gazetteer = lexicon.keys("Sjuksköterskor sökes")
    assert features == "sjukskoterska sjuk skoterska sokes"
    assert gazetteer == "sjukskoterska sjuk skoterska"


def test_lexicon_pickles_without_its_caches(lexicon):
    lexicon.analyse_word("barnsjukskoterskorna")
    clone = pickle.loads(pickle.dumps(lexicon))
    assert clone._cache == {}
    assert clone.analyse_word("barnsjukskoterskorna") == lexicon.analyse_word("barnsjukskoterskorna")
