"""Readers of the extra snapshot files: typed records, errors naming file/line/key."""

from __future__ import annotations

import json

import pytest

from kompetensbron.enrich.reference_texts import (
    read_enrichment_sources,
    read_isco_definitions,
    read_keywords,
    read_legacy_occupation_names,
    read_skill_descriptions,
    read_stopwords,
    read_vocations,
)
from kompetensbron.errors import DataFileMalformed, DataFileMissing


def test_vocations(tmp_path):
    path = tmp_path / "yrken.csv"
    path.write_text("vocation,gender\nabbÃ©,male\nabbé,male\nLärarinna,female\n", encoding="utf-8")
    records = read_vocations(path)
    assert [(r.title, r.gender) for r in records] == [("abbé", "male"), ("lärarinna", "female")]


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("title,gender\n", "line 1"),
        ("vocation,gender\nx,other\n", "line 2.*gender"),
        ("vocation,gender\nx,male,3\n", "line 2"),
    ],
)
def test_vocations_malformed(tmp_path, content, match):
    path = tmp_path / "yrken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileMalformed, match=match):
        read_vocations(path)


def test_stopwords(tmp_path):
    path = tmp_path / "stop.csv"
    path.write_text("och\nI\n\n", encoding="utf-8")
    assert read_stopwords(path) == frozenset({"och", "i"})
    path.write_text("och\ntvå ord\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="line 2"):
        read_stopwords(path)
    with pytest.raises(DataFileMissing):
        read_stopwords(tmp_path / "none.csv")


def test_keywords(tmp_path):
    path = tmp_path / "kw.json"
    concepts = [
        {
            "id": "k1",
            "preferred_label": "Frissa",
            "type": "keyword",
            "related": [{"id": "o1", "preferred_label": "Frisör", "type": "occupation-name"}],
        },
        {
            "id": "k2",
            "preferred_label": "Silversmide",
            "type": "keyword",
            "related": [{"id": "f", "preferred_label": "Konst", "type": "sun-education-field-4"}],
        },
    ]
    path.write_text(json.dumps({"data": {"concepts": concepts}}), encoding="utf-8")
    (record,) = read_keywords(path)
    assert (record.label, record.occupation_ids, record.occupation_labels) == ("Frissa", ("o1",), ("Frisör",))
    concepts[0]["related"][0].pop("id")
    path.write_text(json.dumps({"data": {"concepts": concepts}}), encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="key 'id'"):
        read_keywords(path)


def test_legacy_names(tmp_path):
    path = tmp_path / "values.json"
    values = [
        {
            "type": "occupation-name",
            "concept_id": "a",
            "label": "Styckmästare",
            "parent": {"legacy_ams_taxonomy_id": "7611"},
        },
        {"type": "municipality", "concept_id": "m", "label": "Ånge"},
    ]
    path.write_text(json.dumps(values), encoding="utf-8")
    (record,) = read_legacy_occupation_names(path)
    assert (record.label, record.ssyk_code) == ("Styckmästare", "7611")
    values[0]["parent"]["legacy_ams_taxonomy_id"] = "76"
    path.write_text(json.dumps(values), encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="parent"):
        read_legacy_occupation_names(path)


def test_skill_descriptions(tmp_path):
    path = tmp_path / "desc.json"
    path.write_text(json.dumps({"Budgetansvar": "Att ansvara för en budget."}), encoding="utf-8")
    assert read_skill_descriptions(path)[0].label == "Budgetansvar"
    path.write_text(json.dumps({"Budgetansvar": 3}), encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="Budgetansvar"):
        read_skill_descriptions(path)


def test_sources_of_an_empty_directory_are_empty(tmp_path):
    sources = read_enrichment_sources(tmp_path)
    assert sources.files == [] and sources.vocations == [] and sources.stopwords == frozenset()


def test_isco_definitions(tmp_path):
    path = tmp_path / "isco.json"
    concepts = [{"id": "i", "isco_code_08": "2221", "preferred_label": "Sjuksköterskor", "definition": "Vårdar."}]
    path.write_text(json.dumps({"data": {"concepts": concepts}}), encoding="utf-8")
    assert read_isco_definitions(path) == {"2221": "Vårdar."}
    concepts[0].pop("isco_code_08")
    path.write_text(json.dumps({"data": {"concepts": concepts}}), encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="isco_code_08"):
        read_isco_definitions(path)
