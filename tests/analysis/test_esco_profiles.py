"""ESCO skill profiles of SSYK-4 groups: weights on a toy ESCO, the public look-up on the real files."""

from __future__ import annotations

import pytest

from kompetensbron.analysis.esco_profiles import ISCO_WEIGHT, LINK_WEIGHTS, OPTIONAL_WEIGHT, build_esco_profiles
from kompetensbron.analysis.occupation_profiles import build_occupation_profiles, occupation_skill_profile
from kompetensbron.config import get_settings
from kompetensbron.errors import UnknownConcept
from kompetensbron.sources.esco_occupations import (
    EscoOccupation,
    EscoOccupationData,
    EscoOccupationLink,
    EscoSkill,
    OccupationSkillRelation,
)
from kompetensbron.sources.taxonomy_records import IscoLinkRecord

O = "http://data.europa.eu/esco/occupation/"
S = "http://data.europa.eu/esco/skill/"


@pytest.fixture
def toy_esco() -> EscoOccupationData:
    occupations = [
        EscoOccupation(f"{O}nurse", "2221", "general nurse", ()),
        EscoOccupation(f"{O}midwife", "2222", "midwife", ()),
        EscoOccupation(f"{O}nurse-sp", "2221", "specialist nurse", ()),
    ]
    relations = [
        OccupationSkillRelation(f"{O}nurse", True, "skill/competence", f"{S}care"),
        OccupationSkillRelation(f"{O}nurse", False, "skill/competence", f"{S}drugs"),
        OccupationSkillRelation(f"{O}nurse-sp", True, "skill/competence", f"{S}care"),
        OccupationSkillRelation(f"{O}nurse-sp", True, "skill/competence", f"{S}drugs"),
        OccupationSkillRelation(f"{O}midwife", True, "skill/competence", f"{S}birth"),
    ]
    skills = [EscoSkill(f"{S}{k}", k, "skill/competence", "", ()) for k in ("care", "drugs", "birth")]
    links = [
        EscoOccupationLink(f"{O}nurse", "sjuksköterska, grundutbildad", "n1", "Sjuksköterska", "skos:exactMatch"),
        EscoOccupationLink(f"{O}midwife", "barnmorska", "n2", "Barnmorska", "skos:broadMatch"),
        EscoOccupationLink(
            "http://data.europa.eu/esco/isco/C2221", "Sjuksköterskor", "n1", "Sjuksköterska", "skos:narrowMatch"
        ),
    ]
    return EscoOccupationData(relations, occupations, skills, links, {})


def test_weights_are_essential_above_optional_over_the_groups_occupations(toy_esco):
    profiles = build_esco_profiles(
        toy_esco,
        ssyk_codes=["2221", "2222", "9999"],
        name_groups={"n1": "2221", "n2": "2222"},
        isco_links=[IscoLinkRecord("2221", "2221", "x", "Sjuksköterskor")],
        skill_labels_sv={f"{S}care": "ge omvårdnad"},
        esco_to_jobtech={f"{S}drugs": "JT-drugs"},
    )
    assert set(profiles) == {"2221", "2222"}  # 9999 reaches no ESCO occupation
    nurse = profiles["2221"]
    # general nurse by exactMatch (1.0), specialist nurse only through ISCO 2221 (ISCO_WEIGHT)
    assert [(o.label_en, o.weight) for o in nurse.occupations] == [
        ("general nurse", 1.0),
        ("specialist nurse", ISCO_WEIGHT),
    ]
    total = 1.0 + ISCO_WEIGHT
    skills = {s.esco_uri.removeprefix(S): s for s in nurse.skills}
    assert skills["care"].weight == pytest.approx((1.0 + ISCO_WEIGHT) / total)  # essential to both
    assert skills["drugs"].weight == pytest.approx((OPTIONAL_WEIGHT + ISCO_WEIGHT) / total)
    assert (skills["care"].label, skills["care"].label_en, skills["care"].concept_id) == ("ge omvårdnad", "care", None)
    assert (skills["drugs"].label, skills["drugs"].concept_id, skills["drugs"].essential) == ("drugs", "JT-drugs", True)
    assert [s.esco_uri for s in nurse.skills][0] == f"{S}care"  # heaviest first
    midwife = profiles["2222"]
    assert [(o.weight, o.via) for o in midwife.occupations] == [
        (LINK_WEIGHTS["skos:broadMatch"], "mapping: broadMatch Barnmorska")
    ]
    assert [(s.esco_uri, s.weight) for s in midwife.skills] == [(f"{S}birth", 1.0)]


def test_occupation_profiles_take_esco_skills_with_their_source(toy_esco):
    from tests.analysis.test_occupation_mapping import SKILLS, KeywordExtractor, ToySnapshot, _group

    snapshot = ToySnapshot([_group("2221", "Grundutbildade sjuksköterskor", "Ansvarar för omvårdnad.")])
    esco = build_esco_profiles(
        toy_esco, ssyk_codes=["2221"], name_groups={"n1": "2221"}, esco_to_jobtech={f"{S}care": "omv"}
    )
    (profile,) = build_occupation_profiles(snapshot, KeywordExtractor(SKILLS), esco=esco).profiles
    skills = {s.skill_id: s for s in profile.skills}
    assert skills["omv"].sources == ("definition", "esco_essential")  # one skill, two sources
    assert skills["omv"].esco_uri == f"{S}care" and skills["omv"].essential
    assert skills[f"{S}drugs"].sources == ("esco_optional",)
    assert "sjuksköterska, grundutbildad" in profile.text  # the Swedish ESCO occupation label


@pytest.mark.slow
def test_real_profile_of_nurses_holds_essential_care_skills_in_swedish():
    if not (get_settings().data_dir / "esco" / "occupationSkillRelations.csv.gz").is_file():
        pytest.skip("no ESCO occupation files")
    skills = occupation_skill_profile("2221")
    assert len(skills) > 20
    top = {s.label for s in skills[:40]}
    assert "ge omvårdnad" in top
    assert all(s.esco_uri.startswith("http://data.europa.eu/esco/skill/") for s in skills)
    assert skills == sorted(skills, key=lambda s: -s.weight)
    assert any(s.essential for s in skills) and all(s.sources[0].startswith("esco_") for s in skills)
    assert sum(bool(s.label_en) for s in skills) == len(skills)
    with pytest.raises(UnknownConcept):
        occupation_skill_profile("0000")
    with pytest.raises(UnknownConcept):
        occupation_skill_profile("22x1")
