"""Course → occupation map: toy taxonomy unit tests, and a slow sanity check on real data.

The toy's skill extractor is a small keyword gazetteer (same ``extract`` → matches with
``skill_id`` and ``label`` as :class:`kompetensbron.enrich.SkillExtractor`), so these tests
pin the mapping, not the extractor another module tunes.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kompetensbron.analysis.occupation_mapping import (
    TSV_HEADER,
    CourseText,
    OccupationMapper,
    read_syllabus_texts,
    write_mapping_tsv,
)
from kompetensbron.analysis.occupation_profiles import build_occupation_profiles, simple_terms
from kompetensbron.sources.reference_files import SsykSunRecord
from kompetensbron.sources.taxonomy_records import OccupationNameRecord, SsykRecord


@dataclass(frozen=True)
class Match:
    concept_id: str
    label: str

    @property
    def skill_id(self) -> str:
        return self.concept_id


class KeywordExtractor:
    """Finds a skill wherever its keyword starts a word (folded, so 'omvårdnaden' matches)."""

    def __init__(self, keywords: dict[str, tuple[str, str]]) -> None:
        self.keywords = keywords

    def extract(self, text: str) -> list[Match]:
        words = simple_terms(text)
        return [Match(*skill) for key, skill in self.keywords.items() if any(w.startswith(key) for w in words)]


SKILLS = {
    "omvardnad": ("omv", "Omvårdnad"),
    "lakemedel": ("lak", "Läkemedelshantering"),
    "undervis": ("und", "Undervisning"),
    "programmering": ("prog", "Programmering"),
    "databas": ("db", "Databaser"),
    "redovisning": ("red", "Redovisning"),
    "forskning": ("fou", "Forskning"),
}


def _group(code: str, label: str, definition: str) -> SsykRecord:
    return SsykRecord(code, 4, f"c{code}", label, definition, code[:3])


@dataclass
class ToySnapshot:
    ssyk: list = field(default_factory=list)
    occupation_names: list = field(default_factory=list)
    ssyk_sun: list = field(default_factory=list)


@pytest.fixture(scope="module")
def snapshot() -> ToySnapshot:
    groups = [
        SsykRecord("22", 2, "c22", "Yrken inom hälso- och sjukvård", "", "2"),
        SsykRecord("222", 3, "c222", "Sjuksköterskor", "", "22"),
        _group("2221", "Grundutbildade sjuksköterskor", "Ansvarar för omvårdnad och läkemedelshantering."),
        _group("2341", "Grundskollärare", "Planerar och genomför undervisning i grundskolan."),
        _group("2512", "Mjukvaru- och systemutvecklare", "Utvecklar system med programmering och databaser."),
        _group("2411", "Revisorer", "Granskar redovisning och förvaltning."),
        _group("2311", "Professorer", "Bedriver forskning och undervisning vid universitet."),
        _group("5321", "Undersköterskor", "Utför omvårdnad i hemtjänst och äldreboende."),
        _group("9111", "Städare", "Städar lokaler."),
    ]
    names = [
        OccupationNameRecord("n1", "Sjuksköterska, grundutbildad", "2221"),
        OccupationNameRecord("n2", "Lärare i grundskolan", "2341"),
        OccupationNameRecord("n3", "Systemutvecklare", "2512"),
        OccupationNameRecord("n4", "Redovisningskonsult", "2411"),
    ]
    official = [SsykSunRecord("2221", "723a"), SsykSunRecord("5321", "723b"), SsykSunRecord("2341", "142a")]
    return ToySnapshot(groups, names, official)


@pytest.fixture(scope="module")
def mapper(snapshot) -> OccupationMapper:
    return OccupationMapper.create(snapshot, KeywordExtractor(SKILLS), analyzer=simple_terms)


NURSING = CourseText(
    "OM001G",
    "Omvårdnad GR (A), Sjuksköterskans profession, 7,5 hp",
    "Omvårdnad",
    ("redogöra för sjuksköterskans ansvar för omvårdnad", "beskriva säker läkemedelshantering"),
    "GR",
)
PROGRAMMING = CourseText(
    "DT001G", "Datateknik GR (A), Programmering, 7,5 hp", "Datateknik", ("skriva program med programmering i Python",)
)


def test_profiles_say_where_each_skill_came_from(snapshot):
    ads = {"2221": (100, {"lak": 40, "fou": 1}), "9111": (10, {"red": 5})}
    profiles = build_occupation_profiles(snapshot, KeywordExtractor(SKILLS), ad_skills=ads).by_code()
    nurse = {s.skill_id: s for s in profiles["2221"].skills}
    assert nurse["omv"].sources == ("definition",)
    assert nurse["lak"].sources == ("definition", "job_ads")  # 40 % of the ads: counted
    assert nurse["lak"].weight == pytest.approx(1 + 3.0 * 0.40)
    assert "fou" not in nurse  # one ad: below MIN_AD_COUNT
    assert {s.skill_id for s in profiles["9111"].skills} == {"red"}  # 5 of 10 ads
    assert {s.skill_id: s.sources for s in profiles["2411"].skills}["red"] == ("definition", "occupation_name")
    assert profiles["2221"].parents == ("Sjuksköterskor", "Yrken inom hälso- och sjukvård")
    assert "Sjuksköterska, grundutbildad" in profiles["2221"].text
    assert set(profiles) == {"2221", "2341", "2512", "2411", "2311", "5321", "9111"}  # level 4 only


def test_nursing_course_maps_to_the_nurse_group_with_evidence(mapper):
    (mapping,) = mapper.map_courses([NURSING])
    best = mapping.suggestions[0]
    assert (mapping.code, best.ssyk, best.rank, best.provenance) == ("OM001G", "2221", 1, "skill_overlap")
    assert {m.label for m in best.evidence.matched_skills} == {"Omvårdnad", "Läkemedelshantering"}
    assert best.evidence.skill_score > 0 and best.evidence.text_score > 0
    assert "sjukskoterskans" in best.evidence.top_terms or "omvardnad" in best.evidence.top_terms
    assert 0 < best.score <= 1
    assert best.score == pytest.approx(0.4 * best.evidence.skill_score + 0.6 * best.evidence.text_score)
    assert mapping.suggestions[1].ssyk == "5321"  # also omvårdnad, no läkemedel
    json.dumps(best.evidence.as_json())  # storable as JSON


def test_programming_course_maps_to_developers(mapper):
    (mapping,) = mapper.map_courses([PROGRAMMING])
    assert mapping.suggestions[0].ssyk == "2512"
    assert mapping.suggestions[0].evidence.matched_skills[0].label == "Programmering"


def test_programme_with_a_sun_field_gets_the_official_link_first(mapper):
    mapping = mapper.map_programme("723a", [NURSING, PROGRAMMING], code="SJUKG", top=4)
    first, *rest = mapping.suggestions
    assert (first.ssyk, first.provenance, first.score, first.rank) == ("2221", "official_ssyk_sun", 1.0, 1)
    assert first.evidence.sun_field == "723a"
    assert [s.provenance for s in rest] == ["skill_overlap"] * 3
    assert "2221" not in {s.ssyk for s in rest}  # not suggested twice
    assert [s.rank for s in mapping.suggestions] == [1, 2, 3, 4]
    # a 3-digit SUN group reaches every field under it; no SUN field → skill overlap only
    assert [s.provenance for s in mapper.map_programme("723", [NURSING], top=3).suggestions][:2] == [
        "official_ssyk_sun"
    ] * 2
    assert {s.provenance for s in mapper.map_programme(None, [NURSING]).suggestions} == {"skill_overlap"}


def test_tsv_has_a_header_and_top_5_rows_per_course_best_first(mapper):
    mappings = mapper.map_courses([NURSING, PROGRAMMING, CourseText("X1", "Tom kurs")], top=5)
    out = io.StringIO()
    assert write_mapping_tsv(mappings, out) == 15
    lines = out.getvalue().splitlines()
    assert lines[0] == "course_code\trank\tssyk\tscore\tprovenance" == "\t".join(TSV_HEADER)
    rows = [line.split("\t") for line in lines[1:]]
    for code in ("OM001G", "DT001G", "X1"):
        mine = [r for r in rows if r[0] == code]
        assert [int(r[1]) for r in mine] == [1, 2, 3, 4, 5]
        scores = [float(r[3]) for r in mine]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
        assert all(re.fullmatch(r"\d{4}", r[2]) and r[4] == "skill_overlap" for r in mine)


def test_syllabus_adapter_reads_ilos_or_the_outcomes_text(tmp_path: Path):
    path = tmp_path / "kursplaner.jsonl"
    rows = [
        {
            "Kurskod": "A1",
            "KursplanBenamning": "Omvårdnad GR (A), 7,5 hp",
            "AmneBeskrivning": "Omvårdnad",
            "ilos": ["x", "y"],
            "NivaForkortning": "GR",
        },
        {
            "Kurskod": "B2",
            "KursplanBenamning": "Kemi",
            "AmneBeskrivning": "Kemi",
            "ilos": [],
            "UtbildningMal": "kunna titrera",
        },
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    a, b = read_syllabus_texts(path)
    assert (a.code, a.subject, a.outcomes, a.level) == ("A1", "Omvårdnad", ("x", "y"), "GR")
    assert b.outcomes == ("kunna titrera",)


# ------------------------------------------------------------------------------------ real data


@pytest.mark.slow
def test_real_omvardnad_courses_map_to_health_care_groups():
    from kompetensbron.config import get_settings

    settings = get_settings()
    syllabi = Path(settings.data_dir) / "education" / "kursplaner_miun.jsonl"
    if not syllabi.is_file() or not (Path(settings.data_dir) / "jobtech").is_dir():
        pytest.skip(f"no data snapshot with syllabi at {settings.data_dir}")
    from kompetensbron.enrich import load_skill_extractor
    from kompetensbron.sources.reference_files import read_reference_snapshot

    courses = read_syllabus_texts(syllabi)
    mapper = OccupationMapper.create(
        read_reference_snapshot(settings.data_dir), load_skill_extractor(settings), background=courses
    )
    nursing = [c for c in courses if c.subject == "Omvårdnad"]
    assert len(nursing) > 200
    mappings = mapper.map_courses(nursing)
    in_top5 = sum(any(s.ssyk.startswith("22") for s in m.suggestions) for m in mappings)
    assert in_top5 / len(mappings) >= 0.9
