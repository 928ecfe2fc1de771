"""Scoring functions of the evaluation (on the toy taxonomy)."""

from __future__ import annotations

import pytest

from kompetensbron.enrich.evaluation import (
    SkillCase,
    TitleCase,
    held_out_title_cases,
    score_skills,
    score_titles,
    skill_sentence_cases,
)
from kompetensbron.enrich.occupation_classifier import Alternative, Classification


def fake(ssyk: str, *others: str) -> Classification:
    alts = tuple(Alternative(code, "", "", 0.1) for code in (ssyk, *others))
    return Classification(ssyk, "", "", 0.8, alts)


def test_score_titles_per_level():
    cases = [TitleCase("a", "2221", None, "raw"), TitleCase("b", "2512", None, "raw")]
    answers = {"a": fake("2222", "2221"), "b": fake("2511")}
    scores = score_titles(lambda texts: [answers[t] for t in texts], cases)
    assert scores.at1 == {1: 1.0, 2: 1.0, 3: 1.0, 4: 0.0}
    assert scores.at5 == {1: 1.0, 2: 1.0, 3: 1.0, 4: 0.5}
    other = score_titles(lambda texts: [fake("3110")] * len(texts), cases)
    assert other.at1 == {1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}
    assert scores.mean_score == pytest.approx(0.8)
    assert scores.brier == pytest.approx(0.64)


def test_score_skills_micro_prf():
    cases = [SkillCase("x", frozenset({"a", "b"}), "t"), SkillCase("y", frozenset({"c"}), "t")]
    found = {"x": ["a", "z"], "y": []}
    s = score_skills(lambda text: found[text], cases)
    assert (s.precision, s.recall, s.unmatched_share) == (0.5, pytest.approx(1 / 3), 0.5)
    assert score_skills(lambda text: found[text], cases, recall_only=True).precision == 1.0


def test_held_out_cases_come_from_excluded_names(toy_snapshot):
    excluded, cases = held_out_title_cases(toy_snapshot)
    names = {r.concept_id: r for r in toy_snapshot.occupation_names}
    assert excluded and {c.ssyk for c in cases} == {names[i].ssyk_code for i in excluded}


def test_skill_sentences_use_known_skills(toy_enricher):
    cases = skill_sentence_cases(toy_enricher.extractor, n=12)
    assert len(cases) == 12
    assert all(2 <= len(c.gold) <= 3 for c in cases)
    assert score_skills(toy_enricher.extractor.skill_ids, cases).recall > 0.8
