"""Reciprocal scoring with reasons, on a toy taxonomy (no Django)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kompetensbron.matchning.scoring import (
    OpportunityIndex,
    OpportunityRecord,
    StudentRecord,
    score_pair,
)

LABELS = {
    "py": "Python",
    "sql": "SQL",
    "git": "Git",
    "stat": "Statistik",
    "weld": "Svetsning",
    "care": "Omvårdnad",
    "doc": "Dokumentation",
}


def opp(i, **kw):
    base = dict(id=i, kind="degree_project", kommun="2281", fa_region="FA1", lan="22")
    base.update(kw)
    return OpportunityRecord(**base)


STUDENT = StudentRecord(
    skills=frozenset({"py", "sql", "git", "stat"}),
    kommuner=frozenset({"2281"}),
    fa_regions=frozenset({"FA1"}),
    lans=frozenset({"22"}),
    kinds=frozenset({"degree_project"}),
    available_from=dt.date(2026, 1, 1),
    available_to=dt.date(2026, 6, 30),
    kommun_names={"2281": "Sundsvall"},
)


def test_four_of_five_required_names_the_missing_skill():
    o = opp(1, required=("py", "sql", "git", "stat", "weld"))
    s = score_pair(STUDENT, o, LABELS)
    assert s.reasons[0] == "täcker 4 av 5 krav; saknas: Svetsning"
    assert s.required_covered == 4 and s.missing == ("Svetsning",)
    assert "i önskad kommun Sundsvall" in s.reasons
    assert s.skill_fit == pytest.approx(0.8)
    assert s.score == pytest.approx(2 * 0.8 * 1.0 / 1.8, abs=1e-4)


def test_everything_covered_in_a_preferred_kommun_scores_one():
    assert score_pair(STUDENT, opp(1, required=("py", "sql")), LABELS).score == 1.0


def test_place_period_and_kind_lower_the_student_side():
    same_fa = score_pair(STUDENT, opp(1, required=("py",), kommun="2280"), LABELS)
    same_lan = score_pair(STUDENT, opp(2, required=("py",), kommun="2262", fa_region="FA2"), LABELS)
    elsewhere = score_pair(STUDENT, opp(3, required=("py",), kommun="0126", fa_region="FA9", lan="01"), LABELS)
    remote = score_pair(
        STUDENT, opp(4, required=("py",), kommun="0126", fa_region="FA9", lan="01", remote=True), LABELS
    )
    assert same_fa.preference_fit == pytest.approx(0.5 * 0.6 + 0.5)
    assert same_lan.preference_fit == pytest.approx(0.5 * 0.3 + 0.5)
    assert elsewhere.preference_fit == pytest.approx(0.5) and "utanför dina önskade orter" in elsewhere.reasons
    assert remote.preference_fit == 1.0 and "på distans" in remote.reasons
    late = score_pair(STUDENT, opp(5, required=("py",), period_start=dt.date(2026, 9, 1)), LABELS)
    assert late.preference_fit == pytest.approx(0.75) and "perioden passar inte din tillgänglighet" in late.reasons
    other_kind = score_pair(STUDENT, opp(6, required=("py",), kind="summer_job"), LABELS)
    assert other_kind.preference_fit == pytest.approx(0.75 + 0.25 * 0.2)


def test_no_skill_in_common_scores_zero():
    assert score_pair(STUDENT, opp(1, required=("weld", "care")), LABELS).score == 0.0


def test_desirable_only_and_no_skills():
    d = score_pair(STUDENT, opp(1, desirable=("py", "weld")), LABELS)
    assert d.skill_fit == pytest.approx(0.5) and d.reasons[0] == "1 av 2 meriterande"
    n = score_pair(STUDENT, opp(2), LABELS)
    assert n.skill_fit == 0.5 and n.reasons[0] == "inga kompetenser angivna"


def _random_records(rng, n):
    skills = list(LABELS)
    kinds = ["degree_project", "placement", "summer_job"]
    out = []
    for i in range(n):
        start = dt.date(2026, rng.randint(1, 12), 1) if rng.random() < 0.8 else None
        out.append(
            opp(
                i,
                kind=rng.choice(kinds),
                required=tuple(rng.sample(skills, rng.randint(0, 4))),
                desirable=tuple(rng.sample(skills, rng.randint(0, 3))),
                kommun=rng.choice(["2281", "2280", "0126", ""]),
                fa_region=rng.choice(["FA1", "FA2", ""]),
                lan=rng.choice(["22", "01", ""]),
                ssyk=rng.choice(["2512", "2511", "2221", "3411", ""]),
                period_start=start,
                period_end=start + dt.timedelta(days=rng.randint(0, 120)) if start else None,
                remote=rng.random() < 0.1,
            )
        )
    return out


@pytest.mark.parametrize("seed", range(10))
def test_vectorised_index_gives_the_pair_scores(seed):
    rng = random.Random(seed)
    records = _random_records(rng, 300)
    index = OpportunityIndex(records, LABELS)
    ranking = index.rank(STUDENT, top=300, neighbours=0)
    by_id = {r.id: r for r in records}
    for scored in ranking.matches:
        assert scored == score_pair(STUDENT, by_id[scored.id], LABELS)
    expected = sorted(
        (r for r in records if score_pair(STUDENT, r, LABELS).score > 0),
        key=lambda r: (-score_pair(STUDENT, r, LABELS).score, r.id),
    )
    assert [m.id for m in ranking.matches] == [r.id for r in expected]


def test_neighbouring_occupations_are_suggested_outside_the_top():
    records = [
        opp(1, ssyk="2512", required=("py", "sql")),
        opp(2, ssyk="2512", required=("py", "git")),
        opp(3, ssyk="2511", required=("weld", "stat")),  # same SSYK-3 (251), weaker
        opp(4, ssyk="2221", required=("care", "doc")),  # nothing shared: no score at all
    ]
    ranking = OpportunityIndex(records, LABELS).rank(STUDENT, top=2, neighbours=3)
    assert [m.id for m in ranking.matches] == [1, 2]
    assert [n.id for n in ranking.neighbours] == [3]
    assert ranking.neighbours[0].reasons[0] == "närliggande yrke (SSYK 2511)"
    assert ranking.neighbours[0].neighbour


def test_empty_index_and_unknown_student_skills():
    assert OpportunityIndex([]).rank(STUDENT).matches == []
    student = StudentRecord(skills=frozenset({"not-in-any-opportunity"}))
    assert OpportunityIndex([opp(1, required=("py",))]).rank(student).matches == []
