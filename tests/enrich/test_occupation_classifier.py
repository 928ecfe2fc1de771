"""Occupation classifier on the toy taxonomy, and the documented examples on real data."""

from __future__ import annotations

import pickle

import pytest

from kompetensbron.enrich.occupation_classifier import Classification, OccupationClassifier
from kompetensbron.errors import DataFileMalformed, DataFileMissing


@pytest.fixture(scope="module")
def toy_model(toy_snapshot, toy_sources) -> OccupationClassifier:
    return OccupationClassifier.build(toy_snapshot, toy_sources)


@pytest.mark.parametrize(
    ("title", "ssyk"),
    [
        ("Sjuksköterska", "2221"),
        ("sjukskoterska", "2221"),
        ("Sjuksköterskor", "2221"),
        ("sjuksköterskan", "2221"),
        ("Barnmorskor", "2222"),
        ("Mjukvaruutvecklare", "2512"),
        ("Programmerare", "2512"),
        ("Lärare i grundskolan", "2341"),
        ("Brandkvinna", "5411"),
        ("Städerska", "9111"),
        ("Key account manager", "3322"),
    ],
)
def test_toy_titles(toy_model, title, ssyk):
    result = toy_model.classify(title)
    assert result.ssyk == ssyk
    assert 0.0 < result.score <= 1.0


def test_result_has_name_and_ranked_alternatives(toy_model):
    result = toy_model.classify("Barnsjuksköterskor", k=3)
    assert (result.ssyk, result.concept_id, result.label) == ("2232", "barnsjuk", "Barnsjuksköterska")
    assert result.exact
    assert [a.ssyk for a in result.alternatives][0] == "2232"
    assert len(result.alternatives) == 3
    scores = [a.score for a in result.alternatives]
    assert scores == sorted(scores, reverse=True)
    assert result.ssyk_label == "Barnsjuksköterskor"


def test_probabilities_sum_to_one(toy_model):
    p, exact = toy_model.probabilities(["Brandman", "okänd titel"])
    assert p.shape == (2, len(toy_model.classes))
    assert p.sum(axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    assert list(exact) == [True, False]


def test_empty_text_gives_empty_result(toy_model):
    assert toy_model.classify("   ") == Classification("", "", "", 0.0)
    results = toy_model.classify_many(["Brandman", "", "Brandman"])
    assert [r.ssyk for r in results] == ["5411", "", "5411"]


def test_save_load_roundtrip_and_pickling(toy_model, tmp_path):
    path = tmp_path / "model.pkl"
    toy_model.save(path, input_hash="abc")
    loaded = OccupationClassifier.load(path, input_hash="abc")
    assert loaded.classify("Städare").ssyk == "9111"
    assert loaded.fingerprint() == toy_model.fingerprint()
    assert pickle.loads(pickle.dumps(toy_model)).classify("Brandman").ssyk == "5411"
    with pytest.raises(DataFileMalformed, match="input_hash"):
        OccupationClassifier.load(path, input_hash="other")


def test_load_refuses_missing_and_foreign_files(tmp_path):
    with pytest.raises(DataFileMissing):
        OccupationClassifier.load(tmp_path / "none.pkl")
    bad = tmp_path / "bad.pkl"
    bad.write_bytes(b"not a pickle")
    with pytest.raises(DataFileMalformed, match="bad.pkl"):
        OccupationClassifier.load(bad)
    other = tmp_path / "other.pkl"
    other.write_bytes(pickle.dumps(({"format": "something else"}, 1)))
    with pytest.raises(DataFileMalformed, match="format"):
        OccupationClassifier.load(other)


# ---------------------------------------------------------------------- real data (slow)
@pytest.mark.slow
@pytest.mark.parametrize(
    ("title", "ssyk"),
    [
        ("sjukskoterska", "2221"),  # "Sjuksköterska, grundutbildad" is in 2221
        ("Sjuksköterskor", "2221"),
        ("sjuksköterskan", "2221"),
        ("sjuksjöterska", "2221"),
        ("Barnmorskor", "2222"),
        ("mjukvaruutvecklare", "2512"),
        ("Lärare i grundskolan", "2341"),
        ("Data scientist", "2511"),
        ("Key account manager", "3322"),
        ("Brandkvinna", "5411"),
        ("Sjuksköterskor sökes", "2221"),
    ],
)
def test_documented_titles_on_real_data(full_enricher, title, ssyk):
    result = full_enricher.classifier.classify(title)
    assert result.ssyk == ssyk, (title, result)


@pytest.mark.slow
@pytest.mark.parametrize(("title", "ssyk"), [("Software Developer - Stockholm", "2512"), ("Registered nurse", "2221")])
def test_english_titles_through_esco_labels(full_enricher, title, ssyk):
    # ESCO v1.1.1 English labels, mapped to JobTech occupation-names by the Swedish mapping
    assert full_enricher.classifier.classify(title).ssyk == ssyk


def test_gazetteer_regimes(toy_model):
    from kompetensbron.enrich.occupation_classifier import EXACT, NO_HIT, PART, _gazetteer

    lexicon = toy_model._f.lexicon

    def regime(text: str) -> int:
        return _gazetteer(toy_model._f, lexicon.analyse(text)[1])[1]

    assert regime("Städare") == EXACT
    assert regime("Städare sökes") == EXACT  # "sökes" is unknown, left out
    assert regime("Städare barn") == PART  # a run of known words is a title
    assert regime("okänd") == NO_HIT
    assert toy_model.classify("Städare barn").ssyk == "9111"
