"""Readers of the ESCO v1.1.1 occupation files: toy files for the rules, the real files for counts."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kompetensbron.config import get_settings
from kompetensbron.errors import DataFileMalformed, DataFileMissing
from kompetensbron.sources.esco_occupations import (
    read_esco_occupations,
    read_esco_skills,
    read_occupation_mapping,
    read_occupation_skill_relations,
)

OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
RELATIONS = (
    "occupationUri,relationType,skillType,skillUri\r\n"
    f"{OCC}o1,essential,knowledge,{SKILL}s1\r\n"
    f"{OCC}o1,optional,skill/competence,{SKILL}s2\r\n"
)


def test_relations_read_from_gzip_with_the_relation_type(tmp_path: Path):
    path = tmp_path / "rel.csv.gz"
    path.write_bytes(gzip.compress(RELATIONS.encode()))
    rows = read_occupation_skill_relations(path)
    assert [(r.occupation_uri, r.essential, r.skill_uri) for r in rows] == [
        (f"{OCC}o1", True, f"{SKILL}s1"),
        (f"{OCC}o1", False, f"{SKILL}s2"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        (RELATIONS + f"{OCC}o2,required,knowledge,{SKILL}s1\r\n", 4, "relationType"),
        (RELATIONS + f"{OCC}o2,essential,knowledge,http://example.org/s1\r\n", 4, "skillUri"),
        (RELATIONS + f"{OCC}o2,essential\r\n", 4, "skillType"),
        ("occupationUri,relationType,skillUri\r\n", 1, "skillType"),
    ],
)
def test_bad_relations_are_refused_with_line_and_column(tmp_path: Path, text: str, line: int, key: str):
    path = tmp_path / "rel.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_occupation_skill_relations(path)
    assert (err.value.line, err.value.key, err.value.path) == (line, key, path)
    assert str(path) in str(err.value)


def test_truncated_gzip_and_missing_file_are_refused(tmp_path: Path):
    path = tmp_path / "rel.csv.gz"
    path.write_bytes(gzip.compress((RELATIONS * 50).encode())[:-20])
    with pytest.raises(DataFileMalformed):
        read_occupation_skill_relations(path)
    with pytest.raises(DataFileMissing):
        read_occupation_skill_relations(tmp_path / "nothing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("occupationUri,relationType,skillType,skillUri\r\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="no records"):
        read_occupation_skill_relations(empty)


def test_occupations_keep_isco_group_and_multiline_alt_labels(tmp_path: Path):
    path = tmp_path / "occ.csv"
    path.write_text(
        "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels\r\n"
        f'Occupation,{OCC}o1,2221,nurse responsible for general care,"general nurse\r\nregistered nurse"\r\n'
        f"Occupation,{OCC}o2,22,bad,\r\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileMalformed) as err:
        read_esco_occupations(path)
    assert (err.value.line, err.value.key) == (4, "iscoGroup")  # the record after the 2-line one
    path.write_text(path.read_text(encoding="utf-8").rsplit(f"Occupation,{OCC}o2", 1)[0], encoding="utf-8")
    (occ,) = read_esco_occupations(path)
    assert (occ.isco_code, occ.alt_labels_en) == ("2221", ("general nurse", "registered nurse"))


def test_mapping_skips_the_metadata_block_and_no_relation_rows(tmp_path: Path):
    jt = "http://data.jobtechdev.se/taxonomy/concept/"
    header = "Classification 1 URI,Classification 1 PrefLabel,Classification 1 URL,Classification 2 URI,Classification 2 PrefLabel,Classification 2 URL,Mapping relation,Editorial note"
    path = tmp_path / "map.csv"
    path.write_text(
        "Column1,Column2\r\nMapping project name,ESCO - SE NOC\r\n,,,,,,,\r\n"
        + header
        + f'\r\n{OCC}o1,"sjuksköterska, grundutbildad",x,{jt}abc,Sjuksköterska,y,skos:exactMatch,\r\n'
        + f"http://data.europa.eu/esco/isco/C2221,Sjuksköterskor,x,{jt}abc,Sjuksköterska,y,skos:narrowMatch,\r\n"
        + f"{OCC}o3,x,x,{jt}zzz,y,y,no relation,\r\n",
        encoding="utf-8",
    )
    links = read_occupation_mapping(path)
    assert [(x.esco_label_sv, x.jobtech_concept_id, x.match_type, x.is_isco_group) for x in links] == [
        ("sjuksköterska, grundutbildad", "abc", "skos:exactMatch", False),
        ("Sjuksköterskor", "abc", "skos:narrowMatch", True),
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("skos:exactMatch", "skos:sameAs"), encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_occupation_mapping(path)
    assert (err.value.line, err.value.key) == (5, "Mapping relation")


@pytest.mark.slow
def test_real_files_have_the_documented_counts():
    esco = get_settings().data_dir / "esco"
    if not (esco / "occupationSkillRelations.csv.gz").is_file():
        pytest.skip("no ESCO occupation files in the data directory")
    relations = read_occupation_skill_relations(esco / "occupationSkillRelations.csv.gz")
    assert (len(relations), sum(r.essential for r in relations)) == (123_855, 64_946)  # SOURCES.md
    assert len({r.occupation_uri for r in relations}) == 3_008
    occupations = read_esco_occupations(esco / "occupations_en.csv")
    assert len(occupations) == 3_007 and len({o.isco_code for o in occupations}) == 426
    assert len(read_esco_skills(esco / "skills_en.csv")) == 13_896
    links = read_occupation_mapping(esco / "SE_mapping_occupations_v1.1.1.csv")
    assert len(links) == 5_529 - 5  # minus the five "no relation" rows
