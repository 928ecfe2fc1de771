"""The DataFrame pipeline, the CLI-ready API, caching and the Spark-friendly handle."""

from __future__ import annotations

import io
import pickle
from types import SimpleNamespace

import pandas as pd
import pytest

from kompetensbron.enrich.model_cache import model_path
from kompetensbron.enrich.pipeline import (
    OUTPUT_COLUMNS,
    Enricher,
    build_skill_extractor,
    classify_titles,
    extract_skills,
    input_hash,
    load_skill_extractor,
    write_classifications_tsv,
)
from kompetensbron.errors import DataFileMalformed, DataFileMissing


def ads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "headline": ["Sjuksköterskor sökes", "", None, "Mjukvaruutvecklare"],
            "description": ["Erfarenhet av projektledning och budgetansvar", None, "Python och SQL", ""],
        }
    )


def test_enrich_frame_adds_the_columns(toy_enricher):
    frame = ads()
    out = toy_enricher(frame)
    assert list(out.columns) == ["id", "headline", "description", *OUTPUT_COLUMNS]
    assert out["ssyk_pred"].tolist() == ["2221", "", "", "2512"]
    assert out["occupation_concept_pred"].tolist() == ["sjuk_grund", "", "", "mjukvara"]
    assert out["occupation_score"].tolist()[1:3] == [0.0, 0.0]
    assert 0 < out["occupation_score"][0] <= 1
    assert out["skill_ids"].tolist() == [["projled", "budget"], [], ["python", "sql"], []]
    assert "ssyk_pred" not in frame.columns  # the input is not changed


def test_enrich_frame_requires_the_text_columns(toy_enricher):
    with pytest.raises(DataFileMalformed, match="description"):
        toy_enricher(pd.DataFrame({"headline": ["x"]}))


def test_handle_is_small_and_loads_once_per_process(toy_enricher, tmp_path):
    with pytest.raises(DataFileMissing):
        Enricher(toy_enricher.classifier, toy_enricher.extractor).handle()
    toy_enricher.save(tmp_path / "enricher.pkl")
    handle = toy_enricher.handle()
    data = pickle.dumps(handle)
    assert len(data) < 500
    clone = pickle.loads(data)
    assert clone(ads())["ssyk_pred"].tolist() == ["2221", "", "", "2512"]
    assert clone.load() is clone.load()
    assert handle.version == "enricher"
    assert toy_enricher.version.startswith("enricher-")


def test_enricher_pickles_by_value(toy_enricher):
    clone = pickle.loads(pickle.dumps(toy_enricher))
    assert clone(ads())["skill_ids"].tolist()[0] == ["projled", "budget"]


def test_load_refuses_foreign_files(tmp_path):
    path = tmp_path / "x.pkl"
    path.write_bytes(pickle.dumps(({"format": "other"}, None)))
    with pytest.raises(DataFileMalformed, match="format"):
        Enricher.load(path)


def test_classify_titles_keeps_order_and_empty_lines(toy_enricher):
    lines = ["Brandman\n", "\n", "Städerska\n"]
    results = list(classify_titles(lines, toy_enricher.classifier, batch_size=2))
    assert [r.ssyk for r in results] == ["5411", "", "9111"]
    assert results[1].score == 0.0


def test_write_classifications_tsv(toy_enricher):
    out = io.StringIO()
    rows = write_classifications_tsv(["Brandman", "", "Barnmorska"], out, toy_enricher.classifier)
    lines = out.getvalue().splitlines()
    assert rows == 3
    assert lines[0] == "title\tssyk\tconcept_id\tscore"
    assert lines[1].startswith("Brandman\t5411\tbrandman\t")
    assert lines[2] == "\t\t\t0.0000"
    assert lines[3].startswith("Barnmorska\t2222\tbarnmorska\t")


def test_extract_skills_with_an_extractor(toy_enricher):
    (m,) = extract_skills("budgetansvar", toy_enricher.extractor)
    assert (m.concept_id, m.start, m.end) == ("budget", 0, 12)


def test_input_hash_changes_with_the_files(tmp_path):
    (tmp_path / "svensktext").mkdir()
    stop = tmp_path / "svensktext" / "stoppord_stoppord.csv"
    stop.write_text("och\n", encoding="utf-8")
    first = input_hash(tmp_path)
    assert first == input_hash(tmp_path)
    stop.write_text("och\ni\n", encoding="utf-8")
    assert input_hash(tmp_path) != first


@pytest.mark.slow
def test_load_enricher_caches_by_input_hash(full_enricher):
    from kompetensbron.enrich.pipeline import _LOADED, load_enricher

    assert full_enricher.path is not None and full_enricher.path.is_file()
    assert full_enricher.input_hash[:16] in full_enricher.path.name
    assert full_enricher.version == full_enricher.handle().version == full_enricher.path.stem
    _LOADED.clear()
    from kompetensbron.config import Settings

    again = load_enricher(Settings(data_dir=Settings().data_dir, var_dir=full_enricher.path.parent.parent))
    assert again.path == full_enricher.path
    assert again.classifier.fingerprint() == full_enricher.classifier.fingerprint()
    out = again(ads())
    assert out["ssyk_pred"].tolist()[0] == "2221"


def test_enrich_an_empty_frame(toy_enricher):
    out = toy_enricher(pd.DataFrame({"headline": [], "description": []}))
    assert list(out.columns) == ["headline", "description", *OUTPUT_COLUMNS]
    assert len(out) == 0


TOY_TEXTS = (
    "Erfarenhet av projektledning och budgetansvar",
    "Projektledningserfarenhet, Python och SQL; du ska planera budget och ta hand om patienter.",
    "Vi söker dig med kunskaper i maskininlärning (machine learning) och sjukvård.",
    "",
)
#: Ad-like Swedish with compounds, inflections, acronyms and ESCO phrases (the real snapshot).
REAL_TEXTS = (
    "Vi söker en sjuksköterska med erfarenhet av läkemedelshantering, journalföring och ledarskap.",
    "Du har goda kunskaper i Python, SQL och Java samt erfarenhet av agila metoder och Scrum.",
    "Projektledningserfarenhet och budgetansvar är meriterande; B-körkort krävs.",
    "Arbetsuppgifterna omfattar svetsning, truckkörning och underhåll av maskiner enligt ritningar.",
    "Undervisning i matematik och svenska, betygssättning och kontakt med vårdnadshavare.",
    "Redovisning, bokslut och löneadministration i Visma; du talar engelska och tyska flytande.",
)


def _same_extractor(alone, enriched, texts) -> None:
    assert alone.generic == enriched.generic
    assert alone.surfaces == enriched.surfaces
    for text in texts:
        assert alone.extract(text) == enriched.extract(text), text


def test_skill_extractor_built_alone_equals_the_enrichers(toy_snapshot, toy_sources, toy_enricher):
    alone = build_skill_extractor(toy_snapshot, toy_sources)
    assert alone.skill_ids(TOY_TEXTS[0]) == ["projled", "budget"]
    _same_extractor(alone, toy_enricher.extractor, TOY_TEXTS)


def test_load_skill_extractor_takes_a_cached_enrichers_extractor_and_caches_it_alone(toy_enricher, tmp_path):
    """No classifier is trained and nothing is built: the data dir is empty, so a build would fail."""
    settings = SimpleNamespace(data_dir=tmp_path / "data", model_cache_dir=tmp_path / "models")
    settings.data_dir.mkdir()
    digest = input_hash(settings.data_dir)
    enricher = pickle.loads(pickle.dumps(toy_enricher))
    enricher.input_hash = digest
    enricher.save(model_path(settings, "enricher", digest))
    stale = settings.model_cache_dir / "skills-0123456789abcdef.pkl"
    stale.write_bytes(b"older data or code")

    extractor = load_skill_extractor(settings)
    _same_extractor(extractor, toy_enricher.extractor, TOY_TEXTS)
    assert load_skill_extractor(settings) is extractor  # once per process
    alone = model_path(settings, "skills", digest)
    assert alone.is_file() and not stale.exists() and enricher.path.is_file()

    enricher.path.unlink()  # a new process reads the extractor's own (smaller) file
    from kompetensbron.enrich.pipeline import _LOADED_EXTRACTORS

    _LOADED_EXTRACTORS.pop(str(alone))
    assert load_skill_extractor(settings).skill_ids(TOY_TEXTS[0]) == ["projled", "budget"]
    assert extract_skills(TOY_TEXTS[0], load_skill_extractor(settings))[0].concept_id == "projled"


@pytest.mark.slow
def test_skill_extractor_loaded_alone_equals_the_full_enrichers(full_enricher, tmp_path):
    """Built without the classifier on the real snapshot: the same skills as the enricher's."""
    from kompetensbron.config import Settings

    settings = SimpleNamespace(data_dir=Settings().data_dir, model_cache_dir=tmp_path)
    alone = load_skill_extractor(settings)  # an empty models dir: built, not taken from the enricher
    assert alone is not full_enricher.extractor
    assert model_path(settings, "skills", full_enricher.input_hash).is_file()
    assert sum(len(alone.skill_ids(t)) for t in REAL_TEXTS) >= 2 * len(REAL_TEXTS)
    _same_extractor(alone, full_enricher.extractor, REAL_TEXTS)
